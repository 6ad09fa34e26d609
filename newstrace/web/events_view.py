"""Events for the map page: filtered, with their places, corroborating families and a timeline."""

from __future__ import annotations

import sqlite3
from collections import Counter
from typing import Any

from newstrace.store import browse
from newstrace.store.events import article_events as stored_article_events

MAX_EVENTS = 2000  # events one page shows; the filters narrow a larger store


def _corroborations(conn: sqlite3.Connection, events: list[dict[str, Any]]) -> None:
    others = sorted({other for event in events for other in event["corroborated_by"]})
    found = browse.event_families(conn, others)
    for event in events:
        event["corroborating"] = [found[o] for o in event["corroborated_by"] if o in found]


def _timeline(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    days = Counter(event["date_start"][:10] for event in events if event["date_start"])
    return [{"day": day, "events": count} for day, count in sorted(days.items())]


def _map_point(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": event["id"],
        "event_type": event["event_type"],
        "sub_event_type": event["sub_event_type"],
        "date_start": event["date_start"],
        "date_end": event["date_end"],
        "actors": event["actors"],
        "attribution": event["attribution"],
        "article": event["article"],
        "sentence_start": event["sentence"]["start"],
        "sentence": event["sentence"]["text"],
        "family": event["family"],
        "places": [
            {"name": p.get("name"), "lat": p["lat"], "lon": p["lon"]}
            for p in event["places"]
            if p.get("lat") is not None and p.get("lon") is not None
        ],
        "corroborating": event.get("corroborating", []),
    }


def _filtered(conn: sqlite3.Connection, filters: dict[str, str]) -> list[dict[str, Any]]:
    return [e.to_json() for e in browse.filtered_events(conn, filters, MAX_EVENTS)]


def article_events(conn: sqlite3.Connection, article_id: int) -> list[dict[str, Any]]:
    """Events an article reports as documented objects, with where they sit in its body."""
    return [e.to_json() for e in stored_article_events(conn, article_id)]


def events_data(conn: sqlite3.Connection, filters: dict[str, str]) -> dict[str, Any]:
    """The filtered events reduced to what the map and the timeline draw."""
    events = _filtered(conn, filters)
    _corroborations(conn, events)
    return {"events": [_map_point(e) for e in events], "timeline": _timeline(events)}


def events_page(conn: sqlite3.Connection, filters: dict[str, str]) -> dict[str, Any]:
    """The events page: filter choices, the filtered events and their timeline."""
    events = _filtered(conn, filters)
    _corroborations(conn, events)
    return {
        "filters": filters,
        "options": browse.event_filter_options(conn),
        "events": events,
        "timeline": _timeline(events),
        "limit": MAX_EVENTS,
    }
