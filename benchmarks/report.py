"""docs/performance.md from the benchmark figures."""

from __future__ import annotations

from typing import Any

COMMAND = "make bench   # reuse_run.py, then run.py --shared ../shared --publish (this page)"


def _row(name: str, figures: dict[str, Any]) -> str:
    return (
        f"| {name} | {figures['items']:,} | {figures['seconds']:.1f} | {figures['items_per_s']:.1f} "
        f"| {figures['mb_per_s']:.2f} | {figures['peak_rss_mb']:.0f} |"
    )


def _html_section(results: dict[str, Any]) -> list[str]:
    lines = [
        "## HTML pages: ingest + extract, next to bare trafilatura",
        "",
        "newstrace's figures include everything `newstrace ingest` does per page: reading and",
        "decompressing, encoding detection, trafilatura, JSON-LD and meta parsing, comment and",
        "media extraction, boilerplate classification, and writing the article with its parts to",
        "SQLite. The peers, in the same run: `trafilatura.extract(page)` with its defaults (body",
        "text only) and `trafilatura.bare_extraction(page, with_metadata=True)` (body, title,",
        "author, date: the job newstrace does), nothing stored. Each row is a fresh process, so",
        "its time includes one-off start-up work (dateparser compiles its locale tables on first",
        "use, a few seconds).",
        "",
        "| corpus / tool | pages | seconds | pages/s | MB/s | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for corpus in ("aeb", "wcxb-dev"):
        for tool, figures in results[corpus].items():
            lines.append(_row(f"{corpus} / {tool}", figures))
    for corpus in ("aeb", "wcxb-dev"):
        rate = {tool: figures["items_per_s"] for tool, figures in results[corpus].items()}
        lines.append(
            f"\n{corpus}: in one process newstrace runs at "
            f"{rate['newstrace'] / rate['trafilatura']:.2f}× the page rate of trafilatura's "
            f"body-only extraction and {rate['newstrace'] / rate['trafilatura+metadata']:.2f}× "
            "that of trafilatura with metadata; with two processes (`--jobs 2`) at "
            f"{rate['newstrace, 2 processes'] / rate['trafilatura+metadata']:.2f}×."
        )
    return lines


def _reuters_section(results: dict[str, Any]) -> list[str]:
    lines = [
        "## Reuters-21578 JSON records: cost against corpus size",
        "",
        "| share of corpus | records | seconds | records/s | MB/s | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for fraction, figures in results["reuters"].items():
        lines.append(_row(f"{float(fraction):.0%}", figures))
    runs = list(results["reuters"].values())
    small, large = runs[0], runs[-1]
    growth = (large["seconds"] / small["seconds"]) / (large["items"] / small["items"])
    lines.append(
        f"\nTime per record at the full corpus is {growth:.2f}× the time per record at the smallest "
        "share (1.00 would be exactly linear). trafilatura has no reader for JSON records, so there is "
        "no peer row here."
    )
    return lines


def markdown(results: dict[str, Any]) -> str:
    """The whole performance page."""
    lines = [
        "# Performance",
        "",
        f"Measured on this project's reference machine (2 cores, {results['machine']}), "
        f"{results['jobs']} extraction process(es). Reproduce with:",
        "",
        f"    {COMMAND}",
        "",
        *_html_section(results),
        "",
        *_reuters_section(results),
        "",
    ]
    return "\n".join(lines)
