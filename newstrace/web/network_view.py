"""The outlet network for the graph page: stored edges, or edges over copies in a date range."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from newstrace.models import FamilyCopy
from newstrace.reuse.network import outlet_edges
from newstrace.store import outlets as outlet_store
from newstrace.store.graph import graph_json
from newstrace.store.network import family_copies, stored_outlets
from newstrace.store.outlets import attributes_by_outlet, matching_outlets
from newstrace.web.answers import Answers, database_path


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


@dataclass(frozen=True, slots=True)
class NetworkFilter:
    """What the network page asks for: a date range, a minimum of copies, and attribute values
    the origin and the republisher of an edge must have ("type=state-affiliated")."""

    date_from: str | None = None
    date_to: str | None = None
    min_copies: int = 1
    origin: tuple[str, str] | None = None
    republisher: tuple[str, str] | None = None


def _with(conn: sqlite3.Connection, wanted: tuple[str, str] | None) -> set[str] | None:
    return matching_outlets(conn, *wanted) if wanted else None


@dataclass(frozen=True, slots=True)
class Graph:
    """The whole network once, before any filter: edges (as OutletEdge.to_json), the stored
    outlets by name and their attributes."""

    edges: list[dict[str, Any]]
    outlets: dict[str, dict[str, Any]]
    attributes: dict[str, dict[str, str]]


# Whole graphs (by database, its signature and date range): the filters a user tries one after
# another are applied to one aggregate, read again only once the store changes.
_GRAPHS: Answers[Graph] = Answers(8)


def whole_graph(conn: sqlite3.Connection, date_from: str | None, date_to: str | None) -> Graph:
    """Every edge (over the copies in the date range, when one is given) and outlet."""
    path = database_path(conn)
    key = _GRAPHS.key(path, (date_from, date_to)) if path else None
    found = _GRAPHS.get(key) if key else None
    if found is None:
        if date_from or date_to:
            edges = _edges_between(conn, date_from, date_to)
        else:
            edges = outlet_store.outlet_edges(conn)
        outlets = {node.name: node.to_json() for node in stored_outlets(conn)}
        found = Graph(edges, outlets, attributes_by_outlet(conn))
        if key:
            _GRAPHS.put(key, found)
    return found


def network_data(conn: sqlite3.Connection, wanted: NetworkFilter) -> dict[str, Any]:
    """Nodes (with their attributes) and edges of who republishes whom, filtered."""
    graph = whole_graph(conn, wanted.date_from, wanted.date_to)
    sources, targets = _with(conn, wanted.origin), _with(conn, wanted.republisher)
    edges = [
        edge
        for edge in graph.edges
        if edge["copies"] >= wanted.min_copies
        and (sources is None or edge["source"] in sources)
        and (targets is None or edge["target"] in targets)
    ]
    copied: dict[str, int] = {}
    copying: dict[str, int] = {}
    for edge in edges:
        copied[edge["source"]] = copied.get(edge["source"], 0) + edge["copies"]
        copying[edge["target"]] = copying.get(edge["target"], 0) + edge["copies"]
    nodes = [_node(graph, name, copied, copying) for name in sorted(copied.keys() | copying)]
    keys = sorted({key for values in graph.attributes.values() for key in values})
    return {"nodes": nodes, "edges": edges, "attribute_keys": keys}


def network_answer(conn: sqlite3.Connection, wanted: NetworkFilter) -> str | dict[str, Any]:
    """The graph's data as `network_data` gives it: over stored edges, JSON text that SQLite
    writes in one statement (`store.graph`); over a date range, edges of the copies in it."""
    if wanted.date_from or wanted.date_to:
        return network_data(conn, wanted)
    return graph_json(conn, wanted.min_copies, wanted.origin, wanted.republisher)


def _node(
    graph: Graph, name: str, copied: dict[str, int], copying: dict[str, int]
) -> dict[str, Any]:
    # Outlets named only by edges (a wire credited outside the corpus) have no articles.
    stored = graph.outlets.get(name) or {"name": name, "domain": None, "articles": 0}
    return {
        **stored,
        "copied": copied.get(name, 0),
        "copying": copying.get(name, 0),
        "attributes": graph.attributes.get(name, {}),
    }


def attribute_choices(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Each outlet attribute and the values it takes, for the network page's filters."""
    choices: dict[str, set[str]] = {}
    for values in attributes_by_outlet(conn).values():
        for key, value in values.items():
            choices.setdefault(key, set()).add(value)
    return {key: sorted(values) for key, values in sorted(choices.items())}


def outlet_ranking(conn: sqlite3.Connection, limit: int) -> dict[str, list[dict[str, Any]]]:
    """The most-copied outlets (as origin of copies) and the most-copying ones."""
    return {
        "most_copied": outlet_store.top_outlets(conn, "source", limit),
        "most_copying": outlet_store.top_outlets(conn, "target", limit),
    }


def outlet_edges_of(conn: sqlite3.Connection, name: str) -> dict[str, list[dict[str, Any]]]:
    """Whom an outlet republishes (edges into it) and who republishes it (edges out of it)."""
    edges = outlet_store.outlet_edges(conn, name)
    return {
        "republishes_from": [e for e in edges if e["target"] == name],
        "republished_by": [e for e in edges if e["source"] == name],
    }
