"""The watch's own tables: sources polled, links already taken, cycles run, versions of pages.

Everything a watch must remember between cycles (and across a crash) lives here: each
source's conditional-request validators, backoff and schedule; the links of feed entries and
sitemap URLs it has stored (so they are not fetched again); each cycle; each page version.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence

from newstrace.models.reuse import Change
from newstrace.models.watch import PageVersion, SourceState

# The watch's tables (schema migration 9, issue 20).
WATCH_TABLES = """
CREATE TABLE watch_sources (
    url TEXT PRIMARY KEY,
    kind TEXT,                     -- feed, sitemap or page, as the last answer showed
    etag TEXT,
    last_modified TEXT,
    last_fetch TEXT,
    status TEXT NOT NULL DEFAULT 'new',
    new_items INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    failures INTEGER NOT NULL DEFAULT 0,  -- consecutive failed fetches (the backoff exponent)
    next_due TEXT                  -- ISO 8601 UTC; NULL: due now
);
CREATE TABLE watch_seen (
    url TEXT PRIMARY KEY,          -- a feed entry's or a sitemap's link, stored once
    source_url TEXT NOT NULL,
    seen_at TEXT NOT NULL
);
CREATE TABLE watch_cycles (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    sources INTEGER NOT NULL DEFAULT 0,
    new_items INTEGER NOT NULL DEFAULT 0,
    versions INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    alerts_raised INTEGER NOT NULL DEFAULT 0,
    alerts_sent INTEGER NOT NULL DEFAULT 0,
    alerts_failed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE page_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT NOT NULL,
    article_id INTEGER NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
    previous_article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    fetched_at TEXT NOT NULL,
    changes TEXT NOT NULL          -- JSON list of Change.to_json()
);
CREATE INDEX page_versions_url ON page_versions(url);
-- A page's earlier versions are found by the URL it was fetched from.
CREATE INDEX documents_url ON documents(url) WHERE url IS NOT NULL;
CREATE TABLE watch_marks (
    name TEXT PRIMARY KEY,         -- how far a step of the cycle has gone, e.g. versions_checked
    value INTEGER NOT NULL
);
"""

_SOURCE_COLUMNS = (
    "url, kind, etag, last_modified, last_fetch, status, new_items, error, failures, next_due"
)
SQL_VARIABLES = 500


def record_version(
    conn: sqlite3.Connection,
    url: str,
    previous_article_id: int,
    article_id: int,
    fetched_at: str,
    changes: Sequence[Change],
) -> int:
    """Record a new version of a watched URL; return its id. The caller holds the transaction."""
    row = conn.execute(
        "INSERT INTO page_versions (url, article_id, previous_article_id, fetched_at, changes)"
        " VALUES (?, ?, ?, ?, ?) RETURNING id",
        (url, article_id, previous_article_id, fetched_at, _changes_json(changes)),
    ).fetchone()
    return int(row[0])


def versions_since(conn: sqlite3.Connection, after_id: int) -> list[PageVersion]:
    """Page versions recorded after the one with this id, oldest first."""
    return _versions(conn, "WHERE id > ? ORDER BY id", (after_id,))


def versions_of(conn: sqlite3.Connection, url: str) -> list[PageVersion]:
    """Every recorded version of one URL, oldest first."""
    return _versions(conn, "WHERE url = ? ORDER BY id", (url,))


def _versions(
    conn: sqlite3.Connection, condition: str, parameters: tuple[object, ...]
) -> list[PageVersion]:
    """The page versions a WHERE/ORDER BY/LIMIT clause (of this module) picks."""
    rows = conn.execute(
        "SELECT id, url, article_id, previous_article_id, fetched_at, changes"
        f" FROM page_versions {condition}",
        parameters,
    )
    return [_version(row) for row in rows]


def _changes_json(changes: Sequence[Change]) -> str:
    return json.dumps([change.to_json() for change in changes], ensure_ascii=False)


def _version(row: Sequence[object]) -> PageVersion:
    changes = tuple(Change(**item) for item in json.loads(str(row[5])))
    return PageVersion(
        int(str(row[0])), str(row[1]), int(str(row[2])), int(str(row[3])), str(row[4]), changes
    )


# --- Articles the watch has just stored -----------------------------------------------------------


def last_article_id(conn: sqlite3.Connection) -> int:
    """The highest article id stored (0 for none): what a cycle stores comes after it."""
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0])


def new_article_urls(conn: sqlite3.Connection, after_id: int) -> list[tuple[int, str]]:
    """(article id, fetched URL) of the articles stored after after_id, in id order."""
    rows = conn.execute(
        "SELECT a.id, d.url FROM articles a JOIN documents d ON d.id = a.document_id"
        " WHERE a.id > ? AND d.url IS NOT NULL ORDER BY a.id",
        (after_id,),
    )
    return [(int(row[0]), str(row[1])) for row in rows]


def previous_article(conn: sqlite3.Connection, url: str, before_id: int) -> int | None:
    """The latest article stored from this URL before before_id, or None."""
    row = conn.execute(
        "SELECT max(a.id) FROM documents d JOIN articles a ON a.document_id = d.id"
        " WHERE d.url = ? AND a.id < ?",
        (url, before_id),
    ).fetchone()
    return int(row[0]) if row and row[0] is not None else None


def drop_article(conn: sqlite3.Connection, article_id: int) -> None:
    """Forget an article that repeats its previous version; its document stays, so the same
    bytes are not extracted again. The caller holds the transaction."""
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))


def mark(conn: sqlite3.Connection, name: str) -> int | None:
    """How far a step of the cycle has gone (an id), or None before the first time."""
    row = conn.execute("SELECT value FROM watch_marks WHERE name = ?", (name,)).fetchone()
    return int(row[0]) if row else None


def set_mark(conn: sqlite3.Connection, name: str, value: int) -> None:
    """Record how far a step has gone. The caller holds the transaction."""
    conn.execute("INSERT OR REPLACE INTO watch_marks (name, value) VALUES (?, ?)", (name, value))


def last_link_id(conn: sqlite3.Connection) -> int:
    """The highest reuse link id (0 for none): provenance is rebuilt when it moves."""
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM reuse_links").fetchone()[0])


def new_article_hashes(conn: sqlite3.Connection, after_id: int) -> set[str]:
    """Content hashes of the documents whose articles were stored after after_id."""
    rows = conn.execute(
        "SELECT d.content_hash FROM articles a JOIN documents d ON d.id = a.document_id"
        " WHERE a.id > ?",
        (after_id,),
    )
    return {str(row[0]) for row in rows}


# --- Sources and links ----------------------------------------------------------------------------


def load_sources(conn: sqlite3.Connection, urls: Iterable[str]) -> dict[str, SourceState]:
    """The stored state of these sources by URL (a source never polled has none)."""
    wanted = list(urls)
    found: dict[str, SourceState] = {}
    for start in range(0, len(wanted), SQL_VARIABLES):
        chunk = wanted[start : start + SQL_VARIABLES]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT {_SOURCE_COLUMNS} FROM watch_sources WHERE url IN ({marks})"
        for row in conn.execute(sql, chunk):
            found[str(row[0])] = SourceState(*row)
    return found


def all_sources(conn: sqlite3.Connection) -> list[SourceState]:
    """Every source the watch has polled, by URL (the web page's status table)."""
    rows = conn.execute(f"SELECT {_SOURCE_COLUMNS} FROM watch_sources ORDER BY url")
    return [SourceState(*row) for row in rows]


def save_sources(conn: sqlite3.Connection, states: Iterable[SourceState]) -> None:
    """Store the state of sources after a fetch. The caller holds the transaction."""
    conn.executemany(
        f"INSERT OR REPLACE INTO watch_sources ({_SOURCE_COLUMNS})"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [_source_row(s) for s in states],
    )


def _source_row(s: SourceState) -> tuple[object, ...]:
    return (
        s.url,
        s.kind,
        s.etag,
        s.last_modified,
        s.last_fetch,
        s.status,
        s.new_items,
        s.error,
        s.failures,
        s.next_due,
    )


def seen_links(conn: sqlite3.Connection, urls: Sequence[str]) -> set[str]:
    """Which of these links the watch has already stored."""
    found: set[str] = set()
    for start in range(0, len(urls), SQL_VARIABLES):
        chunk = list(urls[start : start + SQL_VARIABLES])
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT url FROM watch_seen WHERE url IN ({marks})"
        found.update(str(row[0]) for row in conn.execute(sql, chunk))
    return found


def mark_seen(conn: sqlite3.Connection, links: Iterable[tuple[str, str]], now: str) -> None:
    """Remember (link, source URL) pairs as stored. The caller holds the transaction."""
    conn.executemany(
        "INSERT OR IGNORE INTO watch_seen (url, source_url, seen_at) VALUES (?, ?, ?)",
        [(link, source, now) for link, source in links],
    )


# --- Cycles ---------------------------------------------------------------------------------------


def start_cycle(conn: sqlite3.Connection, now: str) -> int:
    """Record the start of a cycle; return its id."""
    row = conn.execute(
        "INSERT INTO watch_cycles (started_at) VALUES (?) RETURNING id", (now,)
    ).fetchone()
    return int(row[0])


_CYCLE_COUNTS = (
    "sources",
    "new_items",
    "versions",
    "errors",
    "alerts_raised",
    "alerts_sent",
    "alerts_failed",
)


def finish_cycle(conn: sqlite3.Connection, cycle_id: int, now: str, counts: dict[str, int]) -> None:
    """Record the end of a cycle and what it did (keys: the watch_cycles count columns)."""
    columns = _CYCLE_COUNTS
    assignments = ", ".join(f"{column} = ?" for column in columns)
    conn.execute(
        f"UPDATE watch_cycles SET finished_at = ?, {assignments} WHERE id = ?",
        (now, *(counts.get(column, 0) for column in columns), cycle_id),
    )


def last_cycles(conn: sqlite3.Connection, limit: int) -> list[dict[str, object]]:
    """The latest cycles, newest first, as dicts of their columns."""
    cursor = conn.execute("SELECT * FROM watch_cycles ORDER BY id DESC LIMIT ?", (limit,))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def is_watched(conn: sqlite3.Connection) -> bool:
    """Whether this store has the watch's tables and a cycle in them."""
    table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'watch_cycles'"
    ).fetchone()
    return table is not None and bool(conn.execute("SELECT 1 FROM watch_cycles LIMIT 1").fetchone())


def recent_versions(conn: sqlite3.Connection, limit: int) -> list[PageVersion]:
    """The latest page versions, newest first."""
    return _versions(conn, "ORDER BY id DESC LIMIT ?", (limit,))


# --- What new links touch (provenance recomputed for them only) ----------------------------------


def articles_of_links_after(conn: sqlite3.Connection, link_id: int) -> set[int]:
    """The articles on either side of the reuse links stored after this link id."""
    rows = conn.execute("SELECT a, b FROM reuse_links WHERE id > ?", (link_id,))
    return {int(article) for row in rows for article in row}


def families_holding(conn: sqlite3.Connection, articles: Iterable[int]) -> set[int]:
    """The ids of the families any of these articles belongs to."""
    rows = conn.execute(
        "SELECT DISTINCT family_id FROM family_members"
        " WHERE article_id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(articles)),),
    )
    return {int(row[0]) for row in rows}


def family_members_of(conn: sqlite3.Connection, families: Iterable[int]) -> set[int]:
    """The member articles of these families."""
    rows = conn.execute(
        "SELECT article_id FROM family_members WHERE family_id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(families)),),
    )
    return {int(row[0]) for row in rows}
