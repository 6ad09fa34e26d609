"""The outlet network for the graph page: stored edges, or edges over copies in a date range."""

from __future__ import annotations

import sqlite3
from typing import Any

from newstrace.reuse import network


def _edges_between(
    conn: sqlite3.Connection, date_from: str | None, date_to: str | None
) -> list[dict[str, Any]]:
    # The reuse stage's own copy rows and edge arithmetic, over copies published in the range.
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    grouped: dict[tuple[str, str], list[Any]] = {}
    for row in cursor.execute(network._COPIES_SQL).fetchall():
        day = (row["copy_published"] or "")[:10]
        if not day or (date_from and day < date_from) or (date_to and day > date_to):
            continue
        copy = network._copy(conn, row)
        if copy is not None:
            grouped.setdefault((copy.source, copy.target), []).append(copy)
    edges = [network._edge(s, t, copies) for (s, t), copies in sorted(grouped.items())]
    return [
        _edge_json(edge) for edge in sorted(edges, key=lambda e: (-e.copies, e.source, e.target))
    ]


def _edge_json(edge: Any) -> dict[str, Any]:
    return {
        "source": edge.source,
        "target": edge.target,
        "copies": edge.copies,
        "verbatim_share": edge.verbatim_share,
        "median_lag_hours": edge.median_lag_hours,
        "attribution_rate": edge.attribution_rate,
    }


def network_data(
    conn: sqlite3.Connection, date_from: str | None, date_to: str | None, min_copies: int
) -> dict[str, Any]:
    """Nodes and edges of who republishes whom, edges with at least min_copies copies."""
    if date_from or date_to:
        edges = _edges_between(conn, date_from, date_to)
    else:
        edges = network.network_json(conn)
    edges = [edge for edge in edges if edge["copies"] >= min_copies]
    named = {edge[end] for edge in edges for end in ("source", "target")}
    nodes = [node for node in network.outlet_nodes(conn) if node["name"] in named]
    copied = {name: 0 for name in named}
    copying = dict(copied)
    for edge in edges:
        copied[edge["source"]] += edge["copies"]
        copying[edge["target"]] += edge["copies"]
    for node in nodes:
        node["copied"], node["copying"] = copied[node["name"]], copying[node["name"]]
    return {"nodes": nodes, "edges": edges}


def outlet_ranking(conn: sqlite3.Connection, limit: int) -> dict[str, list[dict[str, Any]]]:
    """The most-copied outlets (as origin of copies) and the most-copying ones."""
    edges = network.network_json(conn)
    copied: dict[str, int] = {}
    copying: dict[str, int] = {}
    for edge in edges:
        copied[edge["source"]] = copied.get(edge["source"], 0) + edge["copies"]
        copying[edge["target"]] = copying.get(edge["target"], 0) + edge["copies"]

    def top(counts: dict[str, int]) -> list[dict[str, Any]]:
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [{"name": name, "copies": copies} for name, copies in ranked]

    return {"most_copied": top(copied), "most_copying": top(copying)}


def outlet_edges_of(conn: sqlite3.Connection, name: str) -> dict[str, list[dict[str, Any]]]:
    """Whom an outlet republishes (edges into it) and who republishes it (edges out of it)."""
    edges = network.network_json(conn)
    return {
        "republishes_from": [e for e in edges if e["target"] == name],
        "republished_by": [e for e in edges if e["source"] == name],
    }
