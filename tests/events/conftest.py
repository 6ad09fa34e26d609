"""Fixtures for the events tests: a fake geocoder that knows a few invented-for-tests places."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from newstrace.geo import Place


class FakeGeocoder:
    """Finds and resolves only the places it is given: no gazetteer, no model."""

    def __init__(self, places: dict[str, tuple[float, float, str]]) -> None:
        self.places = places
        self.calls = 0
        self.entities: Sequence[tuple[int, int, str]] | None = None

    def toponyms(
        self, text: str, entities: Sequence[tuple[int, int, str]] | None = None
    ) -> list[tuple[int, int]]:
        self.entities = entities
        names = "|".join(re.escape(n) for n in sorted(self.places, key=len, reverse=True))
        return [(m.start(), m.end()) for m in re.finditer(rf"\b(?:{names})\b", text)]

    def resolve(
        self,
        text: str,
        spans: Sequence[tuple[int, int]] | None = None,
        focus_country: str | None = None,
    ) -> list[Place | None]:
        self.calls += 1
        found: list[Place | None] = []
        for start, end in spans if spans is not None else self.toponyms(text):
            lat, lon, country = self.places[text[start:end]]
            found.append(Place(start, end, text[start:end], lat, lon, None, country, 1))
        return found


PLACES = {
    "Gao": (16.27, -0.04, "ML"),
    "Menaka": (15.92, 2.40, "ML"),
    "Kherson": (46.64, 32.61, "UA"),
    "Baidoa": (3.11, 43.65, "SO"),
    "Lagos": (6.45, 3.39, "NG"),
    "Marib": (15.46, 45.33, "YE"),
}


@pytest.fixture
def geocoder() -> FakeGeocoder:
    """A geocoder that knows six places."""
    return FakeGeocoder(PLACES)
