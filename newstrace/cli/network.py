"""The network command: who republishes whom, with the outlets' attributes, filtered by them."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from functools import partial
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from newstrace.cli import render
from newstrace.cli.options import Output, db_argument, open_store, output_options, write_output
from newstrace.cli.outlets import key_value
from newstrace.models import OutletEdge
from newstrace.store.outlets import attributes_by_outlet, matching_outlets

GEXF_NAMESPACE = "http://gexf.net/1.3"
Attributes = dict[str, dict[str, str]]


def _filter_edges(
    conn: sqlite3.Connection,
    edges: list[OutletEdge],
    origin: tuple[str, ...],
    copier: tuple[str, ...],
) -> list[OutletEdge]:
    """The edges whose origin outlet has every --origin attribute and whose republisher has
    every --republisher one."""
    sources = _outlets_with(conn, origin)
    targets = _outlets_with(conn, copier)
    return [
        edge
        for edge in edges
        if (sources is None or edge.source in sources)
        and (targets is None or edge.target in targets)
    ]


def _outlets_with(conn: sqlite3.Connection, wanted: tuple[str, ...]) -> set[str] | None:
    if not wanted:
        return None
    names: set[str] | None = None
    for key, value in (key_value(text) for text in wanted):
        found = matching_outlets(conn, key, value)
        names = found if names is None else names & found
    return names or set()


def edge_json(edge: OutletEdge, attributes: Attributes) -> dict[str, Any]:
    """An edge as JSON, with the attributes of the outlets at both ends."""
    return {
        **edge.to_json(),
        "source_attributes": attributes.get(edge.source, {}),
        "target_attributes": attributes.get(edge.target, {}),
    }


@click.command(name="network")
@db_argument
@output_options("edge")
@click.option("--gexf", is_flag=True, help="The graph as GEXF (Gephi, networkx), with attributes.")
@click.option(
    "--origin",
    multiple=True,
    metavar="KEY=VALUE",
    help="Only edges from outlets with this attribute (e.g. type=state-affiliated).",
)
@click.option(
    "--republisher",
    multiple=True,
    metavar="KEY=VALUE",
    help="Only edges into outlets with this attribute.",
)
@click.option("--full", is_flag=True, help="Every row, however long the table.")
def network_command(
    db: str, output: Output, gexf: bool, origin: tuple[str, ...], republisher: tuple[str, ...],
    full: bool,
) -> None:  # fmt: skip
    """Show which outlets republish which: copies, verbatim share, lag, attribution rate.

    Each outlet carries its attributes (see `newstrace outlets`); --origin and --republisher
    keep the edges between outlets that have them.

    Prints a table unless --json, --nl, --csv or --gexf is given.

    \b
    Example: newstrace network news.db --origin type=state-affiliated
    Example: newstrace network news.db --gexf > network.gexf
    """
    from newstrace.store.network import stored_edges

    conn = open_store(db).conn
    edges = _filter_edges(conn, list(stored_edges(conn)), origin, republisher)
    attributes = attributes_by_outlet(conn)
    if not edges:
        click.echo(_why_empty(conn, db, bool(origin or republisher)), err=True)
    if gexf:
        click.echo(_gexf(conn, edges, attributes))
    elif output is Output.DEFAULT:
        table_of = partial(_network_table, attributes=attributes)
        render.print_view(render.fitted(table_of, edges, "edges", full))
    else:
        write_output((edge_json(edge, attributes) for edge in edges), output)


def _why_empty(conn: sqlite3.Connection, db: str, filtered: bool) -> str:
    from newstrace.store.browse import stage_counts

    counts = stage_counts(conn)
    if counts["edges"] and filtered:
        return "no edge between outlets with those attributes (see: newstrace outlets DB)"
    if counts["traced"] == 0:
        return f"no network yet: run newstrace trace {db}"
    return "no network: no outlet republished another's article"


def _network_table(edges: Sequence[OutletEdge], attributes: Attributes) -> Table:
    table = Table(header_style="bold", title="origin outlet → republisher", title_justify="left")
    translated = any(edge.translations for edge in edges)  # a column only where there are some
    columns = ("origin", "republisher", "copies", "verbatim", "median lag h", "attributed")
    for column in (*columns, "translated") if translated else columns:
        table.add_column(column, justify="left" if column in {"origin", "republisher"} else "right")
    for edge in edges:
        lag = edge.median_lag_hours
        table.add_row(
            _outlet_cell(edge.source, attributes),
            _outlet_cell(edge.target, attributes),
            str(edge.copies),
            f"{edge.verbatim_share:.0%}",
            "—" if lag is None else f"{lag:.1f}",
            f"{edge.attribution_rate:.0%}",
            *((str(edge.translations),) if translated else ()),
        )
    return table


def _outlet_cell(name: str, attributes: Attributes) -> Text:
    cell = Text(name)
    kind = attributes.get(name, {}).get("type")
    if kind:
        cell.append(f" ({kind})", style="dim")
    return cell


def _gexf(conn: sqlite3.Connection, edges: list[OutletEdge], attributes: Attributes) -> str:
    """The export's GEXF with each outlet's attributes as node attributes, filtered edges."""
    from newstrace.export.gexf import network_gexf

    ET.register_namespace("", GEXF_NAMESPACE)
    root = ET.fromstring(network_gexf(conn))
    ns = {"g": GEXF_NAMESPACE}
    graph = root.find("g:graph", ns)
    if graph is None:
        return network_gexf(conn)
    labels = {node.get("id"): node.get("label") for node in graph.iterfind("g:nodes/g:node", ns)}
    kept = {(edge.source, edge.target) for edge in edges}
    edge_block = graph.find("g:edges", ns)
    for element in list(edge_block if edge_block is not None else []):
        if (labels.get(element.get("source")), labels.get(element.get("target"))) not in kept:
            edge_block.remove(element)  # type: ignore[union-attr]
    _add_node_attributes(graph, ns, attributes)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def _add_node_attributes(graph: ET.Element, ns: dict[str, str], attributes: Attributes) -> None:
    keys = sorted({key for values in attributes.values() for key in values})
    block = graph.find("g:attributes[@class='node']", ns)
    if block is None or not keys:
        return
    tag = f"{{{GEXF_NAMESPACE}}}"
    for key in keys:
        ET.SubElement(
            block, tag + "attribute", {"id": f"outlet.{key}", "title": key, "type": "string"}
        )
    for node in graph.iterfind("g:nodes/g:node", ns):
        values = attributes.get(node.get("label") or "", {})
        if not values:
            continue
        holder = node.find("g:attvalues", ns)
        if holder is None:
            holder = ET.SubElement(node, tag + "attvalues")
        for key, value in sorted(values.items()):
            ET.SubElement(holder, tag + "attvalue", {"for": f"outlet.{key}", "value": value})
