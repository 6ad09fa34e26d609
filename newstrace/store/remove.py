"""Removing what was ingested by mistake: articles chosen by source, source id, outlet or id.

A plan counts what a removal touches before anything is deleted (the dry run); removing
deletes the articles' documents, which cascades to everything stored about them (links,
passages, events read in them). An event a removed article shared with a kept copy stays,
read from the kept copy; the caller recomputes provenance for the families touched only
(reuse/refamily.py).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newstrace.store.runs import SQL_IDS_PER_QUERY


@dataclass(frozen=True, slots=True)
class Selection:
    """What to remove: any mix of sources (a file or folder path), source ids, outlets, ids."""

    sources: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    article_ids: tuple[int, ...] = ()

    def is_empty(self) -> bool:
        """Whether nothing at all was asked for."""
        return not (self.sources or self.source_ids or self.outlets or self.article_ids)


@dataclass(frozen=True, slots=True)
class RemovalPlan:
    """What a removal deletes and touches."""

    article_ids: tuple[int, ...]
    document_ids: tuple[int, ...]  # the articles' documents and the sources' failed ones
    links: int
    families: tuple[int, ...]  # families with a removed member
    events: int  # events read in a removed article that no kept article carries
    missing: tuple[str, ...] = field(default=())  # what was asked for and matched nothing

    def to_json(self) -> dict[str, object]:
        """The plan as `newstrace remove --json` prints it."""
        return {
            "articles": list(self.article_ids),
            "documents": len(self.document_ids),
            "links": self.links,
            "families": list(self.families),
            "events": self.events,
            "not_found": list(self.missing),
        }


def _like_prefix(path: str) -> str:
    escaped = path.rstrip("/").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "/%"


_SOURCE_SQL = "SELECT id FROM documents WHERE {}"
_ARTICLE_DOCUMENTS_SQL = "SELECT document_id, id FROM articles WHERE document_id IN ({})"
_LINKS_SQL = "SELECT count(*) FROM reuse_links WHERE a IN ({0}) OR b IN ({0})"
_OUTLET_SQL = """SELECT a.document_id FROM articles a JOIN outlets o ON o.id = a.outlet_id
WHERE o.name = ? OR o.id IN (SELECT outlet_id FROM outlet_aliases WHERE alias = ?)"""


def _path_forms(path: str) -> list[str]:
    """A path as given, absolute and relative to the working folder: an input is stored as
    it was named when ingested."""
    forms = [os.path.normpath(path), os.path.abspath(path)]
    relative = os.path.relpath(os.path.abspath(path))
    return list(dict.fromkeys([*forms, relative]))


def _source_query(path: str) -> tuple[str, tuple[object, ...]]:
    """The documents of a file or of every file under a folder, whichever form it was named in."""
    forms = _path_forms(path)
    one = "source = ? OR source LIKE ? ESCAPE '\\'"
    params = tuple(x for form in forms for x in (form, _like_prefix(form)))
    return _SOURCE_SQL.format(" OR ".join([one] * len(forms))), params


def _documents(conn: sqlite3.Connection, selection: Selection) -> tuple[set[int], list[str]]:
    """Ids of the documents the selection names, and what it names that matched nothing."""
    found: set[int] = set()
    missing: list[str] = []
    queries: list[tuple[str, str, tuple[object, ...]]] = [
        (f"source {given}", *_source_query(given)) for given in selection.sources
    ]
    queries += [
        (f"source id {i}", "SELECT id FROM documents WHERE source_id = ?", (i,))
        for i in selection.source_ids
    ]
    queries += [(f"outlet {o}", _OUTLET_SQL, (o, o)) for o in selection.outlets]
    queries += [
        (f"article {i}", "SELECT document_id FROM articles WHERE id = ?", (i,))
        for i in selection.article_ids
    ]
    for label, sql, params in queries:
        ids = {row[0] for row in conn.execute(sql, params)}
        if not ids:
            missing.append(label)
        found |= ids
    return found, missing


def _in_batches(
    conn: sqlite3.Connection, sql: str, ids: Sequence[int]
) -> Iterable[tuple[object, ...]]:
    for start in range(0, len(ids), SQL_IDS_PER_QUERY):
        batch = list(ids[start : start + SQL_IDS_PER_QUERY])
        # Each "{}" (or "{0}") in the query takes the batch's ids once.
        yield from conn.execute(sql.format(",".join("?" * len(batch))), batch * sql.count("{"))


def _count(conn: sqlite3.Connection, sql: str, ids: Sequence[int]) -> int:
    return sum(int(str(row[0])) for row in _in_batches(conn, sql, ids))


# Events read in a removed article that no kept article carries (the others stay, see remove).
_GONE_EVENTS_SQL = """SELECT count(*) FROM events e
WHERE e.article_id IN (SELECT value FROM json_each(:removed)) AND NOT EXISTS (
  SELECT 1 FROM event_articles x WHERE x.event_id = e.id
  AND x.article_id NOT IN (SELECT value FROM json_each(:removed)))"""


def plan_removal(conn: sqlite3.Connection, selection: Selection) -> RemovalPlan:
    """Count what removing the selection would delete and touch; deletes nothing."""
    documents, missing = _documents(conn, selection)
    document_ids = sorted(documents)
    rows = _in_batches(conn, _ARTICLE_DOCUMENTS_SQL, document_ids)
    articles = sorted(int(str(row[1])) for row in rows)
    families = {
        int(str(row[0]))
        for row in _in_batches(
            conn, "SELECT DISTINCT family_id FROM family_members WHERE article_id IN ({})", articles
        )
    }
    return RemovalPlan(
        article_ids=tuple(articles),
        document_ids=tuple(document_ids),
        links=_count(conn, _LINKS_SQL, articles),
        families=tuple(sorted(families)),
        events=conn.execute(_GONE_EVENTS_SQL, {"removed": json.dumps(articles)}).fetchone()[0],
        missing=tuple(missing),
    )


_MEMBERS_SQL = "SELECT article_id FROM family_members WHERE family_id IN ({})"
# An event read in a removed article and carried by kept copies too stays, read from the
# first kept copy (its sentences are the same in each copy: they carry one event key).
_KEPT_CARRIER = """(SELECT min(x.article_id) FROM event_articles x WHERE x.event_id = events.id
AND x.article_id NOT IN (SELECT value FROM json_each(:removed)))"""
_REHOME_SQL = f"""UPDATE events SET article_id = {_KEPT_CARRIER}
WHERE article_id IN (SELECT value FROM json_each(:removed)) AND {_KEPT_CARRIER} IS NOT NULL"""
_PRUNE_OUTLETS_SQL = """DELETE FROM outlets WHERE id NOT IN (SELECT outlet_id FROM articles
WHERE outlet_id IS NOT NULL) AND id NOT IN (SELECT outlet_id FROM outlet_attributes)
AND id NOT IN (SELECT outlet_id FROM outlet_aliases)"""


def kept_members(conn: sqlite3.Connection, plan: RemovalPlan) -> set[int]:
    """The members of the families a removal touches that it keeps."""
    rows = _in_batches(conn, _MEMBERS_SQL, list(plan.families))
    return {int(str(row[0])) for row in rows} - set(plan.article_ids)


def remove(conn: sqlite3.Connection, plan: RemovalPlan) -> set[int]:
    """Delete the planned documents and all stored about their articles (links, passages,
    events read in them); return the kept events whose corroboration count must be refreshed.
    Events of kept articles stay as they are. The caller holds the transaction."""
    removed = set(plan.article_ids)
    corroborated = _corroborated(conn, removed)
    conn.execute(_REHOME_SQL, {"removed": json.dumps(sorted(removed))})
    for start in range(0, len(plan.document_ids), SQL_IDS_PER_QUERY):
        batch = list(plan.document_ids[start : start + SQL_IDS_PER_QUERY])
        conn.execute(f"DELETE FROM documents WHERE id IN ({','.join('?' * len(batch))})", batch)
    conn.execute(_PRUNE_OUTLETS_SQL)
    rows = _in_batches(conn, "SELECT id FROM events WHERE id IN ({})", sorted(corroborated))
    return {int(str(row[0])) for row in rows}


def _corroborated(conn: sqlite3.Connection, removed: set[int]) -> set[int]:
    """Events corroborated by an event read in a removed article."""
    found: set[int] = set()
    rows = conn.execute(
        "SELECT c.event_id, c.other_event_id, e.article_id, o.article_id"
        " FROM event_corroborations c JOIN events e ON e.id = c.event_id"
        " JOIN events o ON o.id = c.other_event_id"
    )
    for event_id, other_id, article, other_article in rows:
        if article in removed:
            found.add(int(other_id))
        if other_article in removed:
            found.add(int(event_id))
    return found


def source_has_records(conn: sqlite3.Connection, source: str) -> bool:
    """Whether a source (file or folder) stored table records, whose fields a mapping chose."""
    row = conn.execute(
        "SELECT 1 FROM documents WHERE format = 'record' AND (source = ? OR source LIKE ?"
        " ESCAPE '\\') LIMIT 1",
        (source, _like_prefix(source)),
    ).fetchone()
    return row is not None
