"""Verify a candidate pair: align its token sequences into passages, as reuse/definition.py says.

Per article, once per batch (encode): its token hashes (the ones its fingerprint is made of),
and the sorted hashes of its word ANCHOR_TOKENS-grams with where each starts. Per pair (align_spans):

1. the grams both sides share give every maximal verbatim run of ANCHOR_TOKENS tokens or more,
   in a few NumPy calls; a pair sharing none is done (no run, no anchor, no passage);
2. anchors are picked from the runs longest first, then the same on each side of the one
   picked: the runs SequenceMatcher keeps, without running it over the whole bodies;
3. anchors are chained left to right into passages; the gap between two anchors is aligned
   token by token (SequenceMatcher on the gap alone) only when the chain could still bridge it,
   which an upper bound on its identical tokens decides first;
4. text moved around: the passages found are masked and the rest aligned again, until a round
   finds no passage.

The exhaustive reference in eval/ computes the same alignment plainly, for every pair.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Protocol

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import LCSseq

from newstrace.models import Passage, ReuseLink
from newstrace.reuse.definition import (
    ANCHOR_TOKENS,
    MIN_PASSAGE_IDENTITY,
    MIN_PASSAGE_TOKENS,
    MIN_SHARED_TOKENS,
)
from newstrace.reuse.shingles import U64, shingle_hashes, token_hashes
from newstrace.reuse.text import Tokens

I64 = npt.NDArray[np.int64]
# A gram repeated so often on both sides that pairing its occurrences would pass this many
# seeds is left out (a line repeated hundreds of times in both): a bound on one pair's cost.
MAX_SEEDS_PER_GRAM = 10_000
Block = tuple[int, int, int]  # a verbatim run: start in a, start in b, size in tokens


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


@dataclass(frozen=True, slots=True)
class Encoded:
    """An article ready to align: token codes, and its grams' hashes (sorted) with their starts."""

    codes: U64  # token hashes: equal tokens, equal codes
    grams: U64
    starts: I64
    distinct: U64  # the distinct gram hashes, sorted
    repeats: bool  # whether some gram occurs more than once

    def __len__(self) -> int:
        return len(self.codes)


def encode_hashes(hashes: U64) -> Encoded:
    """An article's token hashes with its gram index, computed once and reused for all its pairs."""
    grams = shingle_hashes(hashes, ANCHOR_TOKENS)
    order = np.argsort(grams)  # equal grams in any order: seeds are re-sorted by diagonal
    grams = grams[order]
    first = np.ones(len(grams), dtype=bool)
    first[1:] = grams[1:] != grams[:-1]
    distinct = grams[first]
    return Encoded(hashes, grams, order.astype(np.int64), distinct, len(distinct) < len(grams))


def encode(words: list[str]) -> Encoded:
    """An article's normalised tokens, encoded for alignment."""
    return encode_hashes(token_hashes(words))


def _seeds(a: Encoded, b: Encoded) -> tuple[I64, I64]:
    """Every (i, j) where a gram of a at i equals one of b at j."""
    if not (a.repeats or b.repeats):  # the usual case: each gram once on each side
        if not len(a.grams) or not len(b.grams):
            return np.empty(0, np.int64), np.empty(0, np.int64)
        where = np.minimum(np.searchsorted(b.grams, a.grams), len(b.grams) - 1)
        hit = b.grams[where] == a.grams
        return a.starts[hit], b.starts[where[hit]]
    common = np.intersect1d(a.distinct, b.distinct, assume_unique=True)
    if not len(common):
        return np.empty(0, np.int64), np.empty(0, np.int64)
    a_low, a_high = np.searchsorted(a.grams, common), np.searchsorted(a.grams, common, "right")
    b_low, b_high = np.searchsorted(b.grams, common), np.searchsorted(b.grams, common, "right")
    b_count = b_high - b_low
    per_gram = (a_high - a_low) * b_count
    keep = per_gram <= MAX_SEEDS_PER_GRAM
    a_low, b_count, per_gram = a_low[keep], b_count[keep], per_gram[keep]
    b_low = b_low[keep]
    gram = np.repeat(np.arange(len(per_gram)), per_gram)
    offset = np.arange(int(per_gram.sum())) - np.repeat(np.cumsum(per_gram) - per_gram, per_gram)
    a_index = a_low[gram] + offset // b_count[gram]
    b_index = b_low[gram] + offset % b_count[gram]
    return a.starts[a_index], b.starts[b_index]


def _unmasked(starts: I64, masked: list[tuple[int, int]], length: int) -> npt.NDArray[np.bool_]:
    """Which grams (by start) lie wholly outside the masked token ranges."""
    edges = np.zeros(length + 1, dtype=np.int64)
    for start, end in masked:
        edges[start] += 1
        edges[end] -= 1
    masked_before = np.r_[0, np.cumsum(np.cumsum(edges[:-1]) > 0)]  # masked tokens before k
    return masked_before[starts + ANCHOR_TOKENS] == masked_before[starts]


def maximal_runs(
    a: Encoded, b: Encoded, masked: tuple[list[tuple[int, int]], list[tuple[int, int]]]
) -> list[Block]:
    """Every maximal verbatim run of at least ANCHOR_TOKENS tokens the two sides share, outside
    the masked ranges (a run stops at a masked token)."""
    i, j = _seeds(a, b)
    if masked[0] and len(i):
        keep = _unmasked(i, masked[0], len(a)) & _unmasked(j, masked[1], len(b))
        i, j = i[keep], j[keep]
    if not len(i):
        return []
    diagonal = j - i
    order = np.argsort(((diagonal + len(a)) << 32) | i)  # by diagonal, then by start in a
    i, j, diagonal = i[order], j[order], diagonal[order]
    breaks = np.ones(len(i), dtype=bool)
    breaks[1:] = (diagonal[1:] != diagonal[:-1]) | (i[1:] != i[:-1] + 1)
    first = np.flatnonzero(breaks)
    sizes = np.diff(np.append(first, len(i))) + ANCHOR_TOKENS - 1
    return list(zip(i[first].tolist(), j[first].tolist(), sizes.tolist(), strict=True))


def _longest(runs: list[Block], box: tuple[int, int, int, int]) -> Block | None:
    """The longest run clipped to a box, earliest in a then b on ties (find_longest_match's
    choice). runs are sorted longest first, so the scan stops once none can beat the best."""
    low_a, high_a, low_b, high_b = box
    best: Block | None = None
    for i, j, size in runs:
        if best is not None and size < best[2]:
            break
        start = max(0, low_a - i, low_b - j)
        end = min(size, high_a - i, high_b - j)
        if end - start >= ANCHOR_TOKENS:
            found = (i + start, j + start, end - start)
            if best is None or (-found[2], found[0], found[1]) < (-best[2], best[0], best[1]):
                best = found
    return best


def anchors(runs: list[Block], length_a: int, length_b: int) -> list[Block]:
    """The runs SequenceMatcher would keep: longest first, then the same on each side, in order."""
    ordered = sorted(runs, key=lambda run: (-run[2], run[0], run[1]))
    picked: list[Block] = []
    boxes = [(0, length_a, 0, length_b)]
    while boxes:
        box = boxes.pop()
        best = _longest(ordered, box)
        if best is None:
            continue
        picked.append(best)
        i, j, size = best
        boxes.append((box[0], i, box[2], j))
        boxes.append((i + size, box[1], j + size, box[3]))
    return sorted(picked)


def _gap_matches(a_ids: U64, b_ids: U64, last: Span, anchor: Block, needed: int) -> int:
    """Identical tokens SequenceMatcher aligns between the end of a passage and the next anchor,
    or fewer than needed when even the longest common subsequence (an upper bound: the matcher's
    blocks form a common subsequence) falls short, which rapidfuzz tells much faster."""
    i, j, _ = anchor
    a_gap, b_gap = a_ids[last.a_end : i].tolist(), b_ids[last.b_end : j].tolist()
    if LCSseq.similarity(a_gap, b_gap) < needed:
        return 0
    matcher = SequenceMatcher(None, a_gap, b_gap, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def chain_anchors(a_ids: U64, b_ids: U64, picked: list[Block]) -> list[Span]:
    """Anchors chained left to right into passages while the chain stays identical enough."""
    spans: list[Span] = []
    for i, j, size in picked:
        if spans:
            last = spans[-1]
            tokens = max(i + size - last.a_start, j + size - last.b_start)
            needed = MIN_PASSAGE_IDENTITY * tokens
            # The gap cannot hold more identical tokens than its shorter side.
            bound = last.matched + min(i - last.a_end, j - last.b_end) + size
            if bound >= needed:
                least = math.ceil(needed) - last.matched - size  # gap matches the merge needs
                gap = _gap_matches(a_ids, b_ids, last, (i, j, size), least)
                matched = last.matched + gap + size
                if matched >= needed:
                    spans[-1] = Span(last.a_start, i + size, last.b_start, j + size, matched)
                    continue
        spans.append(Span(i, i + size, j, j + size, size))
    return [span for span in spans if span.tokens >= MIN_PASSAGE_TOKENS]


# Masked tokens get values of their own, counting down from here: a real token hash equals one
# with probability 2^-64 per comparison.
_MASK_A = np.uint64(2**64 - 1)
_MASK_B = np.uint64(2**63 - 1)


def _mask(ids: U64, spans: list[Span], side: str) -> U64:
    """A copy of ids with the aligned tokens replaced by values found nowhere else."""
    ids = ids.copy()
    for span in spans:
        start, end = (span.a_start, span.a_end) if side == "a" else (span.b_start, span.b_end)
        base = _MASK_A if side == "a" else _MASK_B
        ids[start:end] = base - np.arange(start, end, dtype=np.uint64)
    return ids


def align_spans(a: Encoded, b: Encoded) -> list[Span]:
    """All passages two encoded articles share, text moved around included, ordered in a."""
    if min(len(a), len(b)) < ANCHOR_TOKENS:
        return []
    a_ids, b_ids = a.codes, b.codes  # masking copies them: the encoding stays as it is
    masked: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])
    found: list[Span] = []
    while runs := maximal_runs(a, b, masked):
        spans = chain_anchors(a_ids, b_ids, anchors(runs, len(a), len(b)))
        if not spans:
            break
        found.extend(spans)
        a_ids, b_ids = _mask(a_ids, spans, "a"), _mask(b_ids, spans, "b")
        masked[0].extend((span.a_start, span.a_end) for span in spans)
        masked[1].extend((span.b_start, span.b_end) for span in spans)
    return sorted(found, key=lambda span: (span.a_start, span.b_start))


def shared_tokens(spans: list[Span]) -> int:
    """Identical tokens of a pair's passages: a link needs MIN_SHARED_TOKENS."""
    return sum(span.matched for span in spans)


class Located(Protocol):
    """Token positions in a body: text.Tokens, or tokenhash.TokenOffsets (offsets only)."""

    @property
    def starts(self) -> I64: ...

    @property
    def ends(self) -> I64: ...

    def __len__(self) -> int: ...


def _passage(span: Span, a: Located, b: Located) -> Passage:
    return Passage(
        a_start=int(a.starts[span.a_start]),
        a_end=int(a.ends[span.a_end - 1]),
        b_start=int(b.starts[span.b_start]),
        b_end=int(b.ends[span.b_end - 1]),
        tokens=span.tokens,
        verbatim=round(span.identity, 4),
    )


def link_from_spans(
    ids: tuple[int, int], tokens: tuple[Located, Located], spans: list[Span], same_outlet: bool
) -> ReuseLink | None:
    """A ReuseLink for articles a < b from their passages, or None below MIN_SHARED_TOKENS."""
    matched = shared_tokens(spans)
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
    ids: tuple[int, int], tokens: tuple[Tokens, Tokens], same_outlet: bool
) -> ReuseLink | None:
    """Align two articles (ids a < b and their tokens) into a link, or None."""
    a, b = encode(tokens[0].words), encode(tokens[1].words)
    return link_from_spans(ids, tokens, align_spans(a, b), same_outlet)
