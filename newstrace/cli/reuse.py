"""Reuse commands: trace copies, list links and families, map the outlet network, report."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click
from rich.console import Console
from rich.text import Text

from newstrace.cli import options, render
from newstrace.cli.options import Output, config_option, db_argument, output_options


@click.command(name="trace")
@db_argument
@click.option("--silent", is_flag=True, help="No progress and no summary.")
@config_option
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Where the heavy stages run: this process and its workers, or a Ray cluster.",
)
@click.option(
    "--address",
    help="Ray cluster to use with --engine ray (e.g. ray://head:10001 or auto); "
    "a local one is started when not given.",
)
def trace_command(
    db: str, silent: bool, config: Path | None, engine: str, address: str | None
) -> None:
    """Find copies across outlets among the stored articles; group them, choose origins.

    Incremental: only articles not traced before are compared; a re-run changes nothing.

    Example: newstrace trace news.db --engine ray --address auto
    """
    from newstrace import progress
    from newstrace.engines import make_engine
    from newstrace.engines.trace import trace_links
    from newstrace.reuse.provenance import build_provenance

    if address and engine != "ray":
        raise click.UsageError("--address needs --engine ray")
    settings = options.settings_from(config)
    store = options.open_store(db)
    with progress.shown(enabled=not silent):
        links = trace_links(store, settings, make_engine(engine, address))
        provenance = build_provenance(store, settings)
    if not silent:
        Console(stderr=True, highlight=False).print(
            Text(
                f"articles traced: {links.articles_traced}  new links: {links.new_links} "
                f"(cross-outlet: {links.cross_outlet_links})  families: {provenance.families}"
                f"\ncross-outlet links by kind: "
                + ", ".join(f"{n} {kind}" for kind, n in sorted(provenance.link_kinds.items()))
                + " (boilerplate is no copy; families stand on republications)"
            )
        )


_KINDS = {
    "republication": frozenset({"republication"}),
    "quotation": frozenset({"shared quotation"}),
    "boilerplate": frozenset({"boilerplate"}),
    "translation": frozenset({"translation"}),
    "all": frozenset({"republication", "shared quotation", "boilerplate", "translation"}),
}


@click.command(name="links")
@db_argument
@output_options("link")
@click.option(
    "--kind",
    type=click.Choice(["republication", "quotation", "boilerplate", "translation", "all"]),
    help="Only links of this kind (default: republications and shared quotations; "
    "links made only of boilerplate are no copies and are left out).",
)
def links_command(db: str, output: Output, kind: str | None) -> None:
    """Print every cross-outlet link with its kind and aligned passages.

    Each link has a kind: `republication` (one carries the other's reporting, or both carry
    one wire story), `shared quotation` (both quote one speaker or document; `speaker`
    names them when the text does) or `translation` (a copy in another language: its
    passages are aligned sentences, each with a similarity). `kind_evidence` says why.

    Prints a JSON array unless --nl or --csv is given.

    Example: newstrace links news.db --nl --kind republication
    """
    from newstrace.store.links import iter_stored_links

    conn = options.open_store(db).conn
    _say_why_empty(conn, db, "links")
    links = iter_stored_links(conn, _KINDS[kind] if kind else None)
    options.write_output((link.to_json() for link in links), output)


@click.command(name="families")
@db_argument
@output_options("family")
@click.option(
    "--quotations",
    is_flag=True,
    help="List the quotation clusters instead: articles that share only what they all "
    "quote (both quote X), with the speaker when the text names one.",
)
def families_command(db: str, output: Output, quotations: bool) -> None:
    """Print every copy family: origin, members, parents, evidence and changes.

    Families stand on republications only; shared quotations are listed apart with
    --quotations.

    Prints a JSON array unless --nl or --csv is given.

    Example: newstrace families news.db --nl
    """
    from newstrace.reuse.kinds import quotation_clusters
    from newstrace.store.families import iter_stored_families
    from newstrace.store.links import iter_links, link_outlets

    conn = options.open_store(db).conn
    _say_why_empty(conn, db, "families")
    if quotations:
        links = list(iter_links(conn))
        clusters = quotation_clusters(links, link_outlets(conn, links))
        options.write_output((cluster.to_json() for cluster in clusters), output)
        return
    options.write_output((family.to_json() for family in iter_stored_families(conn)), output)


@click.command(name="report")
@db_argument
@click.option("--article", "article_id", type=int, help="Report on one article.")
@click.option("--family", "family_id", type=int, help="Report on one copy family.")
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="With --family: write one self-contained HTML page (no external requests) to this file.",
)
@click.option(
    "--full",
    is_flag=True,
    help="Every family, link, copy, change and diff line in full (long for big families).",
)
def report_command(
    db: str, article_id: int | None, family_id: int | None, html_path: Path | None, full: bool
) -> None:
    """A report a journalist can read: where a story came from, who copied it, what changed.

    Long changes are summarised (counts and the first lines); --full prints everything.

    Example: newstrace report news.db --family 3 --html family-3.html
    """
    from newstrace.cli.report import article_report, families_overview, family_report
    from newstrace.store import load_article
    from newstrace.store.families import load_stored_family

    conn = options.open_store(db).conn
    if family_id is not None and load_stored_family(conn, family_id) is None:
        raise click.ClickException(_no_family(conn, db, family_id))
    if article_id is not None and load_article(conn, article_id) is None:
        raise click.ClickException(
            f"no article {article_id} in {db}; list them with: newstrace articles {db}"
        )
    if html_path is not None:
        _write_family_html(conn, family_id, html_path)
    elif family_id is not None:
        render.print_view(family_report(conn, family_id, full))
    elif article_id is not None:
        render.print_view(article_report(conn, article_id, full))
    else:
        _say_why_empty(conn, db, "families")
        render.print_view(families_overview(conn, full))


def _not_traced(conn: sqlite3.Connection, db: str, what: str) -> str | None:
    """Why a listing of reuse results is empty, or None when it is not."""
    from newstrace.store.browse import stage_counts

    counts = stage_counts(conn)
    if counts["articles"] == 0:
        return f"no {what}: {db} holds no articles; add some with: newstrace ingest {db} PATH"
    if counts["traced"] == 0:
        return f"no {what} yet: run newstrace trace {db}"
    if counts["families" if what != "links" else "links"] == 0:
        return f"no {what}: {counts['traced']} articles traced and no copies across outlets found"
    return None


def _say_why_empty(conn: sqlite3.Connection, db: str, what: str) -> None:
    """On stderr, why a listing is empty (nothing when it is not)."""
    hint = _not_traced(conn, db, what)
    if hint:
        click.echo(hint, err=True)


def _no_family(conn: sqlite3.Connection, db: str, family_id: int) -> str:
    hint = _not_traced(conn, db, "families")
    return f"no family {family_id} in {db}; " + (
        hint or f"list families with: newstrace report {db}"
    )


def _write_family_html(conn: sqlite3.Connection, family_id: int | None, html_path: Path) -> None:
    """The hand-over page of one family, written to a file."""
    from newstrace.web.handover import family_html

    if family_id is None:
        raise click.ClickException(
            "--html needs --family ID (list families with: newstrace report DB)"
        )
    page = family_html(conn, family_id)
    if page is None:
        raise click.ClickException(f"no family {family_id}; list them with: newstrace report DB")
    html_path.write_text(page, encoding="utf-8")
    click.echo(f"wrote {html_path}", err=True)
