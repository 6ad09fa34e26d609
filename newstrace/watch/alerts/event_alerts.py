"""An event rule: a new event matching a type, sub-type, actor, place or country."""

from __future__ import annotations

import sqlite3

from newstrace.models import StoredEvent
from newstrace.models.alerts import EVENT_REPORTED, Alert
from newstrace.store.alert_sources import events_after
from newstrace.store.alerts import mark
from newstrace.watch.alerts.compose import Context, Found, brief, family_url, named
from newstrace.watch.alerts.rules import AlertRule

EVENTS = "events"
SENTENCE_CHARS = 160  # the event's sentence as the summary line quotes it


def _contains(names: list[str], wanted: str) -> bool:
    wanted = wanted.casefold()
    return any(wanted in name.casefold() for name in names if name)


def event_matches(stored: StoredEvent, filters: dict[str, str]) -> bool:
    """Whether an event meets every filter: type and sub-type equal (any case), an actor or
    recipient and a place containing the words given, a place in the country (ISO code)."""
    event = stored.event
    parties = [m.name for m in event.actors + event.recipients]
    parties += [m.mention for m in event.actors + event.recipients]
    places = [p.name for p in event.places] + [p.mention or "" for p in event.places]
    checks = {
        "type": lambda v: event.event_type.casefold() == v.casefold(),
        "sub_type": lambda v: event.sub_event_type.casefold() == v.casefold(),
        "actor": lambda v: _contains(parties, v),
        "place": lambda v: _contains(places, v),
        "country": lambda v: any((p.country or "").upper() == v for p in event.places),
    }
    return all(checks[key](value) for key, value in filters.items())


def event_alert(
    conn: sqlite3.Connection, rule: AlertRule, stored: StoredEvent, context: Context
) -> Alert:
    """The alert for one event: the article it was read in, the event, its family page."""
    article = brief(conn, stored.article)
    sentence = " ".join(stored.event.sentence.split())[:SENTENCE_CHARS]
    return Alert(
        key=f"{rule.key}|event:{stored.id}", rule=rule.key, label=rule.label,
        kind=EVENT_REPORTED,
        summary=f"{stored.event.event_type} in {named(article)}: {sentence}",
        copy=article, family_id=stored.family,
        family_url=family_url(context.base_url, stored.family, stored.article),
        details={"event": stored.to_json()}, raised_at=context.now, cycle=context.cycle,
    )  # fmt: skip


def find_event_alerts(conn: sqlite3.Connection, rule: AlertRule, context: Context) -> Found:
    """New events an event rule matches, and the rule's new event mark."""
    events = events_after(conn, mark(conn, rule.key, EVENTS))
    if not events:
        return Found()
    alerts = [event_alert(conn, rule, e, context) for e in events if event_matches(e, rule.value)]
    return Found(alerts, {EVENTS: max(e.id for e in events)})
