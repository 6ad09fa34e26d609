"""The event data model: what happened, who did it to whom, where, when, and on whose say-so."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Fatalities:
    """Reported deaths by ACLED's rules for vague counts: lowest, coded and highest reading."""

    low: int
    best: int
    high: int | None
    text: str  # the words the count came from

    def to_json(self) -> dict[str, Any]:
        """The documented {low, best, high} object, with the words it came from."""
        return {"low": self.low, "best": self.best, "high": self.high, "text": self.text}


@dataclass(frozen=True, slots=True)
class EventAttribution:
    """Who the claim is attributed to, by which cue, how that source is classed, and its hedge."""

    cue: str | None
    source: str | None
    source_class: str  # local, partisan, official, unnamed, unattributed
    hedge: str | None

    def to_json(self) -> dict[str, Any]:
        """The documented attribution object."""
        return {
            "cue": self.cue,
            "source": self.source,
            "class": self.source_class,
            "hedge": self.hedge,
        }


UNATTRIBUTED = EventAttribution(None, None, "unattributed", None)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor as written ("Turkish troops") and as normalised ("Military Forces of Turkey")."""

    name: str
    mention: str
    inter: int
    start: int  # offsets in the sentence's body
    end: int


@dataclass(frozen=True, slots=True)
class EventPlace:
    """A geocoded place of an event, with ACLED's geo_precision and the words it came from."""

    name: str
    mention: str
    start: int
    end: int
    lat: float | None
    lon: float | None
    geonameid: int | None
    country: str | None
    geo_precision: int

    def to_json(self) -> dict[str, Any]:
        """The documented place object."""
        return {
            "name": self.name,
            "mention": self.mention,
            "start": self.start,
            "end": self.end,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "country": self.country,
            "geo_precision": self.geo_precision,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One conflict event read from an article body (ACLED vocabulary, PLOVER cross-walk)."""

    event_type: str
    sub_event_type: str
    disorder_type: str
    plover: str
    status: str  # reported, planned, speculative
    actors: tuple[ActorMention, ...]
    recipients: tuple[ActorMention, ...]
    places: tuple[EventPlace, ...]
    date_start: str | None
    date_end: str | None
    time_precision: int | None
    fatalities: Fatalities | None
    equipment: tuple[str, ...]
    attribution: EventAttribution
    sentence: str
    sentence_start: int  # offsets of the event's text in the body (several sentences when merged)
    sentence_end: int
    trigger: str
    evidence: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        """The documented event object (without the store's ids)."""
        return {
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "disorder_type": self.disorder_type,
            "plover": self.plover,
            "status": self.status,
            "actors": unique_names(self.actors),
            "recipients": unique_names(self.recipients),
            "actor_mentions": [a.mention for a in self.actors],
            "recipient_mentions": [a.mention for a in self.recipients],
            "places": [p.to_json() for p in self.places],
            "date_start": self.date_start,
            "date_end": self.date_end,
            "time_precision": self.time_precision,
            "fatalities": self.fatalities.to_json() if self.fatalities else None,
            "equipment": list(self.equipment),
            "attribution": self.attribution.to_json(),
            "sentence": {
                "text": self.sentence,
                "start": self.sentence_start,
                "end": self.sentence_end,
            },
            "trigger": self.trigger,
            "evidence": list(self.evidence),
        }


def unique_names(mentions: tuple[ActorMention, ...]) -> list[str]:
    """Normalised actor names in order of first mention, each once."""
    return list(dict.fromkeys(m.name for m in mentions))
