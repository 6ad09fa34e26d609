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


def _postings(
    profiles: Sequence[Profile], vectors: list[dict[str, float]]
) -> dict[str, dict[str, list[int]]]:
    """Per language, the articles holding each anchor that is rare enough to say something."""
    limit = max(MIN_ANCHOR_ARTICLES, MAX_DOC_FREQUENCY * len(profiles))
    held: Counter[str] = Counter()
    postings: dict[str, dict[str, list[int]]] = {}
    for profile, vector in zip(profiles, vectors, strict=True):
        held.update(vector.keys())
        language = postings.setdefault(profile.language, {})
        for key in vector:
            language.setdefault(key, []).append(profile.index)
    return {
        language: {k: v for k, v in keys.items() if held[k] <= limit}
        for language, keys in postings.items()
    }


def candidate_pairs(
    profiles: Sequence[Profile],
    weights: dict[str, float],
    window_days: int,
    choosers: set[int] | None = None,
) -> list[tuple[int, int, float]]:
    """(i, j, score) with i < j: each article's best partners in another language (only the
    choosers' partners when given: the pages of the small languages, when the big language's
    side was retrieved for them). Of two languages, the articles of the one with fewer choose
    among the other's (both, when as many): a translation is found from either side, and a
    store of one big language and a few pages of others costs little more than reading them."""
    vectors = [_vector(p, weights) for p in profiles]
    postings = _postings(profiles, vectors)
    sizes = Counter(p.language for p in profiles)
    kept: dict[tuple[int, int], float] = {}
    for profile, vector in zip(profiles, vectors, strict=True):
        if choosers is not None and profile.index not in choosers:
            continue
        scores: dict[int, float] = {}
        for language, keys in postings.items():
            if language == profile.language or sizes[language] < sizes[profile.language]:
                continue
            for key, value in vector.items():
                for other in keys.get(key, ()):
                    scores[other] = scores.get(other, 0.0) + value * vectors[other][key]
        partners = [
            (score, other)
            for other, score in scores.items()
            if score >= MIN_CANDIDATE_SCORE and _within(profile, profiles[other], window_days)
        ]
        for score, other in sorted(partners, reverse=True)[:CANDIDATES_PER_ARTICLE]:
            kept[min(profile.index, other), max(profile.index, other)] = score
    return [(i, j, score) for (i, j), score in sorted(kept.items())]
