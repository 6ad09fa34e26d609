"""Reuse commands: trace copies, list links and families, map the outlet network, report."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newstrace.cli import render
from newstrace.cli.options import (
    Output,
    config_option,
    db_argument,
    open_store,
    output_options,
    settings_from,
    write_output,
)
from newstrace.models import OutletEdge


@click.command(name="trace")
@db_argument
@click.option("--silent", is_flag=True, help="No summary.")
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
    from newstrace.engines import make_engine
    from newstrace.engines.trace import trace_links
    from newstrace.reuse.provenance import build_provenance

    if address and engine != "ray":
        raise click.UsageError("--address needs --engine ray")
    settings = settings_from(config)
    store = open_store(db)
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
    "all": frozenset({"republication", "shared quotation", "boilerplate"}),
}


@click.command(name="links")
@db_argument
@output_options("link")
@click.option(
    "--kind",
    type=click.Choice(["republication", "quotation", "boilerplate", "all"]),
    help="Only links of this kind (default: republications and shared quotations; "
    "links made only of boilerplate are no copies and are left out).",
)
def links_command(db: str, output: Output, kind: str | None) -> None:
    """Print every cross-outlet link with its kind and aligned passages.

    Each link has a kind: `republication` (one carries the other's reporting, or both carry
    one wire story) or `shared quotation` (both quote one speaker or document; `speaker`
    names them when the text does). `kind_evidence` says why, quoting the shared text.

    Prints a JSON array unless --nl or --csv is given.

    Example: newstrace links news.db --nl --kind republication
    """
    from newstrace.store.links import iter_stored_links

    links = iter_stored_links(open_store(db).conn, _KINDS[kind] if kind else None)
    write_output((link.to_json() for link in links), output)


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

    conn = open_store(db).conn
    if quotations:
        links = list(iter_links(conn))
        clusters = quotation_clusters(links, link_outlets(conn, links))
        write_output((cluster.to_json() for cluster in clusters), output)
        return
    write_output((family.to_json() for family in iter_stored_families(conn)), output)


@click.command(name="network")
@db_argument
@output_options("edge")
@click.option("--gexf", is_flag=True, help="The graph as GEXF (Gephi, networkx).")
def network_command(db: str, output: Output, gexf: bool) -> None:
    """Show which outlets republish which: copies, verbatim share, lag, attribution rate.

    Prints a table unless --json, --nl, --csv or --gexf is given.

    Example: newstrace network news.db --gexf > network.gexf
    """
    from newstrace.export.gexf import network_gexf
    from newstrace.store.network import stored_edges

    conn = open_store(db).conn
    if gexf:
        click.echo(network_gexf(conn))
    elif output is Output.DEFAULT:
        render.print_view(_network_table(list(stored_edges(conn))))
    else:
        write_output((edge.to_json() for edge in stored_edges(conn)), output)


def _network_table(edges: list[OutletEdge]) -> Table:
    table = Table(header_style="bold", title="origin outlet → republisher", title_justify="left")
    for column in ("origin", "republisher", "copies", "verbatim", "median lag h", "attributed"):
        table.add_column(column, justify="left" if column in {"origin", "republisher"} else "right")
    for edge in edges:
        lag = edge.median_lag_hours
        table.add_row(
            Text(edge.source),
            Text(edge.target),
            str(edge.copies),
            f"{edge.verbatim_share:.0%}",
            "—" if lag is None else f"{lag:.1f}",
            f"{edge.attribution_rate:.0%}",
        )
    return table


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
def report_command(
    db: str, article_id: int | None, family_id: int | None, html_path: Path | None
) -> None:
    """A report a journalist can read: where a story came from, who copied it, what changed.

    Example: newstrace report news.db --family 3 --html family-3.html
    """
    from newstrace.cli.report import article_report, families_overview, family_report

    conn = open_store(db).conn
    if html_path is not None:
        _write_family_html(conn, family_id, html_path)
    elif family_id is not None:
        render.print_view(family_report(conn, family_id))
    elif article_id is not None:
        render.print_view(article_report(conn, article_id))
    else:
        render.print_view(families_overview(conn))


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
