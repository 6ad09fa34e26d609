"""The outlet network: the copies it is computed from, and its stored edges and outlets."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator
from typing import Any

from newstrace.models import FamilyCopy, OutletEdge, OutletNode

# Each copy's link to its parent is found through the (a, b) key (a < b); the members of
# an external family, which have no parent, take their best link from one aggregate query
# (_UNPARENTED_SQL), so the network costs a few scans, not one search per copy.
_COPIES_SQL = """
SELECT m.article_id, m.parent_id, m.coverage, f.origin_outlet, f.external,
       co.name AS copy_outlet, c.published AS copy_published,
       po.name AS parent_outlet, p.published AS parent_published,
       l.verbatim_ratio AS verbatim, c.language AS copy_language, p.language AS parent_language
FROM family_members m JOIN families f ON f.id = m.family_id
JOIN articles c ON c.id = m.article_id LEFT JOIN outlets co ON co.id = c.outlet_id
LEFT JOIN articles p ON p.id = m.parent_id LEFT JOIN outlets po ON po.id = p.outlet_id
LEFT JOIN reuse_links l
       ON l.a = min(m.article_id, m.parent_id) AND l.b = max(m.article_id, m.parent_id)
WHERE (m.parent_id IS NOT NULL OR f.external = 1){families}
ORDER BY m.family_id, m.article_id
"""
_IN_FAMILIES = " AND m.family_id IN (SELECT value FROM json_each(?))"
_UNPARENTED_SQL = """
WITH unparented AS (
    SELECT m.article_id FROM family_members m JOIN families f ON f.id = m.family_id
    WHERE m.parent_id IS NULL AND f.external = 1
)
SELECT article, max(verbatim) FROM (
    SELECT l.a AS article, l.verbatim_ratio AS verbatim FROM reuse_links l
    WHERE l.a IN (SELECT article_id FROM unparented)
    UNION ALL
    SELECT l.b, l.verbatim_ratio FROM reuse_links l WHERE l.b IN (SELECT article_id FROM unparented)
) GROUP BY article
"""
_CREDITS_SQL = """
SELECT article_id, outlet FROM attributions
WHERE outlet IS NOT NULL AND article_id IN (SELECT article_id FROM family_members)
ORDER BY id
"""


# Evidence of a member that is its text crediting its parent (or the external origin): an
# attribution line, byline, wire marker, canonical link, date line, or a copyright line or
# appeal naming the parent's outlet. A copy carrying one credits its source.
_CREDITING_SQL = """
SELECT DISTINCT article_id FROM member_evidence
WHERE weight > 0 AND kind IN ('attribution', 'byline', 'wire marker', 'canonical link',
                              'dateline', 'carried boilerplate')
"""


def _credits(conn: sqlite3.Connection) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for article_id, outlet in conn.execute(_CREDITS_SQL):
        found.setdefault(article_id, []).append(outlet)
    return {article_id: tuple(names) for article_id, names in found.items()}


def _crediting(conn: sqlite3.Connection) -> set[int]:
    """Members whose evidence shows their text credits their source."""
    return {row[0] for row in conn.execute(_CREDITING_SQL)}


def family_copies(
    conn: sqlite3.Connection, families: Collection[int] | None = None
) -> list[FamilyCopy]:
    """Every copy in the stored family trees (members with a parent, and members of families
    with an external origin), with the outlets its attributions credit; by family, article.
    Only the copies of the given families when some are given."""
    credits, crediting = _credits(conn), _crediting(conn)
    unparented = dict(conn.execute(_UNPARENTED_SQL).fetchall())
    params: tuple[str, ...] = ()
    sql = _COPIES_SQL.format(families="")
    if families is not None:
        sql, params = _COPIES_SQL.format(families=_IN_FAMILIES), (json.dumps(sorted(families)),)
    copies = []
    for row in conn.execute(sql, params).fetchall():
        if row[1] is None:
            row = (*row[:9], unparented.get(row[0]), *row[10:])
        names = credits.get(row[0], ())
        if row[0] in crediting:  # credited through its evidence: the source's own name
            source = row[7] if row[1] is not None and row[7] else row[3]
            names = (*names, source) if source else names
        copies.append(_copy(row, names))
    return copies


def _copy(row: tuple[Any, ...], credits: tuple[str, ...]) -> FamilyCopy:
    return FamilyCopy(
        article_id=row[0],
        parent_id=row[1],
        coverage=row[2],
        origin_outlet=row[3],
        external=bool(row[4]),
        copy_outlet=row[5],
        copy_published=row[6],
        parent_outlet=row[7],
        parent_published=row[8],
        verbatim=row[9],
        credits=credits,
        translated=bool(row[10] and row[11] and row[10] != row[11]),
    )


def write_outlet_edges(conn: sqlite3.Connection, edges: Iterable[OutletEdge]) -> None:
    """Replace the stored outlet network; the caller holds the transaction."""
    conn.execute("DELETE FROM outlet_edges")
    conn.executemany(
        "INSERT INTO outlet_edges (source, target, copies, verbatim_share, median_lag_hours,"
        " attribution_rate, translations) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                e.source,
                e.target,
                e.copies,
                e.verbatim_share,
                e.median_lag_hours,
                e.attribution_rate,
                e.translations,
            )
            for e in edges
        ],
    )


def families_with_outlets(conn: sqlite3.Connection, names: Collection[str]) -> set[int]:
    """The families with a member of any of these outlets (where any copy into them lies)."""
    rows = conn.execute(
        "SELECT DISTINCT m.family_id FROM family_members m JOIN articles a ON a.id = m.article_id"
        " JOIN outlets o ON o.id = a.outlet_id WHERE o.name IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(names)),),
    )
    return {int(row[0]) for row in rows}


def replace_outlet_edges(
    conn: sqlite3.Connection, keys: Collection[tuple[str, str]], edges: Iterable[OutletEdge]
) -> None:
    """Replace the stored edges with these (source, target) keys by the given edges (those of
    the keys that still have copies); every other edge stays. The caller holds the transaction."""
    conn.executemany("DELETE FROM outlet_edges WHERE source = ? AND target = ?", sorted(keys))
    conn.executemany(
        "INSERT INTO outlet_edges (source, target, copies, verbatim_share, median_lag_hours,"
        " attribution_rate, translations) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [_edge_row(e) for e in edges if (e.source, e.target) in keys],
    )


def _edge_row(e: OutletEdge) -> tuple[object, ...]:
    return (
        e.source, e.target, e.copies, e.verbatim_share, e.median_lag_hours,
        e.attribution_rate, e.translations,
    )  # fmt: skip


def stored_edges(conn: sqlite3.Connection) -> Iterator[OutletEdge]:
    """The stored outlet network, strongest edges first."""
    rows = conn.execute(
        "SELECT source, target, copies, verbatim_share, median_lag_hours, attribution_rate,"
        " translations FROM outlet_edges ORDER BY copies DESC, source, target"
    )
    for row in rows:
        yield OutletEdge(*row)


def stored_outlets(conn: sqlite3.Connection) -> list[OutletNode]:
    """Every stored outlet with its domain and article count, by name."""
    rows = conn.execute(
        "SELECT o.name, o.domain, count(a.id) FROM outlets o LEFT JOIN articles a ON a.outlet_id = o.id"
        " GROUP BY o.id ORDER BY o.name"
    ).fetchall()
    return [OutletNode(name, domain, count) for name, domain, count in rows]
