"""The vectorised token hashes must equal the per-token path (regex words, Python normalisation):
fingerprints stored by one and compared with the other would otherwise never match."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.reuse import tokenhash
from newstrace.reuse.shingles import token_hashes
from newstrace.reuse.tokenhash import hash_bodies, offsets
from newstrace.reuse.tokens import tokenise, words

from .links_stories import BRIDGE, FESTIVAL, body


def per_token(bodies: list[str]) -> tuple[list[int], list[int]]:
    token_lists = [words(text) for text in bodies]
    flat = [token for tokens in token_lists for token in tokens]
    return token_hashes(flat).tolist(), [len(tokens) for tokens in token_lists]


def assert_same(bodies: list[str]) -> None:
    hashes, counts = hash_bodies(bodies)
    expected_hashes, expected_counts = per_token(bodies)
    assert counts.tolist() == expected_counts
    assert hashes.tolist() == expected_hashes


@pytest.mark.parametrize(
    "text",
    [
        "Café naïve déjà-vu",  # precomposed accents
        "Cafe\u0301 decomposed: e + combining acute composes under NFKC",
        "ﬁre ﬂood Straße ﬀ",  # ligatures and sharp s fold to several letters
        "ΟΔΥΣΣΕΥΣ Σίσυφος ς",  # Greek capitals and final sigma
        "İstanbul Iğdır",  # dotted capital I folds to two code points
        "½ ① ² Ⅻ",  # numbers whose normal form is several characters
        "한국어 기사 \u1100\u1161\u11a8",  # precomposed and conjoining Hangul
        "ＦＵＬＬＷＩＤＴＨ ｔｅｘｔ",  # compatibility forms
        "Ǆemal ǅ ǆ",  # titlecase digraphs
        "snake_case and a-hyphen, 'quotes' and “curly” ones — dashes",
        "x" * 5000 + " short " + "y" * 64 + " " + "z" * 65,  # long tokens
        "lone surrogate \ud800 between words",
        "",
        "   \n\t ",
    ],
)
def test_tokenhash_equals_per_token_hashing_on_hard_text(text: str) -> None:
    assert_same([text, body(BRIDGE), text + " " + text])


def test_tokenhash_keeps_bodies_apart() -> None:
    # A token at the end of one body and one at the start of the next must not merge.
    hashes, counts = hash_bodies(["ends with word", "word starts this", "", FESTIVAL[0]])
    assert counts.tolist() == [3, 3, 0, len(words(FESTIVAL[0]))]
    assert hashes[2] == hashes[3]  # "word" twice, in two bodies


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=6))
def test_tokenhash_equals_per_token_hashing_on_any_text(bodies: list[str]) -> None:
    assert_same(bodies)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.characters(codec="utf-8", categories=["L", "M", "N"]), max_size=30),
        max_size=8,
    ).map(" ".join)
)
def test_tokenhash_equals_per_token_hashing_on_letters_and_marks(text: str) -> None:
    assert_same([text])


def test_tokenhash_empty_batch() -> None:
    hashes, counts = hash_bodies([])
    assert len(hashes) == 0 and len(counts) == 0
    assert hashes.dtype == np.uint64


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120))
def test_tokenhash_offsets_equal_the_tokeniser_offsets(text: str) -> None:
    # Passages are cut from the body at these offsets: they must be the tokeniser's own.
    found, expected = offsets(text), tokenise(text)
    assert found.starts.tolist() == expected.starts.tolist()
    assert found.ends.tolist() == expected.ends.tolist()


@pytest.mark.parametrize(("table_slots", "remembered"), [(4, 5), (4, 10_000), (1 << 17, 3)])
def test_tokenhash_small_tables_and_memory_give_the_same_hashes(
    monkeypatch: pytest.MonkeyPatch, table_slots: int, remembered: int
) -> None:
    # Tables too small for a batch's distinct tokens are grown, and a process that has
    # remembered its limit of token hashes starts afresh: the hashes never change.
    monkeypatch.setattr(tokenhash, "_FIRST_GROUPS", table_slots)
    monkeypatch.setattr(tokenhash, "MEMORY_TOKENS", remembered)
    monkeypatch.setattr(tokenhash, "_MEMORY", tokenhash._Memory())
    batches = [[body(BRIDGE), FESTIVAL[0]], [FESTIVAL[1], body(BRIDGE) + " ﬁnal Straße"]]
    for bodies in batches * 2:
        assert_same(bodies)
    assert 0 < tokenhash._MEMORY.used <= max(remembered, len(set(words(" ".join(FESTIVAL)))))
