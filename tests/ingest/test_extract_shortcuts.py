"""The per-paragraph shortcuts ingest takes give exactly what the full work gives: a line without
Markdown only normalised, and boilerplate and credit verdicts remembered for repeated lines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.extract import blocks, credits, markup

# Lines mixing plain words with every character Markdown clean-up reacts to.
LINE = st.text(
    alphabet=st.sampled_from(list("ab Z9.,'-—\\#>*_[]()<&`•!+:/@\u00a0\U000f0041é")),
    max_size=60,
)


@pytest.mark.parametrize(
    "raw",
    [
        "Plain body text, with a comma and 3 numbers.",
        "- a bullet",
        "  + not a bullet",
        "Word - dash inside",
        "Caf\u00e9 \u201cquoted\u201d text",
        "\U000f0041 parked",
    ],
)
def test_clean_inline_shortcut_matches_full_clean_up(
    raw: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    shortcut = markup.clean_inline(raw)
    monkeypatch.setattr(markup, "_has_markup", lambda _raw: True)
    assert markup.clean_inline(raw) == shortcut


@settings(max_examples=300, deadline=None)
@given(LINE)
def test_clean_inline_shortcut_matches_full_clean_up_on_any_line(raw: str) -> None:
    shortcut = markup.clean_inline(raw)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markup, "_has_markup", lambda _raw: True)
        assert markup.clean_inline(raw) == shortcut


@pytest.mark.parametrize(
    "line",
    [
        "Share this article",
        "The original source of this article is Global Research",
        "Copyright 2024 Example Media. All rights reserved.",
        "The council met on Tuesday to discuss the budget.",
    ],
)
def test_remembered_verdicts_match_fresh_ones(line: str) -> None:
    fresh_kind = blocks._classify(line)
    fresh_credit = credits._parse_attribution.__wrapped__(line)
    for _ in range(2):  # the second time from memory
        assert blocks.classify_boilerplate(line) == fresh_kind
        assert credits.parse_attribution(line) == fresh_credit
