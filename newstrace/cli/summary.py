"""The closing summary of an ingest run, for people."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newstrace.ingest.run import IngestSummary

MAX_FAILURES_SHOWN = 200


def print_summary(summary: IngestSummary, console: Console) -> None:
    """Counts per input kind, articles stored, and every failed item with its reason."""
    table = Table(
        title="ingest summary", title_justify="left", show_header=True, header_style="bold"
    )
    table.add_column("input kind")
    table.add_column("items", justify="right")
    for kind, count in sorted(summary.items_by_kind.items()):
        table.add_row(kind, str(count))
    console.print(table)
    console.print(
        f"articles stored: [bold]{summary.articles_stored}[/]  "
        f"already stored: {summary.already_stored}  "
        f"site-boilerplate paragraphs learned: {summary.site_boilerplate_paragraphs}  "
        f"failed: [bold]{len(summary.failures)}[/]"
    )
    for failure in summary.failures[:MAX_FAILURES_SHOWN]:
        where = failure.source + (f" #{failure.source_id}" if failure.source_id else "")
        # Reasons quote hostile input: print them as plain text, never as markup.
        console.print(
            Text.assemble("  ", ("failed ", "red"), f"{where}: {failure.reason}"), soft_wrap=True
        )
    hidden = len(summary.failures) - MAX_FAILURES_SHOWN
    if hidden > 0:
        console.print(f"  … and {hidden} more; every failure is in the failed_documents view")
