"""Places of events through the geocoder (newstrace.geo), with the article's country focus."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Protocol

from newstrace.models.places import Place

# "near Saraqib", "the outskirts of Aleppo": an event beside the named place (ACLED precision 2).
_NEAR = re.compile(
    r"(?:\bnear|\boutskirts of|\bvicinity of|\bclose to|\baround|\bkm (?:from|of)|\bkilometres (?:from|of)"
    r"|\bkilometers (?:from|of)|\b(?:north|south|east|west)(?:east|west)? of|\bcountryside of)"
    r"(?:\s+the\s+(?:village|town|city|area)\s+of)?\s*(?:the\s+)?$",
    re.I,
)
_NEAR_LOOKBACK_CHARS = 40


class GeocoderLike(Protocol):
    """What events need of newstrace.geo's Geocoder."""

    def toponyms(self, text: str) -> list[tuple[int, int]]: ...

    def resolve(
        self,
        text: str,
        spans: list[tuple[int, int]] | None = None,
        focus_country: str | None = None,
    ) -> list[Any]: ...


def _focus(places: list[Any]) -> str | None:
    """The country most places of the article lie in."""
    counts = Counter(p.country for p in places if p is not None and getattr(p, "country", None))
    return counts.most_common(1)[0][0] if counts else None


def _precision(body: str, start: int, given: int | None) -> int:
    before = body[max(0, start - _NEAR_LOOKBACK_CHARS) : start]
    precision = int(given or 1)
    return max(precision, 2) if _NEAR.search(before) else precision


def geocode(geocoder: GeocoderLike | None, body: str) -> list[Place]:
    """Every resolved toponym of a body: resolved once for context, again with the country focus."""
    if geocoder is None:
        return []
    spans = [(int(s), int(e)) for s, e in geocoder.toponyms(body)]
    if not spans:
        return []
    found = geocoder.resolve(body, spans)
    focus = _focus(found)
    if focus is not None:
        found = geocoder.resolve(body, spans, focus_country=focus)
    places = []
    for (start, end), place in zip(spans, found, strict=False):
        if place is None:
            continue
        places.append(
            Place(
                start=start,
                end=end,
                name=str(place.name),
                lat=place.lat,
                lon=place.lon,
                geonameid=place.geonameid,
                country=place.country,
                geo_precision=_precision(body, start, place.geo_precision),
                mention=body[start:end],
            )
        )
    return places
