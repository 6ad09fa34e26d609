"""The windows of a text that spaCy's named-entity pass reads. Texts written for these tests."""

from __future__ import annotations

import pytest

from newstrace.geo import Geocoder
from newstrace.geo.windows import candidate_windows

PLACES = {"Sudan", "Darfur", "Mount Vernon", "US", "Egyptian"}


def _may_be_place(name: str) -> bool:
    return name.rstrip(".") in PLACES


def _covered(text: str, name: str) -> bool:
    start = text.index(name)
    return any(
        s <= start and start + len(name) <= e for s, e in candidate_windows(text, _may_be_place)
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Aid for Sudan's farmers arrived late.", "Sudan"),
        ("Talks on Egyptian-US trade resumed.", "US"),
        ("Rain fell for days. Floods then reached Darfur.", "Darfur"),
    ],
)
def test_windows_cover_the_names_a_gazetteer_may_hold(text: str, name: str) -> None:
    assert _covered(text, name)


@pytest.mark.parametrize(
    "text", ["The committee said on Monday that the talks would go on. Sudan agreed."]
)
def test_windows_leave_out_sentences_without_candidate_names(text: str) -> None:
    windows = candidate_windows(text, _may_be_place)
    assert windows and all(text[s:e].find("committee") < 0 for s, e in windows)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "The council met on Tuesday to discuss the budget for next year. Later, officials "
            "flew from Nairobi to Mombasa, where floods had cut the main road.",
            ["Nairobi", "Mombasa"],
        ),
    ],
)
def test_geocoder_toponyms_found_in_windows_match_the_names(
    geocoder: Geocoder, text: str, names: list[str]
) -> None:
    assert [text[s:e] for s, e in geocoder.toponyms(text)] == names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("In the hills the rain went on for a week.", "In"),
        ("But the harvest was saved in the end.", "But"),
        ("He said I would not go.", "He"),
    ],
)
def test_windows_skip_words_capitalised_only_at_a_sentence_start(text: str, name: str) -> None:
    # the gazetteer holds towns called "In", "But" and "He"; no window opens for them alone
    assert candidate_windows(text, lambda word: word == name) == []


def test_windows_still_open_at_the_name_after_a_sentence_start() -> None:
    text = "In Darfur the rain went on for a week."
    assert any(s <= text.index("Darfur") < e for s, e in candidate_windows(text, _may_be_place))


def test_windows_keep_a_country_code_in_capitals() -> None:
    text = "Officials in the US said talks would go on."
    assert any(s <= text.index("US") < e for s, e in candidate_windows(text, _may_be_place))
