"""The whole pipeline as a user runs it, next to its peers, at growing corpus sizes.

For each size: `newstrace ingest` of the benchmark JSONL, `newstrace trace` (with the time of
each of its stages, from its closing summary), `newstrace links --nl` to a file, and
`newstrace events` (on sizes up to --events-max); beside them, in the same run and on the
same file: `sqlite-utils insert --nl` + `enable-fts` (a bulk store), and rensa and datasketch
MinHash LSH finding the copies in memory (benchmarks/reuse_run.py's peer cases). Every
command runs in its own session; its peak memory is the largest sum of resident memory over
the processes of that session, sampled.

Usage: python benchmarks/pipeline_run.py --shared ../shared [--sizes 10000 100000]
       [--events-max 10000] [--peers rensa datasketch sqlite-utils]
Results: benchmarks/out/pipeline-results.json; the section printed is the one
benchmarks/run.py puts in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from ingest_run import session_rss_mb  # noqa: E402

BIN = Path(sys.executable).parent
OUT = HERE / "out"
RESULTS = OUT / "pipeline-results.json"
SIZES = (10_000, 100_000)
MAP = "text=body,title=title,published=published,id=id,outlet=outlet"
SAMPLE_S = 0.2
# datasketch takes about 25 minutes per million articles for MinHash alone on 2 cores.
DATASKETCH_MAX = {"datasketch": 100_000}
STEPS = ("ingest", "sqlite-utils", "trace", "rensa", "datasketch", "links", "pipeline", "events")
STAGE = re.compile(r"([a-z][a-z ]*?) (\d+(?:\.\d+)?) s")


@dataclass
class Measured:
    """One command: wall seconds, CPU seconds of its processes, peak MB, and what it printed."""

    seconds: float
    cpu_s: float
    peak_mb: float
    stderr: str

    def figures(self, items: int) -> dict[str, Any]:
        """The row of the results file."""
        return {
            "seconds": round(self.seconds, 1),
            "cpu_s": round(self.cpu_s, 1),
            "peak_mb": round(self.peak_mb),
            "per_s": round(items / self.seconds, 1) if self.seconds else None,
        }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def installed_env() -> dict[str, str]:
    """The environment of an installed package: modules read from compiled bytecode (kept in
    benchmarks/out/pycache), as pip leaves them, not compiled again by every process; a
    sandbox's PYTHONDONTWRITEBYTECODE would add seconds of compiling to each worker's start."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("PYTHONPYCACHEPREFIX", str(OUT / "pycache"))
    return env


def run(command: list[str], stdout: Path | None = None) -> Measured:
    """Run one command in its own session, sampling its memory until it ends."""
    cpu = _children_cpu()
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as errors:
        sink = stdout.open("w") if stdout else subprocess.DEVNULL
        try:
            process = subprocess.Popen(
                command,
                start_new_session=True,
                stdout=sink,
                stderr=errors,
                text=True,
                env=installed_env(),
            )
            peak = 0.0
            while process.poll() is None:
                peak = max(peak, session_rss_mb(process.pid))
                time.sleep(SAMPLE_S)
        finally:
            if stdout:
                sink.close()  # type: ignore[union-attr]
        errors.seek(0)
        printed = errors.read()
    if process.returncode:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{printed[-2000:]}")
    return Measured(time.perf_counter() - started, _children_cpu() - cpu, peak, printed)


def stage_times(summary: str) -> dict[str, float]:
    """Each stage's seconds from a command's closing 'stages: a 1.0 s (...) · b 2.0 s' line."""
    line = next((x for x in summary.splitlines() if x.startswith("stages:")), "")
    times: dict[str, float] = {}
    for part in line.removeprefix("stages:").split("·"):
        found = STAGE.search(part.strip())
        if found and found.group(1) != "total":
            times[found.group(1)] = float(found.group(2))
    return times


def corpus(size: int, shared: Path) -> Path:
    """The reuse benchmark's JSONL of `size` articles, built on first use."""
    path = OUT / f"reuse-{size}.jsonl"
    if not path.exists():
        script = str(HERE / "reuse_corpus.py")
        subprocess.run(
            [sys.executable, script, "--size", str(size), "--shared", str(shared)], check=True
        )
    return path


def newstrace_rows(path: Path, size: int, events: bool, scratch: Path) -> dict[str, Any]:
    """ingest, trace, links and (optionally) events, as a user runs them, on one store."""
    tool, db = str(BIN / "newstrace"), str(scratch / "store.db")
    rows: dict[str, Any] = {}
    rows["ingest"] = run([tool, "ingest", db, str(path), "--map", MAP]).figures(size)
    traced = run([tool, "trace", db])
    rows["trace"] = {**traced.figures(size), "stages": stage_times(traced.stderr)}
    rows["links"] = run([tool, "links", db, "--nl"], stdout=scratch / "links.jsonl").figures(size)
    rows["links"]["links"] = sum(1 for _ in (scratch / "links.jsonl").open())
    total = sum(rows[step]["seconds"] for step in ("ingest", "trace", "links"))
    rows["pipeline"] = {"seconds": round(total, 1), "per_s": round(size / total, 1)}
    if events:
        found = run([tool, "events", db, "--nl"], stdout=scratch / "events.jsonl")
        rows["events"] = {**found.figures(size), "stages": stage_times(found.stderr)}
    rows["store_mb"] = round(Path(db).stat().st_size / 1e6)
    return rows


def sqlite_utils_row(path: Path, size: int, scratch: Path) -> dict[str, Any]:
    """The bulk store: the records as rows, then a full-text index on title and body."""
    tool, db = str(BIN / "sqlite-utils"), str(scratch / "bulk.db")
    inserted = run([tool, "insert", db, "articles", str(path), "--nl"])
    indexed = run([tool, "enable-fts", db, "articles", "title", "body"])
    seconds = inserted.seconds + indexed.seconds
    return {
        "seconds": round(seconds, 1),
        "cpu_s": round(inserted.cpu_s + indexed.cpu_s, 1),
        "peak_mb": round(max(inserted.peak_mb, indexed.peak_mb)),
        "per_s": round(size / seconds, 1),
    }


def minhash_row(tool: str, size: int, scratch: Path) -> dict[str, Any]:
    """rensa or datasketch finding the copies in memory (reuse_run.py's own case process):
    the whole process as a user waits for it, the tool's own seconds, recall and precision."""
    printed = scratch / f"{tool}.json"
    script = str(HERE / "reuse_run.py")
    measured = run([sys.executable, script, "--case", tool, str(size)], stdout=printed)
    own = json.loads(printed.read_text().strip().splitlines()[-1])
    return {
        **measured.figures(size),
        "own_seconds": round(own["seconds"], 1),
        "recall": own.get("recall"),
        "precision": own.get("precision"),
    }


def measure_size(shared: Path, size: int, events_max: int, peers: list[str]) -> dict[str, Any]:
    """Every row for one corpus size, newstrace first, then its peers."""
    path = corpus(size, shared)
    with tempfile.TemporaryDirectory() as scratch:
        rows = newstrace_rows(path, size, size <= events_max, Path(scratch))
        if "sqlite-utils" in peers:
            rows["sqlite-utils"] = sqlite_utils_row(path, size, Path(scratch))
        for tool in ("rensa", "datasketch"):
            if tool in peers and size <= DATASKETCH_MAX.get(tool, size):
                rows[tool] = minhash_row(tool, size, Path(scratch))
    rows["input_mb"] = round(path.stat().st_size / 1e6)
    return rows


def _note(figures: dict[str, Any]) -> str:
    if "recall" in figures:
        return (
            f"its own {figures['own_seconds']} s; recall {figures['recall']:.3f}, "
            f"precision {figures['precision']:.3f}"
        )
    if "links" in figures:
        return f"{figures['links']:,} links"
    return ""


def _line(name: str, figures: dict[str, Any], size: int) -> str:
    rate = figures.get("per_s")
    return (
        f"| {size:,} | {name} | {figures['seconds']:,} | {rate:,.0f} | "
        f"{figures.get('peak_mb', '—')} | {_note(figures)} |"
    )


def markdown(saved: dict[str, Any]) -> str:
    """The docs/performance.md section."""
    lines = [
        "## End to end: JSONL to links, as a user runs it",
        "",
        "    .venv/bin/python benchmarks/pipeline_run.py --shared ../shared",
        "",
        f"{saved['machine']}; load average {saved['load_before']:.1f} before the run. The corpora",
        "are the reuse benchmark's (below). Peers in the same run: `sqlite-utils insert --nl` +",
        "`enable-fts` (the bulk store newstrace's ingest is measured against) and rensa and",
        "datasketch MinHash LSH finding the copies in memory (no store, no alignment).",
        "",
        "| articles | step | seconds | articles/s | peak MB | |",
        "|---:|---|---:|---:|---:|---|",
    ]
    for size, rows in saved["sizes"].items():
        for step in STEPS:
            if step in rows:
                lines.append(_line(step, rows[step], int(size)))
    lines += ["", "Stages of `trace` (seconds):", ""]
    for size, rows in saved["sizes"].items():
        stages = " · ".join(f"{k} {v:.1f}" for k, v in rows["trace"]["stages"].items())
        lines.append(f"- {int(size):,}: {stages}")
    return "\n".join(lines) + "\n"


def main() -> int:
    """Measure each size, save the results, print the section."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--events-max", type=int, default=10_000)
    parser.add_argument("--peers", nargs="*", default=["sqlite-utils", "rensa", "datasketch"])
    args = parser.parse_args()
    saved: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_before": os.getloadavg()[0],
        "sizes": {},
    }
    for size in args.sizes:
        saved["sizes"][str(size)] = measure_size(args.shared, size, args.events_max, args.peers)
    OUT.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(saved, indent=2))
    print(markdown(saved))
    return 0


if __name__ == "__main__":
    sys.exit(main())
