"""Event types by what the parties did and who they are (invented reports)."""

from __future__ import annotations

import pytest

from newstrace.events import ArticleText, extract_events


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A mob clashed with another group, using sticks and swords, in a village. "
            "Twelve people were injured.",
            ("Riots", "Mob violence"),
        ),
        (
            "Two rival groups of villagers clashed over farmland near Gao, injuring five.",
            ("Riots", "Mob violence"),
        ),
        ("Rebels clashed with soldiers near Gao on Sunday.", ("Battles", "Armed clash")),
        ("Gunmen clashed with villagers near Gao, killing two.", ("Battles", "Armed clash")),
    ],
)
def test_refine_unorganised_fights_are_mob_violence(text: str, expected: tuple[str, str]) -> None:
    (events,) = extract_events([ArticleText(text, "2023-05-16")])
    assert (events[0].event_type, events[0].sub_event_type) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On 3 May, nurses protested outside the ministry in the capital over unpaid wages. "
            "Police later dispersed the crowd with tear gas.",
            ("Protests", "Protest with intervention"),
        ),
        (
            "On 3 May, nurses protested outside the ministry in the capital over unpaid wages. "
            "The rally ended peacefully in the evening.",
            ("Protests", "Peaceful protest"),
        ),
        (
            "On 3 May, nurses protested outside the ministry in the capital over unpaid wages. "
            "Officers arrested nine protesters near the gate.",
            ("Protests", "Protest with intervention"),
        ),
        (
            "On 3 May, reporters protested outside the court in the capital for a colleague. "
            "The editor was arrested last week over a column.",
            ("Protests", "Peaceful protest"),
        ),
    ],
)
def test_refine_protest_met_by_police_later_in_the_report(
    text: str, expected: tuple[str, str]
) -> None:
    events = extract_events([ArticleText(text, "2023-05-16")])[0]
    assert (events[0].event_type, events[0].sub_event_type) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On 4 May, monitors recorded 14 explosions near the frontline village.",
            "Shelling/artillery/missile attack",
        ),
        (
            "On 4 May, rebels fired 6 projectiles at army positions near the frontline village.",
            "Shelling/artillery/missile attack",
        ),
        (
            "On 4 May, an explosion hit a bus near the market, killing two passengers.",
            "Remote explosive/landmine/IED",
        ),
    ],
)
def test_refine_repeated_explosions_are_shelling(text: str, expected: str) -> None:
    events = extract_events([ArticleText(text, "2023-05-16")])[0]
    assert events[0].sub_event_type == expected
