"""Reading and writing conflict events: one row per event, linked to every article carrying it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from newstrace.models.events import (
    ActorMention,
    Event,
    EventAttribution,
    Fatalities,
    StoredEvent,
)
from newstrace.models.places import Place
from newstrace.store.writer import now_iso

_UNPROCESSED_SQL = """SELECT a.id, a.body, coalesce(a.published, i.value), fm.family_id
FROM articles a LEFT JOIN events_processed p ON p.article_id = a.id
LEFT JOIN inferences i ON i.article_id = a.id AND i.field = 'published'
LEFT JOIN family_members fm ON fm.article_id = a.id
WHERE p.article_id IS NULL AND a.id > ? GROUP BY a.id ORDER BY a.id LIMIT ?"""


def unprocessed_count(conn: sqlite3.Connection) -> int:
    """How many articles events were not read from yet."""
    sql = """SELECT count(*) FROM articles a LEFT JOIN events_processed p ON p.article_id = a.id
    WHERE p.article_id IS NULL"""
    return int(conn.execute(sql).fetchone()[0])


def unprocessed(
    conn: sqlite3.Connection, limit: int, after_id: int = 0
) -> list[tuple[int, str, str | None, int | None]]:
    """Articles events were not read from yet (with ids above `after_id`): id, body,
    publication day, copy family."""
    rows = conn.execute(_UNPROCESSED_SQL, (after_id, limit))
    return [(r[0], r[1] or "", r[2], r[3]) for r in rows]


def _actors(mentions: tuple[ActorMention, ...]) -> str:
    return json.dumps([m.to_json() for m in mentions], ensure_ascii=False)


def _read_actors(text: str) -> tuple[ActorMention, ...]:
    return tuple(ActorMention(a["name"], a["mention"], a["inter"]) for a in json.loads(text))


def _read_places(text: str) -> tuple[Place, ...]:
    return tuple(Place.from_json(p) for p in json.loads(text))


def family_event(conn: sqlite3.Connection, family_id: int, key: str) -> int | None:
    """The id of an event already stored for this family with this key, or None."""
    row = conn.execute(
        "SELECT id FROM events WHERE family_id = ? AND event_key = ?", (family_id, key)
    ).fetchone()
    return int(row[0]) if row else None


def insert_event(
    conn: sqlite3.Connection, event: Event, article_id: int, family_id: int | None, key: str
) -> int:
    """Store one event; return its id."""
    f = event.fatalities
    a = event.attribution
    row = conn.execute(
        "INSERT INTO events (family_id, article_id, event_key, event_type, sub_event_type,"
        " disorder_type, plover, status, actors, recipients, places, date_start, date_end,"
        " time_precision, fatalities_low, fatalities_best, fatalities_high, fatalities_text,"
        " equipment, attribution_cue, attribution_source, attribution_class, hedge, sentence,"
        " trigger, evidence, extracted_at) VALUES"
        " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " RETURNING id",
        (
            family_id, article_id, key, event.event_type, event.sub_event_type,
            event.disorder_type, event.plover, event.status, _actors(event.actors),
            _actors(event.recipients),
            json.dumps([p.to_json() for p in event.places], ensure_ascii=False),
            event.date_start, event.date_end, event.time_precision,
            f.low if f else None, f.best if f else None, f.high if f else None,
            f.text if f else None, json.dumps(list(event.equipment), ensure_ascii=False),
            a.cue, a.source, a.source_class, a.hedge, event.sentence, event.trigger,
            json.dumps(list(event.evidence), ensure_ascii=False), now_iso(),
        ),
    ).fetchone()  # fmt: skip
    return int(row[0])


def link_article(conn: sqlite3.Connection, event_id: int, article_id: int, event: Event) -> None:
    """Record that an article carries an event, with where its sentences sit in that body."""
    conn.execute(
        "INSERT OR IGNORE INTO event_articles (event_id, article_id, sentence_start, sentence_end)"
        " VALUES (?, ?, ?, ?)",
        (event_id, article_id, event.sentence_start, event.sentence_end),
    )


def mark_processed(conn: sqlite3.Connection, article_id: int, events: int) -> None:
    """Record that an article's events have been read, so a re-run skips it."""
    conn.execute(
        "INSERT OR REPLACE INTO events_processed (article_id, processed_at, events) VALUES (?, ?, ?)",
        (article_id, now_iso(), events),
    )


_CANDIDATES_SQL = """SELECT id, coalesce(family_id, -article_id), actors, recipients, places
FROM events WHERE event_type = ? AND status = ? AND id != ? AND date_start <= ? AND date_end >= ?
AND coalesce(family_id, -article_id) != ?"""


def corroboration_candidates(
    conn: sqlite3.Connection, event_id: int, event: Event, family_key: int
) -> list[tuple[int, tuple[ActorMention, ...], tuple[Place, ...]]]:
    """Events of other families with the same type and status and overlapping dates: each
    one's id, its actors and recipients, and its places."""
    if event.date_start is None or event.date_end is None:
        return []
    rows = conn.execute(
        _CANDIDATES_SQL,
        (event.event_type, event.status, event_id, event.date_end, event.date_start, family_key),
    )
    return [(r[0], _read_actors(r[2]) + _read_actors(r[3]), _read_places(r[4])) for r in rows]


def link_corroboration(conn: sqlite3.Connection, a: int, b: int, evidence: str) -> None:
    """Record two events of different families as reports of the same event."""
    low, high = sorted((a, b))
    conn.execute(
        "INSERT OR IGNORE INTO event_corroborations (event_id, other_event_id, evidence)"
        " VALUES (?, ?, ?)",
        (low, high, evidence),
    )


_COUNT_SQL = """UPDATE events SET corroborating_families = 1 + (
  SELECT count(DISTINCT coalesce(o.family_id, -o.article_id)) FROM event_corroborations c
  JOIN events o ON o.id = CASE WHEN c.event_id = events.id THEN c.other_event_id ELSE c.event_id END
  WHERE c.event_id = events.id OR c.other_event_id = events.id
) WHERE id = ?"""


def recount(conn: sqlite3.Connection, event_ids: set[int]) -> None:
    """Refresh the number of independent families reporting each of these events."""
    conn.executemany(_COUNT_SQL, [(i,) for i in sorted(event_ids)])


_EVENTS_SQL = """SELECT e.*, d.source, d.source_id,
  (SELECT json_group_array(article_id) FROM (SELECT article_id FROM event_articles
     WHERE event_id = e.id ORDER BY article_id)) AS articles,
  (SELECT json_group_array(other) FROM (SELECT CASE WHEN c.event_id = e.id THEN c.other_event_id
     ELSE c.event_id END AS other FROM event_corroborations c
     WHERE c.event_id = e.id OR c.other_event_id = e.id ORDER BY other)) AS corroborated_by,
  (SELECT group_concat(name, '; ') FROM (SELECT DISTINCT o.name FROM event_articles x
     JOIN articles aa ON aa.id = x.article_id JOIN outlets o ON o.id = aa.outlet_id
     WHERE x.event_id = e.id ORDER BY o.name)) AS outlets,
  ea.sentence_start, ea.sentence_end
FROM events e JOIN articles a ON a.id = e.article_id JOIN documents d ON d.id = a.document_id
LEFT JOIN event_articles ea ON ea.event_id = e.id AND ea.article_id = e.article_id
ORDER BY e.id"""


def _fatalities(row: sqlite3.Row) -> Fatalities | None:
    if row["fatalities_best"] is None:
        return None
    return Fatalities(
        row["fatalities_low"],
        row["fatalities_best"],
        row["fatalities_high"],
        row["fatalities_text"],
    )


def _event(row: sqlite3.Row) -> Event:
    """The event model of a stored row."""
    return Event(
        event_type=row["event_type"], sub_event_type=row["sub_event_type"],
        disorder_type=row["disorder_type"], plover=row["plover"], status=row["status"],
        actors=_read_actors(row["actors"]), recipients=_read_actors(row["recipients"]),
        places=_read_places(row["places"]), date_start=row["date_start"],
        date_end=row["date_end"], time_precision=row["time_precision"],
        fatalities=_fatalities(row), equipment=tuple(json.loads(row["equipment"])),
        attribution=EventAttribution(
            row["attribution_cue"], row["attribution_source"], row["attribution_class"],
            row["hedge"],
        ),
        sentence=row["sentence"], sentence_start=row["sentence_start"],
        sentence_end=row["sentence_end"], trigger=row["trigger"],
        evidence=tuple(json.loads(row["evidence"])),
    )  # fmt: skip


def _stored(row: sqlite3.Row) -> StoredEvent:
    """A stored row with its links as the model the commands and the web UI read."""
    return StoredEvent(
        id=row["id"], event=_event(row), article=row["article_id"], source=row["source"],
        source_id=row["source_id"], articles=tuple(json.loads(row["articles"])),
        outlets=row["outlets"] or "", family=row["family_id"],
        corroborating_families=row["corroborating_families"],
        corroborated_by=tuple(json.loads(row["corroborated_by"])),
        extracted_at=row["extracted_at"],
    )  # fmt: skip


def select_events(
    conn: sqlite3.Connection, where: str = "1 = 1", params: tuple[Any, ...] = ()
) -> Iterator[StoredEvent]:
    """Stored events whose row matches an SQL condition (for the store's own readers), in id order."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    for row in cursor.execute(f"SELECT * FROM ({_EVENTS_SQL}) WHERE {where}", params):
        yield _stored(row)


def stored_events(conn: sqlite3.Connection) -> Iterator[StoredEvent]:
    """Every stored event, in id order."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    for row in cursor.execute(_EVENTS_SQL):
        yield _stored(row)


def article_events(conn: sqlite3.Connection, article_id: int) -> list[StoredEvent]:
    """Events an article carries, with their sentences' offsets in this article's body."""
    spans = {
        row[0]: (row[1], row[2])
        for row in conn.execute(
            "SELECT event_id, sentence_start, sentence_end FROM event_articles WHERE article_id = ?",
            (article_id,),
        )
    }
    if not spans:
        return []
    marks = ",".join("?" * len(spans))
    return [
        replace(
            e, event=replace(e.event, sentence_start=spans[e.id][0], sentence_end=spans[e.id][1])
        )
        for e in select_events(conn, f"id IN ({marks})", tuple(spans))
    ]


_CURRENT_FAMILY = (
    "(SELECT min(fm.family_id) FROM family_members fm WHERE fm.article_id = {}.article_id)"
)
_REFAMILY_SQL = (
    f"UPDATE events SET family_id = {_CURRENT_FAMILY.format('events')}"
    f" WHERE family_id IS NOT {_CURRENT_FAMILY.format('events')} RETURNING id"
)
_DUPLICATES_SQL = """SELECT group_concat(id) FROM events WHERE family_id IS NOT NULL
GROUP BY family_id, event_key HAVING count(*) > 1"""
_SAME_FAMILY_LINKS_SQL = """DELETE FROM event_corroborations WHERE EXISTS (
  SELECT 1 FROM events a JOIN events b ON a.family_id = b.family_id
  WHERE a.id = event_corroborations.event_id AND b.id = event_corroborations.other_event_id)
RETURNING event_id, other_event_id"""


def regroup(conn: sqlite3.Connection) -> tuple[int, set[int]]:
    """Follow the copy families `trace` found after events were read: each family's copies of
    an event become one event linked to every article, and reports within one family stop
    counting as corroboration. Returns the events merged away and the events to recount."""
    changed = {int(row[0]) for row in conn.execute(_REFAMILY_SQL).fetchall()}
    merged = 0
    for (ids,) in conn.execute(_DUPLICATES_SQL).fetchall():
        keep, *others = sorted(int(i) for i in ids.split(","))
        for other in others:
            changed |= _merge(conn, keep, other)
            merged += 1
    for a, b in conn.execute(_SAME_FAMILY_LINKS_SQL).fetchall():
        changed |= {int(a), int(b)}
    return merged, changed


def _merge(conn: sqlite3.Connection, keep: int, other: int) -> set[int]:
    """Move one event's articles and corroborations onto another, then drop it."""
    conn.execute(
        "INSERT OR IGNORE INTO event_articles (event_id, article_id, sentence_start, sentence_end)"
        " SELECT ?, article_id, sentence_start, sentence_end FROM event_articles"
        " WHERE event_id = ?",
        (keep, other),
    )
    links = conn.execute(
        "SELECT CASE WHEN event_id = ? THEN other_event_id ELSE event_id END, evidence"
        " FROM event_corroborations WHERE event_id = ? OR other_event_id = ?",
        (other, other, other),
    ).fetchall()
    for linked, evidence in links:
        if linked != keep:
            link_corroboration(conn, keep, int(linked), evidence)
    conn.execute("DELETE FROM events WHERE id = ?", (other,))
    return {keep} | {int(linked) for linked, _ in links if linked != keep}
