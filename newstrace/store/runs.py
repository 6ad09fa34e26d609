"""Trace-run bookkeeping: which articles are traced, their stored fingerprints, their texts."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

SQL_IDS_PER_QUERY = 5_000  # ids bound in one IN (...) query, under SQLite's variable limit

# A traced article as stored: id, when traced (ISO time), body tokens, fingerprint bytes.
TracedRow = tuple[int, str, int, bytes]

_TEXTS_SQL = """SELECT a.id, o.name, a.body FROM articles a
LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id IN ({})"""


def traced_fingerprints(conn: sqlite3.Connection) -> list[tuple[int, bytes]]:
    """Every traced article's id and stored fingerprint bytes (empty when none), by id."""
    rows = conn.execute("SELECT article_id, fingerprint FROM traced_articles ORDER BY article_id")
    return [(article_id, blob or b"") for article_id, blob in rows]


def untraced_ids(conn: sqlite3.Connection) -> list[int]:
    """Ids of the stored articles not traced yet, in order."""
    rows = conn.execute(
        "SELECT a.id FROM articles a LEFT JOIN traced_articles t ON t.article_id = a.id"
        " WHERE t.article_id IS NULL ORDER BY a.id"
    )
    return [row[0] for row in rows]


def mark_traced(conn: sqlite3.Connection, rows: Iterable[TracedRow]) -> None:
    """Record articles as traced, with their fingerprints; the caller holds the transaction."""
    conn.executemany(
        "INSERT OR REPLACE INTO traced_articles (article_id, traced_at, tokens, fingerprint)"
        " VALUES (?, ?, ?, ?)",
        rows,
    )


def article_texts(
    conn: sqlite3.Connection, ids: Sequence[int]
) -> dict[int, tuple[str | None, str]]:
    """Outlet name and body (empty when none) of the given articles, by id."""
    texts: dict[int, tuple[str | None, str]] = {}
    for start in range(0, len(ids), SQL_IDS_PER_QUERY):
        batch = list(ids[start : start + SQL_IDS_PER_QUERY])
        sql = _TEXTS_SQL.format(",".join("?" * len(batch)))
        for article_id, outlet, body in conn.execute(sql, batch):
            texts[article_id] = (outlet, body or "")
    return texts


def database_file(conn: sqlite3.Connection) -> str | None:
    """The file a connection's main database lives in; None for an in-memory one."""
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    return str(path) if path else None


def open_read_only(path: str) -> sqlite3.Connection:
    """A read-only connection to a store file, for worker processes that only read."""
    return sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True)
