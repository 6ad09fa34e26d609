"""Sentence alignment of a translation with its original, following document order.

Two sentences match by the anchors they share (numbers, names, addresses), weighted by how rare
each anchor is, and by their lengths (a translation's sentence is about as long as its
original's). A monotone dynamic programme keeps the best chain of 1-1, 1-2 and 2-1 matches;
unmatched sentences on either side cost nothing, so an excerpt or a translation inside other
text aligns where it lies.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from newstrace.xling.scores import (
    SentenceInfo,
    anchor_share,
    scores,
    similarity,
)

__all__ = ["Match", "SentenceInfo", "align", "anchor_share", "chain", "fill_gaps", "similarity"]

# A sentence over about twice as long as the other is not its translation, anchors aside.
MAX_FIT_LOG_RATIO = 0.8
MATCH_THRESHOLD = 0.3  # a match must score above this to be kept
# Between two matches, order vouches for the sentences: any pair of fitting length is kept.
GAP_THRESHOLD = 0.15
MERGE_PENALTY = 0.05  # a 1-2 or 2-1 match must beat two 1-1 matches by this much
# moves of the programme: sentences taken from a and from b
_MOVES = ((1, 1), (1, 2), (2, 1))


@dataclass(frozen=True, slots=True)
class Match:
    """Aligned sentences: a[a_first:a_last] with b[b_first:b_last], and how well they match."""

    a_first: int
    a_last: int
    b_first: int
    b_last: int
    score: float
    anchor_share: float | None  # weighted share of anchors both sides hold; None if neither has


def _best(
    table_scores: list[list[list[float]]], rows: int, columns: int, threshold: float
) -> list[list[tuple[float, int]]]:
    """table[i][j]: the best score over a[:i], b[:j], and the move that reached it (-1: a skip)."""
    one_one, one_two, two_one = table_scores
    table = [[(0.0, -1)] * (columns + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        for j in range(1, columns + 1):
            up, left = table[i - 1][j], table[i][j - 1]
            best = (up[0], -1) if up[0] >= left[0] else (left[0], -2)
            gains = (
                one_one[i - 1][j - 1] - threshold,
                one_two[i - 1][j - 2] - threshold - MERGE_PENALTY if j > 1 else 0.0,
                two_one[i - 2][j - 1] - threshold - MERGE_PENALTY if i > 1 else 0.0,
            )
            for move, gain in enumerate(gains):
                da, db = _MOVES[move]
                if gain > 0 and table[i - da][j - db][0] + gain > best[0]:
                    best = (table[i - da][j - db][0] + gain, move)
            table[i][j] = best
    return table


def _one_to_one(a: Sequence[SentenceInfo], b: Sequence[SentenceInfo], i: int, j: int) -> Match:
    score, share = similarity(a[i], b[j])
    return Match(i, i + 1, j, j + 1, score, share)


def _fits(a: SentenceInfo, b: SentenceInfo) -> bool:
    """Whether two sentences could be each other's translation by length, anchors aside."""
    ratio = math.log(max(a.chars, 1) / max(b.chars, 1))
    share = anchor_share(a.anchors, b.anchors)
    return abs(ratio) <= MAX_FIT_LOG_RATIO and (share is None or share > 0)


def _gap(
    a: Sequence[SentenceInfo],
    b: Sequence[SentenceInfo],
    gap_a: tuple[int, int],
    gap_b: tuple[int, int],
) -> list[Match]:
    """Matches inside a gap between two matches: all of it when both sides skipped as many
    sentences, else the best chain of the gap's sentences at a lower threshold."""
    (i, i_end), (j, j_end) = gap_a, gap_b
    if i_end - i == j_end - j:
        return [_one_to_one(a, b, i + k, j + k) for k in range(i_end - i)]
    inside = chain(a[i:i_end], b[j:j_end], GAP_THRESHOLD)
    return [
        Match(m.a_first + i, m.a_last + i, m.b_first + j, m.b_last + j, m.score, m.anchor_share)
        for m in inside
    ]


def fill_gaps(
    matches: list[Match], a: Sequence[SentenceInfo], b: Sequence[SentenceInfo]
) -> list[Match]:
    """The chain with the sentences it skipped matched where document order leaves no doubt:
    a gap of as many sentences on both sides between two matches, and, outward from the first
    and last match, neighbours whose lengths fit."""
    if not matches:
        return matches
    filled: list[Match] = []
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        filled.append(match)
        if following is None:
            break
        filled += _gap(a, b, (match.a_last, following.a_first), (match.b_last, following.b_first))
    i, j = filled[0].a_first - 1, filled[0].b_first - 1
    while i >= 0 and j >= 0 and _fits(a[i], b[j]):
        filled.insert(0, _one_to_one(a, b, i, j))
        i, j = i - 1, j - 1
    i, j = filled[-1].a_last, filled[-1].b_last
    while i < len(a) and j < len(b) and _fits(a[i], b[j]):
        filled.append(_one_to_one(a, b, i, j))
        i, j = i + 1, j + 1
    return filled


def align(a: Sequence[SentenceInfo], b: Sequence[SentenceInfo]) -> list[Match]:
    """The best monotone chain of sentence matches between a and b, in document order, with
    the gaps that order leaves no doubt about filled."""
    return fill_gaps(chain(a, b), a, b)


def chain(
    a: Sequence[SentenceInfo], b: Sequence[SentenceInfo], threshold: float = MATCH_THRESHOLD
) -> list[Match]:
    """The dynamic programme's chain of matches, each scoring above the threshold."""
    if not a or not b:
        return []
    found = scores(a, b)
    values = [found.one_one.tolist(), found.one_two.tolist(), found.two_one.tolist()]
    shares = (found.share_one_one, found.share_one_two, found.share_two_one)
    table = _best(values, len(a), len(b), threshold)
    matches: list[Match] = []
    i, j = len(a), len(b)
    while i > 0 and j > 0:
        move = table[i][j][1]
        if move == -1:
            i -= 1
        elif move == -2:
            j -= 1
        else:
            da, db = _MOVES[move]
            share = float(shares[move][i - da, j - db])
            score = values[move][i - da][j - db]
            matches.append(Match(i - da, i, j - db, j, score, None if math.isnan(share) else share))
            i, j = i - da, j - db
    return matches[::-1]
