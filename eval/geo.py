"""The geoparsing gate: LGL, GeoWebNews and GeoVirus (../shared/geoparsing).

Resolution, with the gold toponym spans given: a toponym is right when the resolved point
lies within 161 km (100 miles) of the gold point (no answer counts as wrong), and exactly
right when the GeoNames id is the gold id (over the toponyms that carry one). Recognition,
without the gold spans: precision, recall and F1 of the spans `Geocoder.toponyms` finds,
against the gold toponyms that carry a point; a found span matches a gold span when the two
overlap by at least one character, each span matching at most one other (strict: the same
start and end, reported beside it). GeoWebNews' gold toponyms with a point include
adjectives ("Irish") and street-level names that no gazetteer of places holds.
"""

from __future__ import annotations

import csv
import math
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrace.geo import Geocoder, Place, default_geocoder

WITHIN_KM = 161.0
ALIGN_CHARS = 3  # GeoVirus' offsets sit one character past its names
EARTH_RADIUS_KM = 6371.0
# Mordecai 3's published figures (exact GeoNames id, within 161 km), as in ../shared/DATA.md.
MORDECAI3 = {
    "lgl": {"exact": 0.794, "within_161km": 0.827},
    "gwn": {"exact": 0.901, "within_161km": 0.941},
}
CORPORA = {"lgl": "lgl.xml", "gwn": "GWN.xml", "geovirus": "GeoVirus.xml"}
NOTES = [
    "Known gaps. Countries and divisions carry GeoNames' own points (as OpenWeatherMap's list in",
    "pyowm ships them; scripts/build_gazetteer.py), seas, oceans and named regions GeoNames'",
    "no-country features. A given toponym no gazetteer of places holds (a street, building,",
    "school or team: Royal Street, Manila Cathedral, Dubai World Cup) is given, at precision 2,",
    "at the well-known place its name carries, else at the town the text names most; an acronym",
    'is the place the text writes out ("SA" beside "South Africa"), else it stays unresolved as',
    "lower-case words do, and names found without spans are never guessed at. A bare name of a",
    "town and of the division holding it is the town: GeoWebNews' gold gives either id (Moscow,",
    "Beijing, Tianjin as the division; Dubai, Lagos, Harare as the city).",
    "GeoWebNews' misses left: such fallbacks where the text's own town is not named (about 5",
    "points), \"EU\", which its gold places at Europe's point and LGL's at the European Union's",
    "(34 toponyms), country points that differ from the gold's (India, 18 toponyms 304 km off:",
    "OpenWeatherMap's list carries an older GeoNames point), metonymic teams and adjectives",
    "(Louisville, Arab, Western). LGL's misses are mostly same-name US towns a local paper's",
    "readers know without being told (Dublin, Mansfield, Alexandria) and New York, which LGL's",
    "gold reads as the state and GeoWebNews' as the city. On the ACLED notes most disagreements on",
    "geo_precision are villages ACLED's own gazetteer holds and no package does: newstrace then",
    "gives the town or region they are written in at precision 2, where ACLED codes 1, and",
    'city quarters ("North Zone of Rio de Janeiro"), which newstrace codes 2 as parts of a town.',
    "GeoVirus uses Wikipedia's coordinates. Mordecai 3's GeoWebNews figures are over its own",
    "selection of toponyms, not all 2,599.",
]


@dataclass(frozen=True, slots=True)
class Gold:
    """One gold toponym."""

    start: int
    end: int
    lat: float
    lon: float
    geonameid: int | None


@dataclass(frozen=True, slots=True)
class Article:
    """A gold article: its text and its toponyms that carry a point."""

    text: str
    toponyms: list[Gold]


def _number(element: ET.Element, *paths: str) -> float | None:
    """The first of these children that holds a number."""
    for path in paths:
        value = (element.findtext(path) or "").strip()
        if value:
            return float(value)
    return None


def _gold(element: ET.Element) -> Gold | None:
    """A gold toponym with a point, or None."""
    start, end = _number(element, "start"), _number(element, "end")
    lat = _number(element, "gaztag/lat", "latitude", "lat")
    lon = _number(element, "gaztag/lon", "longitude", "lon")
    if None in (start, end, lat, lon):
        return None
    gaztag = element.find("gaztag")
    raw = gaztag.get("geonameid") if gaztag is not None else element.findtext("geonamesID")
    geonameid = int(raw) if raw and raw.strip().isdigit() else None
    return Gold(int(start), int(end), lat, lon, geonameid)  # type: ignore[arg-type]


def _written(element: ET.Element) -> str:
    """The toponym as the file writes it."""
    for path in ("phrase", "extractedName", "name"):
        value = element.findtext(path)
        if value:
            return value
    return ""


def _aligned(text: str, gold: Gold, written: str) -> Gold:
    """The gold span moved onto its name where the file's offsets are off by a few characters."""
    if not written or text[gold.start : gold.end] == written:
        return gold
    for shift in sorted(range(-ALIGN_CHARS, ALIGN_CHARS + 1), key=abs):
        start = gold.start + shift
        if start >= 0 and text[start : start + len(written)] == written:
            return Gold(start, start + len(written), gold.lat, gold.lon, gold.geonameid)
    return gold


def read_corpus(path: Path) -> list[Article]:
    """Articles of an LGL-, GeoWebNews- or GeoVirus-style XML file."""
    articles = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        toponyms = [
            _aligned(text, t, _written(e))
            for e in article.iter()
            if e.tag in ("toponym", "location") and (t := _gold(e))
        ]
        valid = [t for t in toponyms if 0 <= t.start < t.end <= len(text)]
        articles.append(Article(text, sorted(valid, key=lambda t: t.start)))
    return articles


def distance_km(lat: float, lon: float, lat0: float, lon0: float) -> float:
    """Great-circle distance in km."""
    la, la0, dlon = math.radians(lat), math.radians(lat0), math.radians(lon0 - lon)
    h = math.sin((la0 - la) / 2) ** 2 + math.cos(la) * math.cos(la0) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def resolution(geocoder: Geocoder, articles: list[Article]) -> dict[str, Any]:
    """Accuracy within 161 km and exact GeoNames-id accuracy with the gold spans given."""
    within = within_with_id = exact = with_id = unresolved = total = 0
    started = time.perf_counter()
    for article in articles:
        spans = [(t.start, t.end) for t in article.toponyms]
        for gold, place in zip(
            article.toponyms, geocoder.resolve(article.text, spans), strict=True
        ):
            total += 1
            with_id += gold.geonameid is not None
            if place is None:
                unresolved += 1
                continue
            near = distance_km(place.lat, place.lon, gold.lat, gold.lon) <= WITHIN_KM
            within += near
            within_with_id += near and gold.geonameid is not None
            exact += gold.geonameid is not None and place.geonameid == gold.geonameid
    return {
        "toponyms": total,
        "with_geonameid": with_id,
        "unresolved": unresolved,
        "within_161km": within / max(total, 1),
        "exact": exact / max(with_id, 1) if with_id else None,
        "within_161km_with_id": within_with_id / with_id if with_id else None,
        "seconds": round(time.perf_counter() - started, 1),
    }


def _matches(found: list[tuple[int, int]], gold: list[tuple[int, int]], strict: bool) -> int:
    """One-to-one matches, in text order: overlapping spans, or identical ones when strict."""
    used: set[int] = set()
    count = 0
    for start, end in found:
        for index, (g_start, g_end) in enumerate(gold):
            hit = (start, end) == (g_start, g_end) if strict else start < g_end and g_start < end
            if hit and index not in used:
                used.add(index)
                count += 1
                break
    return count


def _prf(matched: int, found: int, gold: int) -> dict[str, float]:
    """Precision, recall and F1."""
    precision, recall = matched / max(found, 1), matched / max(gold, 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def recognition(geocoder: Geocoder, articles: list[Article]) -> dict[str, Any]:
    """Toponym recognition precision, recall and F1 without the gold spans."""
    found_total = gold_total = overlap = strict = 0
    started = time.perf_counter()
    for article in articles:
        found = geocoder.toponyms(article.text)
        gold = sorted({(t.start, t.end) for t in article.toponyms})
        found_total, gold_total = found_total + len(found), gold_total + len(gold)
        overlap += _matches(found, gold, strict=False)
        strict += _matches(found, gold, strict=True)
    return {
        **_prf(overlap, found_total, gold_total),
        "strict": _prf(strict, found_total, gold_total),
        "found": found_total,
        "gold": gold_total,
        "seconds": round(time.perf_counter() - started, 1),
    }


REGION_PRECISION = 3


def event_place(places: list[Place | None]) -> Place | None:
    """The place an event would get from its description: the most specific one resolved (a
    town, or a point near one, before a province or country), the first written among equals."""
    found = [p for p in places if p is not None]
    if not found:
        return None
    return min(found, key=lambda p: (p.geo_precision >= REGION_PRECISION, p.start))


def acled_places(geocoder: Geocoder, path: Path, limit: int | None = None) -> dict[str, Any]:
    """Each ACLED record's place from its notes against the coded point and geo_precision."""
    given = within = same_precision = records = 0
    started = time.perf_counter()
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if limit is not None and records >= limit:
                break
            records += 1
            place = event_place(geocoder.resolve(row["notes"]))
            if place is None:
                continue
            given += 1
            lat, lon = float(row["latitude"]), float(row["longitude"])
            within += distance_km(place.lat, place.lon, lat, lon) <= WITHIN_KM
            same_precision += str(place.geo_precision) == row["geo_precision"].strip()
    return {
        "records": records,
        "given": given,
        "within_161km": within / max(given, 1),
        "geo_precision_agreement": same_precision / max(given, 1),
        "seconds": round(time.perf_counter() - started, 1),
    }


def measure(shared: Path) -> dict[str, Any]:
    """Resolution and recognition figures on each geoparsing corpus, beside Mordecai 3's."""
    geocoder = default_geocoder()
    figures: dict[str, Any] = {"mordecai3": MORDECAI3, "notes": NOTES}
    for name, filename in CORPORA.items():
        path = shared / "geoparsing" / filename
        if not path.is_file():
            figures[name] = {"status": f"missing: {path}"}
            continue
        articles = read_corpus(path)
        figures[name] = {
            "status": "measured",
            "articles": len(articles),
            "resolution": resolution(geocoder, articles),
            "recognition": recognition(geocoder, articles),
        }
    acled = shared / "events" / "acled-dev.csv"
    figures["acled"] = (
        {"status": "measured", **acled_places(geocoder, acled)}
        if acled.is_file()
        else {"status": f"missing: {acled}"}
    )
    return figures


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(measure(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared")), indent=2))
