"""`newstrace trace-shards`: trace sharded article files on Ray, resumable stage by stage.

OUTPUT/_checkpoints holds each stage's results as it finishes: the hashed batches (token
hashes and index entries, written by the hash tasks themselves), the candidate pairs, and each
align task's links. A run interrupted anywhere is resumed by running the same command again:
finished batches and tasks are read back, not recomputed. The manifest names the inputs and
settings the checkpoints belong to; other inputs or settings are refused rather than mixed.
For a multi-node cluster, OUTPUT must be a folder every node reaches at the same path.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from newstrace import progress
from newstrace.engines import ray as ray_engine
from newstrace.engines.ray import RayEngine, ShuffleStats
from newstrace.engines.steps import smaller_id_first
from newstrace.settings import Settings
from newstrace.shards.corpus import Prefetched, ShardCorpus, fingerprint_of_inputs, shard_files
from newstrace.shards.output import write_results
from newstrace.shards.translated import CHECKPOINT as TRANSLATIONS
from newstrace.shards.translated import shard_translations

CHECKPOINTS = "_checkpoints"
STAGES = ("read", "hash", "candidates", "align", "translations", "write")
REUSE_SETTINGS = ("shingle_tokens", "shingle_sample_modulus", "max_doc_frequency")


class CheckpointMismatch(ValueError):
    """OUTPUT holds checkpoints of other inputs or settings."""


@dataclass
class ShardRunSummary:
    """What a trace-shards run found and moved."""

    articles: int = 0
    links: int = 0
    cross_outlet_links: int = 0
    families: int = 0
    resumed_stages: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)


def _manifest(files: Sequence[Path], settings: Settings, partitions: int) -> dict[str, Any]:
    return {
        "inputs": fingerprint_of_inputs(files),
        "settings": {
            name: getattr(settings, name) for name in (*REUSE_SETTINGS, "min_shared_shingles")
        },
        "partitions": partitions,
        "hash_task_articles": ray_engine.HASH_TASK_ARTICLES,
        "align_task_pairs": ray_engine.ALIGN_TASK_PAIRS,
        "align_block_articles": ray_engine.ALIGN_BLOCK_ARTICLES,
    }


def _checkpoints(output: Path, manifest: dict[str, Any], restart: bool) -> Path:
    """The checkpoint folder for this run, checked against (or started with) the manifest."""
    folder = output / CHECKPOINTS
    saved = folder / "manifest.json"
    if restart and folder.exists():
        shutil.rmtree(folder)
    if saved.exists():
        before = json.loads(saved.read_text())
        # Only min_shared_shingles changed: the hashed batches still hold, later stages do not.
        if {**before, "settings": {}} != {**manifest, "settings": {}} or any(
            before["settings"][k] != manifest["settings"][k] for k in REUSE_SETTINGS
        ):
            raise CheckpointMismatch(
                f"{output} holds a run of other inputs or settings: "
                "use a new OUTPUT folder, or --restart to discard it"
            )
        if before["settings"] != manifest["settings"]:
            (folder / "pairs.npy").unlink(missing_ok=True)
            (folder / TRANSLATIONS).unlink(missing_ok=True)  # it leaves out the pairs linked
            shutil.rmtree(folder / "align", ignore_errors=True)
    for name in ("hash", "align"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    saved.write_text(json.dumps(manifest, indent=1))
    return folder


def trace_shards(
    inputs: Sequence[Path],
    output: Path,
    settings: Settings,
    engine: RayEngine,
    restart: bool = False,
    on_stage: Callable[[str], None] | None = None,
) -> ShardRunSummary:
    """Find every link among the articles of the shard files; write links and families."""
    announce = on_stage or (lambda stage: None)
    summary = ShardRunSummary()
    announce("read")
    corpus = ShardCorpus(shard_files(inputs))
    summary.articles = len(corpus)
    try:
        engine.connect()
        partitions = engine.partitions()
        folder = _checkpoints(
            output, _manifest(corpus_files(corpus), settings, partitions), restart
        )
        links = _links(corpus, settings, engine, folder, summary, announce)
    finally:
        engine.close()
    announce("write")
    with progress.stage("writing", len(links), "links"):
        summary.families = write_results(output, links, corpus.source_ids, corpus.outlets)
        progress.advance(len(links))
    summary.links = len(links)
    summary.cross_outlet_links = sum(1 for link in links if not link.same_outlet)
    summary.stats = asdict(engine.stats) if isinstance(engine.stats, ShuffleStats) else {}
    (output / "_SUCCESS").write_text(json.dumps(asdict(summary), indent=1))
    return summary


def corpus_files(corpus: ShardCorpus) -> list[Path]:
    """The shard files of a corpus."""
    return [Path(path) for path in corpus.files]


def _links(
    corpus: ShardCorpus,
    settings: Settings,
    engine: RayEngine,
    folder: Path,
    summary: ShardRunSummary,
    announce: Callable[[str], None],
) -> list[Any]:
    if len(corpus) < 2:
        return []
    announce("hash")
    if any((folder / "hash").iterdir()):
        summary.resumed_stages.append("hash")
    with progress.stage("hashing", len(corpus), "articles"):
        refs, sizes, pieces = engine.hash_and_split(
            corpus, settings, engine.partitions(), folder / "hash"
        )
    announce("candidates")
    saved = folder / "pairs.npy"
    if saved.exists():
        summary.resumed_stages.append("candidates")
        pairs = np.load(saved)
    else:
        is_new = np.ones(len(corpus), dtype=bool)
        with progress.stage("candidates", None, "pairs"):
            found = engine.pairs_from_pieces(pieces, is_new, len(corpus), settings)
            progress.advance(len(found))
        pairs = smaller_id_first(found, corpus)
        np.save(folder / "pairs.partial.npy", pairs)
        (folder / "pairs.partial.npy").replace(saved)
    del pieces
    announce("align")
    if any((folder / "align").iterdir()):
        summary.resumed_stages.append("align")
    with progress.stage("alignment", len(pairs), "pairs"):
        aligned = engine.align_chunks(refs, sizes, pairs, folder / "align")
    linked = pairs[[row for row, _ in aligned]].ravel().tolist() if aligned else []
    with progress.stage("passages", len(aligned), "links"):
        links = engine.links(Prefetched(corpus, linked), pairs, aligned)
        progress.advance(len(links))
    announce("translations")
    if (folder / TRANSLATIONS).exists():
        summary.resumed_stages.append("translations")
    with progress.stage("translations", len(corpus), "articles"):
        taken = [(link.a, link.b) for link in links]
        links += shard_translations(corpus, engine, taken, folder)
        progress.advance(len(corpus))
    return sorted(links, key=lambda link: (link.a, link.b))
