"""When two stored reports are one event: the same sentences in a copy family, or the same type,
actors and places in reports of different families. Functions over models, no store."""

from __future__ import annotations

import math
from collections.abc import Sequence

import xxhash

from newstrace.models.events import ActorMention, Event
from newstrace.models.places import Place
from newstrace.normalize import comparison_key

EARTH_RADIUS_KM = 6371.0
# Too vague to tie two reports together: every conflict has unidentified gunmen.
_VAGUE_ACTORS = {"Unidentified Armed Group"}


def event_key(event: Event) -> str:
    """The same event in two copies of a story: its type and the text of its sentences."""
    return xxhash.xxh3_64_hexdigest(
        f"{event.event_type}\0{comparison_key(event.sentence)}".encode()
    )


def _km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def places_overlap(ours: Sequence[Place], theirs: Sequence[Place], radius_km: float) -> bool:
    """Some place of one event lies within the radius of some place of the other."""
    return any(
        (a.geonameid and a.geonameid == b.geonameid)
        or (a.lat is not None and b.lat is not None and _km(a, b) <= radius_km)
        for a in ours
        for b in theirs
    )


def shared_actors(
    event: Event, parties: Sequence[ActorMention], places: Sequence[Place], radius_km: float
) -> set[str]:
    """The actors an event shares with another report of its type and dates (its actors and
    recipients, its places) when their places overlap too; empty when they are not one event."""
    names = {m.name for m in (*event.actors, *event.recipients)} - _VAGUE_ACTORS
    shared = names & {p.name for p in parties}
    if shared and places_overlap(event.places, places, radius_km):
        return shared
    return set()


def corroboration_evidence(shared: set[str]) -> str:
    """Why two reports were linked as one event."""
    return f"same type, overlapping dates and places, shared actors: {', '.join(sorted(shared))}"
