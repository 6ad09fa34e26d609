"""Resolution choices a reader would notice, on small texts written for these tests."""

from __future__ import annotations

import pytest

from newstrace.geo import Geocoder, Place


def _spans(text: str, names: list[str]) -> list[tuple[int, int]]:
    """Each name's span, a repeated name taking its next occurrence."""
    spans, seen = [], {}
    for name in names:
        start = text.index(name, seen.get(name, 0))
        seen[name] = start + 1
        spans.append((start, start + len(name)))
    return spans


def _resolve(geocoder: Geocoder, text: str, names: list[str]) -> dict[str, Place | None]:
    """The place of each name (the last one where a name is repeated)."""
    places = geocoder.resolve(text, _spans(text, names))
    return dict(zip(names, places, strict=True))


@pytest.mark.parametrize(
    ("text", "names", "name", "country", "region"),
    [
        (
            "Bushfires spread across NSW on Sunday, officials in Sydney said.",
            ["NSW", "Sydney"], "NSW", "AU", True,
        ),
        ("Logging resumed near Nelson, BC, on Monday.", ["Nelson", "BC"], "BC", "CA", True),
        ("Logging resumed near Nelson, BC, on Monday.", ["Nelson", "BC"], "Nelson", "CA", False),
    ],
)  # fmt: skip
def test_resolve_state_codes_of_federations(
    geocoder: Geocoder, text: str, names: list[str], name: str, country: str, region: bool
) -> None:
    place = _resolve(geocoder, text, names)[name]
    assert place is not None and place.country == country
    assert (place.geo_precision == 3) == region


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("EU ministers met on Monday to discuss tariffs.", "EU"),
        ("EU ministers met in Brussels on Monday to discuss tariffs.", "EU"),
    ],
)
def test_resolve_acronym_is_not_a_town_of_that_name(
    geocoder: Geocoder, text: str, name: str
) -> None:
    # Eu is a town in Normandy; "EU" in running text never means it
    place = _resolve(geocoder, text, [name])[name]
    assert place is None or place.country != "FR"


@pytest.mark.parametrize("text", ["ROME (AP) — Italian officials said on Monday."])
def test_resolve_capitalised_dateline_is_still_the_city(geocoder: Geocoder, text: str) -> None:
    place = _resolve(geocoder, text, ["ROME"])["ROME"]
    assert place is not None and place.country == "IT"


@pytest.mark.parametrize(
    ("text", "names", "name", "country"),
    [
        (
            "Tariffs on China hurt farmers, a professor at a university in Houston, Texas, "
            "said. The U.S. and China resumed talks.",
            ["China", "Houston", "Texas", "U.S.", "China"], "China", "CN",
        ),
        (
            "Mexico City (AP) — Mexico's Senate voted to suspend cooperation with the U.S.",
            ["Mexico City", "Mexico", "U.S."], "Mexico", "MX",
        ),
    ],
)  # fmt: skip
def test_resolve_country_name_beats_its_namesake_town(
    geocoder: Geocoder, text: str, names: list[str], name: str, country: str
) -> None:
    _assert_country(geocoder, text, names, name, country)


def _assert_country(
    geocoder: Geocoder, text: str, names: list[str], name: str, country: str
) -> None:
    """name resolves to the country itself (a region, precision 3), not a town."""
    place = _resolve(geocoder, text, names)[name]
    assert place is not None and place.country == country and place.geo_precision == 3


@pytest.mark.parametrize(
    "text", ["Jordan school board met on Tuesday. Jordan and Shakopee will share a fire station."]
)
def test_resolve_name_is_not_its_own_focus(geocoder: Geocoder, text: str) -> None:
    # the town of Jordan, Minnesota, beside Shakopee: a name written twice is no evidence
    # that the text is about the country of that name
    places = geocoder.resolve(text, _spans(text, ["Jordan", "Jordan", "Shakopee"]))
    assert all(p is not None and p.country == "US" for p in places)
    assert places[0] is not None and abs(places[0].lat - 44.67) < 0.2


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Huntsville firefighters were called out twice. The Walker County judge lifted "
            "the burn ban.",
            ["Huntsville", "Walker County"],
        ),
        (
            "Walker County commissioners met in Huntsville on Monday.",
            ["Walker County", "Huntsville"],
        ),
    ],
)
def test_resolve_town_and_the_county_holding_it(
    geocoder: Geocoder, text: str, names: list[str]
) -> None:
    # Huntsville, Texas, seat of Walker County, Texas; not the larger Huntsville, Alabama
    places = _resolve(geocoder, text, names)
    town, county = places["Huntsville"], places["Walker County"]
    assert town is not None and county is not None
    assert abs(town.lat - 30.72) < 0.2 and abs(town.lon + 95.55) < 0.2
    # a county (second-level division) is coded as ACLED codes a district: precision 2
    assert abs(county.lat - town.lat) < 0.5 and county.geo_precision == 2


@pytest.mark.parametrize(
    ("text", "names", "name", "country"),
    [
        (
            "Canadian buyers met cattle ranchers in Amarillo, Texas, on Monday.",
            ["Canadian", "Amarillo", "Texas"], "Canadian", "CA",
        ),
        (
            "English clubs dominate the league; fans in Ohio and Texas watch every match.",
            ["English", "Ohio", "Texas"], "English", "GB",
        ),
    ],
)  # fmt: skip
def test_resolve_adjective_is_its_country_not_a_town(
    geocoder: Geocoder, text: str, names: list[str], name: str, country: str
) -> None:
    _assert_country(geocoder, text, names, name, country)
