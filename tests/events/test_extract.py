"""Event extraction on sentences written for these tests, with known answers."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.events import ArticleText, extract_events
from newstrace.models.events import Event

PUBLISHED = "2023-05-16"  # a Tuesday


def events_of(text: str, geocoder: Any = None, published: str | None = PUBLISHED) -> list[Event]:
    """The events of a one-article body."""
    return extract_events([ArticleText(text, published)], geocoder)[0]


def only(text: str, geocoder: Any = None) -> Event:
    """The single event of a body."""
    (event,) = events_of(text, geocoder)
    return event


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        ("Rebels clashed with Malian troops near Gao on Sunday.", "Battles", "Armed clash"),
        (
            "Warplanes struck a convoy near Menaka on Monday.",
            "Explosions/Remote violence",
            "Air/drone strike",
        ),
        (
            "Russian forces shelled Kherson overnight.",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        (
            "A roadside bomb exploded near a checkpoint in Gao.",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        (
            "Gunmen killed five civilians in Baidoa on Monday.",
            "Violence against civilians",
            "Attack",
        ),
        (
            "Gunmen abducted two teachers from a school in Baidoa.",
            "Violence against civilians",
            "Abduction/forced disappearance",
        ),
        (
            "Thousands of protesters marched through Lagos on Monday.",
            "Protests",
            "Peaceful protest",
        ),
        (
            "Rioters torched a police station in Lagos after a protest.",
            "Riots",
            "Violent demonstration",
        ),
        ("Police arrested three journalists in Lagos.", "Strategic developments", "Arrests"),
        (
            "The Turkish army deployed tanks to the border on Monday.",
            "Strategic developments",
            "Change to group/activity",
        ),
    ],
)
def test_extract_event_types(
    text: str, event_type: str, sub_event_type: str, geocoder: Any
) -> None:
    event = only(text, geocoder)
    assert (event.event_type, event.sub_event_type) == (event_type, sub_event_type)


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The Syrian Army shelled villages near Gao.", "Military Forces of Syria"),
        ("Turkish troops entered the town with tanks.", "Military Forces of Turkey"),
        ("Ankara deployed reinforcements to the border.", "Military Forces of Turkey"),
        ("Turkish proxies attacked positions of Kurdish militias.", "Turkish-backed forces"),
        (
            "The 20th Division of the so-called Syrian National Army attacked a village.",
            "Syrian National Army",
        ),
        ("Houthi forces fired missiles at a ship near Marib.", "Ansar Allah"),
    ],
)
def test_extract_actor_aliases(text: str, actor: str) -> None:
    assert actor in [a.name for a in only(text).actors]


def test_extract_actor_context_names_the_coalition_and_the_country() -> None:
    text = (
        "The Saudi-led coalition continues the evacuation of bases in Marib.\n\n"
        "Coalition troops later withdrew from the airport in Marib.\n\n"
        "Police arrested two men in Lagos, Nigeria."
    )
    first, second, third = events_of(text)
    assert [a.name for a in second.actors] == ["Saudi-led coalition"]
    assert first.plover == "RETREAT" or second.plover == "RETREAT"
    assert third.actors[0].name.startswith("Police Forces of")


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Rebels attacked Gao on March 29.", "2023-03-29", "2023-03-29", 1),
        ("Rebels attacked Gao on Sunday.", "2023-05-14", "2023-05-14", 1),
        ("Rebels attacked Gao last night.", "2023-05-15", "2023-05-15", 1),
        ("Rebels attacked Gao during the past week.", "2023-05-09", "2023-05-16", 2),
        ("Rebels recently attacked Gao.", "2023-04-16", "2023-05-16", 3),
        ("Rebels attacked Gao.", "2023-05-09", "2023-05-16", 2),
    ],
)
def test_extract_dates_resolved_against_publication(
    text: str, start: str, end: str, precision: int
) -> None:
    event = only(text)
    assert (event.date_start, event.date_end, event.time_precision) == (start, end, precision)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed at least five civilians in Gao.", (5, 5, None)),
        ("Gunmen killed dozens of villagers in Gao.", (12, 12, 99)),
        ("Several civilians were killed when gunmen attacked Gao.", (3, 10, 19)),
        ("Rebels attacked Gao, but no one was killed.", (0, 0, 0)),
        ("Rebels attacked a base in Gao.", None),
    ],
)
def test_extract_fatalities_follow_acled_rules(
    text: str, expected: tuple[int, int, int | None] | None
) -> None:
    found = only(text).fatalities
    assert (None if found is None else (found.low, found.best, found.high)) == expected


@pytest.mark.parametrize(
    ("text", "source", "source_class", "hedge"),
    [
        ("According to local sources, rebels attacked Gao.", "local sources", "local", None),
        (
            "Pro-government sources claimed that rebels attacked Gao.",
            "Pro-government sources",
            "partisan",
            "claimed",
        ),
        (
            "The defence ministry said rebels attacked Gao.",
            "The defence ministry",
            "official",
            None,
        ),
        ("Sources said rebels attacked Gao.", "Sources", "unnamed", None),
        ("Rebels reportedly attacked Gao.", None, "unattributed", "reportedly"),
        ("Rebels allegedly attacked Gao.", None, "unattributed", "allegedly"),
    ],
)
def test_extract_attribution_classes_and_hedges(
    text: str, source: str | None, source_class: str, hedge: str | None
) -> None:
    attribution = only(text).attribution
    assert (attribution.source, attribution.source_class, attribution.hedge) == (
        source,
        source_class,
        hedge,
    )


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Rebels attacked Gao on Sunday.", "reported"),
        ("The army will deploy more troops to Gao next month.", "planned"),
        ("Rebels are preparing for a new offensive on Gao.", "planned"),
        ("Analysts speculate that rebels could attack Gao.", "speculative"),
    ],
)
def test_extract_status_keeps_plans_apart_from_past_events(
    text: str, status: str, geocoder: Any
) -> None:
    assert only(text, geocoder).status == status


@pytest.mark.parametrize(
    "text", ["There are no signs of a withdrawal from Gao.", "Rebels did not attack Gao."]
)
def test_extract_negated_events_are_not_events(text: str) -> None:
    assert events_of(text) == []


def test_extract_places_sentence_offsets_and_equipment(geocoder: Any) -> None:
    body = "Officials met in Lagos.\n\nMalian troops with battle tanks and armoured vehicles entered Menaka."
    event = only(body, geocoder)
    assert [p.name for p in event.places] == ["Menaka"]
    assert body[event.sentence_start : event.sentence_end] == event.sentence
    assert event.equipment == ("battle tanks", "armoured vehicles")


def test_extract_continuation_merges_outcome_into_event(geocoder: Any) -> None:
    body = (
        "Rebels attacked army positions near Gao on Sunday. "
        "Pro-government sources claimed that a truck equipped with a machine gun was destroyed and many fighters were killed."
    )
    event = only(body, geocoder)
    assert event.event_type == "Battles"
    assert event.attribution.hedge == "claimed"
    assert event.equipment == ("a truck equipped with a machine gun",)
    assert event.fatalities is not None and event.fatalities.best == 10
    assert event.places[0].geo_precision == 2  # "near Gao"


def test_extract_state_forces_without_a_known_country_are_not_guessed() -> None:
    assert events_of("The army will deploy more troops next month.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Hospitals in Lagos are struggling to fight the pandemic with too few nurses.",
        "The immune system attacked the virus within days, researchers said.",
        "Voters tend to rally behind the flag in times of crisis.",
        "The minister withdrew from the cabinet on Monday.",
        "Schools want to recruit and retain the best teachers.",
    ],
)
def test_extract_figures_of_speech_are_not_events(text: str) -> None:
    assert events_of(text) == []


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Militants attacked an army post near Gao on Sunday.", "Battles"),
        ("Malian troops withdrew from Menaka on Monday.", "Strategic developments"),
        ("A roadside bomb exploded near Baidoa on Sunday.", "Explosions/Remote violence"),
    ],
)
def test_extract_the_same_words_in_armed_contexts_are_events(text: str, event_type: str) -> None:
    assert only(text).event_type == event_type


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        (
            "Gunmen attacked a checkpoint near Gao last month, officials said.",
            ("2023-04-01", "2023-04-30", 3),
        ),
        (
            "Gunmen attacked a checkpoint near Gao on Sunday, the army said."
            "\n\nTwo soldiers were wounded in the attack, it added.",
            ("2023-05-14", "2023-05-14", 1),
        ),
    ],
)
def test_extract_calendar_months_and_continued_reports_are_dated(
    text: str, dates: tuple[str, str, int]
) -> None:
    last = events_of(text)[-1]
    assert (last.date_start, last.date_end, last.time_precision) == dates
