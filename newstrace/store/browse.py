"""Read-only questions the web UI asks that no other stage needs: overviews, search, filters.

Articles, families, the network and whole events are read through the store's other modules;
these are the few summaries only a browser page shows, as one dict per row for its templates.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from newstrace.models.events import StoredEvent
from newstrace.store.events import select_events

SEARCH_MARK_START = "\x02"
SEARCH_MARK_END = "\x03"
SEARCH_LIMIT = 50


def _dicts(
    conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()
) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def is_newstrace(conn: sqlite3.Connection) -> bool:
    """Whether a database has the newstrace tables the UI reads."""
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    return {"articles", "families", "outlet_edges", "events"} <= names


def is_newstrace_file(path: str) -> bool:
    """Whether the SQLite file at a path, opened read-only, has the tables the UI reads."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return is_newstrace(conn)
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def headline_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Articles, outlets, families and events: the corpus at a glance."""
    tables = ("articles", "outlets", "families", "events")
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


_LARGEST_FAMILIES_SQL = """
SELECT f.id, f.size, f.origin_article, f.origin_outlet, f.external,
       a.title_label, a.title, a.published
FROM families f LEFT JOIN articles a ON a.id = coalesce(f.origin_article, f.id)
ORDER BY f.size DESC, f.id LIMIT ?
"""


def largest_families(conn: sqlite3.Connection, limit: int) -> list[dict[str, Any]]:
    """The biggest copy families with their origin's title."""
    return _dicts(conn, _LARGEST_FAMILIES_SQL, (limit,))


_OUTLET_SQL = "SELECT id, name, domain FROM outlets WHERE name = ?"
_OUTLET_ARTICLES_SQL = """
SELECT a.id, a.title_label, a.title, a.published, fm.family_id,
       (fm.parent_id IS NULL AND f.origin_article = a.id) AS is_origin
FROM articles a JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN family_members fm ON fm.article_id = a.id LEFT JOIN families f ON f.id = fm.family_id
WHERE o.name = ? ORDER BY a.published DESC, a.id DESC LIMIT ?
"""
_ORIGINATED_SQL = """
SELECT f.id, f.size, f.external, a.title_label, a.title, a.published
FROM families f LEFT JOIN articles a ON a.id = f.origin_article
WHERE f.origin_outlet = ? ORDER BY f.size DESC, f.id LIMIT ?
"""


def outlet_row(conn: sqlite3.Connection, name: str) -> dict[str, Any] | None:
    """The stored outlet of this name, or None (a wire named only in credits has no row)."""
    rows = _dicts(conn, _OUTLET_SQL, (name,))
    return rows[0] if rows else None


def outlet_articles(conn: sqlite3.Connection, name: str, limit: int) -> list[dict[str, Any]]:
    """An outlet's latest articles with the family each belongs to."""
    return _dicts(conn, _OUTLET_ARTICLES_SQL, (name, limit))


def originated_families(conn: sqlite3.Connection, name: str, limit: int) -> list[dict[str, Any]]:
    """Families whose origin is this outlet, largest first."""
    return _dicts(conn, _ORIGINATED_SQL, (name, limit))


def inferred_values(conn: sqlite3.Connection, article_id: int) -> list[dict[str, Any]]:
    """Fields of an article filled in by later stages: value, evidence and the stage."""
    return _dicts(
        conn,
        "SELECT field, value, evidence, stage FROM inferences WHERE article_id = ? ORDER BY id",
        (article_id,),
    )


_ARTICLE_PASSAGES_SQL = """
SELECT l.id AS link, CASE WHEN l.a = :id THEN l.b ELSE l.a END AS other,
       CASE WHEN l.a = :id THEN p.a_start ELSE p.b_start END AS start,
       CASE WHEN l.a = :id THEN p.a_end ELSE p.b_end END AS end,
       CASE WHEN l.a = :id THEN p.b_start ELSE p.a_start END AS other_start,
       p.tokens, p.verbatim, l.same_outlet, o.name AS other_outlet
FROM reuse_links l JOIN passages p ON p.link_id = l.id
JOIN articles oa ON oa.id = CASE WHEN l.a = :id THEN l.b ELSE l.a END
LEFT JOIN outlets o ON o.id = oa.outlet_id
WHERE l.a = :id OR l.b = :id ORDER BY start, other
"""


def article_passages(conn: sqlite3.Connection, article_id: int) -> list[dict[str, Any]]:
    """Every aligned passage of an article's links, as offsets here and in the other article."""
    cursor = conn.execute(_ARTICLE_PASSAGES_SQL, {"id": article_id})
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def event_filter_options(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """The values each event filter can take in this store."""
    column = lambda c: [  # noqa: E731
        row[0]
        for row in conn.execute(f"SELECT DISTINCT {c} FROM events WHERE {c} IS NOT NULL ORDER BY 1")
    ]
    actors = [
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT json_extract(j.value, '$.name') FROM events e, json_each(e.actors) j"
            " UNION SELECT DISTINCT json_extract(j.value, '$.name') FROM events e, json_each(e.recipients) j"
            " ORDER BY 1"
        )
        if row[0]
    ]
    return {
        "event_type": column("event_type"),
        "attribution_class": column("attribution_class"),
        "hedge": column("hedge"),
        "actor": actors,
    }


def filtered_events(
    conn: sqlite3.Connection, filters: dict[str, str], limit: int
) -> list[StoredEvent]:
    """Events matching the filters (type, actor, date range, attribution class, hedge)."""
    clauses, params = ["1 = 1"], []
    for key, column in (("event_type", "event_type"), ("attribution_class", "attribution_class")):
        if filters.get(key):
            clauses.append(f"{column} = ?")
            params.append(filters[key])
    hedge = filters.get("hedge")
    if hedge == "(none)":
        clauses.append("hedge IS NULL")
    elif hedge == "(any)":
        clauses.append("hedge IS NOT NULL")
    elif hedge:
        clauses.append("hedge = ?")
        params.append(hedge)
    if filters.get("date_from"):
        clauses.append("coalesce(date_end, date_start) >= ?")
        params.append(filters["date_from"])
    if filters.get("date_to"):
        clauses.append("date_start <= ?")
        params.append(filters["date_to"])
    if filters.get("actor"):
        clauses.append(
            "EXISTS (SELECT 1 FROM json_each(actors) j WHERE json_extract(j.value, '$.name') = ?"
            " UNION ALL SELECT 1 FROM json_each(recipients) j WHERE json_extract(j.value, '$.name') = ?)"
        )
        params += [filters["actor"]] * 2
    where = " AND ".join(clauses) + f" LIMIT {int(limit)}"
    return list(select_events(conn, where, tuple(params)))


def event_families(conn: sqlite3.Connection, event_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Family, article and title of some events: where a corroborating report can be read."""
    if not event_ids:
        return {}
    marks = ",".join("?" * len(event_ids))
    rows = _dicts(
        conn,
        f"SELECT e.id, e.family_id, e.article_id, a.title, o.name AS outlet FROM events e"
        f" JOIN articles a ON a.id = e.article_id LEFT JOIN outlets o ON o.id = a.outlet_id"
        f" WHERE e.id IN ({marks})",
        tuple(event_ids),
    )
    return {row["id"]: row for row in rows}


def search_articles(conn: sqlite3.Connection, fts_query: str, limit: int) -> list[dict[str, Any]]:
    """Articles matching a full-text query over titles and bodies, best first, with a snippet."""
    sql = (
        "SELECT a.id, a.title_label, a.title, a.published, o.name AS outlet,"
        " snippet(articles_fts, -1, ?, ?, '…', 24) AS snippet"
        " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        " LEFT JOIN outlets o ON o.id = a.outlet_id"
        " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"
    )
    return _dicts(conn, sql, (SEARCH_MARK_START, SEARCH_MARK_END, fts_query, limit))
