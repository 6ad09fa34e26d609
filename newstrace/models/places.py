"""A resolved place mention: the one shape every stage and the command line exchange."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Place:
    """A span of text resolved to a point, with ACLED's geo_precision.

    geo_precision: 1 the named place itself, 2 near it or part of a small area,
    3 a region (a province, a country, or part of one).
    """

    start: int
    end: int
    name: str
    lat: float
    lon: float
    geonameid: int | None
    country: str | None  # ISO 3166-1 alpha-2
    geo_precision: int

    def to_json(self) -> dict[str, Any]:
        """The place as a JSON object with every field."""
        return asdict(self)
