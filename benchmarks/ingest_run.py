"""Ingest of a JSONL export next to a bulk store: `newstrace ingest` against `sqlite-utils insert
--nl` plus `sqlite-utils enable-fts` of the same file, in the same run.

Both read benchmarks/out/reuse-N.jsonl (made by reuse_corpus.py when missing) into a fresh SQLite
file, alternately, --repeat times. Reported per tool and size: the best wall time, records per
second, CPU time, peak memory of all its processes together (sampled), and the store's size against
the input's; and the ratio of the two times (the issue asks for newstrace within 2x).
Usage: python benchmarks/ingest_run.py --sizes 10000 100000 [--jobs 2] [--repeat 3] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
BIN = Path(sys.executable).parent
SAMPLE_S = 0.05
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def session_rss_mb(session: int) -> float:
    """Resident memory of every process in a session, in MB."""
    total_kb = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) == session:  # field 6 of stat: the session id
                total_kb += int((entry / "statm").read_text().split()[1]) * PAGE_KB
        except (OSError, IndexError, ValueError):
            continue
    return total_kb / 1024


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(commands: list[list[str]], env: dict[str, str] | None) -> tuple[float, float, float]:
    """Run commands one after another in a new session each: (seconds, CPU seconds of all their
    processes, peak MB of any one). CPU time is the steadier figure on a shared machine."""
    peak = 0.0
    cpu = _cpu_s()
    started = time.perf_counter()
    for command in commands:
        process = subprocess.Popen(
            command, start_new_session=True, stdout=subprocess.DEVNULL, env=env
        )
        while process.poll() is None:
            peak = max(peak, session_rss_mb(process.pid))
            time.sleep(SAMPLE_S)
        if process.returncode:
            raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}")
    return time.perf_counter() - started, _cpu_s() - cpu, peak


def _size_mb(db: Path) -> float:
    files = [db, db.with_name(db.name + "-wal")]
    return sum(path.stat().st_size for path in files if path.exists()) / 1e6


# The corpus's columns named outright, as a user would (the guessed mapping is the same).
MAPPING = "text=body,title=title,published=published,id=id,outlet=outlet"


def newstrace_commands(db: Path, corpus: Path, jobs: int) -> list[list[str]]:
    """`newstrace ingest` of the JSONL file."""
    tool = str(BIN / "newstrace")
    return [
        [tool, "ingest", str(db), str(corpus), "--map", MAPPING, "--jobs", str(jobs), "--silent"]
    ]


def sqlite_utils_commands(db: Path, corpus: Path, _jobs: int) -> list[list[str]]:
    """sqlite-utils: the records as rows, then a full-text index on title and body."""
    tool = str(BIN / "sqlite-utils")
    return [
        [tool, "insert", str(db), "articles", str(corpus), "--nl"],
        [tool, "enable-fts", str(db), "articles", "title", "body"],
    ]


TOOLS = {"newstrace": newstrace_commands, "sqlite-utils": sqlite_utils_commands}


def corpus_file(size: int, shared: Path) -> Path:
    """The benchmark JSONL of `size` articles, generated when it is not there yet."""
    path = OUT / f"reuse-{size}.jsonl"
    if not path.exists():
        script = HERE / "reuse_corpus.py"
        command = [sys.executable, str(script), "--size", str(size), "--shared", str(shared)]
        subprocess.run(command, check=True)
    return path


def _tools(baseline: Path | None) -> dict[str, tuple[Any, dict[str, str] | None]]:
    """The tools to run and the environment of each; a baseline is another checkout's code."""
    tools: dict[str, tuple[Any, dict[str, str] | None]] = {
        name: (commands, None) for name, commands in TOOLS.items()
    }
    if baseline is not None:
        env = {**os.environ, "PYTHONPATH": str(baseline.resolve())}
        tools["newstrace (baseline)"] = (newstrace_commands, env)
    return tools


def measure(corpus: Path, jobs: int, repeat: int, baseline: Path | None) -> dict[str, Any]:
    """Each tool --repeat times, alternating; the best time and the largest peak of each."""
    records = sum(1 for _ in corpus.open("rb"))
    best: dict[str, dict[str, float]] = {}
    for _round in range(repeat):
        for tool, (commands, env) in _tools(baseline).items():
            with tempfile.TemporaryDirectory() as scratch:
                db = Path(scratch) / "store.db"
                seconds, cpu, peak = _timed(commands(db, corpus, jobs), env)
                size = _size_mb(db)
            mine = best.setdefault(tool, {"seconds": seconds, "cpu_s": cpu, "peak_mb": peak})
            mine["seconds"] = min(mine["seconds"], seconds)
            mine["cpu_s"] = min(mine["cpu_s"], cpu)
            mine["peak_mb"] = max(mine["peak_mb"], peak)
            mine["store_mb"] = size
    input_mb = corpus.stat().st_size / 1e6
    for figures in best.values():
        figures["records_per_s"] = records / figures["seconds"]
        figures["store_ratio"] = figures["store_mb"] / input_mb
    ratio = best["newstrace"]["seconds"] / best["sqlite-utils"]["seconds"]
    cpu_ratio = best["newstrace"]["cpu_s"] / best["sqlite-utils"]["cpu_s"]
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
        "records": records,
        "input_mb": input_mb,
        "jobs": jobs,
        "repeat": repeat,
        "tools": best,
        "newstrace_over_sqlite_utils": ratio,
        "newstrace_over_sqlite_utils_cpu": cpu_ratio,
    }


def _print(results: dict[str, Any]) -> None:
    print(f"{results['records']} records, {results['input_mb']:.1f} MB, {results['machine']}")
    for tool, figures in results["tools"].items():
        print(
            f"{tool:21} {figures['seconds']:8.1f} s {figures['records_per_s']:8.0f} records/s"
            f" CPU {figures['cpu_s']:7.1f} s"
            f" peak {figures['peak_mb']:6.0f} MB  store {figures['store_mb']:7.1f} MB"
            f" ({figures['store_ratio']:.2f}x input)"
        )
    print(
        f"newstrace / sqlite-utils: {results['newstrace_over_sqlite_utils']:.2f}x wall,"
        f" {results['newstrace_over_sqlite_utils_cpu']:.2f}x CPU"
    )


def main() -> int:
    """Measure each size, print a table per size, write benchmarks/out/ingest-<size>.json."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--size", type=int, help="one size (the same as --sizes N)")
    parser.add_argument("--corpus", type=Path, help="a JSONL file to use instead")
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--baseline", type=Path, help="another checkout whose newstrace runs too (before/after)"
    )
    args = parser.parse_args()
    sizes = [args.size] if args.size else args.sizes
    corpora = [args.corpus] if args.corpus else [corpus_file(n, args.shared) for n in sizes]
    OUT.mkdir(exist_ok=True)
    for corpus in corpora:
        results = measure(corpus, args.jobs, args.repeat, args.baseline)
        path = OUT / f"ingest-{results['records']}.json"
        path.write_text(json.dumps(results, indent=2) + "\n")
        _print(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
