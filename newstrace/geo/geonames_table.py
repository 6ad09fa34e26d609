"""GeoNames' own points of countries and divisions, and the features that lie in no country.

Read from ``data/geonames.tsv``, which ``scripts/build_gazetteer.py`` writes from pyowm's copy
of OpenWeatherMap's city list (GeoNames ids and points) and GeoNames' dump files.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

GEONAMES_TSV = Path(__file__).resolve().parent / "data" / "geonames.tsv"
# Each second-level division's id, a tab, and the ids of the cities in it.
COUNTIES_TSV = Path(__file__).resolve().parent / "data" / "city_counties.tsv"
DIVISION_KINDS = frozenset({"country", "admin1", "admin2"})


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row: a country, a division, or a sea, region or continent in no country."""

    geonameid: int
    kind: str  # country, admin1, admin2, water, area, continent
    country: str | None
    admin1_code: str | None  # the division's code within its country ("12" of "SY.12")
    lat: float
    lon: float
    name: str
    names: tuple[str, ...]  # English alternate names


def _row(record: dict[str, str]) -> TableRow:
    """One parsed row."""
    return TableRow(
        int(record["geonameid"]),
        record["kind"],
        record["country"] or None,
        record["admin1_code"] or None,
        float(record["lat"]),
        float(record["lon"]),
        record["name"],
        tuple(n for n in record["names"].split("|") if n),
    )


@cache
def table_rows(path: Path = GEONAMES_TSV) -> tuple[TableRow, ...]:
    """Every row of the table."""
    with path.open(newline="", encoding="utf-8") as handle:
        return tuple(_row(r) for r in csv.DictReader(handle, delimiter="\t"))


def division_points() -> dict[int, tuple[float, float]]:
    """GeoNames' point of each country and division, keyed by its GeoNames id."""
    return {r.geonameid: (r.lat, r.lon) for r in table_rows() if r.kind in DIVISION_KINDS}


def features(kinds: frozenset[str]) -> list[TableRow]:
    """The rows of these kinds."""
    return [r for r in table_rows() if r.kind in kinds]
