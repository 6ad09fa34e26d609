"""A resolved place mention: the one shape geoparsing, events and the command line exchange."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Place:
    """A span of text resolved to a point, with ACLED's geo_precision.

    geo_precision: 1 the named place itself, 2 near it or part of a small area,
    3 a region (a province, a country, or part of one). `mention` is the text of the span,
    kept when the place belongs to an event (None from `geoparse`).
    """

    start: int
    end: int
    name: str
    lat: float
    lon: float
    geonameid: int | None
    country: str | None  # ISO 3166-1 alpha-2
    geo_precision: int
    mention: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The place as a JSON object: an event's place leads with its name and the words."""
        located = {
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "country": self.country,
            "geo_precision": self.geo_precision,
        }
        if self.mention is None:
            return {"start": self.start, "end": self.end, "name": self.name, **located}
        # An event's place has kept this key order since events were first exported.
        span = {"start": self.start, "end": self.end}
        return {"name": self.name, "mention": self.mention, **span, **located}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Place:
        """The place a `to_json` object describes."""
        return cls(
            start=data["start"],
            end=data["end"],
            name=data["name"],
            lat=data["lat"],
            lon=data["lon"],
            geonameid=data.get("geonameid"),
            country=data.get("country"),
            geo_precision=data["geo_precision"],
            mention=data.get("mention"),
        )
