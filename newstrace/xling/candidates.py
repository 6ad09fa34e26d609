"""Cheap candidate pairs across languages: articles in different languages, published within a
time window, that share rare anchors (numbers, names, addresses). No model is run here."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

MAX_DOC_FREQUENCY = 0.05  # anchors in more of the articles than this say nothing of a pair
MIN_ANCHOR_ARTICLES = 50  # ... unless the collection is small, where this many are allowed
CANDIDATES_PER_ARTICLE = 5  # best-scoring partners of each article kept for alignment
MIN_CANDIDATE_SCORE = 0.03  # cosine of the anchor vectors below which no pair is proposed


@dataclass(frozen=True, slots=True)
class Profile:
    """One article as the candidate stage sees it."""

    index: int
    language: str
    day: date | None
    anchors: Counter[str]


def idf(profiles: Sequence[Profile]) -> dict[str, float]:
    """Each anchor's inverse document frequency over the articles."""
    frequency: Counter[str] = Counter()
    for profile in profiles:
        frequency.update(profile.anchors.keys())
    total = len(profiles) + 1
    return {key: math.log(total / count) for key, count in frequency.items()}


def _vector(profile: Profile, weights: dict[str, float]) -> dict[str, float]:
    vector = {k: (1 + math.log(n)) * weights[k] for k, n in profile.anchors.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {k: v / norm for k, v in vector.items()}


def _within(a: Profile, b: Profile, window_days: int) -> bool:
    return a.day is None or b.day is None or abs((a.day - b.day).days) <= window_days


def candidate_pairs(
    profiles: Sequence[Profile], weights: dict[str, float], window_days: int
) -> list[tuple[int, int, float]]:
    """(i, j, score) with i < j: each article's best partners in another language."""
    limit = max(MIN_ANCHOR_ARTICLES, MAX_DOC_FREQUENCY * len(profiles))
    vectors = [_vector(p, weights) for p in profiles]
    postings: dict[str, list[int]] = {}
    for profile, vector in zip(profiles, vectors, strict=True):
        for key in vector:
            postings.setdefault(key, []).append(profile.index)
    postings = {k: v for k, v in postings.items() if len(v) <= limit}
    kept: dict[tuple[int, int], float] = {}
    for profile, vector in zip(profiles, vectors, strict=True):
        scores: dict[int, float] = {}
        for key, value in vector.items():
            for other in postings.get(key, ()):
                scores[other] = scores.get(other, 0.0) + value * vectors[other][key]
        partners = [
            (score, other)
            for other, score in scores.items()
            if profiles[other].language != profile.language
            and score >= MIN_CANDIDATE_SCORE
            and _within(profile, profiles[other], window_days)
        ]
        for score, other in sorted(partners, reverse=True)[:CANDIDATES_PER_ARTICLE]:
            kept[min(profile.index, other), max(profile.index, other)] = score
    return [(i, j, score) for (i, j), score in sorted(kept.items())]
