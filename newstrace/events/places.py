"""Places of events through the geocoder (newstrace.geo), with the article's country focus."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Any, Protocol

from newstrace.events.actors import body_focus, country_codes, country_words
from newstrace.models.places import Place

# "near Saraqib", "the outskirts of Aleppo": an event beside the named place (ACLED precision 2).
_NEAR = re.compile(
    r"(?:\bnear|\boutskirts of|\bvicinity of|\bclose to|\baround|\bkm (?:from|of)|\bkilometres (?:from|of)"
    r"|\bkilometers (?:from|of)|\b(?:north|south|east|west)(?:east|west)? of|\bcountryside of)"
    r"(?:\s+the\s+(?:village|town|city|area)\s+of)?\s*(?:the\s+)?$",
    re.I,
)
_NEAR_LOOKBACK_CHARS = 40


@cache
def _common_names() -> dict[str, str]:
    """ISO alpha-2 code -> the country's common English name, from the geocoder's country data."""
    from newstrace.geo.regions import common_names

    return common_names()


def country_name(code: str | None, listed: dict[str, str]) -> str | None:
    """A country's name as actor names use it: the project's own list first, else its common name."""
    if not code:
        return None
    return listed.get(code) or _common_names().get(code.upper())


class GeocoderLike(Protocol):
    """What events need of newstrace.geo's Geocoder."""

    def toponyms(
        self, text: str, entities: Sequence[tuple[int, int, str]] | None = None
    ) -> list[tuple[int, int]]: ...

    def resolve(
        self,
        text: str,
        spans: Sequence[tuple[int, int]] | None = None,
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


def _masked(body: str, ranges: Sequence[tuple[int, int]] | None) -> str:
    """The body with everything outside the ranges blanked: the same offsets, less to scan."""
    if ranges is None:
        return body
    parts, at = [], 0
    for start, end in sorted(ranges):
        if start >= at:
            parts += [" " * (start - at), body[start:end]]
            at = end
    parts.append(" " * (len(body) - at))
    return "".join(parts)


def _inside(
    spans: list[tuple[int, int]], ranges: Sequence[tuple[int, int]] | None
) -> list[tuple[int, int]]:
    if ranges is None:
        return spans
    return [(s, e) for s, e in spans if any(a <= s and e <= b for a, b in ranges)]


def geocode(
    geocoder: GeocoderLike | None,
    body: str,
    entities: Sequence[tuple[int, int, str]] | None = None,
    within: Sequence[tuple[int, int]] | None = None,
) -> list[Place]:
    """The resolved toponyms of a body (those inside `within`'s ranges when given).

    `entities` are spaCy's named entities of the events' own parse in body offsets, so the
    geocoder runs no parse of its own. Names are resolved once for context, and again with the
    country most of them lie in when some lie elsewhere. Only the ranges' text is read.
    """
    if geocoder is None:
        return []
    text = _masked(body, within)
    spans = [(int(s), int(e)) for s, e in geocoder.toponyms(text, entities)]
    spans = _inside(spans, within)
    if not spans:
        return []
    found = geocoder.resolve(text, spans)
    focus = _focus(found)
    if focus is not None and any(p is not None and p.country != focus for p in found):
        found = geocoder.resolve(text, spans, focus_country=focus)
    return [
        Place(
            start=start, end=end, name=str(place.name), lat=place.lat, lon=place.lon,
            geonameid=place.geonameid, country=place.country,
            geo_precision=_precision(body, start, place.geo_precision), mention=body[start:end],
        )
        for (start, end), place in zip(spans, found, strict=False)
        if place is not None
    ]  # fmt: skip


def article_country(places: list[Place], body: str) -> str | None:
    """The article's country: where most of its places are, else the one it names most."""
    # Capitals and country names stand for states ("Ankara said"), not where things happen.
    local = [p for p in places if p.country and (p.mention or "").casefold() not in country_words()]
    counts = Counter(p.country for p in local if p.geo_precision < 3) or Counter(
        p.country for p in local
    )
    for code, _ in counts.most_common():
        name = country_name(code, country_codes())
        if name:
            return name
    # Only country names among the places read: the whole body's country words decide, not
    # the few sentences read for events ("cargoes bound for Egypt" in a story from Romania).
    return body_focus(body) or next(
        (n for p in places if (n := country_name(p.country, country_codes()))), None
    )
