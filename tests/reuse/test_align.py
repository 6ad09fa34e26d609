"""Tests for newstrace.reuse.align: passages with offsets that really hold the shared text."""

from __future__ import annotations

from difflib import SequenceMatcher

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import LCSseq

from newstrace.models import ReuseLink
from newstrace.reuse.align import (
    Block,
    Span,
    align_pair,
    align_spans,
    anchors,
    chain_anchors,
    encode,
    encode_hashes,
    maximal_runs,
)
from newstrace.reuse.definition import ANCHOR_TOKENS, MIN_PASSAGE_IDENTITY, MIN_PASSAGE_TOKENS
from newstrace.reuse.gapalign import (
    LCS_BLOCK_WORDS,
    _common_subsequence,
    _sequence_matches,
    _symbols,
)
from newstrace.reuse.runs import MAX_SEEDS_PER_GRAM
from newstrace.reuse.shingles import shingle_hashes
from newstrace.reuse.tokens import normalise, tokenise

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


def _align(a_body: str, b_body: str) -> ReuseLink | None:
    return align_pair((1, 2), (tokenise(a_body), tokenise(b_body)), False)


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
    assert 0.8 < link.coverage_a <= 1.0 and 0.8 < link.coverage_b <= 1.0
    # The dropped paragraph and the edits show as aligned tokens that are not identical.
    assert MIN_PASSAGE_IDENTITY <= link.verbatim_ratio < 1.0
    assert link.shared_tokens < len(tokenise(original)) - len(tokenise(BRIDGE[7])) + 1
    assert all(passage.tokens >= MIN_PASSAGE_TOKENS for passage in link.passages)
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


def _u64(values: list[int]) -> np.ndarray:
    return np.array(values, dtype=np.int64).astype(np.uint64)


def test_anchors_are_picked_longest_first_then_on_each_side() -> None:
    # Runs (a start, b start, size): the 8-token run crosses the 6-token one, so it wins and
    # the 6-token run is left only where it fits beside it (clipped to the box, >= 5 tokens).
    runs = [(0, 20, 6), (10, 0, 8), (30, 30, 5)]
    assert anchors(runs, 40, 40) == [(10, 0, 8), (30, 30, 5)]


def test_anchors_clip_a_run_to_its_box() -> None:
    # The second run overlaps the first on b; clipped to the box right of it, 6 tokens remain.
    runs = [(0, 0, 10), (20, 8, 8)]
    assert anchors(runs, 40, 40) == [(0, 0, 10), (22, 10, 6)]


def test_chain_bridges_an_edit_while_identity_holds() -> None:
    a = list(range(50))
    b = [*range(20), -1, *range(21, 50)]  # one token replaced
    spans = chain_anchors(_u64(a), _u64(b), [(0, 0, 20), (21, 21, 29)])
    assert spans == [Span(0, 50, 0, 50, 49)]


def test_chain_does_not_bridge_a_long_gap_and_drops_short_passages() -> None:
    a = list(range(100))
    b = [*range(20), *range(1000, 1040), *range(60, 90)]
    # 20 tokens, then 40 unrelated on b (20 on a): 50 identical of 90 aligned breaks the chain.
    spans = chain_anchors(_u64(a), _u64(b), [(0, 0, 20), (60, 60, 30)])
    assert spans == [Span(60, 90, 60, 90, 30)]


def test_chain_counts_short_runs_inside_the_gap() -> None:
    a = [*range(20), 500, 501, 502, 503, *range(20, 40)]
    b = [*range(20), 500, 900, 502, 503, *range(20, 40)]
    # The gap holds 3 identical tokens in runs shorter than an anchor: they count.
    spans = chain_anchors(_u64(a), _u64(b), [(0, 0, 20), (24, 24, 20)])
    assert spans == [Span(0, 44, 0, 44, 43)]


def test_align_spans_finds_text_moved_around_in_a_second_round() -> None:
    first = [f"f{n}" for n in range(30)]
    second = [f"s{n}" for n in range(30)]
    a = encode([*first, *second])
    b = encode([*second, "x", *first])
    spans = align_spans(a, b)
    assert [(s.a_start, s.a_end, s.b_start, s.b_end) for s in spans] == [
        (0, 30, 31, 61),
        (30, 60, 0, 30),
    ]


# The compiled kernels against plain computations of what they stand for: a small vocabulary
# repeats words and phrases, so runs cross repeated grams and gaps hold many short matches.
_VOCABULARY = st.integers(min_value=0, max_value=5)


def _plain_runs(a: list[int], b: list[int], masked: tuple[set[int], set[int]]) -> set[Block]:
    """maximal_runs by definition: seeds are equal unmasked grams (leaving out a gram that would
    pair more than MAX_SEEDS_PER_GRAM times), runs are seeds consecutive on a diagonal."""
    n = ANCHOR_TOKENS
    a_grams = [tuple(a[k : k + n]) for k in range(len(a) - n + 1)]
    b_grams = [tuple(b[k : k + n]) for k in range(len(b) - n + 1)]
    seeds = {
        (i, j)
        for i, gram in enumerate(a_grams)
        for j, other in enumerate(b_grams)
        if gram == other
        and a_grams.count(gram) * b_grams.count(gram) <= MAX_SEEDS_PER_GRAM
        and not masked[0] & set(range(i, i + n))
        and not masked[1] & set(range(j, j + n))
    }
    runs = set()
    for i, j in seeds:
        if (i - 1, j - 1) not in seeds:
            size = 1
            while (i + size, j + size) in seeds:
                size += 1
            runs.add((i, j, size + n - 1))
    return runs


def _codes(values: list[int]) -> np.ndarray:
    # Spread like token hashes: the kernels slot values by their top bits.
    return np.array(values, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_VOCABULARY, max_size=80),
    st.lists(_VOCABULARY, max_size=80),
    st.lists(st.tuples(st.integers(0, 80), st.integers(0, 12)), max_size=3),
)
def test_maximal_runs_equal_the_plain_definition(
    a: list[int], b: list[int], masks: list[tuple[int, int]]
) -> None:
    a_ranges = [(start, min(len(a), start + size)) for start, size in masks if start < len(a)]
    b_ranges = [(max(0, len(b) - start - size), len(b) - start) for start, size in masks]
    b_ranges = [(start, end) for start, end in b_ranges if start < end]
    masked = (
        np.array(a_ranges, dtype=np.int64).reshape(-1, 2),
        np.array(b_ranges, dtype=np.int64).reshape(-1, 2),
    )
    runs = maximal_runs(encode_hashes(_codes(a)), encode_hashes(_codes(b)), masked)
    plain = _plain_runs(
        a,
        b,
        (
            {k for start, end in a_ranges for k in range(start, end)},
            {k for start, end in b_ranges for k in range(start, end)},
        ),
    )
    assert sorted(map(tuple, runs.tolist())) == sorted(plain)


@pytest.mark.parametrize("repeats", [105, 104])
def test_maximal_runs_leave_out_a_gram_repeated_too_often_on_both_sides(repeats: int) -> None:
    # 105 sevens hold the gram (7 7 7 7 7) 101 times: 101 * 101 pairs pass MAX_SEEDS_PER_GRAM,
    # so only the run (1 2 3 4 5) is left; 104 give 100 * 100 pairs, kept, in many runs.
    words = [7] * repeats
    a = encode_hashes(_codes([*words, 1, 2, 3, 4, 5]))
    b = encode_hashes(_codes([1, 2, 3, 4, 5, *words]))
    runs = maximal_runs(a, b)
    occurrences = repeats - ANCHOR_TOKENS + 1
    left_out = occurrences * occurrences > MAX_SEEDS_PER_GRAM
    assert (runs.tolist() == [[repeats, 0, 5]]) == left_out


@settings(max_examples=300, deadline=None)
@given(st.lists(_VOCABULARY, max_size=150), st.lists(_VOCABULARY, max_size=150))
def test_gap_matches_equal_rapidfuzz_and_difflib(a: list[int], b: list[int]) -> None:
    a_symbols, b_symbols, distinct = _symbols(_codes(a), _codes(b))
    assert _common_subsequence(a_symbols, b_symbols, distinct) == LCSseq.similarity(a, b)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    expected = sum(block.size for block in matcher.get_matching_blocks())
    assert _sequence_matches(a_symbols, b_symbols, distinct) == expected


@pytest.mark.parametrize("seed", range(3))
def test_common_subsequence_spans_several_blocks_of_a(seed: int) -> None:
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 30, 64 * LCS_BLOCK_WORDS * 2 + 77).tolist()
    b = rng.integers(0, 30, 900).tolist()
    a_symbols, b_symbols, distinct = _symbols(_codes(a), _codes(b))
    assert _common_subsequence(a_symbols, b_symbols, distinct) == LCSseq.similarity(a, b)


@pytest.mark.parametrize("length", [0, 4, 5, 300])
def test_encoded_grams_are_the_shingle_hashes(length: int) -> None:
    hashes = _codes(list(range(length)))
    assert np.array_equal(encode_hashes(hashes).grams, shingle_hashes(hashes, ANCHOR_TOKENS))
