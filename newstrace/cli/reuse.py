"""Reuse commands: trace copies, list links and families, map the outlet network, report."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newstrace.cli import render
from newstrace.cli.options import open_store, settings_from

_config_option = click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TOML file with a [newstrace] table of settings.",
)
_db_argument = click.argument("db", type=click.Path(exists=True, dir_okay=False))


@click.command(name="trace")
@_db_argument
@click.option("--silent", is_flag=True, help="No summary.")
@_config_option
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
    from newstrace.engines.base import make_engine
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
            )
        )


def _write_objects(objects: Iterable[dict[str, Any]], nl: bool) -> None:
    """JSON objects to stdout: one per line with --nl, else one JSON array."""
    (render.write_nl if nl else render.write_json)(objects, sys.stdout)


@click.command(name="links")
@_db_argument
@click.option("--nl", is_flag=True, help="One JSON object per line (the default is a JSON array).")
def links_command(db: str, nl: bool) -> None:
    """Print every cross-outlet copy link with its aligned passages.

    Example: newstrace links news.db --nl
    """
    from newstrace.engines.trace import links_json

    _write_objects(links_json(open_store(db).conn), nl)


@click.command(name="families")
@_db_argument
@click.option("--nl", is_flag=True, help="One JSON object per line (the default is a JSON array).")
def families_command(db: str, nl: bool) -> None:
    """Print every copy family: origin, members, parents, evidence and changes.

    Example: newstrace families news.db --nl
    """
    from newstrace.reuse.provenance import families_json

    _write_objects(families_json(open_store(db).conn), nl)


@click.command(name="network")
@_db_argument
@click.option("--json", "as_json", is_flag=True, help="Edges as a JSON array.")
@click.option("--gexf", is_flag=True, help="The graph as GEXF (Gephi, networkx).")
def network_command(db: str, as_json: bool, gexf: bool) -> None:
    """Show which outlets republish which: copies, verbatim share, lag, attribution rate.

    Example: newstrace network news.db --gexf > network.gexf
    """
    from newstrace.export.gexf import network_gexf
    from newstrace.reuse.network import network_json

    conn = open_store(db).conn
    if gexf:
        click.echo(network_gexf(conn))
    elif as_json:
        render.write_json(network_json(conn), sys.stdout)
    else:
        render.print_view(_network_table(list(network_json(conn))))


def _network_table(edges: list[dict[str, object]]) -> Table:
    table = Table(header_style="bold", title="origin outlet → republisher", title_justify="left")
    for column in ("origin", "republisher", "copies", "verbatim", "median lag h", "attributed"):
        table.add_column(column, justify="left" if column in {"origin", "republisher"} else "right")
    for edge in edges:
        lag = edge.get("median_lag_hours")
        table.add_row(
            Text(str(edge["source"])),
            Text(str(edge["target"])),
            str(edge["copies"]),
            f"{float(edge['verbatim_share']):.0%}",  # type: ignore[arg-type]
            "—" if lag is None else f"{float(lag):.1f}",  # type: ignore[arg-type]
            f"{float(edge['attribution_rate']):.0%}",  # type: ignore[arg-type]
        )
    return table


@click.command(name="report")
@_db_argument
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


def _write_family_html(conn: Any, family_id: int | None, html_path: Path) -> None:
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
