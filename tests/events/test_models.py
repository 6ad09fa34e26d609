"""The event and place models: what the store gives back, and the JSON each prints."""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from newstrace.events.corroborate import places_overlap, shared_actors
from newstrace.models import (
    ActorMention,
    Event,
    EventAttribution,
    Fatalities,
    Place,
    StoredEvent,
)
from newstrace.store import events as event_store
from newstrace.store import transaction

SENTENCE = "Gunmen killed seven civilians near Gao on Sunday, officials said."
GAO = Place(35, 38, "Gao", 16.27, -0.04, 2457163, "ML", 2, mention="Gao")


def _event(actors: tuple[ActorMention, ...] = (), places: tuple[Place, ...] = (GAO,)) -> Event:
    return Event(
        event_type="Violence against civilians", sub_event_type="Attack",
        disorder_type="Political violence", plover="ASSAULT", status="reported",
        actors=actors or (ActorMention("Unidentified Armed Group", "Gunmen", 3),),
        recipients=(ActorMention("Civilians (Mali)", "civilians", 7),), places=places,
        date_start="2023-05-14", date_end="2023-05-14", time_precision=1,
        fatalities=Fatalities(7, 7, None, "seven"), equipment=("small arms",),
        attribution=EventAttribution("said", "officials", "official", None),
        sentence=SENTENCE, sentence_start=0, sentence_end=len(SENTENCE), trigger="killed",
        evidence=("trigger 'killed' (kill)",),
    )  # fmt: skip


def test_models_an_event_written_to_the_store_reads_back_equal(
    db: sqlite_utils.Database, store_article: Callable[..., int]
) -> None:
    article = store_article([SENTENCE], outlet="Sahel Wire")
    event = _event()
    with transaction(db) as conn:
        event_id = event_store.insert_event(conn, event, article, None, "key")
        event_store.link_article(conn, event_id, article, event)
    (stored,) = event_store.stored_events(db.conn)
    assert isinstance(stored, StoredEvent)
    assert stored.event == event
    assert (stored.id, stored.article, stored.articles, stored.outlets) == (
        event_id,
        article,
        (article,),
        "Sahel Wire",
    )
    assert event_store.article_events(db.conn, article) == [stored]


def test_models_actor_offsets_are_not_stored() -> None:
    """Offsets locate a mention while reading; the store keeps name, words and class only."""
    found = ActorMention("Unidentified Armed Group", "Gunmen", 3, 0, 6)
    assert found.to_json() == {"name": "Unidentified Armed Group", "mention": "Gunmen", "inter": 3}


def test_models_place_json_keeps_both_shapes() -> None:
    """geoparse's place and an event's place print exactly as before they were one class."""
    resolved = Place(35, 38, "Gao", 16.27, -0.04, 2457163, "ML", 2)
    assert list(resolved.to_json().items()) == [
        ("start", 35), ("end", 38), ("name", "Gao"), ("lat", 16.27), ("lon", -0.04),
        ("geonameid", 2457163), ("country", "ML"), ("geo_precision", 2),
    ]  # fmt: skip
    assert list(GAO.to_json().items()) == [
        ("name", "Gao"), ("mention", "Gao"), ("start", 35), ("end", 38), ("lat", 16.27),
        ("lon", -0.04), ("geonameid", 2457163), ("country", "ML"), ("geo_precision", 2),
    ]  # fmt: skip
    assert Place.from_json(GAO.to_json()) == GAO
    assert Place.from_json(resolved.to_json()) == resolved


def test_models_stored_event_json_adds_ids_and_actor_classes() -> None:
    stored = StoredEvent(4, _event(), 1, "a.txt", None, (1, 2), "Sahel Wire", 1, 2, (9,), "t")
    data = stored.to_json()
    assert list(data)[:8] == [
        "id", "article", "source", "source_id", "articles", "outlets", "family", "event_type",
    ]  # fmt: skip
    assert (data["actor_inter"], data["recipient_inter"]) == ([3], [7])
    assert list(data)[-3:] == ["corroborating_families", "corroborated_by", "extracted_at"]
    assert "actor_inter" not in stored.event.to_json()


def test_models_corroboration_needs_a_named_actor_and_a_nearby_place() -> None:
    army = (ActorMention("Military Forces of Mali", "soldiers", 1),)
    near = Place(0, 3, "Gao", 16.30, -0.05, None, "ML", 1, mention="Gao")
    far = Place(0, 5, "Kayes", 14.45, -11.44, None, "ML", 1, mention="Kayes")
    event = _event(actors=army)
    assert places_overlap((GAO,), (near,), 50.0) and not places_overlap((GAO,), (far,), 50.0)
    assert shared_actors(event, army, (near,), 50.0) == {"Military Forces of Mali"}
    assert shared_actors(event, army, (far,), 50.0) == set()
    gunmen = (ActorMention("Unidentified Armed Group", "gunmen", 3),)
    assert shared_actors(_event(), gunmen, (near,), 50.0) == set()  # too vague to match on
