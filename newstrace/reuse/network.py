"""The outlet network: who republishes whom, over all families.

An edge runs from the origin outlet (the parent's outlet, or the external wire) to the
republishing outlet. Per edge:

- copies: copies the target made of the source's articles;
- verbatim_share: the share of those copies that are verbatim, meaning the link to the parent
  has a verbatim ratio of at least VERBATIM_MIN_RATIO and carries at least
  VERBATIM_MIN_COVERAGE of the parent's body (for an external origin, with no parent body in
  the corpus, the verbatim ratio alone decides);
- median_lag_hours: median hours from the parent's publication to the copy's, over copies
  where both dates are known (None when none are);
- attribution_rate: the share of copies carrying an attribution (any cue) naming the source.
"""

from __future__ import annotations

import sqlite3
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newstrace.models import OutletEdge
from newstrace.reuse.evidence import lag_hours, same_outlet_name

VERBATIM_MIN_RATIO = 0.98
VERBATIM_MIN_COVERAGE = 0.9

_COPIES_SQL = """
SELECT m.article_id, m.parent_id, m.coverage, f.origin_outlet, f.external,
       co.name AS copy_outlet, c.published AS copy_published,
       po.name AS parent_outlet, p.published AS parent_published,
       (SELECT max(l.verbatim_ratio) FROM reuse_links l
        WHERE (l.a = m.article_id AND l.b = m.parent_id) OR (l.b = m.article_id AND l.a = m.parent_id)
           OR (m.parent_id IS NULL AND (l.a = m.article_id OR l.b = m.article_id))) AS verbatim
FROM family_members m JOIN families f ON f.id = m.family_id
JOIN articles c ON c.id = m.article_id LEFT JOIN outlets co ON co.id = c.outlet_id
LEFT JOIN articles p ON p.id = m.parent_id LEFT JOIN outlets po ON po.id = p.outlet_id
WHERE m.parent_id IS NOT NULL OR f.external = 1
ORDER BY m.family_id, m.article_id
"""


@dataclass(frozen=True, slots=True)
class _Copy:
    source: str
    target: str
    verbatim: bool
    lag_hours: float | None
    attributed: bool


def _credits(conn: sqlite3.Connection, article_id: int) -> list[str]:
    rows = conn.execute(
        "SELECT outlet FROM attributions WHERE article_id = ? AND outlet IS NOT NULL", (article_id,)
    )
    return [row[0] for row in rows]


def _copy(conn: sqlite3.Connection, row: sqlite3.Row) -> _Copy | None:
    source = row["origin_outlet"] if row["external"] else row["parent_outlet"]
    target = row["copy_outlet"]
    if not source or not target or same_outlet_name(source, target):
        return None
    verbatim = (row["verbatim"] or 0.0) >= VERBATIM_MIN_RATIO and (
        bool(row["external"]) or (row["coverage"] or 0.0) >= VERBATIM_MIN_COVERAGE
    )
    lag = None if row["external"] else lag_hours(row["parent_published"], row["copy_published"])
    attributed = any(same_outlet_name(name, source) for name in _credits(conn, row["article_id"]))
    return _Copy(source, target, verbatim, lag, attributed)


def outlet_edges(conn: sqlite3.Connection) -> list[OutletEdge]:
    """Edges origin outlet -> republisher computed from the stored family trees."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    grouped: dict[tuple[str, str], list[_Copy]] = {}
    for row in cursor.execute(_COPIES_SQL).fetchall():
        copy = _copy(conn, row)
        if copy is not None:
            grouped.setdefault((copy.source, copy.target), []).append(copy)
    return [_edge(source, target, copies) for (source, target), copies in sorted(grouped.items())]


def _edge(source: str, target: str, copies: list[_Copy]) -> OutletEdge:
    lags = [copy.lag_hours for copy in copies if copy.lag_hours is not None]
    return OutletEdge(
        source=source,
        target=target,
        copies=len(copies),
        verbatim_share=round(sum(copy.verbatim for copy in copies) / len(copies), 4),
        median_lag_hours=round(statistics.median(lags), 2) if lags else None,
        attribution_rate=round(sum(copy.attributed for copy in copies) / len(copies), 4),
    )


def write_outlet_edges(conn: sqlite3.Connection, edges: list[OutletEdge]) -> None:
    """Replace the stored outlet network; the caller holds the transaction."""
    conn.execute("DELETE FROM outlet_edges")
    conn.executemany(
        "INSERT INTO outlet_edges (source, target, copies, verbatim_share, median_lag_hours,"
        " attribution_rate) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (e.source, e.target, e.copies, e.verbatim_share, e.median_lag_hours, e.attribution_rate)
            for e in edges
        ],
    )


def stored_edges(conn: sqlite3.Connection) -> Iterator[OutletEdge]:
    """The stored outlet network, strongest edges first."""
    rows = conn.execute(
        "SELECT source, target, copies, verbatim_share, median_lag_hours, attribution_rate"
        " FROM outlet_edges ORDER BY copies DESC, source, target"
    )
    for row in rows:
        yield OutletEdge(*row)


def outlet_nodes(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Outlets in the network (and every outlet that has articles) with their article counts."""
    rows = conn.execute(
        "SELECT o.name, o.domain, count(a.id) FROM outlets o LEFT JOIN articles a ON a.outlet_id = o.id"
        " GROUP BY o.id ORDER BY o.name"
    ).fetchall()
    nodes = {
        name: {"name": name, "domain": domain, "articles": count} for name, domain, count in rows
    }
    for edge in stored_edges(conn):
        for name in (edge.source, edge.target):
            nodes.setdefault(name, {"name": name, "domain": None, "articles": 0})
    return sorted(nodes.values(), key=lambda node: node["name"])


def network_json(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """The stored outlet network's edges, strongest first, with the documented fields."""
    return [
        {
            "source": e.source,
            "target": e.target,
            "copies": e.copies,
            "verbatim_share": e.verbatim_share,
            "median_lag_hours": e.median_lag_hours,
            "attribution_rate": e.attribution_rate,
        }
        for e in stored_edges(conn)
    ]
