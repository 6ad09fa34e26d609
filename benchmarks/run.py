"""Ingest + extract throughput and peak memory, next to bare trafilatura measured in the same run.

Each case runs in its own process so its peak memory (max RSS) is its own.
Usage: python benchmarks/run.py --shared ../shared [--publish] [--jobs 1]
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REUTERS_MAP = "text=body,title=title,published=date,id=attrs.newid"
REUTERS_FRACTIONS = (0.25, 0.5, 1.0)


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024


def _html_files(shared: Path, corpus: str) -> list[Path]:
    return sorted((shared / "extraction" / corpus / "html").glob("*.html.gz"))


def _trafilatura(shared: Path, corpus: str, with_metadata: bool) -> dict[str, Any]:
    import trafilatura

    files = _html_files(shared, corpus)
    started = time.perf_counter()
    size = 0
    for path in files:
        data = gzip.decompress(path.read_bytes())
        size += len(data)
        if with_metadata:
            trafilatura.bare_extraction(data, with_metadata=True)
        else:
            trafilatura.extract(data)
    return {"items": len(files), "bytes": size, "seconds": time.perf_counter() - started}


def case_trafilatura(shared: Path, corpus: str, _jobs: int) -> dict[str, Any]:
    """Bare trafilatura: the body text of each page with the defaults (no metadata)."""
    return _trafilatura(shared, corpus, with_metadata=False)


def case_trafilatura_metadata(shared: Path, corpus: str, _jobs: int) -> dict[str, Any]:
    """Trafilatura doing the same job as newstrace: body and metadata (title, author, date)."""
    return _trafilatura(shared, corpus, with_metadata=True)


def _ingest(
    inputs: list[str], jobs: int, mapping: str | None = None, outlet: str | None = None
) -> dict[str, Any]:
    from newstrace.ingest import parse_mapping
    from newstrace.ingest.run import IngestOptions, ingest
    from newstrace.settings import Settings
    from newstrace.store import connect

    settings = replace(Settings(), jobs=jobs)
    options = IngestOptions(parse_mapping(mapping) if mapping else None, outlet=outlet)
    with tempfile.TemporaryDirectory() as scratch:
        db = connect(Path(scratch) / "bench.db")
        started = time.perf_counter()
        summary = ingest(db, inputs, settings, options)
        seconds = time.perf_counter() - started
    return {"items": summary.items, "articles": summary.articles_stored, "seconds": seconds}


def case_newstrace(shared: Path, corpus: str, jobs: int) -> dict[str, Any]:
    """newstrace ingest of the same pages into a fresh SQLite file (extraction and storage)."""
    files = _html_files(shared, corpus)
    result = _ingest([str(p) for p in files], jobs)
    result["bytes"] = sum(len(gzip.decompress(p.read_bytes())) for p in files)
    return result


def case_reuters(shared: Path, fraction: str, jobs: int) -> dict[str, Any]:
    """newstrace ingest of a share of the Reuters-21578 JSON files."""
    files = sorted((shared / "corpora" / "reuters21578").glob("*.json"))
    chosen = files[: max(1, round(len(files) * float(fraction)))]
    result = _ingest([str(p) for p in chosen], jobs, REUTERS_MAP, "Reuters")
    result["bytes"] = sum(p.stat().st_size for p in chosen)
    return result


CASES = {
    "trafilatura": case_trafilatura,
    "trafilatura+metadata": case_trafilatura_metadata,
    "newstrace": case_newstrace,
    "reuters": case_reuters,
}
HTML_TOOLS = ("trafilatura", "trafilatura+metadata", "newstrace")


def run_case(shared: Path, case: str, arg: str, jobs: int) -> dict[str, Any]:
    """Run one case in a fresh interpreter and return its figures."""
    command = [
        sys.executable,
        __file__,
        "--shared",
        str(shared),
        "--case",
        case,
        arg,
        "--jobs",
        str(jobs),
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    figures["items_per_s"] = figures["items"] / figures["seconds"]
    figures["mb_per_s"] = figures["bytes"] / 1e6 / figures["seconds"]
    return figures


def measure(shared: Path, jobs: int) -> dict[str, Any]:
    """Every case: HTML corpora for both tools, then Reuters at growing sizes."""
    results: dict[str, Any] = {
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "jobs": jobs,
    }
    for corpus in ("aeb", "wcxb-dev"):
        results[corpus] = {tool: run_case(shared, tool, corpus, jobs) for tool in HTML_TOOLS}
        results[corpus]["newstrace, 2 processes"] = run_case(shared, "newstrace", corpus, 2)
    results["reuters"] = {
        str(f): run_case(shared, "reuters", str(f), jobs) for f in REUTERS_FRACTIONS
    }
    return results


def _reuse_section() -> str:
    """The reuse benchmark's section, from the last `benchmarks/reuse_run.py` measurement."""
    import reuse_report

    saved = HERE / "out" / "reuse-results.json"
    if not saved.exists():
        return "\n## Reuse engine\n\nNot measured yet: run `benchmarks/reuse_run.py`.\n"
    return "\n" + reuse_report.markdown(json.loads(saved.read_text()))


def _scaling_section() -> str:
    """The scale-out benchmark's table, from the last `benchmarks/ray_run.py` measurement."""
    import ray_run

    if not ray_run.RESULTS.exists():
        return "\n## Scale-out on Ray\n\nNot measured yet: run `benchmarks/ray_run.py`.\n"
    return (
        "\n## Scale-out on Ray: local engine vs Ray with 1 and 2 workers\n\n"
        "How these figures were taken, and the cost model for 100M articles built on them: "
        "[scaling.md](scaling.md).\n\n"
        + ray_run.markdown(json.loads(ray_run.RESULTS.read_text()))
        + "\n"
    )


def _saved_section(module: str) -> str:
    """The geoparsing or events section, from the last `benchmarks/<module>.py` measurement."""
    runner = __import__(module)
    saved = json.loads(runner.RESULTS.read_text()) if runner.RESULTS.exists() else {}
    if "rows" not in saved and "corpora" not in saved:  # none yet, or an older format
        return f"\n## {module}\n\nNot measured yet: run `benchmarks/{module}.py`.\n"
    return "\n" + runner.markdown(saved)


def _pipeline_section() -> str:
    """The end-to-end section, from the last `benchmarks/pipeline_run.py` measurement."""
    import pipeline_run

    if not pipeline_run.RESULTS.exists():
        return "\n## End to end\n\nNot measured yet: run `benchmarks/pipeline_run.py`.\n"
    return "\n" + pipeline_run.markdown(json.loads(pipeline_run.RESULTS.read_text()))


def _shards_section() -> str:
    """run-shards against the local stages, from the last `benchmarks/shards_run.py` measurement."""
    import shards_run

    if not shards_run.RESULTS.exists():
        return (
            "\n## Every heavy stage on Ray\n\nNot measured yet: run `benchmarks/shards_run.py`.\n"
        )
    return "\n" + shards_run.markdown(json.loads(shards_run.RESULTS.read_text()))


def _web_section() -> str:
    """The web UI's page latency, from the last `benchmarks/web_latency.py` measurement."""
    import web_latency

    saved = [web_latency.RESULTS, web_latency.RESULTS.with_name("web-latency-synthetic.json")]
    found = [json.loads(path.read_text()) for path in saved if path.exists()]
    if not found:
        return "\n## Web UI: page latency\n\nNot measured yet: run `benchmarks/web_latency.py`.\n"
    return "".join("\n" + web_latency.markdown(results) + "\n" for results in found)


def main() -> int:
    """Measure, print, and optionally publish docs/performance.md."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--jobs", type=int, default=1, help="extraction processes per case")
    parser.add_argument("--case", nargs=2, metavar=("CASE", "ARG"), help=argparse.SUPPRESS)
    parser.add_argument("--publish", action="store_true", help="rewrite docs/performance.md")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="re-render the page from the saved measurements (after one section was re-measured)",
    )
    args = parser.parse_args()
    if args.case:
        figures = CASES[args.case[0]](args.shared, args.case[1], args.jobs)
        figures["peak_rss_mb"] = _peak_rss_mb()
        print(json.dumps(figures))
        return 0
    sys.path.insert(0, str(HERE))
    import report

    out = HERE / "out"
    if args.report_only:
        results = json.loads((out / "results.json").read_text())
    else:
        results = measure(args.shared, args.jobs)
        out.mkdir(exist_ok=True)
        (out / "results.json").write_text(json.dumps(results, indent=2))
    text = report.markdown(results) + _pipeline_section() + _reuse_section() + _scaling_section()
    text += _shards_section()
    text += _saved_section("geo_run") + _saved_section("events_run") + _web_section()
    print(text)
    if args.publish:
        (HERE.parent / "docs").mkdir(exist_ok=True)
        (HERE.parent / "docs" / "performance.md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
