"""Reuse engine speed and scale: newstrace next to datasketch and rensa MinHash LSH, same corpora, same run.

Each case (tool x corpus size) runs in its own process, so its peak memory (max RSS) is its own.
Corpora come from benchmarks/reuse_corpus.py (built on first use, cached under benchmarks/out/).
Usage: python benchmarks/reuse_run.py --shared ../shared [--sizes 10000 100000 1000000]
       [--tools newstrace datasketch rensa trace] [--max-size datasketch=100000]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import reuse_corpus  # noqa: E402

from newstrace.reuse.tokens import words  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)
TOOLS = ("newstrace", "datasketch", "rensa", "trace")
NUM_PERM = 128
SHINGLE_WORDS = 5
# Whole-document Jaccard of the injected copies (5-word shingles, 10k corpus): verbatim and
# title-label 1.0, dropped ≥ 0.52, boilerplate ≥ 0.62, edited ≥ 0.29 (5th percentile 0.44),
# excerpts 0.06-0.15. 64 bands of 2 rows (all 128 permutations; threshold ≈ (1/64)^(1/2) ≈ 0.125)
# is the most recall-minded banding that divides 128 (rensa needs that): a pair at Jaccard 0.29
# is a candidate with probability 1 - (1 - 0.29²)^64 > 0.99, an excerpt at 0.1 with 0.47.
# One row per band would make every shared shingle a candidate: an all-pairs flood.
LSH_BANDS = 64
LSH_ROWS = 2
LSH_THRESHOLD = (1 / LSH_BANDS) ** (1 / LSH_ROWS)
MINHASH_SEED = 1
CASE_TIMEOUT_S = 3600  # a peer case still running after this is reported as not finished
# datasketch: ~25 min per 1M articles for MinHash alone on 2 idle cores (1,000 articles/s), and
# its LSH queries grow faster. trace: ingest (set-up) runs at ~250 articles/s, ~70 min per 1M.
DEFAULT_MAX_SIZE = {"datasketch": 100_000, "trace": 100_000}


@dataclass(frozen=True, slots=True)
class Item:
    """An article as the peers see it (the engine gets its own TextItem)."""

    id: int
    outlet: str | None
    body: str


def _peak_rss_mb() -> dict[str, float]:
    """Peak memory of this process and of the largest worker process it started, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": own, "worker_peak_rss_mb": workers}


def _cpu_s() -> float:
    """CPU seconds used so far by this process and its finished workers (robust to a busy machine)."""
    own, workers = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def load_items(path: Path, make: Callable[[int, str | None, str], Any] = Item) -> list[Any]:
    """The corpus's articles, in id order."""
    items = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            items.append(make(record["id"], record["outlet"], record["body"]))
    return items


def load_truth(path: Path) -> dict[tuple[int, int], str]:
    """Injected (source, copy) pairs, smaller id first, with their edit kind."""
    truth = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            pair = (min(record["source"], record["copy"]), max(record["source"], record["copy"]))
            truth[pair] = record["edit"]
    return truth


def score(
    pairs: set[tuple[int, int]], outlets: dict[int, str | None], truth: dict[tuple[int, int], str]
) -> dict[str, Any]:
    """Recall (overall and per edit kind) and precision of the cross-outlet pairs found."""
    found = {(a, b) for a, b in pairs if outlets[a] != outlets[b]}
    hits = found & truth.keys()
    by_edit = Counter(truth.values())
    hit_by_edit = Counter(truth[pair] for pair in hits)
    return {
        "links": len(found),
        "recall": len(hits) / len(truth) if truth else 1.0,
        "precision": len(hits) / len(found) if found else 1.0,
        "false_positives": len(found - truth.keys()),
        "recall_by_edit": {kind: hit_by_edit[kind] / n for kind, n in sorted(by_edit.items())},
    }


def shingles(body: str) -> list[str]:
    """Word 5-gram shingles over newstrace's normalised tokens, as strings."""
    tokens = words(body)
    return [" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)]


Stages = dict[str, float]
Found = tuple[set[tuple[int, int]], Stages]


def _sketch_pairs(
    items: Sequence[Item], sketch: Callable[[list[str]], Any], index: Any, stages: Stages
) -> set[tuple[int, int]]:
    """Shared by both peers: sketch every article, index every sketch, query every sketch."""
    started = time.perf_counter()
    # An article shorter than one shingle has no sketch (an empty one would match all the others).
    sketches = [(item.id, sketch(s)) for item in items if (s := shingles(item.body))]
    stages["shingling"] = time.perf_counter() - started
    started = time.perf_counter()
    for key, minhash in sketches:
        index.insert(key, minhash)
    pairs = set()
    for key, minhash in sketches:
        for other in index.query(minhash):
            if other != key:
                pairs.add((min(key, other), max(key, other)))
    stages["candidates"] = time.perf_counter() - started
    return pairs


def run_datasketch(items: Sequence[Item]) -> Found:
    """datasketch MinHash (128 permutations) and MinHashLSH, LSH_BANDS x LSH_ROWS; candidates are links."""
    from datasketch import MinHash, MinHashLSH

    def sketch(shingle_list: list[str]) -> Any:
        minhash = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
        minhash.update_batch([s.encode() for s in shingle_list])
        return minhash

    stages: Stages = {}
    index = MinHashLSH(num_perm=NUM_PERM, params=(LSH_BANDS, LSH_ROWS))
    return _sketch_pairs(items, sketch, index, stages), stages


def run_rensa(items: Sequence[Item]) -> Found:
    """rensa RMinHash (128 permutations) and RMinHashLSH with the same bands; candidates are links."""
    from rensa import RMinHash, RMinHashLSH

    def sketch(shingle_list: list[str]) -> Any:
        minhash = RMinHash(NUM_PERM, MINHASH_SEED)
        minhash.update(shingle_list)
        return minhash

    stages: Stages = {}
    index = RMinHashLSH(LSH_THRESHOLD, NUM_PERM, LSH_BANDS)
    return _sketch_pairs(items, sketch, index, stages), stages


# The trace command's stages (newstrace.progress) under the names this report gives them.
TRACE_STAGES = {"hashing": "shingling"}
# LocalEngine methods whose time makes up each stage (find_links and trace_links both call them).
STAGE_HOOKS = {
    "shingling": ("hash_articles",),
    "candidates": ("candidates",),
    "alignment": ("align", "links"),
}


def _timed(function: Callable[..., Any], stage: str, stages: Stages) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            result = function(*args, **kwargs)
            if stage == "candidates":
                # Pairs sent to alignment: the driver of the alignment stage's cost.
                stages["candidate pairs"] = stages.get("candidate pairs", 0) + len(result)
            return result
        finally:
            stages[stage] = stages.get(stage, 0.0) + time.perf_counter() - started

    return wrapper


def hook_stages(stages: Stages) -> None:
    """Time the engine's stages as they run (in this process: a worker's time is not seen)."""
    from newstrace.engines.local import LocalEngine

    for stage, names in STAGE_HOOKS.items():
        for name in names:
            setattr(LocalEngine, name, _timed(getattr(LocalEngine, name), stage, stages))


def run_engine(items: Sequence[Any]) -> Found:
    """newstrace.engines.local.find_links over all articles; same-outlet links set aside."""
    from newstrace.engines.local import find_links
    from newstrace.settings import Settings

    stages: Stages = {}
    hook_stages(stages)
    started = time.perf_counter()
    links = find_links(items, Settings())
    total = time.perf_counter() - started
    stages["other"] = max(0.0, total - sum(stages.get(stage, 0.0) for stage in STAGE_HOOKS))
    return {(link.a, link.b) for link in links if not link.same_outlet}, stages


class LazyArticle:
    """An article of a JsonlCorpus: id and outlet at hand, body read from the file when asked."""

    __slots__ = ("_corpus", "_index", "id", "outlet")

    def __init__(self, corpus: JsonlCorpus, index: int) -> None:
        self._corpus, self._index = corpus, index
        self.id, self.outlet = corpus.ids[index], corpus.outlets[index]

    @property
    def body(self) -> str:
        return self._corpus.body(self._index)


class JsonlCorpus(Sequence[LazyArticle]):
    """A corpus file's articles for the engine, bodies left on disk until read (as `newstrace
    trace` reads them from SQLite): a million bodies as Python strings take 4 GB, which would
    be the harness's memory, not the engine's."""

    def __init__(self, path: Path) -> None:
        # Plain reads, not a memory map: mapped pages would count as this process's memory.
        self.path = path
        self._fd = os.open(path, os.O_RDONLY)
        offsets, self.ids, self.outlets = [0], [], []
        with path.open("rb") as handle:
            for line in handle:
                record = json.loads(line)
                self.ids.append(record["id"])
                self.outlets.append(sys.intern(record["outlet"]) if record["outlet"] else None)
                offsets.append(offsets[-1] + len(line))
        self._offsets = offsets

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [LazyArticle(self, k) for k in range(*index.indices(len(self)))]
        return LazyArticle(self, index)

    def body(self, index: int) -> str:
        """The body of article `index`, read from the file."""
        start, end = self._offsets[index], self._offsets[index + 1]
        return json.loads(os.pread(self._fd, end - start, start))["body"]  # type: ignore[no-any-return]

    def remote_bodies(self, part: range) -> Callable[[], list[str]]:
        """A reader of these articles' bodies for a worker process (engine.RemoteBodies), as
        `newstrace trace`'s workers read theirs from the store."""
        # In reuse_corpus, not here: this script is __main__, which workers do not import.
        return partial(
            reuse_corpus.read_bodies, self.path, self._offsets[part.start], self._offsets[part.stop]
        )


def ingest_corpus(db: Any, articles_path: Path) -> float:
    """Store the corpus's articles with newstrace ingest (JSONL records); return the seconds."""
    from newstrace.ingest import parse_mapping
    from newstrace.ingest.run import IngestOptions, ingest
    from newstrace.settings import Settings

    mapping = parse_mapping("text=body,title=title,published=published,id=id,outlet=outlet")
    started = time.perf_counter()
    ingest(db, [str(articles_path)], Settings(), IngestOptions(mapping))
    return time.perf_counter() - started


def run_trace(articles_path: Path, stages: Stages) -> set[tuple[int, int]]:
    """The whole `newstrace trace` run: ingest into SQLite (set-up, not counted), then
    trace_links and build_provenance, each stage timed by newstrace.progress."""
    import tempfile

    from newstrace import progress
    from newstrace.engines.trace import trace_links
    from newstrace.reuse.provenance import build_provenance
    from newstrace.settings import Settings
    from newstrace.store import connect

    with tempfile.TemporaryDirectory(dir=reuse_corpus.OUT) as scratch:
        db = connect(Path(scratch) / "trace.db")
        stages["ingest (set-up)"] = ingest_corpus(db, articles_path)
        started = time.perf_counter()
        with progress.shown(enabled=False) as report:
            trace_links(db, Settings())
            build_provenance(db, Settings())
        total = time.perf_counter() - started
        for stage in report.stages:
            stages[TRACE_STAGES.get(stage.name, stage.name)] = stage.seconds
            if stage.name == "candidates":
                stages["candidate pairs"] = stage.done
        timed = sum(stage.seconds for stage in report.stages)
        stages["other"] = max(0.0, total - timed)
        rows = db.execute(
            "SELECT da.source_id, db.source_id FROM reuse_links l"
            " JOIN articles x ON x.id = l.a JOIN documents da ON da.id = x.document_id"
            " JOIN articles y ON y.id = l.b JOIN documents db ON db.id = y.document_id"
            " WHERE l.same_outlet = 0"
        ).fetchall()
    return {(min(int(a), int(b)), max(int(a), int(b))) for a, b in rows}


RUNNERS: dict[str, Callable[[Sequence[Any]], Found]] = {
    "newstrace": run_engine,
    "datasketch": run_datasketch,
    "rensa": run_rensa,
}
# Timed and shown, not counted in the tool's time; "candidate pairs" is a count, not seconds.
SETUP_STAGES = ("ingest (set-up)", "candidate pairs")


def load_outlets(path: Path) -> dict[int, str | None]:
    """Article id -> outlet, for scoring."""
    with path.open(encoding="utf-8") as handle:
        return {(r := json.loads(line))["id"]: r["outlet"] for line in handle}


def case(tool: str, size: int) -> dict[str, Any]:
    """One tool on one corpus, in this process: stage times, links found and their score."""
    articles_path, truth_path = reuse_corpus.corpus_paths(size)
    truth = load_truth(truth_path)
    started = time.perf_counter()
    cpu_started = _cpu_s()
    if tool == "trace":
        stages: Stages = {}
        outlets = load_outlets(articles_path)
        load_s = time.perf_counter() - started
        pairs = run_trace(articles_path, stages)
    else:
        if tool == "newstrace":
            items: Sequence[Any] = JsonlCorpus(articles_path)
        else:
            items = load_items(articles_path, Item)
        load_s = time.perf_counter() - started
        pairs, stages = RUNNERS[tool](items)
        outlets = {item.id: item.outlet for item in items}
    seconds = sum(v for k, v in stages.items() if k not in SETUP_STAGES)
    # CPU time includes loading the corpus (and, for trace, ingest): an upper bound on the tool's.
    cpu_s = _cpu_s() - cpu_started
    figures = {"items": size, "load_s": load_s, "seconds": seconds, "cpu_s": cpu_s}
    return {**figures, "stages": stages}, score(pairs, outlets, truth)


def run_case(tool: str, size: int, timeout_s: float) -> dict[str, Any]:
    """Run one case in a fresh interpreter and return its figures (or why it did not finish)."""
    command = [sys.executable, __file__, "--case", tool, str(size)]
    try:
        done = subprocess.run(
            command, check=True, capture_output=True, text=True, timeout=timeout_s
        )
    except subprocess.TimeoutExpired:
        return {"items": size, "finished": False, "reason": f"not done after {timeout_s:.0f} s"}
    except subprocess.CalledProcessError as error:
        return {"items": size, "finished": False, "reason": error.stderr.strip()[-300:]}
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["finished"] = True
    figures["articles_per_s"] = size / figures["seconds"] if figures["seconds"] else None
    return figures


def corpus_facts(shared: Path, size: int) -> dict[str, Any]:
    """Build (or reuse) the corpus of `size` articles; its injected copies by edit kind."""
    started = time.perf_counter()
    _, truth_path = reuse_corpus.ensure(shared, size)
    edits = Counter(e for e in load_truth(truth_path).values())
    return {
        "articles": size,
        "copies": sum(edits.values()),
        "edits": dict(edits),
        "build_s": time.perf_counter() - started,
    }


def measure(
    shared: Path, sizes: Sequence[int], tools: Sequence[str], max_size: dict[str, int]
) -> dict[str, Any]:
    """Every tool at every size it is allowed, each case in its own process."""
    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_before": os.getloadavg(),
        "lsh": {
            "threshold": LSH_THRESHOLD,
            "num_perm": NUM_PERM,
            "bands": LSH_BANDS,
            "rows": LSH_ROWS,
        },
        "corpora": {str(size): corpus_facts(shared, size) for size in sizes},
        "cases": {},
    }
    if {"newstrace", "trace"} & set(tools):
        # Steady state: the engine's Numba functions compiled once (as `make install` does), not
        # in whichever case runs first.
        from newstrace.engines.local import warm_up

        warm_up()
    for tool in tools:
        results["cases"][tool] = {}
        for size in sizes:
            if size > max_size.get(tool, size):
                reason = f"skipped: above this tool's --max-size {max_size[tool]:,}"
                results["cases"][tool][str(size)] = {
                    "items": size,
                    "finished": False,
                    "reason": reason,
                }
                continue
            print(f"{tool} {size:,} ...", file=sys.stderr, flush=True)
            load = os.getloadavg()[0]
            figures = run_case(tool, size, CASE_TIMEOUT_S)
            results["cases"][tool][str(size)] = {**figures, "load_before": load}
            print(json.dumps(figures), file=sys.stderr, flush=True)
    results["load_after"] = os.getloadavg()
    return results


def merge(saved: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Saved results with this run's corpora and cases added (this run wins where both have one)."""
    merged = {**saved, **{k: v for k, v in new.items() if k not in ("corpora", "cases")}}
    merged["load_before"] = saved["load_before"]
    merged["corpora"] = {**saved["corpora"], **new["corpora"]}
    merged["cases"] = {tool: dict(cases) for tool, cases in saved["cases"].items()}
    for tool, cases in new["cases"].items():
        merged["cases"].setdefault(tool, {}).update(cases)
    return merged


def _max_sizes(specs: Sequence[str]) -> dict[str, int]:
    limits = dict(DEFAULT_MAX_SIZE)
    for spec in specs:
        tool, _, size = spec.partition("=")
        limits[tool] = int(size)
    return limits


def main() -> int:
    """Measure, save benchmarks/out/reuse-results.json, print the docs/performance.md section."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--tools", nargs="+", default=list(TOOLS), choices=[*RUNNERS, "trace"])
    parser.add_argument("--max-size", nargs="*", default=[], metavar="TOOL=N")
    parser.add_argument("--merge", action="store_true", help="add to the saved results")
    parser.add_argument("--report-only", action="store_true", help="re-render the saved results")
    parser.add_argument("--case", nargs=2, metavar=("TOOL", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        figures, quality = case(args.case[0], int(args.case[1]))
        print(json.dumps({**figures, **quality, **_peak_rss_mb()}))
        return 0
    import reuse_report

    saved = reuse_corpus.OUT / "reuse-results.json"
    if not args.report_only:
        results = measure(args.shared, args.sizes, args.tools, _max_sizes(args.max_size))
        if args.merge and saved.exists():
            results = merge(json.loads(saved.read_text()), results)
        saved.write_text(json.dumps(results, indent=2))
    print(reuse_report.markdown(json.loads(saved.read_text())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
