"""Resolution and recognition on small texts written for these tests."""

from __future__ import annotations

import pytest

from newstrace.geo import Geocoder, Place


def _span(text: str, name: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    return start, start + len(name)


def _resolve(geocoder: Geocoder, text: str, name: str, **kwargs: str) -> Place | None:
    (place,) = geocoder.resolve(text, [_span(text, name)], **kwargs)
    return place


@pytest.mark.parametrize(
    ("text", "name", "country", "precision"),
    [
        ("Artillery shells fell on Saraqib on Tuesday.", "Saraqib", "SY", 1),
        ("Clashes were reported near Saraqib overnight.", "Saraqib", "SY", 2),
        ("Drones struck targets in southern Idlib.", "Idlib", "SY", 3),
        ("Shelling continued in the Idlib countryside.", "Idlib", "SY", 3),
        ("The governor of Aleppo province spoke on television.", "Aleppo", "SY", 3),
        ("Talks opened between Syria and its neighbours.", "Syria", "SY", 3),
    ],
)
def test_geocoder_precision_levels(
    geocoder: Geocoder, text: str, name: str, country: str, precision: int
) -> None:
    place = _resolve(geocoder, text, name)
    assert place is not None
    assert (place.country, place.geo_precision) == (country, precision)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("The rodeo in Paris, Texas, drew crowds from Dallas and Sherman.", "US"),
        ("Protesters marched through Paris before the French cabinet met in Lyon.", "FR"),
    ],
)
def test_geocoder_context_chooses_the_place(geocoder: Geocoder, text: str, country: str) -> None:
    place = _resolve(geocoder, text, "Paris")
    assert place is not None and place.country == country


@pytest.mark.parametrize("focus", ["US", "us"])
def test_geocoder_focus_country_decides_a_bare_name(geocoder: Geocoder, focus: str) -> None:
    place = _resolve(
        geocoder, "Georgia announced a new budget on Friday.", "Georgia", focus_country=focus
    )
    assert place is not None and place.country == "US"


@pytest.mark.parametrize("text", ["Villagers fled Zorblaxville after the storm."])
def test_geocoder_unknown_name_is_null(geocoder: Geocoder, text: str) -> None:
    assert _resolve(geocoder, text, "Zorblaxville") is None


@pytest.mark.parametrize("text", ["Shells hit the village of Zorblaxa near Saraqib on Monday."])
def test_geocoder_unknown_name_falls_back_to_the_place_it_is_near(
    geocoder: Geocoder, text: str
) -> None:
    spans = [_span(text, "Zorblaxa"), _span(text, "Saraqib")]
    village, town = geocoder.resolve(text, spans)
    assert town is not None and village is not None
    assert village.geonameid == town.geonameid and village.geo_precision == 2
    assert (village.start, village.end) == spans[0]


@pytest.mark.parametrize(
    ("text", "name"), [("Smoke rose over Aleppo airport at dawn.", "Aleppo airport")]
)
def test_geocoder_feature_of_a_place_resolves_to_the_place(
    geocoder: Geocoder, text: str, name: str
) -> None:
    place = _resolve(geocoder, text, name)
    assert place is not None and place.country == "SY" and place.geo_precision == 2


@pytest.mark.parametrize(
    ("text", "name"), [("Russian jets took off from Hmeimim airbase.", "Hmeimim airbase")]
)
def test_geocoder_curated_conflict_place(geocoder: Geocoder, text: str, name: str) -> None:
    place = _resolve(geocoder, text, name)
    assert place is not None
    assert (
        place.name == "Khmeimim Air Base" and place.geonameid is None and place.geo_precision == 1
    )


@pytest.mark.parametrize(
    ("text", "name", "country"), [("A Syrian delegation arrived.", "Syrian", "SY")]
)
def test_geocoder_demonym_given_as_a_span(
    geocoder: Geocoder, text: str, name: str, country: str
) -> None:
    place = _resolve(geocoder, text, name)
    assert place is not None and place.country == country and place.geo_precision == 3


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The delegation flew from Berlin to Nairobi on Sunday.", ["Berlin", "Nairobi"]),
        ("Fighting spread from Idlib to the outskirts of Aleppo.", ["Idlib", "Aleppo"]),
    ],
)
def test_geocoder_toponyms_finds_names_in_plain_sentences(
    geocoder: Geocoder, text: str, names: list[str]
) -> None:
    found = [text[start:end] for start, end in geocoder.toponyms(text)]
    assert found == names


@pytest.mark.parametrize("text", ["Rain fell on Berlin while Nairobi stayed dry and Lima froze."])
def test_geocoder_resolve_gives_one_entry_per_span_in_order(geocoder: Geocoder, text: str) -> None:
    spans = [
        _span(text, "Lima"),
        _span(text, "Berlin"),
        _span(text, "Zorblax" if "Zorblax" in text else "dry"),
    ]
    places = geocoder.resolve(text, spans)
    assert len(places) == 3
    assert places[0] is not None and places[0].country == "PE"
    assert places[1] is not None and places[1].country == "DE"
    assert places[2] is None


@pytest.mark.parametrize("spans", [[(5, 2)], [(0, 999)]])
def test_geocoder_rejects_spans_outside_the_text(
    geocoder: Geocoder, spans: list[tuple[int, int]]
) -> None:
    with pytest.raises(ValueError, match="outside the text"):
        geocoder.resolve("Berlin is big.", spans)


@pytest.mark.parametrize("text", ["Aid reached Damascus."])
def test_place_to_json_has_every_field(geocoder: Geocoder, text: str) -> None:
    (place,) = geocoder.resolve(text)
    assert place is not None
    assert set(place.to_json()) == {
        "start", "end", "name", "lat", "lon", "geonameid", "country", "geo_precision",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Many Ohioans voted early.", "Ohioans", "US"),
        ("Dagestani officials denied the report.", "Dagestani", "RU"),
        ("Officials in Makhachkala, Dagestan, denied the report.", "Dagestan", "RU"),
    ],
)
def test_geocoder_regions_by_short_name_and_adjective(
    geocoder: Geocoder, text: str, name: str, country: str
) -> None:
    place = _resolve(geocoder, text, name)
    assert place is not None and place.country == country and place.geo_precision == 3


@pytest.mark.parametrize("text", ["The plant in Alexandria, La., hired 40 workers."])
def test_geocoder_city_then_state_abbreviation(geocoder: Geocoder, text: str) -> None:
    city, state = geocoder.resolve(text, [_span(text, "Alexandria"), _span(text, "La.")])
    assert state is not None and state.name == "Louisiana" and state.geo_precision == 3
    assert city is not None and city.country == "US" and abs(city.lat - 31.3) < 0.2


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Shelling hit Maarat al-Numan and Saraqib in northern Syria.", "Maarat al-Numan"),
        ("Shelling hit Ma'arrat an-Nu'man and Saraqib in northern Syria.", "Ma'arrat an-Nu'man"),
        ("Shelling hit Maarat al-Nouman and Saraqib in northern Syria.", "Maarat al-Nouman"),
    ],
)
def test_geocoder_transliterations_of_one_town(geocoder: Geocoder, text: str, town: str) -> None:
    place = _resolve(geocoder, text, town)
    assert place is not None and place.country == "SY"
    assert abs(place.lat - 35.65) < 0.05 and abs(place.lon - 36.68) < 0.05


@pytest.mark.parametrize(
    "text", ["Shelling hit Maarat al-Numan, Saraqib and Ras al-Ain in northern Syria."]
)
def test_geocoder_toponyms_finds_names_spacy_misses_beside_their_country(
    geocoder: Geocoder, text: str
) -> None:
    found = [text[start:end] for start, end in geocoder.toponyms(text)]
    assert found == ["Maarat al-Numan", "Saraqib", "Ras al-Ain", "Syria"]
