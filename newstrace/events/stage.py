"""The incremental events stage: read events from unprocessed articles, store each once per copy
family, and link reports of the same event from different families as corroborated.

The reading (`extract_events`) and the matching (`corroborate`) are functions over models; this
module is the run over a store, reading and writing through `newstrace.store.events`.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from newstrace.events.assemble import ArticleText, assemble_events
from newstrace.events.corroborate import corroboration_evidence, event_key, shared_actors
from newstrace.events.parsing import SentenceReader, process_count
from newstrace.events.places import GeocoderLike
from newstrace.geo import default_geocoder
from newstrace.models.events import Event
from newstrace.settings import Settings
from newstrace.store import events as store
from newstrace.store.connection import transaction


@dataclass(frozen=True, slots=True)
class EventsSummary:
    """What one events run did."""

    articles: int
    events: int  # new event rows
    linked: int  # events found again in another member of a copy family (or merged into one)
    corroborations: int
    seconds: float


def _corroborate(
    conn: sqlite3.Connection, event_id: int, event: Event, family_key: int, radius_km: float
) -> set[int]:
    """Link an event to reports of it by other families; return the events whose count changed."""
    changed: set[int] = set()
    for other, parties, places in store.corroboration_candidates(conn, event_id, event, family_key):
        shared = shared_actors(event, parties, places, radius_km)
        if shared:
            store.link_corroboration(conn, event_id, other, corroboration_evidence(shared))
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
    progress: Callable[[int, int], None] | None = None,
) -> EventsSummary:
    """Read the events of every article not processed yet; a re-run changes nothing.

    `progress(done, total)` is called after each batch of articles.
    """
    started = time.perf_counter()
    total = store.unprocessed_count(db.conn)
    if geocoder is None and use_default_geocoder:
        geocoder = default_geocoder()
    totals = [0, 0, 0, 0]
    with transaction(db) as conn:
        merged, regrouped = store.regroup(conn)
        store.recount(conn, regrouped)
        totals[2] += merged
        totals[3] += len(regrouped)
    with SentenceReader(process_count(total, settings.jobs), nlp) as reader:
        _read_all(db, settings, geocoder, reader, totals, total, progress)
    return EventsSummary(totals[0], totals[1], totals[2], totals[3], time.perf_counter() - started)


def _read_all(
    db: sqlite_utils.Database,
    settings: Settings,
    geocoder: GeocoderLike | None,
    reader: SentenceReader,
    totals: list[int],
    total: int,
    progress: Callable[[int, int], None] | None,
) -> None:
    """Read, store and corroborate every unprocessed article, a batch per transaction; the
    next batch is handed to the reader before this one is stored, so parsing never waits."""
    batch = store.unprocessed(db.conn, settings.events_batch_articles)
    parses = reader.read(_texts(batch))
    while batch:
        following = store.unprocessed(db.conn, settings.events_batch_articles, batch[-1][0])
        upcoming = reader.read(_texts(following)) if following else iter(())
        found = assemble_events(_texts(batch), parses, geocoder)
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
        if progress:
            progress(totals[0], total)
        batch, parses = following, upcoming


def _texts(batch: list[tuple[int, str, str | None, int | None]]) -> list[ArticleText]:
    return [ArticleText(body, published) for _, body, published, _ in batch]
