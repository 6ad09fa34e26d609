"""The stages a cycle runs after ingest, through the same library entries as their commands:
trace (`trace_links`, then provenance for what the new links touch), events (`run_events`)
and the alert rules (`newstrace.watch.alerts.run_alerts`)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import sqlite_utils

from newstrace.engines.trace import trace_links
from newstrace.events.stage import run_events
from newstrace.settings import Settings
from newstrace.store.events import unprocessed_count
from newstrace.store.runs import untraced_ids
from newstrace.watch.config import WatchConfig
from newstrace.watch.provenance import update_provenance


@dataclass(frozen=True, slots=True)
class Alerts:
    """What the alert rules did in one cycle."""

    raised: int = 0
    sent: int = 0
    failed: int = 0
    errors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Analysis:
    """What trace and events did in one cycle."""

    traced: int = 0
    new_links: int = 0
    families: int | None = None  # None: provenance was not rebuilt (no new link)
    events_read: int = 0
    new_events: int = 0


def run_analysis(db: sqlite_utils.Database, settings: Settings) -> Analysis:
    """Trace the untraced articles, rebuild provenance if links moved, read new events."""
    traced = new_links = 0
    if untraced_ids(db.conn):
        summary = trace_links(db, settings)
        traced, new_links = summary.articles_traced, summary.new_links
    families = update_provenance(db, settings)
    if unprocessed_count(db.conn) == 0:
        return Analysis(traced, new_links, families)
    events = run_events(db, settings)
    return Analysis(traced, new_links, families, events.articles, events.events)


def run_alerts_step(
    conn: sqlite3.Connection, config: WatchConfig, settings: Settings, cycle: int
) -> Alerts:
    """Check the alert rules once (none configured: nothing to do)."""
    if not config.rules:
        return Alerts()
    from newstrace.watch.alerts import DeliveryOptions, run_alerts

    options = DeliveryOptions(**config.delivery, allow_private=settings.allow_private_addresses)
    report = run_alerts(conn, config.rules, cycle=cycle, options=options)
    return Alerts(report.raised, report.sent, report.failed, tuple(report.errors))
