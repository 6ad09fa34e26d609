"""Places read with the regions and places written around them: a division or kind word
between a place and its region, a direction word before the region, parentheses, lists, and
namesakes on other continents.

Every text here is written for these tests.
"""

from __future__ import annotations

import pytest

from newstrace.geo import Geocoder, Place


def _found(geocoder: Geocoder, text: str) -> dict[str, Place | None]:
    """The toponyms the geocoder finds in a text, by their words, with their places."""
    spans = geocoder.toponyms(text)
    return {
        text[start:end]: place
        for (start, end), place in zip(spans, geocoder.resolve(text, spans), strict=True)
    }


def _given(geocoder: Geocoder, text: str, names: list[str]) -> dict[str, Place | None]:
    """The place of each name, its span given."""
    spans = [(text.index(name), text.index(name) + len(name)) for name in names]
    return dict(zip(names, geocoder.resolve(text, spans), strict=True))


@pytest.mark.parametrize(
    ("text", "name", "country", "region_name"),
    [
        # a kind word between the place and its region
        ("On Friday, in Cuauhtemoc municipality, Chihuahua, two farmers were shot dead.",
         "Cuauhtemoc", "MX", "Chihuahua"),
        # a direction word before the region: no Karama there, so not Calama in Chile
        ("A roadside bomb went off near Karama in eastern Ar-Raqqa countryside on Monday.",
         "Karama", "SY", None),
        # a chain of place, parish and state, not a list of three places
        ("On Monday, in San Juan, Lagunillas, Merida state, inmates protested over food.",
         "San Juan", "VE", None),
    ],
)  # fmt: skip
def test_place_lies_in_the_region_written_after_it(
    geocoder: Geocoder, text: str, name: str, country: str, region_name: str | None
) -> None:
    place = _found(geocoder, text).get(name)
    assert place is not None and place.country == country
    if region_name is not None:
        region = _found(geocoder, text)[region_name]
        assert region is not None and region.country == country


@pytest.mark.parametrize(
    ("text", "name", "country", "precision"),
    [
        # a descriptive region name every country has does not overrule the capital
        ("Opposition supporters marched in Lilongwe (Central) after the ruling.",
         "Lilongwe", "MW", 1),
        # a town in parentheses places the namesake in its own country
        ("Farmers held a sit-in at the water office in El Ayoun (Kankossa) over power cuts.",
         "El Ayoun", "MR", 1),
        # a district checked by its province: GeoNames files the town under no district
        ("Militiamen attacked a police post in Oicha (Beni, Nord-Kivu) at night.",
         "Oicha", "CD", 1),
        # initials in parentheses contradict nothing
        ("A crowd threw stones at police in Deoband (UP) on Tuesday.", "Deoband", "IN", 1),
    ],
)  # fmt: skip
def test_parentheses_after_a_place(
    geocoder: Geocoder, text: str, name: str, country: str, precision: int
) -> None:
    place = _found(geocoder, text).get(name)
    assert place is not None and place.country == country
    assert place.geo_precision == precision


def test_unknown_quarter_written_with_its_kind_falls_back_to_its_city(
    geocoder: Geocoder,
) -> None:
    text = "Vandals attacked a church in Yeniköyaltı town, Istanbul, on Saturday night."
    place = _given(geocoder, text, ["Yeniköyaltı", "Istanbul"])["Yeniköyaltı"]
    assert place is not None and place.country == "TR"
    assert place.geo_precision == 2


def test_namesake_divisions_follow_the_rest_of_the_text(geocoder: Geocoder) -> None:
    # Gaza is also a province of Mozambique, of the same standing as the governorate
    text = "Gaza militants fired rockets. Israel and Egypt closed the Gaza crossings."
    spans = sorted(_spans(text, "Gaza") + _spans(text, "Israel") + _spans(text, "Egypt"))
    places = dict(zip(spans, geocoder.resolve(text, spans), strict=True))
    gaza = [places[span] for span in _spans(text, "Gaza")]
    assert all(p is not None and p.country == "PS" for p in gaza)


def test_world_city_spelled_the_old_way_is_the_city(geocoder: Geocoder) -> None:
    # Odessa, Texas bears the spelling as its own name; the Ukrainian port is far bigger
    text = "Activists blocked a road near Odessa in protest against a rally."
    place = _given(geocoder, text, ["Odessa"])["Odessa"]
    assert place is not None and place.country == "UA"


def _spans(text: str, name: str) -> list[tuple[int, int]]:
    """Every occurrence of a name."""
    spans, start = [], text.find(name)
    while start >= 0:
        spans.append((start, start + len(name)))
        start = text.find(name, start + 1)
    return spans
