"""The alerts' tables: each alert recorded once by key, the state of each delivery, and the
high-water marks each rule has read up to (schema migration 10, issue 20)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from newstrace.models.alerts import (
    FAILED,
    PENDING,
    SENDING,
    SENT,
    UNKNOWN,
    Alert,
    AlertDelivery,
    StoredAlert,
)

ALERT_TABLES = """
CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,  -- the rule's key and the ids of what it found
    rule TEXT NOT NULL,
    kind TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    cycle INTEGER NOT NULL,
    family_id INTEGER,
    payload TEXT NOT NULL  -- the alert as JSON, as every output sends it
);
CREATE INDEX alerts_rule ON alerts(rule, id);
CREATE TABLE alert_deliveries (
    id INTEGER PRIMARY KEY,
    alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    target TEXT NOT NULL,
    state TEXT NOT NULL,  -- pending, sending, sent, failed, unknown
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    next_attempt TEXT,  -- ISO 8601 UTC: a failed delivery is tried again from then
    sent_at TEXT,
    UNIQUE (alert_id, target)
);
CREATE INDEX alert_deliveries_state ON alert_deliveries(state, next_attempt);
CREATE TABLE alert_marks (
    rule TEXT NOT NULL,  -- a rule's key ('' for the watch itself)
    stream TEXT NOT NULL,  -- links, events, versions, articles, cycle
    last_id INTEGER NOT NULL,
    PRIMARY KEY (rule, stream)
);
CREATE TABLE alert_claims (
    rule TEXT NOT NULL,  -- a text rule's key
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (rule, article_id)
);
"""

_DELIVERY_COLUMNS = "id, alert_id, target, state, attempts, error, next_attempt, sent_at"
_CYCLE_STREAM = "cycle"


@contextmanager
def write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One committed write transaction on an autocommit connection (what alerts need: a mark
    written before a send must be on disk before the send)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def has_alert_tables(conn: sqlite3.Connection) -> bool:
    """Whether the file has the alerts' tables (a store older than them has none)."""
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alert_marks'"
    return conn.execute(sql).fetchone() is not None


def mark(conn: sqlite3.Connection, rule: str, stream: str) -> int:
    """The last id of a stream a rule has read (0 before its first run)."""
    row = conn.execute(
        "SELECT last_id FROM alert_marks WHERE rule = ? AND stream = ?", (rule, stream)
    ).fetchone()
    return int(row[0]) if row else 0


def has_marks(conn: sqlite3.Connection, rule: str) -> bool:
    """Whether a rule has been checked before (it has marks)."""
    row = conn.execute("SELECT 1 FROM alert_marks WHERE rule = ? LIMIT 1", (rule,)).fetchone()
    return row is not None


def set_mark(conn: sqlite3.Connection, rule: str, stream: str, last_id: int) -> None:
    """Record how far a rule has read a stream; the caller holds the transaction."""
    conn.execute(
        "INSERT INTO alert_marks (rule, stream, last_id) VALUES (?, ?, ?)"
        " ON CONFLICT (rule, stream) DO UPDATE SET last_id = excluded.last_id",
        (rule, stream, last_id),
    )


def record_cycle(conn: sqlite3.Connection, cycle: int) -> None:
    """Note that a watch checked its alerts in this cycle."""
    with write(conn):
        set_mark(conn, "", _CYCLE_STREAM, cycle)


def last_cycle(conn: sqlite3.Connection) -> int | None:
    """The last cycle that checked alerts, or None when no watch has yet."""
    if not has_alert_tables(conn):
        return None
    row = conn.execute(
        "SELECT last_id FROM alert_marks WHERE rule = '' AND stream = ?", (_CYCLE_STREAM,)
    ).fetchone()
    return int(row[0]) if row else None


def add_claim_match(conn: sqlite3.Connection, rule: str, article_id: int) -> None:
    """Remember an article that carries a text rule's claim; the caller holds the transaction."""
    conn.execute(
        "INSERT OR IGNORE INTO alert_claims (rule, article_id) VALUES (?, ?)", (rule, article_id)
    )


def claim_matches(conn: sqlite3.Connection, rule: str) -> set[int]:
    """The articles found carrying a text rule's claim."""
    rows = conn.execute("SELECT article_id FROM alert_claims WHERE rule = ?", (rule,))
    return {row[0] for row in rows}


def record_alert(
    conn: sqlite3.Connection, alert: Alert, targets: Sequence[str], raised_at: str
) -> bool:
    """Record an alert once (by key) and a pending delivery to each target not yet given one;
    True when the alert is new. The caller holds the transaction."""
    row = conn.execute("SELECT id FROM alerts WHERE key = ?", (alert.key,)).fetchone()
    new = row is None
    if new:
        payload = json.dumps(alert.to_json(), ensure_ascii=False)
        cursor = conn.execute(
            "INSERT INTO alerts (key, rule, kind, raised_at, cycle, family_id, payload)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (alert.key, alert.rule, alert.kind, raised_at, alert.cycle, alert.family_id, payload),
        )
        alert_id = int(cursor.lastrowid or 0)
    else:
        alert_id = int(row[0])
    conn.executemany(
        "INSERT OR IGNORE INTO alert_deliveries (alert_id, target, state) VALUES (?, ?, ?)",
        [(alert_id, target, PENDING) for target in targets],
    )
    return new


def _delivery(row: tuple[object, ...]) -> AlertDelivery:
    return AlertDelivery(*row)  # type: ignore[arg-type]


def deliveries_in(conn: sqlite3.Connection, state: str) -> list[AlertDelivery]:
    """Every delivery in one state, oldest first."""
    sql = f"SELECT {_DELIVERY_COLUMNS} FROM alert_deliveries WHERE state = ? ORDER BY id"
    return [_delivery(row) for row in conn.execute(sql, (state,))]


def due_deliveries(conn: sqlite3.Connection, now: str, max_attempts: int) -> list[AlertDelivery]:
    """Deliveries to try now: pending ones, and failed ones whose retry time has come."""
    sql = (
        f"SELECT {_DELIVERY_COLUMNS} FROM alert_deliveries WHERE state = ?"
        " OR (state = ? AND attempts < ? AND coalesce(next_attempt, '') <= ?) ORDER BY id"
    )
    return [_delivery(row) for row in conn.execute(sql, (PENDING, FAILED, max_attempts, now))]


def stored_alert(conn: sqlite3.Connection, alert_id: int) -> Alert:
    """The alert of a delivery, as it was recorded."""
    row = conn.execute("SELECT payload FROM alerts WHERE id = ?", (alert_id,)).fetchone()
    return Alert.from_json(json.loads(row[0]))


def mark_sending(conn: sqlite3.Connection, delivery_id: int) -> None:
    """Commit that a delivery is being sent, before it is: a crash leaves it 'sending'."""
    with write(conn):
        conn.execute(
            "UPDATE alert_deliveries SET state = ?, attempts = attempts + 1 WHERE id = ?",
            (SENDING, delivery_id),
        )


def mark_sent(conn: sqlite3.Connection, delivery_id: int, sent_at: str) -> None:
    """Commit that a delivery arrived: it is never sent again."""
    with write(conn):
        conn.execute(
            "UPDATE alert_deliveries SET state = ?, sent_at = ?, error = NULL,"
            " next_attempt = NULL WHERE id = ?",
            (SENT, sent_at, delivery_id),
        )


def mark_failed(
    conn: sqlite3.Connection, delivery_id: int, error: str, next_attempt: str | None
) -> None:
    """Commit a failed delivery with its error and when to try again (None: given up)."""
    with write(conn):
        conn.execute(
            "UPDATE alert_deliveries SET state = ?, error = ?, next_attempt = ? WHERE id = ?",
            (FAILED, error, next_attempt, delivery_id),
        )


def mark_unknown(conn: sqlite3.Connection, delivery_id: int, error: str) -> None:
    """Commit that a send was interrupted and whether it arrived cannot be told."""
    with write(conn):
        conn.execute(
            "UPDATE alert_deliveries SET state = ?, error = ? WHERE id = ?",
            (UNKNOWN, error, delivery_id),
        )


def list_alerts(
    conn: sqlite3.Connection,
    rule: str | None = None,
    since: str | None = None,
    limit: int | None = None,
) -> list[StoredAlert]:
    """Recorded alerts, newest first: of one rule key, raised at or after `since` (ISO)."""
    if not has_alert_tables(conn):
        return []
    sql = "SELECT id, payload FROM alerts WHERE (? IS NULL OR rule = ?)"
    sql += " AND (? IS NULL OR raised_at >= ?) ORDER BY id DESC LIMIT ?"
    rows = conn.execute(sql, (rule, rule, since, since, -1 if limit is None else limit))
    found = []
    for alert_id, payload in rows.fetchall():
        deliveries = conn.execute(
            f"SELECT {_DELIVERY_COLUMNS} FROM alert_deliveries WHERE alert_id = ? ORDER BY id",
            (alert_id,),
        )
        found.append(
            StoredAlert(
                alert_id,
                Alert.from_json(json.loads(payload)),
                tuple(_delivery(row) for row in deliveries),
            )
        )
    return found


def delivery_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many deliveries are in each state."""
    rows = conn.execute("SELECT state, count(*) FROM alert_deliveries GROUP BY state")
    return {state: count for state, count in rows}
