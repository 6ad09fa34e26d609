"""Tests for newstrace.reuse.align: passages with offsets that really hold the shared text."""

from __future__ import annotations

import random

import pytest

from newstrace.models import ReuseLink
from newstrace.reuse.align import (
    MIN_SHARED_BIGRAMS,
    Bigrams,
    Span,
    align_pair,
    bigrams,
    chain_passages,
    may_link,
    shared_bigrams,
    token_codes,
)
from newstrace.reuse.definition import MIN_PASSAGE_IDENTITY, MIN_PASSAGE_TOKENS
from newstrace.reuse.text import normalise, tokenise

from .links_stories import (
    BRIDGE,
    FESTIVAL,
    PADDING,
    body,
    edited_copy,
    excerpt_copy,
    full_copy,
    unrelated,
)

MAX_GAP_TOKENS = 12


def _align(a_body: str, b_body: str) -> ReuseLink | None:
    return align_pair((1, 2), (tokenise(a_body), tokenise(b_body)), False, MAX_GAP_TOKENS)


def _assert_offsets_hold_passages(link: ReuseLink, a_body: str, b_body: str) -> None:
    for passage in link.passages:
        a_text = normalise(a_body[passage.a_start : passage.a_end]).split()
        b_text = normalise(b_body[passage.b_start : passage.b_end]).split()
        assert max(len(a_text), len(b_text)) == passage.tokens
        assert a_text[:3] == b_text[:3] and a_text[-3:] == b_text[-3:]


@pytest.mark.parametrize("copy", [full_copy()])
def test_align_full_copy_covers_both_sides(copy: str) -> None:
    link = _align(body(BRIDGE), copy)
    assert link is not None
    assert link.coverage_a == link.coverage_b == 1.0
    assert link.verbatim_ratio == 1.0
    assert len(link.passages) == 1
    _assert_offsets_hold_passages(link, body(BRIDGE), copy)


@pytest.mark.parametrize("copy", [excerpt_copy()])
def test_align_excerpt_embedded_in_long_article(copy: str) -> None:
    original = body(BRIDGE)
    link = _align(original, copy)
    assert link is not None and len(link.passages) == 1
    passage = link.passages[0]
    excerpt = (BRIDGE[2] + "\n\n" + BRIDGE[3]).rstrip(".")  # passages end on a word
    assert original[passage.a_start : passage.a_end] == excerpt
    assert copy[passage.b_start : passage.b_end] == excerpt
    assert link.coverage_a < 0.3 < link.coverage_b < 1.0


@pytest.mark.parametrize("copy", [edited_copy()])
def test_align_edited_copy_with_dropped_paragraph(copy: str) -> None:
    original = body(BRIDGE)
    link = _align(original, copy)
    assert link is not None
    assert 0.8 < link.coverage_a < 1.0 and 0.8 < link.coverage_b < 1.0
    assert MIN_PASSAGE_IDENTITY <= link.verbatim_ratio < 1.0
    assert all(passage.tokens >= MIN_PASSAGE_TOKENS for passage in link.passages)
    dropped_at = original.index(BRIDGE[7])
    assert all(not p.a_start <= dropped_at < p.a_end for p in link.passages)
    _assert_offsets_hold_passages(link, original, copy)


@pytest.mark.parametrize("copy", [body([BRIDGE[8], BRIDGE[9], PADDING[0], BRIDGE[0], BRIDGE[1]])])
def test_align_finds_paragraphs_moved_out_of_order(copy: str) -> None:
    link = _align(body(BRIDGE[:2] + BRIDGE[8:]), copy)
    assert link is not None and len(link.passages) == 2
    assert link.coverage_a > 0.95


@pytest.mark.parametrize(
    ("a_body", "b_body"), [(body(BRIDGE), unrelated()), (BRIDGE[0], FESTIVAL[0])]
)
def test_align_unrelated_articles_do_not_link(a_body: str, b_body: str) -> None:
    assert _align(a_body, b_body) is None


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        ([Span(0, 20, 0, 20, 20), Span(21, 40, 21, 40, 19)], [Span(0, 40, 0, 40, 39)]),
        ([Span(0, 20, 0, 20, 20), Span(60, 90, 30, 60, 30)], [Span(60, 90, 30, 60, 30)]),
        ([Span(0, 10, 0, 10, 10)], []),
    ],
)
def test_align_chain_bridges_small_edits_only(blocks: list[Span], expected: list[Span]) -> None:
    assert chain_passages(blocks, MAX_GAP_TOKENS) == expected


def _bigrams_of(text: str) -> Bigrams:
    return bigrams(token_codes(tokenise(text).words, VOCABULARY))


VOCABULARY: dict[str, int] = {}


def test_bigram_bound_follows_the_definition() -> None:
    # 40 tokens at 80% identity in passages of 25: at least 0.45 * 40 matched bigrams.
    assert MIN_SHARED_BIGRAMS == 18


@pytest.mark.parametrize("copy", [full_copy(), excerpt_copy(), edited_copy()])
def test_bigram_filter_passes_true_copies(copy: str) -> None:
    assert may_link(_bigrams_of(body(BRIDGE)), _bigrams_of(copy))
    assert _align(body(BRIDGE), copy) is not None


def test_bigram_filter_passes_a_padded_copy() -> None:
    padded = body([*PADDING, *BRIDGE[:2], *PADDING])
    assert may_link(_bigrams_of(body(BRIDGE)), _bigrams_of(padded))


def test_bigram_filter_rejects_unrelated_and_random_pairs() -> None:
    rng = random.Random(3)
    vocabulary = [f"w{n}" for n in range(500)]
    for _ in range(20):
        left = " ".join(rng.choices(vocabulary, k=300))
        right = " ".join(rng.choices(vocabulary, k=300))
        assert not may_link(_bigrams_of(left), _bigrams_of(right))


def test_shared_bigrams_counts_repeats_as_a_multiset() -> None:
    assert shared_bigrams(_bigrams_of("a b a b a b"), _bigrams_of("a b x a b")) == 2
    assert shared_bigrams(_bigrams_of("a"), _bigrams_of("a b")) == 0


def _worst_copy(rng: random.Random, words: list[str]) -> list[str]:
    """A copy one edit away from the original every few words: the hardest case for the bound."""
    copy: list[str] = []
    for index, word in enumerate(words):
        if index % rng.choice((4, 5, 6)) == 0:
            copy.append(rng.choice(["zz", "yy", word + "x"]))
        else:
            copy.append(word)
    return copy


@pytest.mark.parametrize("seed", range(30))
def test_bigram_filter_never_rejects_a_pair_alignment_links(seed: int) -> None:
    rng = random.Random(seed)
    words = [f"t{rng.randrange(60)}" for _ in range(rng.randrange(30, 120))]
    copy = _worst_copy(rng, words)
    left, right = " ".join(words), " ".join(copy)
    if _align(left, right) is not None:
        assert may_link(_bigrams_of(left), _bigrams_of(right))
