"""The match scores of every sentence pair of two texts at once, as NumPy matrices: each score is
what align.similarity gives the pair, for single sentences and for two sentences taken as one."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

LENGTH_SIGMA = 0.7  # spread of log(length ratio) between a sentence and its translation
NO_ANCHOR_SCORE = 0.35  # what two anchor-less sentences of matching length score


@dataclass(frozen=True, slots=True)
class SentenceInfo:
    """What alignment needs of a sentence: its length and anchors with their weights."""

    chars: int
    anchors: Mapping[str, float]


def anchor_share(a: Mapping[str, float], b: Mapping[str, float]) -> float | None:
    """Weighted Dice overlap of two anchor sets; None when neither side has an anchor."""
    total = sum(a.values()) + sum(b.values())
    if total <= 0:
        return None
    return 2 * sum(w for key, w in a.items() if key in b) / total


def similarity(a: SentenceInfo, b: SentenceInfo) -> tuple[float, float | None]:
    """How well two sentences match as a translation pair (0..1), and their anchor share."""
    ratio = math.log(max(a.chars, 1) / max(b.chars, 1))
    length = math.exp(-(ratio**2) / (2 * LENGTH_SIGMA**2))
    share = anchor_share(a.anchors, b.anchors)
    lexical = NO_ANCHOR_SCORE if share is None else share
    return lexical * (0.5 + 0.5 * length), share


@dataclass(frozen=True, slots=True)
class Scores:
    """Scores and anchor shares (NaN: neither side has an anchor) of sentence groups."""

    one_one: np.ndarray  # a[i] with b[j]
    two_one: np.ndarray  # a[i:i+2] with b[j]
    one_two: np.ndarray  # a[i] with b[j:j+2]
    share_one_one: np.ndarray
    share_two_one: np.ndarray
    share_one_two: np.ndarray


def _matrix(
    items: Sequence[SentenceInfo], index: dict[str, int], weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Which anchors each sentence holds (rows) and each sentence's length."""
    held = np.zeros((len(items), len(index)), dtype=np.float64)
    for row, item in enumerate(items):
        for key in item.anchors:
            held[row, index[key]] = 1.0
    return held, np.array([max(item.chars, 1) for item in items], dtype=np.float64)


def _pairwise(
    a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray], weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Scores and anchor shares of every row of a with every row of b."""
    (held_a, chars_a), (held_b, chars_b) = a, b
    shared = (held_a * weights) @ held_b.T
    total = (held_a @ weights)[:, None] + (held_b @ weights)[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(total > 0, 2 * shared / total, np.nan)
    lexical = np.where(np.isnan(share), NO_ANCHOR_SCORE, share)
    ratio = np.log(chars_a[:, None] / chars_b[None, :])
    length = np.exp(-(ratio**2) / (2 * LENGTH_SIGMA**2))
    return lexical * (0.5 + 0.5 * length), share


def _pairs_merged(held: np.ndarray, chars: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each two neighbouring sentences as one: their anchors together, their lengths added."""
    return np.maximum(held[:-1], held[1:]), chars[:-1] + chars[1:]


def scores(a: Sequence[SentenceInfo], b: Sequence[SentenceInfo]) -> Scores:
    """Every match score between the sentences (and sentence pairs) of a and b."""
    weight_of: dict[str, float] = {}
    for item in [*a, *b]:
        weight_of.update(item.anchors)
    index = {key: n for n, key in enumerate(weight_of)}
    weights = np.array(list(weight_of.values()), dtype=np.float64)
    side_a, side_b = _matrix(a, index, weights), _matrix(b, index, weights)
    one_one, share_one_one = _pairwise(side_a, side_b, weights)
    two_one, share_two_one = _pairwise(_pairs_merged(*side_a), side_b, weights)
    one_two, share_one_two = _pairwise(side_a, _pairs_merged(*side_b), weights)
    return Scores(one_one, two_one, one_two, share_one_one, share_two_one, share_one_two)
