"""What the alert rules read: links, events and articles stored after a mark, and the parts of
an alert (each article's address and title, a copy's stored changes, who copied an article)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from newstrace.models import Change, StoredEvent
from newstrace.models.alerts import AlertArticle
from newstrace.models.reuse import REPUBLICATION, TRANSLATION
from newstrace.store.events import select_events


@dataclass(frozen=True, slots=True)
class NewLink:
    """A cross-outlet copy link stored after a mark: its id, articles, their outlets, its kind."""

    id: int
    a: int
    b: int
    outlet_a: int | None
    outlet_b: int | None
    kind: str  # republication or translation


_NEW_LINKS_SQL = """SELECT l.id, l.a, l.b, oa.outlet_id, ob.outlet_id, k.kind
FROM reuse_links l JOIN link_kinds k ON k.link_id = l.id
JOIN articles oa ON oa.id = l.a JOIN articles ob ON ob.id = l.b
WHERE l.id > ? AND l.id <= ? AND l.same_outlet = 0 AND k.kind IN (?, ?) ORDER BY l.id"""
_ARTICLE_SQL = """SELECT a.id, coalesce(a.url, d.url), o.name, a.title, a.published, a.language
FROM articles a JOIN documents d ON d.id = a.document_id LEFT JOIN outlets o ON o.id = a.outlet_id
WHERE a.id = ?"""
_CLASSIFIED_SQL = """SELECT coalesce(max(k.link_id), 0) FROM link_kinds k"""


def classified_link_mark(conn: sqlite3.Connection) -> int:
    """The highest link id the provenance stage has classified: links above it are not yet
    known to be copies, so a rule reads no further."""
    return int(conn.execute(_CLASSIFIED_SQL).fetchone()[0])


def new_copy_links(conn: sqlite3.Connection, after_id: int, upto_id: int) -> list[NewLink]:
    """Cross-outlet republications and translations with ids in (after_id, upto_id]."""
    rows = conn.execute(_NEW_LINKS_SQL, (after_id, upto_id, REPUBLICATION, TRANSLATION))
    return [NewLink(*row) for row in rows]


def article_brief(conn: sqlite3.Connection, article_id: int) -> AlertArticle | None:
    """An article's id, address, outlet, title, date and language, or None."""
    row = conn.execute(_ARTICLE_SQL, (article_id,)).fetchone()
    return AlertArticle(*row) if row else None


def article_body(conn: sqlite3.Connection, article_id: int) -> str:
    """An article's stored body ('' when there is none)."""
    row = conn.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()
    return str(row[0]) if row and row[0] else ""


def articles_at_url(conn: sqlite3.Connection, url: str) -> set[int]:
    """Every article stored from this address (each version of a page)."""
    rows = conn.execute(
        "SELECT a.id FROM articles a JOIN documents d ON d.id = a.document_id"
        " WHERE a.url = ? OR d.url = ?",
        (url, url),
    )
    return {row[0] for row in rows}


def article_exists(conn: sqlite3.Connection, article_id: int) -> bool:
    """Whether an article of this id is stored."""
    return conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None


def parent_of(conn: sqlite3.Connection, article_id: int) -> int | None:
    """The article's parent in its copy family (what it copies), or None."""
    row = conn.execute(
        "SELECT parent_id FROM family_members WHERE article_id = ?", (article_id,)
    ).fetchone()
    return int(row[0]) if row and row[0] is not None else None


def published_of(conn: sqlite3.Connection, article_id: int) -> str | None:
    """An article's publication date as stored, or None."""
    row = conn.execute("SELECT published FROM articles WHERE id = ?", (article_id,)).fetchone()
    return str(row[0]) if row and row[0] else None


def copy_changes(
    conn: sqlite3.Connection, article_id: int
) -> tuple[int | None, tuple[Change, ...]]:
    """The family an article is in and what it changed against its parent, as stored."""
    row = conn.execute(
        "SELECT family_id FROM family_members WHERE article_id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return None, ()
    rows = conn.execute(
        "SELECT kind, detail, before, after, position FROM member_changes"
        " WHERE family_id = ? AND article_id = ? ORDER BY id",
        (row[0], article_id),
    )
    return int(row[0]), tuple(Change(*r) for r in rows)


def copies_of(conn: sqlite3.Connection, article_id: int) -> list[int]:
    """The articles whose parent in a copy family is this one."""
    rows = conn.execute(
        "SELECT article_id FROM family_members WHERE parent_id = ? ORDER BY article_id",
        (article_id,),
    )
    return [row[0] for row in rows]


def family_of_article(conn: sqlite3.Connection, article_id: int) -> int | None:
    """The copy family an article belongs to, or None."""
    row = conn.execute(
        "SELECT family_id FROM family_members WHERE article_id = ?", (article_id,)
    ).fetchone()
    return int(row[0]) if row else None


def events_after(conn: sqlite3.Connection, after_id: int) -> list[StoredEvent]:
    """Stored events with ids above after_id, in id order."""
    return list(select_events(conn, "id > ?", (after_id,)))


def last_article(conn: sqlite3.Connection) -> int:
    """The highest stored article id (0 for none)."""
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0])


def articles_with_phrases(
    conn: sqlite3.Connection, phrases: Sequence[Sequence[str]], after_id: int, upto_id: int
) -> list[int]:
    """Ids in (after_id, upto_id] of articles whose text holds any of the phrases (each a run
    of letter-and-digit words), by the full-text index."""
    quoted = [" ".join(words) for words in phrases if words]
    if not quoted:
        return []
    match = " OR ".join(f'"{phrase}"' for phrase in quoted)
    rows = conn.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid > ? AND rowid <= ?"
        " ORDER BY rowid",
        (match, after_id, upto_id),
    )
    return [row[0] for row in rows]


def outlet_ids(conn: sqlite3.Connection, article_ids: Iterable[int]) -> dict[int, int | None]:
    """The outlet id of each given article."""
    wanted = sorted(set(article_ids))
    if not wanted:
        return {}
    sql = f"SELECT id, outlet_id FROM articles WHERE id IN ({','.join('?' * len(wanted))})"
    return dict(conn.execute(sql, wanted).fetchall())


def bodies_not_in(
    conn: sqlite3.Connection, language: str | None, after_id: int, upto_id: int
) -> Iterator[tuple[int, str]]:
    """(id, body) of the articles in (after_id, upto_id] whose language is known and not this
    one, in id order."""
    rows = conn.execute(
        "SELECT id, body FROM articles WHERE id > ? AND id <= ? AND language IS NOT NULL"
        " AND language IS NOT ? AND body IS NOT NULL ORDER BY id",
        (after_id, upto_id, language),
    )
    for row in rows:
        yield int(row[0]), str(row[1])
