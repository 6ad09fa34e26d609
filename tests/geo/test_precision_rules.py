"""ACLED's geo_precision and the region a text writes a place in: towns named like their
province, districts, villages no gazetteer holds, and regions written after a place.

Every text here is written for these tests.
"""

from __future__ import annotations

import pytest

from newstrace.geo import Geocoder, Place

SFAX_CITY, SFAX_GOVERNORATE = 2467454, 2467450
DONETSK_OBLAST = 709716
ZAPORIZHZHIA_CITY, ZAPORIZHZHIA_OBLAST = 687700, 687699


def _place(geocoder: Geocoder, text: str, name: str) -> Place | None:
    start = text.index(name)
    (place,) = geocoder.resolve(text, [(start, start + len(name))])
    return place


def _found(geocoder: Geocoder, text: str) -> dict[str, Place | None]:
    """The toponyms the geocoder finds in a text, by their words, with their places."""
    spans = geocoder.toponyms(text)
    return {
        text[start:end]: place
        for (start, end), place in zip(spans, geocoder.resolve(text, spans), strict=True)
    }


@pytest.mark.parametrize(
    ("text", "geonameid", "precision"),
    [
        ("Dozens of dock workers marched through Sfax on Tuesday.", SFAX_CITY, 1),
        ("Farmers blocked roads across Sfax governorate.", SFAX_GOVERNORATE, 3),
        # a village of 600 people bears the city's name as its own in the same oblast
        ("Police in Zaporizhzhia detained a Russian courier on Friday.", ZAPORIZHZHIA_CITY, 1),
        ("Russian drones struck Zaporizhzhia overnight.", ZAPORIZHZHIA_CITY, 1),
        ("Shelling hit villages across Zaporizhzhia region.", ZAPORIZHZHIA_OBLAST, 3),
    ],
)
def test_town_named_like_its_province_is_the_town_unless_the_text_says_province(
    geocoder: Geocoder, text: str, geonameid: int, precision: int
) -> None:
    name = "Sfax" if "Sfax" in text else "Zaporizhzhia"
    place = _place(geocoder, text, name)
    assert place is not None and place.geonameid == geonameid
    assert place.geo_precision == precision


def test_unknown_village_written_in_its_province_is_a_point_in_it(geocoder: Geocoder) -> None:
    # "Krasnozoria" is invented: the text says where it lies, and a full stop ends that chain
    text = "Shelling was reported near Krasnozoria, Donetsk. Later the same day a drone fell."
    places = _found(geocoder, text)
    village = places.get("Krasnozoria")
    assert village is not None and village.geonameid == DONETSK_OBLAST
    assert village.geo_precision == 2  # near a place inside the province, not the province


def test_article_of_a_family_name_is_not_a_place(geocoder: Geocoder) -> None:
    text = "A feud between the Al Hamdan and Al Zubair families turned violent in Tyre."
    names = _found(geocoder, text)
    assert "Al" not in names
    tyre = names.get("Tyre")
    assert tyre is not None and tyre.country == "LB"


def test_region_written_after_a_place_is_found_and_places_it(geocoder: Geocoder) -> None:
    text = "Traders closed their shops in Bajil (Al Hudaydah) over fuel prices."
    places = _found(geocoder, text)
    assert "Al Hudaydah" in places
    town = places.get("Bajil")
    assert town is not None and town.country == "YE" and town.geo_precision == 1


@pytest.mark.parametrize(
    ("text", "name", "precision"),
    [
        ("Nurses protested at Greenfield Medical Centre in Pokhara on Monday.", "Greenfield", 1),
        ("Shots were fired at Greenfield Medical Centre near Pokhara on Monday.", "Greenfield", 2),
    ],
)
def test_building_in_a_town_is_the_town_itself_but_near_it_is_not(
    geocoder: Geocoder, text: str, name: str, precision: int
) -> None:
    building = text.index("Greenfield Medical Centre")
    town = text.index("Pokhara")
    spans = [(building, building + len("Greenfield Medical Centre")), (town, town + len("Pokhara"))]
    place, pokhara = geocoder.resolve(text, spans)
    assert pokhara is not None and pokhara.country == "NP"
    assert place is not None and place.geonameid == pokhara.geonameid
    assert place.geo_precision == precision
