"""Opening a newstrace file: WAL, foreign keys, busy timeout, migrations, explicit transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from newstrace.store.schema import migrate

BUSY_TIMEOUT_MS = 30_000


def connect(path: str | Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open (and migrate) a newstrace SQLite file in autocommit mode with WAL and foreign keys."""
    path = Path(path)
    if not create and not path.exists():
        raise FileNotFoundError(f"no newstrace database at {path}")
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    db = sqlite_utils.Database(conn)
    migrate(db)
    return db


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite3.Connection]:
    """One write transaction: everything inside commits together or not at all."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
