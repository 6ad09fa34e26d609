"""Read-only questions the web UI asks that no other stage needs: overviews, search, filters.

Articles, families, the network and whole events are read through the store's other modules;
these are the few summaries only a browser page shows, as one dict per row for its templates.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from newstrace.models.events import StoredEvent
from newstrace.store.events import select_events

SEARCH_MARK_START = "\x02"
SEARCH_MARK_END = "\x03"
SEARCH_LIMIT = 50


def dict_rows(
    conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()
) -> list[dict[str, Any]]:
    """The rows of a query as dicts keyed by column name."""
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
    return dict_rows(conn, _LARGEST_FAMILIES_SQL, (limit,))


_OUTLET_SQL = "SELECT id, name, domain FROM outlets WHERE name = ?"
_OUTLET_ARTICLES_SQL = """
SELECT a.id, a.title_label, a.title, a.published, fm.family_id,
       (fm.parent_id IS NULL AND f.origin_article = a.id) AS is_origin
FROM articles a JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN family_members fm ON fm.article_id = a.id LEFT JOIN families f ON f.id = fm.family_id
WHERE o.name = ? ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?
"""
_ORIGINATED_SQL = """
SELECT f.id, f.size, f.external, a.title_label, a.title, a.published
FROM families f LEFT JOIN articles a ON a.id = f.origin_article
WHERE f.origin_outlet = ? ORDER BY f.size DESC, f.id LIMIT ? OFFSET ?
"""


def outlet_row(conn: sqlite3.Connection, name: str) -> dict[str, Any] | None:
    """The stored outlet of this name, or None (a wire named only in credits has no row)."""
    rows = dict_rows(conn, _OUTLET_SQL, (name,))
    return rows[0] if rows else None


def outlet_articles(
    conn: sqlite3.Connection, name: str, limit: int, offset: int = 0
) -> list[dict[str, Any]]:
    """A page of an outlet's articles, latest first, with the family each belongs to."""
    return dict_rows(conn, _OUTLET_ARTICLES_SQL, (name, limit, offset))


def originated_families(
    conn: sqlite3.Connection, name: str, limit: int, offset: int = 0
) -> list[dict[str, Any]]:
    """A page of the families whose origin is this outlet, largest first."""
    return dict_rows(conn, _ORIGINATED_SQL, (name, limit, offset))


def inferred_values(conn: sqlite3.Connection, article_id: int) -> list[dict[str, Any]]:
    """Fields of an article filled in by later stages: value, evidence and the stage."""
    return dict_rows(
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


def _event_where(filters: dict[str, str]) -> tuple[str, list[Any]]:
    """The SQL condition over the events table for the filters, and its parameters."""
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
    return " AND ".join(clauses), params


def filtered_events(
    conn: sqlite3.Connection, filters: dict[str, str], limit: int, offset: int = 0
) -> list[StoredEvent]:
    """One page of the events matching the filters (type, actor, date range, attribution class,
    hedge), in id order."""
    where, params = _event_where(filters)
    ids = [
        row[0]
        for row in conn.execute(
            f"SELECT id FROM events WHERE {where} ORDER BY id LIMIT ? OFFSET ?",
            (*params, int(limit), int(offset)),
        )
    ]
    if not ids:
        return []
    return list(select_events(conn, f"id IN ({','.join('?' * len(ids))})", tuple(ids)))


def count_events(conn: sqlite3.Connection, filters: dict[str, str]) -> int:
    """How many events match the filters."""
    where, params = _event_where(filters)
    return int(conn.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0])


def event_date_range(conn: sqlite3.Connection, filters: dict[str, str]) -> tuple[str, str] | None:
    """The first and the last start date of the events matching the filters, or None."""
    where, params = _event_where(filters)
    first, last = conn.execute(
        f"SELECT min(date_start), max(date_start) FROM events WHERE {where}", params
    ).fetchone()
    return (str(first), str(last)) if first else None


def event_days(
    conn: sqlite3.Connection, filters: dict[str, str], prefix_chars: int = 10
) -> list[tuple[str, int]]:
    """(bin, events) for the events matching the filters, binned by the first `prefix_chars`
    of their start date (10: a day, 7: a month, 4: a year), in date order."""
    where, params = _event_where(filters)
    rows = conn.execute(
        f"SELECT substr(date_start, 1, {int(prefix_chars)}) AS bin, count(*) FROM events"
        f" WHERE {where} AND date_start IS NOT NULL GROUP BY bin ORDER BY bin",
        params,
    )
    return [(str(label), int(count)) for label, count in rows]


def events_version(conn: sqlite3.Connection) -> tuple[int, int]:
    """The count and the largest id of the stored events: they change whenever events do."""
    count, largest = conn.execute("SELECT count(*), coalesce(max(id), 0) FROM events").fetchone()
    return int(count), int(largest)


def event_families(conn: sqlite3.Connection, event_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Family, article and title of some events: where a corroborating report can be read."""
    if not event_ids:
        return {}
    marks = ",".join("?" * len(event_ids))
    rows = dict_rows(
        conn,
        f"SELECT e.id, e.family_id, e.article_id, a.title, o.name AS outlet FROM events e"
        f" JOIN articles a ON a.id = e.article_id LEFT JOIN outlets o ON o.id = a.outlet_id"
        f" WHERE e.id IN ({marks})",
        tuple(event_ids),
    )
    return {row["id"]: row for row in rows}


def search_articles(
    conn: sqlite3.Connection, fts_query: str, limit: int, offset: int = 0
) -> list[dict[str, Any]]:
    """A page of the articles matching a full-text query over titles and bodies, best first,
    with a snippet."""
    sql = (
        "SELECT a.id, a.title_label, a.title, a.published, o.name AS outlet,"
        " snippet(articles_fts, -1, ?, ?, '…', 24) AS snippet"
        " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        " LEFT JOIN outlets o ON o.id = a.outlet_id"
        " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?"
    )
    return dict_rows(conn, sql, (SEARCH_MARK_START, SEARCH_MARK_END, fts_query, limit, offset))


def stage_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How far each stage has run: articles, traced, links, families, events read, events."""
    queries = {
        "articles": "SELECT count(*) FROM articles",
        "traced": "SELECT count(*) FROM traced_articles",
        "links": "SELECT count(*) FROM reuse_links WHERE same_outlet = 0",
        "families": "SELECT count(*) FROM families",
        "edges": "SELECT count(*) FROM outlet_edges",
        "events_read": "SELECT count(*) FROM events_processed",
        "events": "SELECT count(*) FROM events",
    }
    return {name: conn.execute(sql).fetchone()[0] for name, sql in queries.items()}


def filtered_article_ids(
    conn: sqlite3.Connection, filters: dict[str, Any], limit: int | None
) -> list[int]:
    """Ids of the articles matching outlet (name or alias), date range, language and family."""
    clauses, params = ["1 = 1"], []
    if filters.get("outlet"):
        clauses.append(
            "a.outlet_id IN (SELECT id FROM outlets WHERE name = ?"
            " UNION SELECT outlet_id FROM outlet_aliases WHERE alias = ?)"
        )
        params += [filters["outlet"]] * 2
    if filters.get("since"):
        clauses.append("substr(a.published, 1, 10) >= ?")
        params.append(filters["since"])
    if filters.get("until"):
        clauses.append("substr(a.published, 1, 10) <= ?")
        params.append(filters["until"])
    if filters.get("language"):
        clauses.append("lower(a.language) = lower(?)")
        params.append(filters["language"])
    if filters.get("family") is not None:
        clauses.append("a.id IN (SELECT article_id FROM family_members WHERE family_id = ?)")
        params.append(filters["family"])
    sql = f"SELECT a.id FROM articles a WHERE {' AND '.join(clauses)} ORDER BY a.id"
    sql += f" LIMIT {int(limit)}" if limit else ""
    return [row[0] for row in conn.execute(sql, params)]


def article_link_kinds(conn: sqlite3.Connection, article_id: int) -> dict[int, dict[str, Any]]:
    """The kind of each cross-outlet link of an article (republication, shared quotation,
    boilerplate) with its speaker and evidence, by the other article's id."""
    rows = dict_rows(
        conn,
        "SELECT CASE WHEN l.a = :id THEN l.b ELSE l.a END AS other, k.kind, k.speaker, k.evidence"
        " FROM reuse_links l JOIN link_kinds k ON k.link_id = l.id WHERE l.a = :id OR l.b = :id",
        {"id": article_id},
    )
    return {row["other"]: row for row in rows}


def pair_link_kinds(
    conn: sqlite3.Connection, pairs: list[tuple[int, int]]
) -> dict[tuple[int, int], str]:
    """The kind of the link between each pair of articles that has one, keyed (smaller, larger)."""
    found: dict[tuple[int, int], str] = {}
    for a, b in {(min(p), max(p)) for p in pairs}:
        row = conn.execute(
            "SELECT k.kind FROM reuse_links l JOIN link_kinds k ON k.link_id = l.id"
            " WHERE l.a = ? AND l.b = ?",
            (a, b),
        ).fetchone()
        if row:
            found[(a, b)] = row[0]
    return found


_LINK_ROWS_SQL = """
SELECT l.id, l.a, l.b, l.shared_tokens, l.coverage_a, l.coverage_b, l.verbatim_ratio,
       k.kind, k.speaker, k.evidence, oa.name AS outlet_a, ob.name AS outlet_b,
       aa.title AS title_a, ab.title AS title_b, aa.published AS published_a,
       ab.published AS published_b
FROM link_kinds k JOIN reuse_links l ON l.id = k.link_id
JOIN articles aa ON aa.id = l.a JOIN articles ab ON ab.id = l.b
LEFT JOIN outlets oa ON oa.id = aa.outlet_id LEFT JOIN outlets ob ON ob.id = ab.outlet_id
WHERE (:kind IS NULL OR k.kind = :kind) ORDER BY l.shared_tokens DESC, l.id LIMIT :limit OFFSET :offset
"""


def link_rows(
    conn: sqlite3.Connection, kind: str | None, limit: int, offset: int
) -> list[dict[str, Any]]:
    """One page of the classified cross-outlet links, longest first, with both articles."""
    params = {"kind": kind, "limit": limit, "offset": offset}
    return dict_rows(conn, _LINK_ROWS_SQL, params)


def link_kind_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many cross-outlet links are of each kind."""
    rows = conn.execute("SELECT kind, count(*) FROM link_kinds GROUP BY kind ORDER BY kind")
    return {str(kind): int(count) for kind, count in rows}


_MAP_EVENTS_SQL = """
SELECT e.id, e.event_type, e.sub_event_type, e.date_start, e.date_end, e.actors,
       e.attribution_class, e.attribution_source, e.hedge, e.article_id, e.family_id,
       e.sentence, e.places, ea.sentence_start,
       (SELECT json_group_array(CASE WHEN c.event_id = e.id THEN c.other_event_id
               ELSE c.event_id END) FROM event_corroborations c
        WHERE c.event_id = e.id OR c.other_event_id = e.id) AS corroborated_by
FROM events e LEFT JOIN event_articles ea ON ea.event_id = e.id AND ea.article_id = e.article_id
WHERE {where} ORDER BY e.id LIMIT ?
"""


def map_events(
    conn: sqlite3.Connection, filters: dict[str, str], limit: int
) -> list[dict[str, Any]]:
    """The first events matching the filters with only what a map marker shows: type, dates,
    actor names, attribution, where the sentence is read, places and corroborating events."""
    where, params = _event_where(filters)
    rows = dict_rows(conn, _MAP_EVENTS_SQL.format(where=where), (*params, int(limit)))
    for row in rows:
        row["actors"] = list(dict.fromkeys(a["name"] for a in json.loads(row["actors"])))
        row["places"] = json.loads(row["places"])
        row["corroborated_by"] = json.loads(row["corroborated_by"] or "[]")
    return rows
