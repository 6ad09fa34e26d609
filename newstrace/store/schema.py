"""The SQLite schema as an ordered list of migrations; PRAGMA user_version records how far a file is."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import sqlite_utils

from newstrace.store.alerts import ALERT_TABLES
from newstrace.store.compact import compact_store
from newstrace.store.outlets import OUTLET_TABLES
from newstrace.store.tables import (
    ARTICLE_SEARCH,
    ARTICLE_TABLES,
    ARTICLE_VIEWS,
    EVENT_TABLES,
    LINK_KIND_TABLES,
    REUSE_TABLES,
)
from newstrace.store.watch import WATCH_TABLES


def split_statements(script: str) -> list[str]:
    """Statements of a script, keeping trigger bodies whole (sqlite3.complete_statement)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [statement for statement in statements if statement]


def _v1(db: sqlite_utils.Database) -> None:
    for statement in split_statements(ARTICLE_TABLES + ARTICLE_SEARCH + ARTICLE_VIEWS):
        db.conn.execute(statement)


def _v2(db: sqlite_utils.Database) -> None:
    for statement in split_statements(REUSE_TABLES):
        db.conn.execute(statement)


def _v3(db: sqlite_utils.Database) -> None:
    for statement in split_statements(EVENT_TABLES):
        db.conn.execute(statement)


def _v4(db: sqlite_utils.Database) -> None:
    """What each cross-outlet link's shared text is: republication, quotation, boilerplate."""
    for statement in split_statements(LINK_KIND_TABLES):
        db.conn.execute(statement)


def _article_dates(db: sqlite_utils.Database) -> None:
    """Where each article's publication date was read and how far it is trusted (issue 14)."""
    db.conn.execute("ALTER TABLE articles ADD COLUMN published_source TEXT")
    db.conn.execute("ALTER TABLE articles ADD COLUMN published_confidence REAL")


def _v7_outlet_attributes(db: sqlite_utils.Database) -> None:
    """Outlet attributes and aliases, and the mapping each table input was read with (issue 19)."""
    for statement in split_statements(OUTLET_TABLES):
        db.conn.execute(statement)


def _v6_compact_store(db: sqlite_utils.Database) -> None:
    """Paragraphs as offsets into the body, raw bytes compressed, boilerplate learned incrementally."""
    compact_store(db.conn)


def _v8_passage_similarity(db: sqlite_utils.Database) -> None:
    """Translated copies (issue 18): each aligned passage's similarity (null for same-language
    passages) and each outlet edge's count of translated copies."""
    db.conn.execute("ALTER TABLE passages ADD COLUMN similarity REAL")
    db.conn.execute("ALTER TABLE outlet_edges ADD COLUMN translations INTEGER NOT NULL DEFAULT 0")


def _v9_watch(db: sqlite_utils.Database) -> None:
    """The watch's sources, links taken, cycles and page versions (issue 20)."""
    for statement in split_statements(WATCH_TABLES):
        db.conn.execute(statement)


def _v10_alerts(db: sqlite_utils.Database) -> None:
    """The watch's alerts, their deliveries and the marks each rule has read to (issue 20)."""
    for statement in split_statements(ALERT_TABLES):
        db.conn.execute(statement)


Migration = Callable[[sqlite_utils.Database], None]
MIGRATIONS: list[Migration] = [
    _v1,
    _v2,
    _v3,
    _v4,
    _article_dates,
    _v6_compact_store,
    _v7_outlet_attributes,
    _v8_passage_similarity,
    _v9_watch,
    _v10_alerts,
]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite_utils.Database) -> int:
    """Bring the file to the newest schema, one migration per transaction; return the version."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(
            f"database schema version {version} is newer than this newstrace ({SCHEMA_VERSION})"
        )
    for number in range(version, SCHEMA_VERSION):
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while this one waited for the write lock.
            if db.execute("PRAGMA user_version").fetchone()[0] == number:
                MIGRATIONS[number](db)
                db.conn.execute(f"PRAGMA user_version = {number + 1}")
        except BaseException:
            db.conn.execute("ROLLBACK")
            raise
        db.conn.execute("COMMIT")
    return SCHEMA_VERSION
