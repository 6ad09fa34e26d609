"""Scale-out benchmark: the local engine next to the Ray engine with one and two workers, same corpora.

Each case (engine x corpus size) runs in its own process, so its peak memory is its own. The
Ray cases start a local cluster with 1 or 2 worker CPUs and read the corpus file as a shard
(each hash task reads its own bodies, as on a cluster). Reported per case: seconds, CPU
seconds of the driver, peak RSS of the driver and of the largest worker process, the bytes
each shuffle moved (index entries to the partition tasks, pair counts to the combine tasks,
token hashes to the align tasks), recall and precision against the injected copies, and
whether the links are identical to the local engine's.
Usage: python benchmarks/ray_run.py --shared ../shared [--sizes 100000 1000000]
       [--cases local ray-1 ray-2] [--merge] [--report-only]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import reuse_corpus  # noqa: E402
from reuse_run import JsonlCorpus, load_truth, score  # noqa: E402

SIZES = (100_000, 1_000_000)
CASES = ("local", "ray-1", "ray-2")
CASE_TIMEOUT_S = 3 * 3600
RESULTS = reuse_corpus.OUT / "ray-results.json"


def _digest(links: Sequence[Any], ids: Sequence[int] | None = None) -> str:
    """A hash of every link (ids, counts, coverage, passages), to compare engines exactly."""
    digest = hashlib.sha256()
    for link in links:
        a, b = (ids[link.a], ids[link.b]) if ids is not None else (link.a, link.b)
        digest.update(repr((a, b, link.shared_tokens, link.coverage_a, link.passages)).encode())
    return digest.hexdigest()


Run = tuple[list[Any], dict[str, Any], list[int] | None, list[str | None]]


def _run_local(path: Path) -> Run:
    from newstrace.engines.local import LocalEngine
    from newstrace.settings import Settings

    corpus = JsonlCorpus(path)
    links = LocalEngine().find_links(corpus, Settings())
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return links, {"worker_peak_rss_mb": workers}, None, corpus.outlets


def _run_ray(path: Path, workers: int) -> Run:
    from dataclasses import asdict

    from newstrace.engines.ray import RayEngine
    from newstrace.settings import Settings
    from newstrace.shards.corpus import ShardCorpus

    corpus = ShardCorpus([path])
    engine = RayEngine(workers=workers)
    started = time.perf_counter()
    engine.connect()
    start_s = time.perf_counter() - started
    links = engine.find_links(corpus, Settings())
    stats = asdict(engine.stats)
    stats["seconds_by_stage"] = stats.pop("seconds")
    stats["cluster_start_s"] = start_s
    return links, stats, [int(source_id) for source_id in corpus.source_ids], corpus.outlets


def case(name: str, size: int) -> dict[str, Any]:
    """One engine on one corpus, in this process."""
    articles_path, truth_path = reuse_corpus.corpus_paths(size)
    started = time.perf_counter()
    cpu = time.process_time()
    if name == "local":
        links, stats, ids, outlets = _run_local(articles_path)
    else:
        links, stats, ids, outlets = _run_ray(articles_path, int(name.split("-")[1]))
    # A cluster is started once and used for many runs: its start-up is reported apart.
    seconds = time.perf_counter() - started - stats.get("cluster_start_s", 0.0)
    pairs = {
        (ids[link.a], ids[link.b]) if ids else (link.a, link.b)
        for link in links
        if not link.same_outlet
    }
    quality = score(pairs, dict(enumerate(outlets, 1)), load_truth(truth_path))
    return {
        "items": size,
        "seconds": seconds,
        "driver_cpu_s": time.process_time() - cpu,
        "driver_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "all_links": len(links),
        "digest": _digest(links, ids),
        **stats,
        **{k: v for k, v in quality.items() if k != "recall_by_edit"},
    }


def run_case(name: str, size: int) -> dict[str, Any]:
    """A case in a fresh interpreter: its figures, or why it did not finish."""
    command = [sys.executable, __file__, "--case", name, str(size)]
    try:
        done = subprocess.run(
            command, check=True, capture_output=True, text=True, timeout=CASE_TIMEOUT_S
        )
    except subprocess.TimeoutExpired:
        return {"items": size, "finished": False, "reason": f"not done after {CASE_TIMEOUT_S} s"}
    except subprocess.CalledProcessError as error:
        return {"items": size, "finished": False, "reason": error.stderr.strip()[-400:]}
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "finished": True}


def measure(shared: Path, sizes: Sequence[int], cases: Sequence[str]) -> dict[str, Any]:
    """Every case at every size; the local case first, so the others are compared with it."""
    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "cases": {},
    }
    for size in sizes:
        reuse_corpus.ensure(shared, size)
        for name in cases:
            print(f"{name} {size:,} ...", file=sys.stderr, flush=True)
            load = os.getloadavg()[0]
            figures = {**run_case(name, size), "load_before": load}
            results["cases"].setdefault(name, {})[str(size)] = figures
            print(json.dumps(figures), file=sys.stderr, flush=True)
    return results


def _mb(value: float | None) -> str:
    return "—" if value is None else f"{value / 1e6:,.0f}"


def markdown(results: dict[str, Any]) -> str:
    """The measured table for docs/scaling.md."""
    lines = [
        f"Machine: {results['machine']}.",
        "",
        "| engine | articles | seconds | cluster start s | driver peak RSS MB | largest worker peak RSS MB "
        "| index shuffle MB | pair shuffle MB | align input MB | links identical to local "
        "| recall | precision | load avg at start |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    local = results["cases"].get("local", {})
    for name, by_size in results["cases"].items():
        for size, f in sorted(by_size.items(), key=lambda item: int(item[0])):
            if not f.get("finished"):
                lines.append(
                    f"| {name} | {int(size):,} | not finished: {f.get('reason', '')[:60]} |"
                )
                continue
            same = local.get(size, {}).get("digest")
            identical = "—" if same is None or name == "local" else "yes"
            if same is not None and same != f["digest"]:
                identical = "NO"
            start = f.get("cluster_start_s")
            lines.append(
                f"| {name} | {int(size):,} | {f['seconds']:.0f} | {'—' if start is None else f'{start:.0f}'} "
                f"| {f['driver_peak_rss_mb']:,.0f} "
                f"| {f['worker_peak_rss_mb']:,.0f} | {_mb(f.get('index_bytes'))} "
                f"| {_mb(f.get('pair_bytes'))} | {_mb(f.get('align_input_bytes'))} | {identical} "
                f"| {f['recall']:.3f} | {f['precision']:.3f} | {f['load_before']:.1f} |"
            )
    return "\n".join([*lines, "", *_stage_lines(results)])


def _stage_lines(results: dict[str, Any]) -> list[str]:
    """Per-stage wall seconds of the Ray cases, with the sizes the cost model scales from."""
    lines = [
        "| Ray case | articles | hash s | candidates s | align s | links s (driver) "
        "| candidate pairs | token hashes MB | tasks (hash / partition / combine / align) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, by_size in results["cases"].items():
        for size, f in sorted(by_size.items(), key=lambda item: int(item[0])):
            if name == "local" or not f.get("finished") or "seconds_by_stage" not in f:
                continue
            stage = f["seconds_by_stage"]
            tasks = " / ".join(
                str(f["tasks"].get(k, 0)) for k in ("hash", "partition", "combine", "align")
            )
            lines.append(
                f"| {name} | {int(size):,} | {stage.get('hash', 0):.0f} | {stage.get('candidates', 0):.0f} "
                f"| {stage.get('align', 0):.0f} | {stage.get('links', 0):.0f} | {f['pairs']:,} "
                f"| {_mb(f['token_bytes'])} | {tasks} |"
            )
    return lines


def merged(saved: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Saved results with this run's cases added (this run wins where both have one)."""
    cases = {name: dict(by_size) for name, by_size in saved.get("cases", {}).items()}
    for name, by_size in new["cases"].items():
        cases.setdefault(name, {}).update(by_size)
    return {**saved, **new, "cases": cases}


def main() -> int:
    """Measure, save benchmarks/out/ray-results.json, print the table for docs/scaling.md."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--cases", nargs="+", default=list(CASES), choices=CASES)
    parser.add_argument("--merge", action="store_true", help="add to the saved results")
    parser.add_argument("--report-only", action="store_true", help="re-render the saved results")
    parser.add_argument("--case", nargs=2, metavar=("CASE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(case(args.case[0], int(args.case[1]))))
        return 0
    if not args.report_only:
        results = measure(args.shared, args.sizes, args.cases)
        if args.merge and RESULTS.exists():
            results = merged(json.loads(RESULTS.read_text()), results)
        RESULTS.write_text(json.dumps(results, indent=2))
    print(markdown(json.loads(RESULTS.read_text())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
