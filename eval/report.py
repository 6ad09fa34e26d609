"""Rendering the gate figures: a console table and docs/quality.md."""

from __future__ import annotations

from typing import Any

COMMAND = "make eval   # = .venv/bin/python eval/run.py --shared ../shared   (add --publish to rewrite this page)"
Gate = tuple[str, bool, str]


def _gate_lines(results: list[Gate]) -> list[str]:
    lines = ["| gate | result | measured |", "|---|---|---|"]
    lines += [f"| `{what}` | {'pass' if ok else '**FAIL**'} | {detail} |" for what, ok, detail in results]
    return lines


def _seed_lines(figures: dict[str, Any]) -> list[str]:
    seeds = figures["seeds"]
    lines = [
        "## Seeds (../shared/seeds/expected.json, `articles`)",
        "",
        f"{seeds['passed']} of {seeds['checks']} extraction checks pass "
        "(title, label, byline, outlet, dates, original outlet and date, tags, media, body",
        "paragraph count, start, end, contents and exclusions, boilerplate blocks, comments with authors).",
    ]
    failed = [r for r in seeds["results"] if not r["passed"]]
    lines += [f"- failing: {r['seed']}: {r['check']} ({r['detail']})" for r in failed]
    return lines


def _extraction_lines(figures: dict[str, Any]) -> list[str]:
    lines = [
        "## Body and metadata extraction, next to bare trafilatura in the same run",
        "",
        "| corpus | metric | newstrace | bare trafilatura |",
        "|---|---|---:|---:|",
    ]
    for corpus, metrics in figures["extraction"].items():
        if not isinstance(metrics, dict) or "newstrace" not in metrics:
            continue
        for metric, value in metrics["newstrace"].items():
            if isinstance(value, float):
                lines.append(f"| {corpus} | {metric} | {value:.4f} | {metrics['trafilatura'][metric]:.4f} |")
    notes = figures["extraction"].get("notes")
    if notes:
        lines += ["", *notes]
    return lines


def _corpus_lines(figures: dict[str, Any]) -> list[str]:
    lines = [
        "## Real corpora ingest with no crash",
        "",
        "| corpus | records | articles | title | date | outlet | byline | boilerplate ¶ | site-repeated ¶ | failed | s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, f in figures["corpora"].items():
        if f.get("crashed"):
            lines.append(f"| {name} | CRASHED: {f.get('error')} |")
            continue
        lines.append(
            f"| {name} | {f['records_expected']:,} | {f['articles']:,} | {f['with_title']:,} | {f['with_date']:,} "
            f"| {f['with_outlet']:,} | {f['with_byline']:,} | {f['boilerplate_paragraphs']:,} "
            f"| {f['site_repeated_paragraphs']:,} | {f['failed_items']:,} | {f['seconds']} |"
        )
    return lines


def markdown(figures: dict[str, Any], results: list[Gate]) -> str:
    """The quality page with every figure and gate."""
    sections = {"seeds": _seed_lines, "extraction": _extraction_lines, "corpora": _corpus_lines}
    lines = ["# Quality", "", "Every figure here comes from one command, run on the corpora in `../shared`:", "", f"    {COMMAND}", ""]
    for name, render in sections.items():
        if name in figures:
            lines += [*render(figures), ""]
    lines += ["## Gates (floors pinned in `eval/floors.json`)", "", *_gate_lines(results), ""]
    return "\n".join(lines)


def console_table(figures: dict[str, Any], results: list[Gate]) -> str:
    """A plain-text summary of the gates for the terminal."""
    width = max((len(what) for what, _, _ in results), default=10)
    return "\n".join(f"{'ok  ' if ok else 'FAIL'}  {what:<{width}}  {detail}" for what, ok, detail in results)
