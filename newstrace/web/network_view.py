"""The outlet network for the graph page: stored edges, or edges over copies in a date range."""

from __future__ import annotations

import sqlite3
from typing import Any

from newstrace.models import FamilyCopy
from newstrace.reuse.network import network_nodes, outlet_edges
from newstrace.store.network import family_copies, stored_edges, stored_outlets


def _in_range(copy: FamilyCopy, date_from: str | None, date_to: str | None) -> bool:
    day = (copy.copy_published or "")[:10]
    return bool(day) and not (date_from and day < date_from) and not (date_to and day > date_to)


def _edges_between(
    conn: sqlite3.Connection, date_from: str | None, date_to: str | None
) -> list[dict[str, Any]]:
    # The reuse stage's own edge arithmetic, over the copies published in the range.
    copies = [c for c in family_copies(conn) if _in_range(c, date_from, date_to)]
    edges = sorted(outlet_edges(copies), key=lambda e: (-e.copies, e.source, e.target))
    return [edge.to_json() for edge in edges]


def _stored_edges(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [edge.to_json() for edge in stored_edges(conn)]


def network_data(
    conn: sqlite3.Connection, date_from: str | None, date_to: str | None, min_copies: int
) -> dict[str, Any]:
    """Nodes and edges of who republishes whom, edges with at least min_copies copies."""
    if date_from or date_to:
        edges = _edges_between(conn, date_from, date_to)
    else:
        edges = _stored_edges(conn)
    edges = [edge for edge in edges if edge["copies"] >= min_copies]
    named = {edge[end] for edge in edges for end in ("source", "target")}
    outlets = network_nodes(stored_outlets(conn), stored_edges(conn))
    nodes = [node.to_json() for node in outlets if node.name in named]
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
    edges = _stored_edges(conn)
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
    edges = _stored_edges(conn)
    return {
        "republishes_from": [e for e in edges if e["target"] == name],
        "republished_by": [e for e in edges if e["source"] == name],
    }
