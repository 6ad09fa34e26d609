"""Tests for newstrace.reuse.tokens: normalised tokens and their offsets in the body."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newstrace.reuse.tokens import normalise, normalise_token, tokenise, words


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Don\u2019t PANIC \u2014 now", "don't panic - now"),
        ("\uff26\uff55\uff4c\uff4c width", "full WIDTH"),
        ("STRASSE", "stra\u00dfe"),
        ("\u201cQuoted,\u201d she said.", '"quoted" SHE said'),
        ("snake_case word", "snake case word"),
    ],
)
def test_text_normalise_folds_forms_case_and_punctuation(left: str, right: str) -> None:
    assert normalise(left) == normalise(right)


@pytest.mark.parametrize(
    "body",
    [
        "Plain ASCII text, with punctuation!",
        "Caf\u00e9 \u201cNorrvik\u201d \u2014 \uff26\uff55\uff4c\uff4c",
    ],
)
def test_text_tokenise_offsets_point_at_each_token(body: str) -> None:
    tokens = tokenise(body)
    assert tokens.words == words(body)
    for word, start, end in zip(tokens.words, tokens.starts, tokens.ends, strict=True):
        assert normalise_token(body[start:end]) == word


@given(st.text(max_size=200))
def test_text_words_matches_tokenise(body: str) -> None:
    tokens = tokenise(body)
    assert tokens.words == words(body)
    assert len(tokens.starts) == len(tokens.ends) == len(tokens)


@pytest.mark.parametrize("body", ["", "  \n\n ", "--- ... !!!"])
def test_text_tokenise_empty_bodies(body: str) -> None:
    assert len(tokenise(body)) == 0
    assert normalise(body) == ""


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_tokenise_ascii_fast_path_matches_the_word_pattern(body: str) -> None:
    matches = list(re.finditer(r"[^\W_]+", body))
    tokens = tokenise(body)
    assert tokens.words == [match.group().lower() for match in matches]
    assert tokens.starts.tolist() == [match.start() for match in matches]
    assert tokens.ends.tolist() == [match.end() for match in matches]
