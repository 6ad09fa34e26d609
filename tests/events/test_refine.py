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
