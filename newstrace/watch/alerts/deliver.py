"""Delivering recorded alerts: each (alert, target) once, failures retried with backoff, and
what a crash in the middle of a send leaves behind.

A delivery is committed as 'sending' (its attempt counted) before the send starts, and as
'sent' or 'failed' after it. A SIGKILL between the two leaves it 'sending', and the next run
cannot know whether the receiver got it:

- a JSON-lines file can be asked: the delivery is 'sent' when the file holds a line with the
  alert's key, and sent again otherwise (an unfinished last line is closed first);
- a webhook or an email cannot: resending could deliver it twice, which the issue forbids,
  so the delivery is set 'unknown', reported in the run's errors and by `newstrace alerts`,
  and never resent. The window is the time between the receiver's answer and a commit
  (milliseconds); a receiver that wants certainty deduplicates on the Idempotency-Key header
  or the Message-ID, both derived from the alert's key, and an operator may resend by hand.

One watch delivers from one database at a time: a 'sending' row found at the start of a run
is always one a dead run left.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from newstrace.models.alerts import SENDING, Alert, AlertDelivery
from newstrace.store.alerts import (
    deliveries_in,
    due_deliveries,
    mark_failed,
    mark_sending,
    mark_sent,
    mark_unknown,
    stored_alert,
)
from newstrace.watch.alerts.outputs import DeliveryError, DeliveryOptions, jsonl_holds, send
from newstrace.watch.alerts.rules import JSONL_SUFFIX, MAILTO, WEB_SCHEMES

MAX_RETRY_S = 6 * 3600.0  # the longest wait between two attempts
INTERRUPTED = "interrupted while sending (the watch stopped); it may have arrived: not resent"


@dataclass
class Delivered:
    """What one round of deliveries did."""

    sent: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def is_file_target(target: str) -> bool:
    """Whether a target is a JSON-lines file (the one kind a restart can check)."""
    return target.endswith(JSONL_SUFFIX) and not target.startswith((*WEB_SCHEMES, MAILTO))


def retry_time(now: str, options: DeliveryOptions, attempts: int) -> str:
    """When a delivery that failed `attempts` times is tried again: the wait doubles each time."""
    wait = min(options.retry_after_s * 2 ** max(0, attempts - 1), MAX_RETRY_S)
    return (datetime.fromisoformat(now) + timedelta(seconds=wait)).isoformat()


def recover_interrupted(conn: sqlite3.Connection, now: str) -> list[str]:
    """Settle the deliveries a crash left 'sending' (see the module docstring); return what
    cannot be settled, as messages."""
    messages = []
    for delivery in deliveries_in(conn, SENDING):
        alert = stored_alert(conn, delivery.alert_id)
        if is_file_target(delivery.target):
            if jsonl_holds(Path(delivery.target), alert.key):
                mark_sent(conn, delivery.id, now)
            else:
                mark_failed(conn, delivery.id, "interrupted before the line was written", now)
            continue
        mark_unknown(conn, delivery.id, INTERRUPTED)
        messages.append(f"alert {alert.key} to {delivery.target}: {INTERRUPTED}")
    return messages


def _deliver_one(
    conn: sqlite3.Connection, delivery: AlertDelivery, alert: Alert, options: DeliveryOptions,
    now: str,
) -> str | None:  # fmt: skip
    mark_sending(conn, delivery.id)
    try:
        send(alert, delivery.target, options)
    except DeliveryError as error:
        attempts = delivery.attempts + 1
        retry = retry_time(now, options, attempts) if attempts < options.max_attempts else None
        mark_failed(conn, delivery.id, str(error), retry)
        return str(error) + ("" if retry else f" (given up after {attempts} attempts)")
    mark_sent(conn, delivery.id, now)
    return None


def deliver_due(conn: sqlite3.Connection, options: DeliveryOptions, now: str) -> Delivered:
    """Send every pending delivery and every failed one whose retry time has come."""
    done = Delivered()
    alerts: dict[int, Alert] = {}
    for delivery in due_deliveries(conn, now, options.max_attempts):
        if delivery.alert_id not in alerts:
            alerts[delivery.alert_id] = stored_alert(conn, delivery.alert_id)
        error = _deliver_one(conn, delivery, alerts[delivery.alert_id], options, now)
        if error is None:
            done.sent += 1
        else:
            done.failed += 1
            done.errors.append(error)
    return done
