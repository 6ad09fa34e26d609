"""The incremental events stage: read events from unprocessed articles, store each once per copy
family, and link reports of the same event from different families as corroborated."""

from __future__ import annotations

import math
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

import sqlite_utils
import xxhash

from newstrace.events.assemble import ArticleText, extract_events
from newstrace.events.places import GeocoderLike, default_geocoder_or_none
from newstrace.extract.normalize import comparison_key
from newstrace.models.events import Event
from newstrace.settings import Settings
from newstrace.store import events as store
from newstrace.store.connection import transaction

EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True, slots=True)
class EventsSummary:
    """What one events run did."""

    articles: int
    events: int  # new event rows
    linked: int  # events found again in another member of a copy family (or merged into one)
    corroborations: int
    seconds: float


def event_key(event: Event) -> str:
    """The same event in two copies of a story: its type and the text of its sentences."""
    return xxhash.xxh3_64_hexdigest(
        f"{event.event_type}\0{comparison_key(event.sentence)}".encode()
    )


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def places_overlap(
    ours: list[dict[str, Any]], theirs: list[dict[str, Any]], radius_km: float
) -> bool:
    """Some place of one event lies within the radius of some place of the other."""
    return any(
        (a.get("geonameid") and a.get("geonameid") == b.get("geonameid"))
        or (a.get("lat") is not None and b.get("lat") is not None and _km(a, b) <= radius_km)
        for a in ours
        for b in theirs
    )


def _corroborate(
    conn: sqlite3.Connection, event_id: int, event: Event, family_key: int, radius_km: float
) -> set[int]:
    """Link an event to reports of it by other families; return the events whose count changed."""
    ours = [p.to_json() for p in event.places]
    names = {m.name for m in (*event.actors, *event.recipients)} - {"Unidentified Armed Group"}
    changed: set[int] = set()
    for other, _, parties, places in store.corroboration_candidates(
        conn, event_id, event, family_key
    ):
        shared = names & {p["name"] for p in parties}
        if shared and places_overlap(ours, places, radius_km):
            evidence = f"same type, overlapping dates and places, shared actors: {', '.join(sorted(shared))}"
            store.link_corroboration(conn, event_id, other, evidence)
            changed |= {event_id, other}
    return changed


def _write_article(
    conn: sqlite3.Connection,
    article_id: int,
    family_id: int | None,
    events: list[Event],
    radius_km: float,
) -> tuple[int, int, set[int]]:
    new = linked = 0
    changed: set[int] = set()
    for event in events:
        key = event_key(event)
        existing = store.family_event(conn, family_id, key) if family_id is not None else None
        if existing is not None:
            store.link_article(conn, existing, article_id, event)
            linked += 1
            continue
        event_id = store.insert_event(conn, event, article_id, family_id, key)
        store.link_article(conn, event_id, article_id, event)
        new += 1
        family_key = family_id if family_id is not None else -article_id
        changed |= _corroborate(conn, event_id, event, family_key, radius_km)
    store.mark_processed(conn, article_id, len(events))
    return new, linked, changed


def run_events(
    db: sqlite_utils.Database,
    settings: Settings,
    geocoder: GeocoderLike | None = None,
    use_default_geocoder: bool = True,
    nlp: Any = None,
) -> EventsSummary:
    """Read the events of every article not processed yet; a re-run changes nothing."""
    started = time.perf_counter()
    if geocoder is None and use_default_geocoder:
        geocoder = default_geocoder_or_none()
    totals = [0, 0, 0, 0]
    with transaction(db) as conn:
        merged, regrouped = store.regroup(conn)
        store.recount(conn, regrouped)
        totals[2] += merged
        totals[3] += len(regrouped)
    while batch := store.unprocessed(db.conn, settings.events_batch_articles):
        found = extract_events(
            [ArticleText(body, published) for _, body, published, _ in batch], geocoder, nlp
        )
        with transaction(db) as conn:
            changed: set[int] = set()
            for (article_id, _, _, family_id), events in zip(batch, found, strict=True):
                new, linked, touched = _write_article(
                    conn, article_id, family_id, events, settings.events_corroboration_radius_km
                )
                totals[1] += new
                totals[2] += linked
                changed |= touched
            store.recount(conn, changed)
            totals[3] += len(changed)
        totals[0] += len(batch)
    return EventsSummary(totals[0], totals[1], totals[2], totals[3], time.perf_counter() - started)
