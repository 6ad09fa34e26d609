"""Rendering articles for people (rich) and for programs (JSON, JSON lines, CSV)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import IO, Any

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


def write_json(values: Iterable[dict[str, Any]], out: IO[str]) -> None:
    """A JSON array, streamed one object at a time."""
    out.write("[")
    for index, value in enumerate(values):
        out.write(",\n" if index else "\n")
        out.write(json.dumps(value, ensure_ascii=False))
    out.write("\n]\n")


def write_nl(values: Iterable[dict[str, Any]], out: IO[str]) -> None:
    """One JSON object per line."""
    for value in values:
        out.write(json.dumps(value, ensure_ascii=False) + "\n")


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


def articles_table(articles: Iterable[Article]) -> Table:
    """A terminal table of articles, one row each."""
    table = Table(show_lines=False, header_style="bold")
    for column in ("id", "outlet", "published", "label", "title", "¶", "comments", "bp"):
        table.add_column(column, overflow="fold")
    for a in articles:
        table.add_row(
            Text(str(a.id)), Text(a.outlet or "—"), Text(a.published or "—"),
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
        ("published", article.published), ("language", article.language), ("url", article.url),
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
        body.insert(min(media.position or len(body), len(body)), Text(f"[{media.kind}] {media.url}\n", style="magenta"))
    boilerplate = [Text.assemble((f"[{b.kind}] ", "yellow"), b.text, (f"  ({b.evidence})", "dim")) for b in article.boilerplate]
    comments = [Text.assemble((f"{c.author or 'anonymous'}", "bold"), (f" {c.published or ''}\n", "dim"), c.text or "(empty)") for c in article.comments]
    attributions = [Text.assemble((f"[{a.cue}] ", "green"), f"{a.outlet or ''} {a.published or ''} {a.url or ''}".strip(), ("  " + a.text, "dim")) for a in article.attributions]
    panels = [
        Panel(_metadata(article), title=f"article {article.id}", title_align="left"),
        _blocks("body", body, "white"),
        _blocks("attributions", attributions, "green"),
        _blocks("boilerplate (not in the body)", boilerplate, "yellow"),
        _blocks(f"reader comments ({len(article.comments)})", comments, "blue"),
    ]
    return Group(*(panel for panel in panels if panel is not None))


def print_view(renderable: Any, out: IO[str] | None = None) -> None:
    """Print a rich renderable to a stream (stdout by default)."""
    Console(file=out, soft_wrap=False, highlight=False).print(renderable)


def to_text(renderable: Any, width: int = 100) -> str:
    """A rich renderable as plain text."""
    buffer = io.StringIO()
    Console(file=buffer, width=width, no_color=True, highlight=False).print(renderable)
    return buffer.getvalue()
