"""One round of alerts, as the watch runs it once per cycle: settle what a crash left, find
what each rule has not read yet, record each alert once, deliver what is due."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import sqlite_utils

from newstrace.store.alerts import (
    add_claim_match,
    has_marks,
    record_alert,
    record_cycle,
    set_mark,
    write,
)
from newstrace.store.links import sqlite_connection
from newstrace.watch.alerts.claim_alerts import find_claim_alerts
from newstrace.watch.alerts.compose import Context, Found
from newstrace.watch.alerts.deliver import deliver_due, recover_interrupted
from newstrace.watch.alerts.event_alerts import find_event_alerts
from newstrace.watch.alerts.link_alerts import find_link_alerts
from newstrace.watch.alerts.outputs import DeliveryOptions
from newstrace.watch.alerts.page_alerts import find_page_alerts
from newstrace.watch.alerts.rules import EVENT, OUTLET, PAGE, STORY, TEXT, URL, AlertRule

CHECKED = "checked"  # the mark of the last cycle that checked a rule
Finder = Callable[[sqlite3.Connection, AlertRule, Context], Found]
# A text rule finds its claim in new articles first, then follows those articles' copies.
FINDERS: dict[str, tuple[Finder, ...]] = {
    STORY: (find_link_alerts,),
    URL: (find_link_alerts,),
    TEXT: (find_claim_alerts, find_link_alerts),
    OUTLET: (find_link_alerts,),
    EVENT: (find_event_alerts,),
    PAGE: (find_page_alerts,),
}


@dataclass(frozen=True)
class AlertsReport:
    """What one round did: alerts recorded, deliveries sent and failed, and the errors."""

    raised: int
    sent: int
    failed: int
    errors: tuple[str, ...] = ()


def now_iso() -> str:
    """The current UTC time as ISO 8601, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def merged_rules(rules: Sequence[AlertRule]) -> list[AlertRule]:
    """One rule per key, with the targets of every rule of that key: two tables looking for
    the same thing share their marks, so they must be read as one."""
    merged: dict[str, AlertRule] = {}
    for rule in rules:
        seen = merged.get(rule.key)
        targets = (*seen.targets, *rule.targets) if seen else rule.targets
        merged[rule.key] = replace(seen or rule, targets=tuple(dict.fromkeys(targets)))
    return list(merged.values())


def raise_alerts(conn: sqlite3.Connection, rule: AlertRule, context: Context) -> int:
    """Record the rule's new alerts, their deliveries and its marks in one transaction;
    return how many alerts are new. A rule with `backlog = false` checked for the first time
    only records its marks (and a text rule the articles carrying its claim)."""
    raised = 0
    with write(conn):
        quiet = not rule.backlog and not has_marks(conn, rule.key)
        for finder in FINDERS[rule.kind]:
            found = finder(conn, rule, context)
            for article_id in found.claims:
                add_claim_match(conn, rule.key, article_id)
            alerts = [] if quiet else found.alerts
            raised += sum(record_alert(conn, a, rule.targets, context.now) for a in alerts)
            for stream, last_id in found.marks.items():
                set_mark(conn, rule.key, stream, last_id)
        set_mark(conn, rule.key, CHECKED, context.cycle)  # checked once: no longer new
    return raised


def run_alerts(
    conn: sqlite3.Connection | sqlite_utils.Database,
    rules: Sequence[AlertRule],
    *,
    cycle: int,
    options: DeliveryOptions,
) -> AlertsReport:
    """Check every rule against what is new since its marks, record each alert once, and
    deliver what is due; safe to run again after a crash (see deliver.py)."""
    connection, now = sqlite_connection(conn), now_iso()
    errors = recover_interrupted(connection, now)
    context = Context(cycle, now, options.base_url)
    raised = sum(raise_alerts(connection, rule, context) for rule in merged_rules(rules))
    delivered = deliver_due(connection, options, now)
    record_cycle(connection, cycle)
    return AlertsReport(raised, delivered.sent, delivered.failed, (*errors, *delivered.errors))
