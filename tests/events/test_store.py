"""The events stage over a store: once per copy family, corroboration, incremental, atomic."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
import sqlite_utils

from newstrace.events.stage import run_events
from newstrace.models import Comment
from newstrace.settings import Settings
from newstrace.store import events as event_store
from newstrace.store.events import stored_events

STORY = [
    "Gunmen killed at least seven civilians in an attack on a market near Gao on Sunday, officials said.",
    "The market reopened on Monday.",
]
OTHER_OUTLET = [
    "At least seven people died on Sunday when gunmen attacked civilians at a market outside Gao, residents said.",
]


def _family(db: sqlite_utils.Database, family_id: int, members: list[int]) -> None:
    """What `newstrace trace` writes for a copy family."""
    db.conn.execute(
        "INSERT INTO families (id, origin_article, origin_outlet, external, size) VALUES (?, ?, NULL, 0, ?)",
        (family_id, members[0], len(members)),
    )
    for member in members:
        parent = None if member == members[0] else members[0]
        db.conn.execute(
            "INSERT INTO family_members (family_id, article_id, parent_id, coverage, confidence)"
            " VALUES (?, ?, ?, 1.0, 1.0)",
            (family_id, member, parent),
        )


def _run(db: sqlite_utils.Database, geocoder: Any) -> Any:
    return run_events(db, Settings(), geocoder=geocoder, use_default_geocoder=False)


def _dump(db: sqlite_utils.Database) -> list[Any]:
    tables = ("events", "event_articles", "event_corroborations")
    return [list(db.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2")) for t in tables]


def test_store_family_copy_stored_once_and_other_family_corroborates(
    db: sqlite_utils.Database, store_article: Callable[..., int], geocoder: Any
) -> None:
    first = store_article(STORY, source="a.txt", outlet="Sahel Wire", published="2023-05-16")
    copy = store_article(STORY, source="b.txt", outlet="Copy Daily", published="2023-05-17")
    other = store_article(
        OTHER_OUTLET, source="c.txt", outlet="Niger Times", published="2023-05-16"
    )
    _family(db, first, [first, copy])
    summary = _run(db, geocoder)
    events = list(stored_events(db.conn))
    assert (summary.articles, summary.events, summary.linked) == (3, 2, 1)
    family_event = next(e for e in events if e.article == first)
    other_event = next(e for e in events if e.article == other)
    assert family_event.articles == (first, copy)
    assert family_event.corroborated_by == (other_event.id,)
    assert family_event.corroborating_families == other_event.corroborating_families == 2


def test_store_rerun_changes_nothing(
    db: sqlite_utils.Database, store_article: Callable[..., int], geocoder: Any
) -> None:
    store_article(STORY, published="2023-05-16")
    _run(db, geocoder)
    before = _dump(db)
    again = _run(db, geocoder)
    assert again.articles == 0
    assert _dump(db) == before


def test_store_crash_mid_batch_leaves_nothing_half_written(
    db: sqlite_utils.Database,
    store_article: Callable[..., int],
    geocoder: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store_article(STORY, source="a.txt", published="2023-05-16")
    store_article(OTHER_OUTLET, source="c.txt", published="2023-05-16")
    real = event_store.insert_event
    calls = []

    def failing(*args: Any) -> int:
        calls.append(1)
        if len(calls) == 2:
            raise sqlite3.OperationalError("disk I/O error")
        return real(*args)

    monkeypatch.setattr(event_store, "insert_event", failing)
    with pytest.raises(sqlite3.OperationalError):
        _run(db, geocoder)
    assert _dump(db) == [[], [], []]
    assert db.execute("SELECT count(*) FROM events_processed").fetchone()[0] == 0
    monkeypatch.setattr(event_store, "insert_event", real)
    assert _run(db, geocoder).events == 2


def test_store_comments_are_never_read(
    db: sqlite_utils.Database, store_article: Callable[..., int], geocoder: Any
) -> None:
    comment = Comment("Reader", "Rebels attacked Gao again last night and killed ten soldiers.", 0)
    store_article(
        ["The market in Gao reopened on Monday."], published="2023-05-16", comments=(comment,)
    )
    _run(db, geocoder)
    assert list(stored_events(db.conn)) == []


def test_store_events_read_before_trace_are_regrouped_by_the_families_found_later(
    db: sqlite_utils.Database, store_article: Callable[..., int], geocoder: Any
) -> None:
    first = store_article(STORY, source="a.txt", outlet="Sahel Wire", published="2023-05-16")
    copy = store_article(STORY, source="b.txt", outlet="Copy Daily", published="2023-05-17")
    other = store_article(
        OTHER_OUTLET, source="c.txt", outlet="Niger Times", published="2023-05-16"
    )
    _run(db, geocoder)
    before = {e.article: e for e in stored_events(db.conn)}
    # read before trace: the copy looks like a third independent report of the attack
    assert before[first].corroborating_families == 3
    _family(db, first, [first, copy])  # then `newstrace trace` finds the copy family
    summary = _run(db, geocoder)
    events = list(stored_events(db.conn))
    family_event = next(e for e in events if e.article == first)
    other_event = next(e for e in events if e.article == other)
    assert (summary.articles, summary.linked) == (0, 1)
    assert len(events) == 2 and all(e.article != copy for e in events)
    assert family_event.articles == (first, copy) and family_event.family == first
    assert family_event.corroborated_by == (other_event.id,)
    assert family_event.corroborating_families == other_event.corroborating_families == 2
    assert _run(db, geocoder).linked == 0  # and a third run changes nothing
