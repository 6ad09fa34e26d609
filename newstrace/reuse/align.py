"""Verify a candidate pair: align its token sequences into passages, as reuse/definition.py says.

Per article, once per batch (encode): its token hashes (the ones its fingerprint is made of), the
hash of the word ANCHOR_TOKENS-gram starting at each token, and a bitmap of those hashes. Per
pair (align_spans), in a few compiled (Numba) calls:

1. the grams both sides share give every maximal verbatim run of ANCHOR_TOKENS tokens or more:
   the grams whose bit is set in the other side's bitmap (the shared ones and a few more) meet
   in a hash table, and each run is followed along its diagonal from its first shared gram;
2. anchors are picked from the runs longest first, then the same on each side of the one
   picked: the runs SequenceMatcher keeps, without running it over the whole bodies;
3. anchors are chained left to right into passages; the gap between two anchors is aligned
   token by token (SequenceMatcher's alignment of the gap alone, reproduced in compiled code)
   only when the chain could still bridge it, which two upper bounds on its identical tokens
   decide first: its shorter side, then its longest common subsequence (bit-parallel);
4. text moved around: the passages found are masked and the rest aligned again, until a round
   finds no passage.

The exhaustive reference in eval/ computes the same alignment plainly, for every pair, with
difflib; tests hold the compiled gap alignment to difflib and rapidfuzz on random sequences.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt
from numba import njit

from newstrace.models import Passage, ReuseLink
from newstrace.reuse.definition import (
    ANCHOR_TOKENS,
    MIN_PASSAGE_IDENTITY,
    MIN_PASSAGE_TOKENS,
    MIN_SHARED_TOKENS,
)
from newstrace.reuse.gapalign import gap_matches
from newstrace.reuse.runs import run_rows, top_bits
from newstrace.reuse.shingles import MIX_1, MIX_2, POSITION_MULTIPLIER, U64, token_hashes
from newstrace.reuse.tokens import Tokens

I64 = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
BITMAP_BITS_PER_GRAM = 16
Block = tuple[int, int, int]  # a verbatim run: start in a, start in b, size in tokens
_NO_RANGES = np.empty((0, 2), np.int64)


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
    """An article ready to align: token codes, the hash of the gram starting at each token, and
    a bitmap of those hashes (bit k set when some gram's top bits are k) to pass over most grams
    another article lacks without looking them up."""

    codes: U64  # token hashes: equal tokens, equal codes
    grams: U64  # shingle_hashes(codes, ANCHOR_TOKENS)
    bitmap: U64

    def __len__(self) -> int:
        return len(self.codes)


@njit(cache=True, nogil=True)
def _encoded(codes: U64) -> tuple[U64, U64]:
    """shingle_hashes(codes, ANCHOR_TOKENS) in one pass, and their bitmap."""
    grams = np.empty(max(0, len(codes) - ANCHOR_TOKENS + 1), np.uint64)
    for start in range(len(grams)):
        combined = codes[start]
        for offset in range(1, ANCHOR_TOKENS):
            combined = combined * POSITION_MULTIPLIER + codes[start + offset]
        combined = (combined ^ (combined >> np.uint64(30))) * MIX_1
        combined = (combined ^ (combined >> np.uint64(27))) * MIX_2
        grams[start] = combined ^ (combined >> np.uint64(31))
    words = 1
    while 64 * words < BITMAP_BITS_PER_GRAM * len(grams):
        words *= 2
    bitmap = np.zeros(words, np.uint64)
    shift = np.uint64(64 - top_bits(bitmap))
    for gram in grams:
        bit = gram >> shift
        bitmap[bit >> np.uint64(6)] |= np.uint64(1) << (bit & np.uint64(63))
    return grams, bitmap


def encode_hashes(hashes: U64) -> Encoded:
    """An article's token hashes with its grams, computed once and reused for all its pairs."""
    return Encoded(hashes, *_encoded(_contiguous(hashes)))


def encode(words: list[str]) -> Encoded:
    """An article's normalised tokens, encoded for alignment."""
    return encode_hashes(token_hashes(words))


def _contiguous(ids: U64) -> U64:
    """ids as a writable C array, so the compiled functions see one array type whether the
    hashes come from memory or from a read-only spill file (each type is compiled apart)."""
    array = np.ascontiguousarray(ids, np.uint64)
    return array if array.flags.writeable else array.copy()


def maximal_runs(a: Encoded, b: Encoded, masked: tuple[I64, I64] = (_NO_RANGES, _NO_RANGES)) -> I64:
    """Every maximal verbatim run of at least ANCHOR_TOKENS tokens the two sides share, outside
    the masked [start, end) token ranges (a run stops at a masked token), as rows of Blocks."""
    capacity = len(a) + len(b)  # runs of one diagonal are disjoint: more needs repeats
    while True:
        runs, found = run_rows(a.grams, a.bitmap, b.grams, b.bitmap, masked, capacity)
        if found <= capacity:
            return runs
        capacity = found


@njit(cache=True, nogil=True)
def _anchors(runs: I64, length_a: int, length_b: int) -> I64:
    """anchors' runs: longest first (earliest in a then b on ties, find_longest_match's choice),
    then the same on each side of it, clipped to the box left there; ordered in a."""
    order = np.argsort(runs[:, 1], kind="mergesort")
    order = order[np.argsort(runs[order, 0], kind="mergesort")]
    order = order[np.argsort(-runs[order, 2], kind="mergesort")]
    ordered = runs[order]
    most = length_a // ANCHOR_TOKENS + 1  # anchors are disjoint in a
    picked = np.empty((most, 3), np.int64)
    boxes = np.empty((most + 1, 4), np.int64)
    boxes[0] = (0, length_a, 0, length_b)
    count, stacked = 0, 1
    while stacked:
        stacked -= 1
        low_a, high_a, low_b, high_b = boxes[stacked]
        best_i = best_j = best_size = -1
        for i, j, size in ordered:
            if size < best_size:
                break  # sorted longest first: no later run can beat the best
            start = max(0, low_a - i, low_b - j)
            end = min(size, high_a - i, high_b - j)
            length = end - start
            if length >= ANCHOR_TOKENS and (
                length > best_size
                or (length == best_size and (i + start, j + start) < (best_i, best_j))
            ):
                best_i, best_j, best_size = i + start, j + start, length
        if best_size < 0:
            continue
        picked[count] = (best_i, best_j, best_size)
        count += 1
        boxes[stacked] = (low_a, best_i, low_b, best_j)
        boxes[stacked + 1] = (best_i + best_size, high_a, best_j + best_size, high_b)
        stacked += 2
    picked = picked[:count]
    return picked[np.argsort(picked[:, 0])]


def _blocks(rows: I64) -> list[Block]:
    return [(i, j, size) for i, j, size in rows.tolist()]


def anchors(runs: list[Block], length_a: int, length_b: int) -> list[Block]:
    """The runs SequenceMatcher would keep: longest first, then the same on each side, in order."""
    rows = np.array(runs, dtype=np.int64).reshape(-1, 3)
    return _blocks(_anchors(rows, length_a, length_b))


@njit(cache=True, nogil=True)
def _chain(a_ids: U64, b_ids: U64, picked: I64) -> I64:
    """chain_anchors' passages as rows (a_start, a_end, b_start, b_end, matched)."""
    spans = np.empty((len(picked), 5), np.int64)
    count = 0
    for i, j, size in picked:
        if count:
            a_start, a_end, b_start, b_end, matched = spans[count - 1]
            tokens = max(i + size - a_start, j + size - b_start)
            needed = MIN_PASSAGE_IDENTITY * tokens
            # The gap cannot hold more identical tokens than its shorter side.
            if matched + min(i - a_end, j - b_end) + size >= needed:
                least = math.ceil(needed) - matched - size  # gap matches the merge needs
                total = matched + gap_matches(a_ids[a_end:i], b_ids[b_end:j], least) + size
                if total >= needed:
                    spans[count - 1] = (a_start, i + size, b_start, j + size, total)
                    continue
        spans[count] = (i, i + size, j, j + size, size)
        count += 1
    spans = spans[:count]
    sizes = np.maximum(spans[:, 1] - spans[:, 0], spans[:, 3] - spans[:, 2])
    return spans[sizes >= MIN_PASSAGE_TOKENS]


def chain_anchors(a_ids: U64, b_ids: U64, picked: list[Block]) -> list[Span]:
    """Anchors chained left to right into passages while the chain stays identical enough."""
    rows = np.array(picked, dtype=np.int64).reshape(-1, 3)
    return _spans(_chain(_contiguous(a_ids), _contiguous(b_ids), rows))


def _spans(rows: I64) -> list[Span]:
    return [Span(*row) for row in rows.tolist()]


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
    a_ids, b_ids = _contiguous(a.codes), _contiguous(b.codes)  # masking copies them
    masked: tuple[I64, I64] = (_NO_RANGES, _NO_RANGES)
    found: list[Span] = []
    while len(runs := maximal_runs(a, b, masked)):
        spans = _spans(_chain(a_ids, b_ids, _anchors(runs, len(a), len(b))))
        if not spans:
            break
        found.extend(spans)
        a_ids, b_ids = _mask(a_ids, spans, "a"), _mask(b_ids, spans, "b")
        masked = (
            np.vstack([masked[0], [(span.a_start, span.a_end) for span in spans]]),
            np.vstack([masked[1], [(span.b_start, span.b_end) for span in spans]]),
        )
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
