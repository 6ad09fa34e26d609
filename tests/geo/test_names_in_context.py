"""A name read beside the rest of its text: seats, acronyms written out, regions by their
English names, descriptive division names, and places read inside longer names.

Every text here is written for these tests.
"""

from __future__ import annotations

import pytest

from newstrace.geo import Geocoder, Place


def _given(geocoder: Geocoder, text: str, names: list[str]) -> dict[str, Place | None]:
    """Each name's place, its span given, by the name."""
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    return dict(zip(names, geocoder.resolve(text, spans), strict=True))


@pytest.mark.parametrize(
    ("text", "name", "geonameid"),
    [
        ("Traffic in Dubai slowed on Monday.", "Dubai", 292223),  # not the emirate, "Dubayy"
        ("Students marched in Mogilev on Friday.", "Mogilev", 625665),  # not the voblast
    ],
)
def test_resolve_bare_name_of_town_and_its_division_is_the_town(
    geocoder: Geocoder, text: str, name: str, geonameid: int
) -> None:
    place = _given(geocoder, text, [name])[name]
    assert place is not None and place.geonameid == geonameid and place.geo_precision == 1


@pytest.mark.parametrize(
    ("text", "names", "acronym", "country"),
    [
        (
            "Platinum mines in South Africa employ thousands. In post-apartheid SA, chiefs "
            "hold the land.",
            ["South Africa", "SA"],
            "SA",
            "ZA",
        ),
        ("The premier of SA opened a hospital in Adelaide.", ["SA", "Adelaide"], "SA", "AU"),
        (
            "Ministers of Trinidad and Tobago said the T&T mission in Washington objected.",
            ["Trinidad and Tobago", "T&T", "Washington"],
            "T&T",
            "TT",
        ),
    ],
)
def test_resolve_acronym_means_the_place_the_text_writes_out(
    geocoder: Geocoder, text: str, names: list[str], acronym: str, country: str
) -> None:
    place = _given(geocoder, text, names)[acronym]
    assert place is not None and place.country == country


@pytest.mark.parametrize(
    ("text", "name", "geonameid"),
    [
        ("Instability in North Africa worried officials in Tunis.", "North Africa", 7729887),
        ("Central American migrants reached the border at Tijuana.", "Central American", 7729892),
    ],
)
def test_resolve_regions_as_english_writes_them(
    geocoder: Geocoder, text: str, name: str, geonameid: int
) -> None:
    place = _given(geocoder, text, [name])[name]
    assert place is not None and place.geonameid == geonameid and place.geo_precision == 3


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Western governments condemned the shelling of Idlib, in Syria.", ["Western", "Idlib"]),
        ("Shipping in the Gulf slowed as Qatar and Bahrain closed ports.", ["Gulf", "Qatar"]),
    ],
)
def test_resolve_descriptive_division_name_needs_the_text_behind_it(
    geocoder: Geocoder, text: str, names: list[str]
) -> None:
    # Fiji's "Western" province and Papua New Guinea's "Gulf" are a world away from the text
    found = [p for p in geocoder.resolve(text) if p is not None]
    assert all(p.country not in ("FJ", "PG") for p in found)
    place = _given(geocoder, text, names)[names[0]]
    assert place is None or place.country not in ("FJ", "PG")


@pytest.mark.parametrize(
    ("text", "names", "name", "geonameid"),
    [
        (
            "Harare City Council said the market in Harare will reopen, officials said.",
            ["Harare City Council", "Harare"],
            "Harare",
            890299,  # the city, not the province the council's city lies in
        ),
    ],
)
def test_resolve_other_reading_of_the_same_name_is_no_evidence(
    geocoder: Geocoder, text: str, names: list[str], name: str, geonameid: int
) -> None:
    place = _given(geocoder, text, names)[name]
    assert place is not None and place.geonameid == geonameid


@pytest.mark.parametrize(
    ("text", "names", "name", "country"),
    [
        (
            "The verdict was read at the Seoul Central District Court, South Korea's capital court.",
            ["Seoul Central District Court", "South Korea"],
            "Seoul Central District Court",
            "KR",  # not Botswana's Central District, which "Central District" also names
        ),
    ],
)
def test_resolve_place_inside_a_name_stays_near_the_text(
    geocoder: Geocoder, text: str, names: list[str], name: str, country: str
) -> None:
    place = _given(geocoder, text, names)[name]
    assert place is not None and place.country == country
