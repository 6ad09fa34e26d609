"""Rendering articles for people (rich) and for programs (JSON, JSON lines, CSV)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any, TypeVar

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newstrace.models import Article

CSV_COLUMNS = [
    "id", "source", "source_id", "format", "outlet", "url", "title_label", "title", "byline",
    "authors", "published", "language", "paragraphs", "comments", "boilerplate", "attributions",
    "body",
]  # fmt: skip


def _date_source(article: Article) -> str | None:
    """Where the publication date was read and its confidence: "jsonld, 0.95"."""
    if not article.published_source:
        return None
    confidence = article.published_confidence
    return article.published_source + (f", {confidence:.2f}" if confidence is not None else "")


def csv_row(article: Article) -> dict[str, Any]:
    """The flat CSV form of an article."""
    data = article.to_json()
    data["authors"] = "; ".join(article.authors)
    for key in ("paragraphs", "comments", "boilerplate", "attributions"):
        data[key] = len(data[key])
    return {key: data[key] for key in CSV_COLUMNS}


def write_csv(articles: Iterable[Article], out: IO[str]) -> None:
    """Articles as CSV with a header row."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for article in articles:
        writer.writerow(csv_row(article))


# Columns other than the title take about this many characters with their padding.
TABLE_FIXED_CHARS = 70


def articles_table(articles: Iterable[Article], width: int = 100) -> Table:
    """A terminal table of articles fitting `width` characters, one line per row."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold")
    for column, low, high in (
        ("id", 2, 6),
        ("outlet", 8, 14),
        ("published", 10, 10),
        ("label", 5, 6),
    ):
        table.add_column(column, no_wrap=True, overflow="ellipsis", min_width=low, max_width=high)
    title_width = min(70, max(6, width - TABLE_FIXED_CHARS))
    table.add_column("title", no_wrap=True, overflow="ellipsis", width=title_width)
    for column in ("paras", "cmts", "boiler"):
        table.add_column(column, justify="right", no_wrap=True, min_width=len(column))
    for a in articles:
        table.add_row(
            Text(str(a.id)), Text(a.outlet or "—"), Text((a.published or "—")[:10]),
            Text(a.title_label or ""), Text(a.title or "(untitled)"), Text(str(len(a.paragraphs))),
            Text(str(len(a.comments))), Text(str(len(a.boilerplate))),
        )  # fmt: skip
    return table


def _metadata(article: Article) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold cyan")
    grid.add_column()
    rows = [
        ("title", article.title), ("label", article.title_label), ("outlet", article.outlet),
        ("byline", article.byline), ("authors", ", ".join(article.authors) or None),
        ("published", article.published), ("date from", _date_source(article)),
        ("language", article.language), ("url", article.url),
        ("source", article.source + (f" #{article.source_id}" if article.source_id else "")),
    ]  # fmt: skip
    for name, value in rows:
        if value:
            grid.add_row(name, Text(value))
    for tag in article.tags:
        grid.add_row(f"tag {tag.name}", Text(tag.value))
    for name, evidence in article.inferred.items():
        grid.add_row(f"inferred {name}", Text(evidence, style="italic"))
    return grid


def _blocks(title: str, lines: list[Text], style: str) -> Panel | None:
    if not lines:
        return None
    return Panel(Group(*lines), title=title, title_align="left", border_style=style)


def article_view(article: Article) -> Group:
    """A whole article for the terminal, with body, boilerplate, comments and attributions apart."""
    body = [Text(p + "\n") for p in article.paragraphs]
    for media in article.media:
        body.insert(
            min(media.position or len(body), len(body)),
            Text(f"[{media.kind}] {media.url}\n", style="magenta"),
        )
    boilerplate = [
        Text.assemble((f"[{b.kind}] ", "yellow"), b.text, (f"  ({b.evidence})", "dim"))
        for b in article.boilerplate
    ]
    comments = [
        Text.assemble(
            (f"{c.author or 'anonymous'}", "bold"),
            (f" {c.published or ''}\n", "dim"),
            c.text or "(empty)",
            "\n",
        )
        for c in article.comments
    ]
    attributions = [
        Text.assemble(
            (f"[{a.cue}] ", "green"),
            f"{a.outlet or ''} {a.published or ''} {a.url or ''}".strip(),
            ("  " + a.text, "dim"),
        )
        for a in article.attributions
    ]
    panels = [
        Panel(_metadata(article), title=f"article {article.id}", title_align="left"),
        _blocks("body", body, "white"),
        _blocks("attributions", attributions, "green"),
        _blocks("boilerplate (not in the body)", boilerplate, "yellow"),
        _blocks(f"reader comments ({len(article.comments)})", comments, "blue"),
    ]
    return Group(*(panel for panel in panels if panel is not None))


SCREEN_LINES = 40  # what one terminal screen shows; tables longer than this are cut unless --full
T = TypeVar("T")


def height(renderable: Any, width: int | None = None) -> int:
    """How many terminal lines a renderable takes at `width` (the terminal's by default)."""
    measure = Console(width=width or Console().width, file=io.StringIO(), highlight=False)
    return len(measure.render_lines(renderable, pad=False))


def fitted(
    build: Callable[[Sequence[T]], Any],
    rows: Sequence[T],
    noun: str,
    full: bool = False,
    total: int | None = None,
) -> Any:
    """The table `build` makes of the rows; unless full, of as many first rows as fit one
    screen, followed by the line saying how many more there are (of `total`, when only the
    first rows were read) and how to see them."""
    total = len(rows) if total is None else total
    if full or not rows:
        return build(rows)
    shown = min(len(rows), SCREEN_LINES)
    while True:
        lines = height(build(rows[:shown]))
        if lines < SCREEN_LINES or shown == 1:
            break
        shown = max(1, min(shown - 1, shown * (SCREEN_LINES - 2) // lines))
    if shown == total:
        return build(rows)
    hint = f"… and {total - shown} more {noun} (use --full, or --json, --nl or --csv)"
    return Group(build(rows[:shown]), Text(hint, style="dim", no_wrap=True, overflow="ellipsis"))


def console(out: IO[str] | None = None) -> Console:
    """A console on a stream (stdout by default)."""
    return Console(file=out, soft_wrap=False, highlight=False)


def print_view(renderable: Any, out: IO[str] | None = None) -> None:
    """Print a rich renderable to a stream (stdout by default)."""
    console(out).print(renderable)


def to_text(renderable: Any, width: int = 100) -> str:
    """A rich renderable as plain text."""
    buffer = io.StringIO()
    Console(file=buffer, width=width, no_color=True, highlight=False).print(renderable)
    return buffer.getvalue()
