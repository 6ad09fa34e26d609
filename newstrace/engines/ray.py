"""The reuse stages on a Ray cluster: the same answers as LocalEngine, the work spread over tasks.

Dataflow of find_links (the driver holds object references, the tasks hold the data):

1. hash tasks, one per HASH_TASK_ARTICLES articles: token hashes (kept in the object store for
   alignment) and the sampled fingerprints cut into index entries by hash range, one piece per
   partition (newstrace.engines.ray_index);
2. partition tasks (the index shuffle: each gathers its piece from every hash task): the pairs
   its posting lists make, with counts, cut by first-article range;
3. combine tasks (the pair shuffle): counts of a pair summed over partitions, min_shared_shingles
   applied: the candidate pairs, in the local engine's order;
4. align tasks, pairs grouped by the blocks of their two articles so a task reads few token
   chunks; the driver turns the linked rows into ReuseLinks with character offsets.

The Engine methods (hash_articles, candidates, align) that `newstrace trace` calls run the same
tasks from data the driver holds. Bytes moved by each shuffle are counted in `stats`.
"""

from __future__ import annotations

import logging
import os
import pickle
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import ray

from newstrace import progress
from newstrace.engines import ray_tasks as tasks
from newstrace.engines import steps
from newstrace.engines.base import I64, Aligned, TextItem
from newstrace.engines.ray_index import split_entries
from newstrace.engines.ray_tasks import BodySource
from newstrace.models import ReuseLink
from newstrace.reuse.batches import TokenHashes, chunks
from newstrace.reuse.shingles import U64, Prints
from newstrace.settings import Settings
from newstrace.xling.translations import AlignedRow, Candidate, Text

Ref = Any  # a ray.ObjectRef
HASH_TASK_ARTICLES = 5_000  # articles per hash task (one token chunk in the object store)
ALIGN_TASK_PAIRS = 10_000  # pairs per align task
ALIGN_BLOCK_ARTICLES = 50_000  # pairs are grouped by their articles' blocks: few chunks per task
TRANSLATION_TASK_PAIRS = 2_000  # candidate pairs across languages aligned per task
TASKS_IN_FLIGHT_PER_WORKER = 2  # hash tasks submitted ahead (bounds bodies in the object store)


@dataclass
class ShuffleStats:
    """What a run moved between tasks and the largest worker it needed."""

    index_bytes: int = 0  # index entries (hash, article) sent to the partition tasks
    pair_bytes: int = 0  # pair counts sent from the partition to the combine tasks
    align_input_bytes: int = 0  # token hashes read by the align tasks
    token_bytes: int = 0  # token hashes of all articles, kept in the object store
    pairs: int = 0  # candidate pairs aligned
    worker_peak_rss_mb: float = 0.0
    tasks: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each stage

    def timed(self, stage: str, started: float) -> None:
        """Add the time since started to a stage's seconds."""
        self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started

    def task(self, kind: str, peak_mb: float, count: int = 1) -> None:
        """Record finished tasks of one kind and their process's peak memory."""
        self.tasks[kind] = self.tasks.get(kind, 0) + count
        self.worker_peak_rss_mb = max(self.worker_peak_rss_mb, peak_mb)


_hash_task = ray.remote(tasks.hash_task)
_hash_split_task = ray.remote(tasks.hash_split_task)
_partition_task = ray.remote(tasks.partition_task)
_combine_task = ray.remote(tasks.combine_task)
_align_task = ray.remote(tasks.align_task)
_translation_task = ray.remote(tasks.translation_task)


class RayEngine:
    """The reuse stages as Ray tasks, on the cluster at address (a local one started if None).

    The light driver-side steps (links with character offsets, verify) are the local engine's
    too (newstrace.engines.steps); they call the stage methods here.
    """

    def __init__(
        self, address: str | None = None, workers: int | None = None, partitions: int | None = None
    ) -> None:
        self.address, self.workers, self._partitions = address, workers, partitions
        self.stats = ShuffleStats()
        self._started = False

    def connect(self) -> None:
        """Join the cluster (or start a local one) unless this process already has."""
        if ray.is_initialized():
            return
        if self.address is None:
            ray.init(
                num_cpus=self.workers,
                include_dashboard=False,
                log_to_driver=False,
                logging_level=logging.WARNING,
            )
        else:
            ray.init(address=self.address, log_to_driver=False)
        self._started = True

    def close(self) -> None:
        """Leave the cluster if this engine joined it (a local one it started stops)."""
        if self._started:
            ray.shutdown()
            self._started = False

    def partitions(self) -> int:
        """Index partitions: two per CPU of the cluster unless set."""
        if self._partitions:
            return self._partitions
        return max(2, 2 * int(ray.cluster_resources().get("CPU", 1)))

    def _in_flight(self) -> int:
        return TASKS_IN_FLIGHT_PER_WORKER * max(1, int(ray.cluster_resources().get("CPU", 1)))

    def hash_articles(
        self, bodies: Sequence[str], settings: Settings, spill: Path | None = None
    ) -> tuple[TokenHashes, Prints]:
        """Every body's token hashes and sampled fingerprint, hashed by tasks, gathered here."""
        self.connect()
        tasks = (
            _hash_task.remote(
                list(bodies[part]), settings.shingle_tokens, settings.shingle_sample_modulus
            )
            for part in chunks(len(bodies), HASH_TASK_ARTICLES)
        )
        flats: list[U64] = []
        lengths: list[I64] = [np.zeros(1, np.int64)]
        prints: list[Prints] = []
        for flat, counts, found, peak in _ordered(tasks, self._in_flight()):
            self.stats.task("hash", peak)
            progress.advance(len(counts))
            flats.append(flat)
            lengths.append(counts)
            prints.append(found)
        offsets = np.cumsum(np.concatenate(lengths))
        hashes = TokenHashes.of(np.concatenate([np.empty(0, np.uint64), *flats]), offsets)
        if spill is not None:
            hashes = hashes.spilled(spill)
        return hashes, Prints.joined(prints)

    def fingerprints(
        self, bodies: Sequence[str], settings: Settings
    ) -> tuple[list[U64], npt.NDArray[np.int64]]:
        """Sampled shingle hashes and token counts of each body, hashed by tasks."""
        return steps.fingerprints(self, bodies, settings)

    def candidates(
        self, prints: Prints | Sequence[U64], is_new: npt.NDArray[np.bool_], settings: Settings
    ) -> I64:
        """Candidate pairs through the index sharded over partition tasks (the shuffle)."""
        self.connect()
        prints = prints if isinstance(prints, Prints) else Prints.of(prints)
        total = len(prints)
        if total < 2 or not len(prints.hashes):
            return np.empty((0, 2), dtype=np.int64)
        partitions = self.partitions()
        ends = np.concatenate(([0], np.cumsum(prints.counts)))
        pieces: list[list[Ref]] = []
        for part in chunks(total, HASH_TASK_ARTICLES * 20):
            batch = Prints(prints.hashes[ends[part.start] : ends[part.stop]], prints.counts[part])
            split = split_entries(batch, part.start, total, partitions)
            self.stats.index_bytes += sum(piece.nbytes for piece in split)
            pieces.append([ray.put(piece) for piece in split])
        return self.pairs_from_pieces(pieces, is_new, total, settings)

    def pairs_from_pieces(
        self, pieces: list[list[Ref]], is_new: npt.NDArray[np.bool_], total: int, settings: Settings
    ) -> I64:
        """Candidate pairs from index entries already cut by partition ([batch][partition])."""
        partitions = len(pieces[0]) if pieces else 0
        ranges = max(1, partitions)
        new_ref = ray.put(is_new)
        outputs = [
            _partition_task.options(num_returns=ranges + 1).remote(
                total, settings.max_doc_frequency, ranges, new_ref, *[b[p] for b in pieces]
            )
            for p in range(partitions)
        ]
        combined = [
            _combine_task.remote(total, settings.min_shared_shingles, *[o[r + 1] for o in outputs])
            for r in range(ranges)
        ]
        for stats in ray.get([output[0] for output in outputs]):
            self.stats.task("partition", stats["peak_mb"])
            self.stats.pair_bytes += stats["pair_bytes"]
        found = [np.empty((0, 2), np.int64)]
        for pairs, peak in ray.get(combined):
            self.stats.task("combine", peak)
            found.append(pairs)
        return np.concatenate(found)

    def align(self, hashes: TokenHashes, pairs: I64, settings: Settings) -> Aligned:
        """Align pairs in tasks from token hashes the driver holds (sent a chunk at a time)."""
        if not len(pairs):
            return []
        self.connect()
        needed = set((np.unique(pairs) // HASH_TASK_ARTICLES).tolist())
        refs: dict[int, Ref] = {}
        sizes: dict[int, int] = {}
        for chunk in sorted(needed):
            first = chunk * HASH_TASK_ARTICLES
            last = min(first + HASH_TASK_ARTICLES, len(hashes.offsets) - 1)
            offsets = hashes.offsets[first : last + 1]
            flat = hashes.articles(first, last)
            refs[chunk] = ray.put((flat, np.diff(offsets)))
            sizes[chunk] = int(flat.nbytes)
        return self.align_chunks(refs, sizes, pairs)

    def align_chunks(
        self,
        refs: dict[int, Ref],
        sizes: dict[int, int],
        pairs: I64,
        checkpoints: Path | None = None,
    ) -> Aligned:
        """Align pairs in tasks that read the token chunks (HASH_TASK_ARTICLES each) they need.

        With checkpoints (a folder), each task's result is saved as it arrives, and a task
        saved by an earlier run is not run again.
        """
        blocks = pairs // ALIGN_BLOCK_ARTICLES
        order = np.lexsort((blocks[:, 1], blocks[:, 0]))
        pending: dict[Ref, tuple[np.ndarray[Any, Any], Path | None]] = {}
        found: Aligned = []
        self.stats.pairs += len(pairs)
        for number, part in enumerate(chunks(len(pairs), ALIGN_TASK_PAIRS)):
            picked = order[part]
            saved = checkpoints / f"task-{number:06d}.pkl" if checkpoints else None
            if saved is not None and saved.exists():
                found.extend(pickle.loads(saved.read_bytes()))
                progress.advance(len(picked))
                continue
            batch = pairs[picked]
            needed = np.unique(batch // HASH_TASK_ARTICLES).tolist()
            self.stats.align_input_bytes += sum(sizes[c] for c in needed)
            firsts = np.array(needed, dtype=np.int64) * HASH_TASK_ARTICLES
            pending[_align_task.remote(batch, firsts, *[refs[c] for c in needed])] = (picked, saved)
        while pending:
            done, _ = ray.wait(list(pending), num_returns=1)
            picked, saved = pending.pop(done[0])
            aligned, peak = ray.get(done[0])
            self.stats.task("align", peak)
            rows = [(int(picked[row]), spans) for row, spans in aligned]
            if saved is not None:
                _save_atomic(saved, pickle.dumps(rows))
            found.extend(rows)
            progress.advance(len(picked))
        return sorted(found, key=lambda item: item[0])

    def align_translations(
        self, texts: Sequence[Text], weights: dict[str, float], candidates: Sequence[Candidate]
    ) -> list[AlignedRow]:
        """The cross-language stage's candidate pairs aligned in tasks, in the order given: the
        rows the local stage makes (each pair is aligned on its own)."""
        self.connect()
        started = time.perf_counter()
        texts_ref: Any = ray.put(list(texts))
        weights_ref: Any = ray.put(weights)
        refs = [
            _translation_task.remote(texts_ref, weights_ref, list(candidates[part]))
            for part in chunks(len(candidates), TRANSLATION_TASK_PAIRS)
        ]
        rows: list[AlignedRow] = []
        for found, peak in ray.get(refs):
            rows += found
            self.stats.task("translations", peak)
        self.stats.timed("translations", started)
        return rows

    def links(self, items: Sequence[TextItem], pairs: I64, aligned: Aligned) -> list[ReuseLink]:
        """ReuseLinks for the aligned pairs that link, with passages in character offsets."""
        return steps.links_of(items, pairs, aligned)

    def verify(
        self, pairs: Sequence[tuple[TextItem, TextItem]], settings: Settings
    ) -> list[ReuseLink]:
        """Align pairs of articles in tasks; keep those meeting the definition of a copy."""
        return steps.verify(self, pairs, settings)

    def hash_and_split(
        self,
        items: Sequence[TextItem],
        settings: Settings,
        partitions: int,
        checkpoints: Path | None = None,
    ) -> tuple[dict[int, Ref], dict[int, int], list[list[Ref]]]:
        """Hash tasks that keep token chunks in the object store and cut the index entries.

        With checkpoints (a folder every worker can reach), each batch is saved there and
        read back on a later run instead of being hashed again.
        """
        total = len(items)
        submitted = (
            _hash_split_task.options(num_returns=2 + partitions).remote(
                _source(items, part),
                part.start,
                total,
                settings,
                partitions,
                str(checkpoints / f"chunk-{part.start // HASH_TASK_ARTICLES:06d}.npz")
                if checkpoints
                else None,
            )
            for part in chunks(total, HASH_TASK_ARTICLES)
        )
        refs: dict[int, Ref] = {}
        sizes: dict[int, int] = {}
        pieces: list[list[Ref]] = []
        for chunk, (stats, output) in enumerate(_ordered_stats(submitted, self._in_flight())):
            self.stats.task("hash", stats["peak_mb"])
            self.stats.index_bytes += stats["index_bytes"]
            refs[chunk], sizes[chunk] = output[1], stats["token_bytes"]
            self.stats.token_bytes += stats["token_bytes"]
            pieces.append(output[2:])
            progress.advance(min(HASH_TASK_ARTICLES, total - chunk * HASH_TASK_ARTICLES))
        return refs, sizes, pieces

    def find_links(
        self, items: Sequence[TextItem], settings: Settings, new_ids: set[int] | None = None
    ) -> list[ReuseLink]:
        """All links among items with one side in new_ids (all when None), sorted by (a, b)."""
        try:
            self.connect()
            if len(items) < 2:
                return []
            started = time.perf_counter()
            refs, sizes, pieces = self.hash_and_split(items, settings, self.partitions())
            self.stats.timed("hash", started)
            started = time.perf_counter()
            is_new = steps.new_flags(items, new_ids)
            pairs = self.pairs_from_pieces(pieces, is_new, len(items), settings)
            pairs = steps.smaller_id_first(pairs, items)
            self.stats.timed("candidates", started)
            started = time.perf_counter()
            aligned = self.align_chunks(refs, sizes, pairs)
            self.stats.timed("align", started)
            started = time.perf_counter()
            links = self.links(items, pairs, aligned)
            self.stats.timed("links", started)
        finally:
            self.close()
        return steps.by_ids(links)


def _save_atomic(path: Path, data: bytes) -> None:
    """Bytes to a file so that a crash leaves either the whole file or none."""
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def _source(items: Sequence[TextItem], part: slice) -> BodySource | list[str]:
    """What a hash task reads: a shard slice it opens itself, or the bodies sent along."""
    source = getattr(items, "source", None)
    if callable(source):
        return source(part)
    return [item.body for item in items[part]]


def _ordered(tasks: Iterator[Ref], window: int) -> Iterator[Any]:
    """Results of tasks in submission order, at most window of them submitted ahead."""
    pending: list[Ref] = []
    for task in tasks:
        pending.append(task)
        if len(pending) >= window:
            yield ray.get(pending.pop(0))
    for task in pending:
        yield ray.get(task)


def _ordered_stats(tasks: Iterator[list[Ref]], window: int) -> Iterator[tuple[Any, list[Ref]]]:
    """Like _ordered for multi-output tasks: each one's stats (its first output) and outputs."""
    pending: list[list[Ref]] = []
    for outputs in tasks:
        pending.append(outputs)
        if len(pending) >= window:
            done = pending.pop(0)
            yield ray.get(done[0]), done
    for done in pending:
        yield ray.get(done[0]), done
