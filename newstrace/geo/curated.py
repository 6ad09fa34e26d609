"""The project's curated conflict places: points no package holds, each citing its source."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

CURATED_CSV = Path(__file__).resolve().parent / "data" / "conflict_places.csv"
AREA_KINDS = frozenset({"area", "region", "highway", "plain", "mountains"})
COLUMNS = ("name", "aliases", "lat", "lon", "country", "kind", "geonameid", "source")


@dataclass(frozen=True, slots=True)
class CuratedPlace:
    """One row of the curated file."""

    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    country: str
    kind: str
    geonameid: int | None
    source: str

    @property
    def area(self) -> bool:
        """Whether the row is an area (a plain, a range) rather than a point."""
        return self.kind in AREA_KINDS


def _place(row: dict[str, str], line: int) -> CuratedPlace:
    """One checked row."""
    if not row.get("source", "").strip():
        raise ValueError(f"{CURATED_CSV.name} line {line}: every place must cite its source")
    lat, lon = float(row["lat"]), float(row["lon"])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"{CURATED_CSV.name} line {line}: coordinates out of range")
    aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
    geonameid = int(row["geonameid"]) if row["geonameid"].strip() else None
    return CuratedPlace(row["name"].strip(), aliases, lat, lon, row["country"].strip(),
                        row["kind"].strip(), geonameid, row["source"].strip())  # fmt: skip


def read_curated(path: Path = CURATED_CSV) -> list[CuratedPlace]:
    """Every place in the curated file, checked: a row without a source is an error."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path.name}: columns must be {', '.join(COLUMNS)}")
        return [_place(row, line) for line, row in enumerate(reader, start=2)]
