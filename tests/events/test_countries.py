"""Actors take their country from every country the geocoder knows, not from a short list."""

from __future__ import annotations

import pytest

from newstrace.events import ArticleText, extract_events
from newstrace.events.actors import body_focus, find_actors

from .conftest import PLACES, FakeGeocoder

# An invented report from a country the curated actor list does not hold; Egypt is named too.
ROMANIAN_STRIKE = (
    "Hundreds of striking dock workers protested outside the port authority in the Romanian "
    "city of Constanta on Monday, demanding higher pay.\n\n"
    "Police detained two strikers who blocked the gates, the union said. A grain cargo bound "
    "for Egypt was delayed by the strike, and Romanian officials said talks would resume."
)


@pytest.mark.parametrize("body", [ROMANIAN_STRIKE])
def test_countries_strike_in_romania_is_romanian(body: str) -> None:
    (events,) = extract_events([ArticleText(body, "2024-03-05")])
    names = {a.name for e in events for a in (*e.actors, *e.recipients)}
    assert "Protesters (Romania)" in names
    assert "Police Forces of Romania" in names
    assert not any("Egypt" in name for name in names)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Romanian police detained two strikers.", ["Police Forces of Romania"]),
        ("Moldovan troops left the border area.", ["Military Forces of Moldova"]),
        ("Chad Smith said he had left.", []),
        ("Jordan Peterson said he had left.", []),
        ("Police in Atlanta, Georgia arrested two men.", ["Police Forces of {country}"]),
        (
            "In Chad, troops attacked a rebel base.",
            ["Military Forces of Chad", "Military Forces of {country}"],
        ),
    ],
)
def test_countries_names_of_people_and_states_are_no_countries(
    text: str, expected: list[str]
) -> None:
    assert [m.name for m, _ in find_actors(text)] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Jordan Peterson spoke to students in Paris, France.", "France"),
        ("The mayor of Atlanta, Georgia spoke. Georgia voted.", None),
        ("Georgian police clashed with protesters in Tbilisi. Georgia protested.", "Georgia"),
        ("Farmers in Moldova blocked roads.", "Moldova"),
    ],
)
def test_countries_body_focus_over_every_country(body: str, expected: str | None) -> None:
    assert body_focus(body) == expected


LEDE_PLACE = (
    "GAO (Reuters) - Residents of Gao said on Tuesday that the town was calm after a week of "
    "talks.\n\n"
    "Gunmen killed three traders on a road on Monday, a local official said."
)


@pytest.mark.parametrize("body", [LEDE_PLACE])
def test_countries_event_without_a_place_takes_the_dateline_town(body: str) -> None:
    (events,) = extract_events([ArticleText(body, "2023-05-16")], FakeGeocoder(PLACES))
    (event,) = events
    assert [p.name for p in event.places] == ["Gao"]
    assert event.places[0].geo_precision == 2  # near the town the story is from, not in it
