"""Events for the map page: filtered, a page at a time, with their places, corroborating
families and a timeline on a real time axis."""

from __future__ import annotations

import sqlite3
from typing import Any

from newstrace.store import browse
from newstrace.store.events import article_events as stored_article_events
from newstrace.store.runs import database_file
from newstrace.web.answers import Answers, database_path
from newstrace.web.timeaxis import UNIT_CHARS, Axis, events_axis, unit_for

PAGE_EVENTS = 50  # events listed per page
MAP_EVENTS = 2000  # events the map draws; the filters narrow a larger store
TIMELINE_WIDTH = 900
TIMELINE_HEIGHT = 160


def _corroborations(conn: sqlite3.Connection, events: list[dict[str, Any]]) -> None:
    others = sorted({other for event in events for other in event["corroborated_by"]})
    found = browse.event_families(conn, others)
    for event in events:
        event["corroborating"] = [found[o] for o in event["corroborated_by"] if o in found]


def _map_point(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "event_type": row["event_type"],
        "sub_event_type": row["sub_event_type"],
        "date_start": row["date_start"],
        "date_end": row["date_end"],
        "actors": row["actors"],
        "attribution": {
            "class": row["attribution_class"],
            "source": row["attribution_source"],
            "hedge": row["hedge"],
        },
        "article": row["article_id"],
        "sentence_start": row["sentence_start"],
        "sentence": row["sentence"],
        "family": row["family_id"],
        "places": [
            {"name": p.get("name"), "lat": p["lat"], "lon": p["lon"]}
            for p in row["places"]
            if p.get("lat") is not None and p.get("lon") is not None
        ],
        "corroborating": row.get("corroborating", []),
    }


def _filtered(
    conn: sqlite3.Connection, filters: dict[str, str], limit: int, offset: int = 0
) -> list[dict[str, Any]]:
    return [e.to_json() for e in browse.filtered_events(conn, filters, limit, offset)]


def article_events(conn: sqlite3.Connection, article_id: int) -> list[dict[str, Any]]:
    """Events an article reports as documented objects, with where they sit in its body."""
    return [e.to_json() for e in stored_article_events(conn, article_id)]


def events_data(conn: sqlite3.Connection, filters: dict[str, str]) -> dict[str, Any]:
    """The first MAP_EVENTS filtered events reduced to what the map draws, with the count of all
    (the timeline is drawn with the page)."""
    events = browse.map_events(conn, filters, MAP_EVENTS)
    _corroborations(conn, events)
    return {"events": [_map_point(e) for e in events], "total": browse.count_events(conn, filters)}


# Timelines by database, its signature and filters: counting 100k events by day takes most of
# the page's time, and paging through one filter's events draws the same timeline again.
_AXES: Answers[Axis] = Answers()


def _axis(conn: sqlite3.Connection, filters: dict[str, str]) -> Axis:
    """The timeline of the filtered events: a bar per day, month or year, by their span."""
    path = database_path(conn)
    key = _AXES.key(path, tuple(sorted(filters.items()))) if path else None
    found = _AXES.get(key) if key else None
    if found is None:
        span = browse.event_date_range(conn, filters)
        unit = unit_for(*span) if span else "day"
        counts = browse.event_days(conn, filters, UNIT_CHARS[unit])
        found = events_axis(counts, unit, TIMELINE_WIDTH, TIMELINE_HEIGHT)
        if key:
            _AXES.put(key, found)
    return found


_OPTIONS: dict[tuple[str | None, int, int], dict[str, list[str]]] = {}
OPTIONS_CACHED = 8  # stores whose filter choices are kept


def filter_options(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """The values each event filter can take, read once per state of the events table (the
    actors are read from every event's JSON: too slow to repeat on each page at 100k events)."""
    key = (database_file(conn), *browse.events_version(conn))
    if key not in _OPTIONS:
        if len(_OPTIONS) >= OPTIONS_CACHED:
            _OPTIONS.clear()
        _OPTIONS[key] = browse.event_filter_options(conn)
    return _OPTIONS[key]


def events_page(conn: sqlite3.Connection, filters: dict[str, str], page: int) -> dict[str, Any]:
    """The events page: filter choices, one page of the filtered events, their timeline."""
    total = browse.count_events(conn, filters)
    pages = max(1, -(-total // PAGE_EVENTS))
    page = min(max(1, page), pages)
    events = _filtered(conn, filters, PAGE_EVENTS, (page - 1) * PAGE_EVENTS)
    _corroborations(conn, events)
    return {
        "filters": filters,
        "options": filter_options(conn),
        "events": events,
        "total": total,
        "page": page,
        "pages": pages,
        "first": (page - 1) * PAGE_EVENTS + 1,
        "axis": _axis(conn, filters),
        "map_limit": MAP_EVENTS,
    }
