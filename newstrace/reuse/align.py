"""Verify a candidate pair: align the token sequences (rapidfuzz LCS) into passages with offsets.

A passage chains the LCS's identical blocks while the gap between two blocks stays within
max_gap_tokens on each side and the chain keeps MIN_PASSAGE_IDENTITY; its size is the longer
of its two token spans. Alignment repeats on the tokens not yet aligned (a moved paragraph),
up to MAX_ALIGN_ROUNDS. A link needs the passages' identical tokens to reach MIN_SHARED_TOKENS.
may_link rules pairs out before alignment when they share fewer bigrams than any link implies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from fractions import Fraction

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import Indel

from newstrace.models import Passage, ReuseLink
from newstrace.reuse.definition import MIN_PASSAGE_IDENTITY, MIN_PASSAGE_TOKENS, MIN_SHARED_TOKENS
from newstrace.reuse.text import Tokens

MAX_ALIGN_ROUNDS = 3  # the first alignment plus two for passages moved out of order
MIN_EDGE_BLOCK_TOKENS = 3  # a passage starts and ends on a run this long, not a stray word
# A passage has at least this many identical tokens (floored, so never above the true bound).
MIN_PASSAGE_MATCHED = int(MIN_PASSAGE_IDENTITY * MIN_PASSAGE_TOKENS)
BIGRAM_SHIFT = 32  # bits for the second token code in a bigram key (codes are vocabulary ranks)

I64 = npt.NDArray[np.int64]
Bigrams = tuple[I64, I64]  # sorted distinct bigram keys of a token sequence, and their counts


def _min_shared_bigrams() -> int:
    """Fewest bigram occurrences two token sequences share when they are linked (proof below).

    In a passage with m identical tokens, a side spans at most m / MIN_PASSAGE_IDENTITY tokens,
    so each side leaves at most g * m tokens unmatched, g = 1 / MIN_PASSAGE_IDENTITY - 1. Every
    break between two runs of identical tokens skips at least one unmatched token on a side, so
    a passage holds at most 2 * g * m + 1 runs, and a run of r tokens matches r - 1 bigrams: at
    least (1 - 2g) * m - 1 matched bigrams. A passage has m >= MIN_PASSAGE_IDENTITY *
    MIN_PASSAGE_TOKENS, so a link's P passages number at most M / that, and M shared tokens give
    at least M * (1 - 2g - 1 / m_min) bigram pairs, each a distinct position on both sides (all
    rounds align disjoint tokens): never more than the multiset intersection of the bigrams.
    Key collisions (codes past BIGRAM_SHIFT bits) only merge bigrams, which never lowers it.
    """
    identity = Fraction(MIN_PASSAGE_IDENTITY).limit_denominator(1000)
    unmatched = 1 / identity - 1
    fewest_matched = identity * MIN_PASSAGE_TOKENS
    share = 1 - 2 * unmatched - 1 / fewest_matched
    return max(0, int(MIN_SHARED_TOKENS * share))  # int() floors: the bound stays safe


MIN_SHARED_BIGRAMS = _min_shared_bigrams()  # 18 bigrams for 40 tokens at 80% in 25-token passages


@dataclass(frozen=True, slots=True)
class Span:
    """A passage in token positions: [a_start, a_end) and [b_start, b_end), with identical tokens."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    matched: int

    @property
    def tokens(self) -> int:
        """Aligned tokens: the longer of the two sides."""
        return max(self.a_end - self.a_start, self.b_end - self.b_start)

    @property
    def identity(self) -> float:
        """Share of the aligned tokens identical on both sides."""
        return self.matched / self.tokens if self.tokens else 0.0


def token_codes(words: list[str], vocabulary: dict[str, int]) -> list[int]:
    """Tokens as small integers from a vocabulary shared by the articles compared (cheap to compare)."""
    return [vocabulary.setdefault(word, len(vocabulary)) for word in words]


def token_ids(a: Tokens, b: Tokens) -> tuple[list[int], list[int]]:
    """Both token sequences as codes from one fresh vocabulary."""
    vocabulary: dict[str, int] = {}
    return token_codes(a.words, vocabulary), token_codes(b.words, vocabulary)


def bigrams(codes: list[int]) -> Bigrams:
    """Distinct bigrams of a token-code sequence (sorted keys) and how often each occurs."""
    values = np.asarray(codes, dtype=np.int64)
    keys = (values[:-1] << BIGRAM_SHIFT) | values[1:]
    found, counts = np.unique(keys, return_counts=True)
    return found, counts.astype(np.int64)


def shared_bigrams(a: Bigrams, b: Bigrams) -> int:
    """Bigram occurrences two sequences share, counted as a multiset (min of the two counts)."""
    (a_keys, a_counts), (b_keys, b_counts) = a, b
    if not len(a_keys) or not len(b_keys):
        return 0
    index = np.minimum(np.searchsorted(b_keys, a_keys), len(b_keys) - 1)
    hit = b_keys[index] == a_keys
    return int(np.minimum(a_counts[hit], b_counts[index[hit]]).sum())


def may_link(a: Bigrams, b: Bigrams) -> bool:
    """False only when two sequences cannot be linked: too few shared bigrams for any link."""
    return shared_bigrams(a, b) >= MIN_SHARED_BIGRAMS


Block = tuple[int, int, int]  # an identical block: a start, b start, size in tokens
BlockFinder = Callable[[list[int], list[int]], list[Block]]


def _blocks(a_ids: list[int], b_ids: list[int]) -> list[Block]:
    """The identical blocks of a longest-common-subsequence alignment, in order, as tuples."""
    return [
        (block.a, block.b, block.size)
        for block in Indel.editops(a_ids, b_ids).as_matching_blocks()
        if block.size
    ]


def matching_blocks(a_ids: list[int], b_ids: list[int]) -> list[Span]:
    """The identical blocks of a longest-common-subsequence alignment, in order."""
    return [Span(a, a + size, b, b + size, size) for a, b, size in _blocks(a_ids, b_ids)]


def _chains(blocks: list[Block], max_gap_tokens: int) -> list[tuple[int, int, int]]:
    """Ordered blocks grouped while gaps stay small and the group keeps MIN_PASSAGE_IDENTITY.

    Returns each group as a [start, end) range of block indices and its identical tokens.
    """
    ranges: list[tuple[int, int, int]] = []
    start = matched = first_a = first_b = last_a = last_b = 0
    for index, (a, b, size) in enumerate(blocks):
        if index:
            gap = max(a - last_a, b - last_b)
            tokens = max(a + size - first_a, b + size - first_b)
            if gap <= max_gap_tokens and matched + size >= MIN_PASSAGE_IDENTITY * tokens:
                matched, last_a, last_b = matched + size, a + size, b + size
                continue
            ranges.append((start, index, matched))
        start, matched, first_a, first_b = index, size, a, b
        last_a, last_b = a + size, b + size
    if blocks:
        ranges.append((start, len(blocks), matched))
    return ranges


def _passage_span(blocks: list[Block], start: int, end: int) -> Span | None:
    """The span of blocks[start:end] without stray short edge matches, if it is a passage."""
    while start < end and blocks[start][2] < MIN_EDGE_BLOCK_TOKENS:
        start += 1
    while end > start and blocks[end - 1][2] < MIN_EDGE_BLOCK_TOKENS:
        end -= 1
    if start == end:
        return None
    (a_first, b_first, _), (a_last, b_last, size) = blocks[start], blocks[end - 1]
    matched = sum(block[2] for block in blocks[start:end])
    span = Span(a_first, a_last + size, b_first, b_last + size, matched)
    if span.tokens >= MIN_PASSAGE_TOKENS and span.identity >= MIN_PASSAGE_IDENTITY:
        return span
    return None


def _passages(blocks: list[Block], max_gap_tokens: int) -> list[Span]:
    """Chain ordered identical blocks (tuples) into passages that meet the definition of a copy."""
    spans = (
        _passage_span(blocks, start, end)
        for start, end, matched in _chains(blocks, max_gap_tokens)
        if matched >= MIN_PASSAGE_MATCHED  # fewer cannot make a passage, trimmed or not
    )
    return [span for span in spans if span is not None]


def chain_passages(blocks: list[Span], max_gap_tokens: int) -> list[Span]:
    """Chain ordered identical blocks into passages that meet the definition of a copy."""
    tuples = [(block.a_start, block.b_start, block.matched) for block in blocks]
    return _passages(tuples, max_gap_tokens)


def _mask(ids: list[int], spans: list[Span], side: str, base: int) -> None:
    """Replace aligned tokens by values found nowhere else, so the next round skips them."""
    for span in spans:
        start, end = (span.a_start, span.a_end) if side == "a" else (span.b_start, span.b_end)
        for position in range(start, end):
            ids[position] = base - position


def _longest_first_blocks(a_ids: list[int], b_ids: list[int]) -> list[Block]:
    """Identical blocks found longest first (difflib): short passages between edits survive
    where a longest-common-subsequence alignment prefers a chain of scattered common words."""
    matcher = SequenceMatcher(None, a_ids, b_ids, autojunk=False)
    return [(a, b, size) for a, b, size in matcher.get_matching_blocks() if size]


def align_spans(
    codes: tuple[list[int], list[int]], max_gap_tokens: int, blocks: BlockFinder | None = None
) -> list[Span]:
    """All passages shared by two token-code sequences, ordered by position in a."""
    find_blocks = blocks or _blocks
    a_ids, b_ids = list(codes[0]), list(codes[1])  # copies: masking must not touch the caller's
    found: list[Span] = []
    for _ in range(MAX_ALIGN_ROUNDS):
        spans = _passages(find_blocks(a_ids, b_ids), max_gap_tokens)
        found.extend(spans)
        a_left = len(a_ids) - sum(span.a_end - span.a_start for span in found)
        b_left = len(b_ids) - sum(span.b_end - span.b_start for span in found)
        if not spans or min(a_left, b_left) < MIN_PASSAGE_TOKENS:
            break
        _mask(a_ids, spans, "a", -1)
        _mask(b_ids, spans, "b", -1 - len(a_ids))
    return sorted(found, key=lambda span: span.a_start)


def _passage(span: Span, a: Tokens, b: Tokens) -> Passage:
    return Passage(
        a_start=int(a.starts[span.a_start]),
        a_end=int(a.ends[span.a_end - 1]),
        b_start=int(b.starts[span.b_start]),
        b_end=int(b.ends[span.b_end - 1]),
        tokens=span.tokens,
        verbatim=round(span.identity, 4),
    )


def link_from_spans(
    ids: tuple[int, int], tokens: tuple[Tokens, Tokens], spans: list[Span], same_outlet: bool
) -> ReuseLink | None:
    """A ReuseLink for articles a < b from their passages, or None below MIN_SHARED_TOKENS."""
    matched = sum(span.matched for span in spans)
    if matched < MIN_SHARED_TOKENS:
        return None
    a, b = tokens
    aligned = sum(span.tokens for span in spans)
    return ReuseLink(
        a=ids[0],
        b=ids[1],
        shared_tokens=matched,
        coverage_a=round(sum(span.a_end - span.a_start for span in spans) / len(a), 4),
        coverage_b=round(sum(span.b_end - span.b_start for span in spans) / len(b), 4),
        verbatim_ratio=round(matched / aligned, 4),
        passages=tuple(_passage(span, a, b) for span in spans),
        same_outlet=same_outlet,
    )


def align_pair(
    ids: tuple[int, int],
    tokens: tuple[Tokens, Tokens],
    same_outlet: bool,
    max_gap_tokens: int,
    codes: tuple[list[int], list[int]] | None = None,
) -> ReuseLink | None:
    """Align two articles (ids a < b, their tokens and optional token codes) into a link, or None."""
    if min(len(tokens[0]), len(tokens[1])) < MIN_PASSAGE_TOKENS:
        return None
    codes = codes or token_ids(tokens[0], tokens[1])
    spans = align_spans(codes, max_gap_tokens)
    if sum(span.matched for span in spans) < MIN_SHARED_TOKENS and may_link(
        bigrams(codes[0]), bigrams(codes[1])
    ):
        # The fast alignment found too little; a pair that could still be a copy gets the
        # slower longest-first alignment, which keeps several short passages between edits.
        slow = align_spans(codes, max_gap_tokens, _longest_first_blocks)
        spans = max(spans, slow, key=lambda found: sum(span.matched for span in found))
    return link_from_spans(ids, tokens, spans, same_outlet)
