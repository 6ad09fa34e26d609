"""Issue 15: GeoNames' own points, places checked against the whole text, ACLED's precision.

Every text here is written for these tests.
"""

from __future__ import annotations

import pytest

from newstrace.geo import Geocoder, Place
from newstrace.geo.geonames_table import table_rows


def _places(geocoder: Geocoder, text: str) -> dict[str, Place]:
    """The resolved places of a text, by the words they were found at."""
    return {text[p.start : p.end]: p for p in geocoder.resolve(text) if p is not None}


def _place(geocoder: Geocoder, text: str, name: str) -> Place | None:
    start = text.index(name)
    (place,) = geocoder.resolve(text, [(start, start + len(name))])
    return place


@pytest.mark.parametrize(
    ("text", "name", "geonameid", "point"),
    [
        ("Protests spread across the United States.", "United States", 6252001, (39.76, -98.5)),
        ("Aid reached Syria on Monday.", "Syria", 163843, (35.0, 38.0)),
        ("Drought hit Texas again.", "Texas", 4736286, (31.25, -99.25)),
    ],
)
def test_geocoder_countries_and_regions_have_geonames_points(
    geocoder: Geocoder, text: str, name: str, geonameid: int, point: tuple[float, float]
) -> None:
    place = _place(geocoder, text, name)
    assert place is not None and place.geonameid == geonameid
    assert (round(place.lat, 2), round(place.lon, 2)) == point


@pytest.mark.parametrize(
    ("text", "name", "geonameid"),
    [
        ("Tankers were seized in the Gulf of Aden.", "Gulf of Aden", 80303),
        ("Leaders across the Middle East reacted.", "Middle East", 6269133),
        ("Storms formed over the Atlantic Ocean.", "Atlantic Ocean", 3373405),
    ],
)
def test_geocoder_resolves_seas_and_regions_in_no_country(
    geocoder: Geocoder, text: str, name: str, geonameid: int
) -> None:
    place = _place(geocoder, text, name)
    assert place is not None and place.geonameid == geonameid and place.geo_precision == 3


def test_geonames_table_is_credited_data_of_known_kinds() -> None:
    kinds = {row.kind for row in table_rows()}
    assert kinds == {"country", "admin1", "admin2", "water", "area", "continent"}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Detainees were held by Air Force Intelligence in Damascus, Syria.", "Air"),
        ("Minister Ahmed said troops entered Homs on Monday.", "Minister"),
        ("An explosion hit a market in Kabul. At least three died.", "An"),
        ("GNA forces shelled positions south of Tripoli, Libya.", "GNA"),
        ("The SDF said Google had blocked its pages in Raqqa.", "Google"),
        ("The SDF said Google had blocked its pages in Raqqa.", "SDF"),
    ],
)
def test_geocoder_words_and_organisations_are_not_places(
    geocoder: Geocoder, text: str, word: str
) -> None:
    assert word not in _places(geocoder, text)


def test_geocoder_far_small_namesake_gives_way_to_the_texts_area(geocoder: Geocoder) -> None:
    text = "Police in Lahore said a protest was held outside Save hospital in Punjab, Pakistan."
    place = _places(geocoder, text).get("Save")
    assert place is None or place.country == "PK"


@pytest.mark.parametrize(
    ("text", "name", "precision"),
    [
        ("Clashes erupted in Idlib city on Monday.", "Idlib", 1),
        ("Shelling hit villages across Idlib Governorate.", "Idlib", 3),
        ("Shelling hit villages across Idlib province.", "Idlib", 3),
        ("Clashes took place in the area of Saraqib, Idlib.", "Saraqib", 2),
        ("Fighting continued on the Saraqib front overnight.", "Saraqib", 2),
    ],
)
def test_geocoder_words_around_decide_town_or_region_and_precision(
    geocoder: Geocoder, text: str, name: str, precision: int
) -> None:
    place = _place(geocoder, text, name)
    assert place is not None and place.country == "SY" and place.geo_precision == precision


def test_geocoder_written_region_decides_a_same_name_town(geocoder: Geocoder) -> None:
    text = "Gunmen attacked a convoy near Springfield (Sangamon, Illinois) on Friday."
    place = _place(geocoder, text, "Springfield")
    assert place is not None and place.country == "US" and abs(place.lat - 39.8) < 0.5


def test_geocoder_listed_towns_stay_towns(geocoder: Geocoder) -> None:
    text = "Convoys left Aleppo, Homs and Hama on Sunday."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Aleppo", "Homs", "Hama")]
    places = geocoder.resolve(text, spans)
    assert [p.geo_precision if p else None for p in places] == [1, 1, 1]
