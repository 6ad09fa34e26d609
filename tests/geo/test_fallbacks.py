"""Names no gazetteer holds, given as places; currencies; towns written in another country.

Every text here is written for these tests.
"""

from __future__ import annotations

import pytest

from newstrace.geo import Geocoder, Place


def _spans(text: str, names: list[str]) -> list[tuple[int, int]]:
    """The spans of the first occurrence of each name."""
    return [(text.index(n), text.index(n) + len(n)) for n in names]


def _resolved(geocoder: Geocoder, text: str) -> dict[str, Place]:
    """The places found in a text without spans, by the words they were found at."""
    return {text[p.start : p.end]: p for p in geocoder.resolve(text) if p is not None}


@pytest.mark.parametrize(
    ("text", "names", "street", "town"),
    [
        (
            "Firefighters in Winnipeg closed Larchmere Avenue after a blaze. Winnipeg police "
            "said the fire started in a garage.",
            ["Winnipeg", "Larchmere Avenue", "Winnipeg"],
            "Larchmere Avenue",
            "Winnipeg",
        ),
        (
            "The mayor of Adelaide opened the new Quellbrook Hall on Sunday.",
            ["Adelaide", "Quellbrook Hall"],
            "Quellbrook Hall",
            "Adelaide",
        ),
    ],
)
def test_geocoder_given_street_lies_in_the_town_the_text_is_about(
    geocoder: Geocoder, text: str, names: list[str], street: str, town: str
) -> None:
    places = geocoder.resolve(text, _spans(text, names))
    found = places[names.index(street)]
    assert found is not None and found.name == town and found.geo_precision == 2


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Thousands prayed in Manila Cathedral on Sunday.", "Manila Cathedral", "PH"),
        ("She studied at the University of Nairobi for four years.", "University of Nairobi", "KE"),
    ],
)
def test_geocoder_given_building_lies_in_the_place_its_name_carries(
    geocoder: Geocoder, text: str, name: str, country: str
) -> None:
    (place,) = geocoder.resolve(text, _spans(text, [name]))
    assert place is not None and place.country == country


@pytest.mark.parametrize(
    "text", ["The price of bread rose fast in Quellbrook Hall.", "Prices went up, said Acme Corp."]
)
def test_geocoder_found_unknown_names_stay_unresolved(geocoder: Geocoder, text: str) -> None:
    # without spans given, a name no gazetteer holds is not guessed at
    assert "Quellbrook Hall" not in _resolved(geocoder, text)
    assert "Acme Corp" not in _resolved(geocoder, text)


@pytest.mark.parametrize(
    "text",
    [
        "Rioters angry at the fall of the Lebanese pound against the US dollar burned tyres "
        "outside a bank in Sidon.",
    ],
)
def test_geocoder_currency_is_not_a_place(geocoder: Geocoder, text: str) -> None:
    places = _resolved(geocoder, text)
    assert "US" not in places
    assert places["Sidon"].country == "LB"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Troops fired on army positions located at Goyali, Gadabay.", "Goyali", "AZ"),
        ("On Friday, residents of Puno city marched against the lockdown.", "Puno", "PE"),
    ],
)
def test_geocoder_town_follows_the_region_it_is_written_in(
    geocoder: Geocoder, text: str, name: str, country: str
) -> None:
    place = _resolved(geocoder, text).get(name)
    assert place is None or place.country == country
    assert any(p.country == country for p in _resolved(geocoder, text).values())
