"""Commands on stored articles: list them, show one."""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import datetime
from functools import partial
from itertools import islice
from typing import Any

import click

from newstrace.cli import render
from newstrace.cli.options import Output, db_argument, open_store, output_options, write_output
from newstrace.store import browse, load_article


@click.command(name="articles")
@db_argument
@output_options("article")
@click.option("--limit", type=click.IntRange(1), help="At most this many articles.")
@click.option("--outlet", help="Only articles of this outlet (its name or an alias).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after this day.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before this day.")
@click.option("--language", help="Only articles in this language (e.g. en).")
@click.option("--family", type=int, help="Only the members of this copy family.")
@click.option("--full", is_flag=True, help="Every row, however long the table.")
def articles_command(
    db: str, output: Output, limit: int | None, outlet: str | None, since: datetime | None,
    until: datetime | None, language: str | None, family: int | None, full: bool,
) -> None:  # fmt: skip
    """List stored articles, all or those matching the filters.

    \b
    Example: newstrace articles news.db --outlet "Harbor Watch" --since 2024-04-01 --nl
    """
    conn = open_store(db).conn
    filters = {
        "outlet": outlet, "since": since and since.date().isoformat(),
        "until": until and until.date().isoformat(), "language": language, "family": family,
    }  # fmt: skip
    _check_filters(conn, db, filters)
    ids = browse.filtered_article_ids(conn, filters, limit)
    if not ids:
        click.echo(_no_articles(db, filters), err=True)
    articles = (a for a in map(partial(load_article, conn), ids) if a is not None)
    if output is Output.CSV:
        render.write_csv(articles, sys.stdout)
    elif output is not Output.DEFAULT:
        write_output((a.to_json() for a in articles), output)
    elif ids:
        # Unless --full, only what one screen can show is read (a table row is one line).
        read = articles if full else islice(articles, render.SCREEN_LINES)
        terminal = render.console()
        table = partial(render.articles_table, width=terminal.width)
        terminal.print(render.fitted(table, list(read), "articles", full, total=len(ids)))


def _check_filters(conn: sqlite3.Connection, db: str, filters: dict[str, Any]) -> None:
    """A named outlet or family that does not exist is an error, not an empty list."""
    from newstrace.store.families import load_stored_family
    from newstrace.store.outlets import find_outlet

    if filters["outlet"] and find_outlet(conn, filters["outlet"]) is None:
        raise click.ClickException(
            f"no outlet {filters['outlet']!r} in {db}; list them with: newstrace outlets {db}"
        )
    if filters["family"] is not None and load_stored_family(conn, filters["family"]) is None:
        raise click.ClickException(
            f"no family {filters['family']} in {db}; list them with: newstrace report {db}"
        )


def _no_articles(db: str, filters: dict[str, Any]) -> str:
    given = ", ".join(f"--{key} {value}" for key, value in filters.items() if value is not None)
    if given:
        return f"no articles match {given}"
    return f"no articles in {db} yet: add some with: newstrace ingest {db} PATH"


@click.command(name="show")
@db_argument
@click.argument("article_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="The article object as JSON.")
def show_command(db: str, article_id: int, as_json: bool) -> None:
    """Show one article: body, boilerplate, comments and attributions apart.

    Example: newstrace show news.db 12
    """
    article = load_article(open_store(db).conn, article_id)
    if article is None:
        raise click.ClickException(
            f"no article {article_id} in {db}; list them with: newstrace articles {db}"
        )
    if as_json:
        click.echo(json.dumps(article.to_json(), ensure_ascii=False, indent=2))
    else:
        render.print_view(render.article_view(article))
