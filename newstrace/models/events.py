"""The event data model: what happened, who did it to whom, where, when, and on whose say-so."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newstrace.models.places import Place


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
    """An actor as written ("Turkish troops") and as normalised ("Military Forces of Turkey").

    The offsets locate the mention while events are read; the store keeps only the name, the
    words and the class, so an event read back from it has None there.
    """

    name: str
    mention: str
    inter: int
    start: int | None = None  # offsets in the article's body
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The stored actor object: name, words and ACLED inter code."""
        return {"name": self.name, "mention": self.mention, "inter": self.inter}


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
    places: tuple[Place, ...]
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
        return _event_fields(self, inter=False)


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as the store holds it: its id, the articles and families that carry it."""

    id: int
    event: Event  # the sentence offsets are those in `article`'s body
    article: int
    source: str
    source_id: str | None
    articles: tuple[int, ...]
    outlets: str  # the outlets of every article carrying it, "; "-joined
    family: int | None
    corroborating_families: int
    corroborated_by: tuple[int, ...]
    extracted_at: str

    def to_json(self) -> dict[str, Any]:
        """The documented event object, with the store's ids and links."""
        return {
            "id": self.id,
            "article": self.article,
            "source": self.source,
            "source_id": self.source_id,
            "articles": list(self.articles),
            "outlets": self.outlets,
            "family": self.family,
            **_event_fields(self.event, inter=True),
            "corroborating_families": self.corroborating_families,
            "corroborated_by": list(self.corroborated_by),
            "extracted_at": self.extracted_at,
        }


def _event_fields(event: Event, inter: bool) -> dict[str, Any]:
    """An event's own fields in their documented order; the store adds the actors' classes."""
    parties: dict[str, Any] = {
        "actors": unique_names(event.actors),
        "recipients": unique_names(event.recipients),
        "actor_mentions": [a.mention for a in event.actors],
        "recipient_mentions": [a.mention for a in event.recipients],
    }
    if inter:
        parties["actor_inter"] = [a.inter for a in event.actors]
        parties["recipient_inter"] = [a.inter for a in event.recipients]
    return {
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "disorder_type": event.disorder_type,
        "plover": event.plover,
        "status": event.status,
        **parties,
        "places": [p.to_json() for p in event.places],
        "date_start": event.date_start,
        "date_end": event.date_end,
        "time_precision": event.time_precision,
        "fatalities": event.fatalities.to_json() if event.fatalities else None,
        "equipment": list(event.equipment),
        "attribution": event.attribution.to_json(),
        "sentence": {
            "text": event.sentence,
            "start": event.sentence_start,
            "end": event.sentence_end,
        },
        "trigger": event.trigger,
        "evidence": list(event.evidence),
    }


def unique_names(mentions: tuple[ActorMention, ...]) -> list[str]:
    """Normalised actor names in order of first mention, each once."""
    return list(dict.fromkeys(m.name for m in mentions))
