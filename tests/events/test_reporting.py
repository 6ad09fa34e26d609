"""Real phrasing of conflict reports: counts by ACLED's rules, crowds and victims however named,
actors in ACLED's naming, and figures of speech that are not events. Texts invented for tests."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.events import ArticleText, extract_events
from newstrace.events.counts import fatalities
from newstrace.events.lexicon import may_carry_event

PUBLISHED = "2024-05-06"


def events_of(text: str, geocoder: Any = None) -> list[Any]:
    return extract_events([ArticleText(text, PUBLISHED)], geocoder)[0]


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("On 3 May 2024, unidentified gunmen killed 1 person in Gao.", 1),
        ("2 members of the local defence militia were killed in the ambush.", 2),
        ("Three people were injured and one was killed.", 1),
        ("Soldiers of the 5th Brigade killed 4 militants near Menaka.", 4),
        ("A local group said soldiers killed at least 13 protesters.", 13),
        ("The rebels executed two men accused of spying.", 2),
        ("A roadside bomb exploded near a patrol, causing no casualties.", 0),
    ],
)
def test_fatalities_count_the_dead_not_dates_units_or_the_injured(text: str, best: int) -> None:
    found = fatalities(text)
    assert found is not None and found.best == best


def test_fatalities_are_null_when_no_deaths_are_reported() -> None:
    assert fatalities("Police arrested 12 people in Gao on 4 May 2024.") is None


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        ("On 2 May 2024, gunmen shot dead a farmer in Gao.", "Violence against civilians", "Attack"),
        ("Armed men attacked schoolboys near Menaka on Sunday.", "Violence against civilians", "Attack"),
        ("Residents held a protest sit-in in Gao on Monday, demanding water.", "Protests", "Peaceful protest"),
        ("Youths threw stones at police and burned tyres in Lagos.", "Riots", "Violent demonstration"),
        ("Soldiers fired machine guns at the positions of the rebels near Gao.", "Battles", "Armed clash"),
        ("The air force attacked militant hideouts near Menaka.", "Explosions/Remote violence", "Air/drone strike"),
        ("A shoot-out took place between two gangs in Lagos on Friday.", "Battles", "Armed clash"),
    ],
)  # fmt: skip
def test_reports_are_typed_by_what_happened(
    text: str, event_type: str, sub_event_type: str, geocoder: Any
) -> None:
    (event, *_) = events_of(text, geocoder)
    assert (event.event_type, event.sub_event_type) == (event_type, sub_event_type)


def test_crowds_and_unnamed_groups_carry_the_country(geocoder: Any) -> None:
    (protest,) = events_of(
        "Health workers protested in Lagos on Monday over unpaid wages.", geocoder
    )
    assert protest.actors[0].name == "Protesters (Nigeria)"
    (attack,) = events_of("Unidentified gunmen killed 2 traders in Gao on Sunday.", geocoder)
    assert attack.actors[0].name == "Unidentified Armed Group (Mali)"


def test_acled_wording_of_state_forces_is_an_alias(geocoder: Any) -> None:
    text = "Military forces of Mali fired with unspecified weapons on the positions of rebels near Gao."
    (event,) = events_of(text, geocoder)
    assert event.actors[0].name == "Military Forces of Mali"


@pytest.mark.parametrize(
    "text",
    [
        "The governor compared his pandemic response to fighting a war.",
        "An outbreak at a church in Lagos ended up killing three members of the choir.",
        "Public outrage exploded after the minister's remarks.",
        "The rocket is scheduled to launch from the coast next week.",
        "The striker shot twice and the home side fought back to win.",
        "The company fired the engines of its rocket before the satellite went into orbit.",
        "The president attacked China over its handling of the virus.",
        "Five people were killed in a car crash on the highway near Lagos.",
        "The two fighters traded heavy blows in the third round of the bout.",
        "The virus is on track to kill more people this year than the flu.",
        "A mystery illness killing children has alarmed doctors in Lagos.",
    ],
)
def test_figures_of_speech_and_non_conflict_uses_are_not_events(text: str) -> None:
    assert [e for e in events_of(text) if e.status == "reported"] == []


def test_a_hypothetical_with_nobody_named_is_no_event() -> None:
    assert events_of("Anyone who leaves home without a permit will be arrested.") == []


@pytest.mark.parametrize(
    "text",
    [
        "In 1960, students staged sit-in protests at lunch counters in Greensboro.",
        "Lawmakers left the capital only briefly after the 2001 terror attacks.",
    ],
)
def test_history_lessons_are_not_events(text: str) -> None:
    assert events_of(text) == []


def test_a_state_named_by_its_capital_wages_war() -> None:
    (event,) = events_of("Kyiv launched a counteroffensive against Russian troops on Sunday.")
    assert event.event_type == "Battles"


def test_sentences_without_a_needed_context_word_are_not_parsed() -> None:
    assert not may_carry_event("She will sign the birthday card.")
    assert may_carry_event("The two sides will sign a ceasefire agreement.")
