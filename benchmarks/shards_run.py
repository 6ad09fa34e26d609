"""Every heavy stage on Ray: `newstrace run-shards` at 1 and 2 workers next to the local stages.

The first --articles records of the reuse benchmark's corpus, cut into --shards JSONL files,
go through (a) the local commands a user runs on one machine: `ingest`, `events`, `trace`;
(b) `run-shards` on a local Ray cluster of 1 CPU and (c) of 2 CPUs: extraction, events and
tracing as Ray tasks. Each row is one command as a user waits for it (cluster start included),
with its stages' seconds from the closing summary.

Usage: python benchmarks/shards_run.py --shared ../shared [--articles 2000] [--shards 8]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pipeline_run import BIN, MAP, OUT, corpus, run, stage_times  # noqa: E402

RESULTS = OUT / "shards-results.json"


def write_shards(source: Path, articles: int, shards: int, folder: Path) -> None:
    """The first `articles` records of source, round-robin into `shards` JSONL files."""
    folder.mkdir(parents=True)
    outs = [(folder / f"part-{k:03d}.jsonl").open("w") for k in range(shards)]
    with source.open() as records:
        for number, line in enumerate(records):
            if number >= articles:
                break
            outs[number % shards].write(line)
    for out in outs:
        out.close()


def local_rows(folder: Path, scratch: Path, articles: int) -> dict[str, Any]:
    """ingest, events and trace as one machine runs them."""
    tool, db = str(BIN / "newstrace"), str(scratch / "local.db")
    rows: dict[str, Any] = {}
    for step, command in (
        ("ingest", [tool, "ingest", db, str(folder), "--map", MAP]),
        ("events", [tool, "events", db]),
        ("trace", [tool, "trace", db]),
    ):
        measured = run(command)
        rows[step] = {**measured.figures(articles), "stages": stage_times(measured.stderr)}
    total = sum(row["seconds"] for row in rows.values())
    rows["total"] = {"seconds": round(total, 1), "per_s": round(articles / total, 1)}
    return rows


def ray_row(folder: Path, scratch: Path, articles: int, workers: int) -> dict[str, Any]:
    """run-shards on a local cluster of `workers` CPUs."""
    output = scratch / f"ray-{workers}"
    command = [str(BIN / "newstrace"), "run-shards", str(folder), str(output), "--map", MAP]
    measured = run([*command, "--workers", str(workers)])
    return {**measured.figures(articles), "stages": stage_times(measured.stderr)}


def markdown(saved: dict[str, Any]) -> str:
    """The docs/performance.md section."""
    n = saved["articles"]
    lines = [
        "## Every heavy stage on Ray: run-shards at 1 and 2 workers",
        "",
        "    .venv/bin/python benchmarks/shards_run.py --shared ../shared",
        "",
        f"{n:,} articles of the reuse benchmark's corpus in {saved['shards']} JSONL shards; "
        f"{saved['machine']}; load average {saved['load_before']:.1f} before the run.",
        "",
        "| run | seconds | articles/s | peak MB | stages (s) |",
        "|---|---:|---:|---:|---|",
    ]
    local = saved["local"]
    stages = " · ".join(
        f"{step} {local[step]['seconds']}" for step in ("ingest", "events", "trace")
    )
    peak = max(local[step]["peak_mb"] for step in ("ingest", "events", "trace"))
    total = local["total"]
    lines.append(
        f"| local (ingest + events + trace) | {total['seconds']} | {total['per_s']} | {peak} "
        f"| {stages} |"
    )
    for workers in ("1", "2"):
        row = saved["ray"][workers]
        parts = " · ".join(f"{k} {v:.1f}" for k, v in row["stages"].items())
        lines.append(
            f"| run-shards, {workers} worker(s) | {row['seconds']} | {row['per_s']} | "
            f"{row['peak_mb']} | {parts} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    """Measure the three runs, save them, print the section."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--shards", type=int, default=8)
    args = parser.parse_args()
    saved: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_before": os.getloadavg()[0],
        "articles": args.articles,
        "shards": args.shards,
        "ray": {},
    }
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "shards"
        write_shards(corpus(10_000, args.shared), args.articles, args.shards, folder)
        saved["local"] = local_rows(folder, Path(scratch), args.articles)
        for workers in (1, 2):
            saved["ray"][str(workers)] = ray_row(folder, Path(scratch), args.articles, workers)
    OUT.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(saved, indent=2))
    print(markdown(saved))
    return 0


if __name__ == "__main__":
    sys.exit(main())
