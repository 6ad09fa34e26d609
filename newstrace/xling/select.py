"""Which aligned pairs are translations: each article's best partners in a language, by margin
over the neighbours as in bitext mining, then the sentence embeddings of each pair's best aligned
sentences, which must be close and, among rivals in one language, the closest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from newstrace.models import Article
from newstrace.xling.align import Match
from newstrace.xling.embed import Embedder, mean_similarities
from newstrace.xling.sentences import Sentence

MARGIN = 0.6  # share of an article's best anchor similarity in a language a pair must reach
VERIFY_MATCHES = 2  # aligned sentence groups of a contested pair that are embedded
EMBED_MARGIN = 0.02  # a rival within this cosine of the best is kept (two translations of one text)
MIN_EMBEDDED_SIMILARITY = 0.83  # cosine below which aligned sentences are not translations


@dataclass(frozen=True, slots=True)
class Aligned:
    """A candidate pair after alignment: a (lower id) and b, their matches, their scores."""

    a: Article
    b: Article
    a_sentences: Sequence[Sentence]
    b_sentences: Sequence[Sentence]
    matches: list[Match]
    score: float  # anchor similarity of the two articles
    checked: list[Match] | None = None  # the matches embedded to check the pair (None: all)
    embedded: float | None = None  # mean cosine of the embedded aligned sentences


def _sides(item: Aligned) -> tuple[tuple[int, str], tuple[int, str]]:
    """(article, partner language) for both ends of the pair."""
    return (id(item.a), item.b.language or ""), (id(item.b), item.a.language or "")


def by_margin(items: list[Aligned]) -> list[Aligned]:
    """Pairs whose anchor similarity comes near the best of both articles in the other's language:
    two outlets' own reports of one event share fewer anchors than either does with its
    translation."""
    best: dict[tuple[int, str], float] = {}
    for item in items:
        for side in _sides(item):
            best[side] = max(best.get(side, 0.0), item.score)
    return [i for i in items if all(i.score >= MARGIN * best[s] for s in _sides(i))]


def _texts(item: Aligned) -> list[tuple[str, str]]:
    """The texts of the pair's best aligned sentence groups."""
    matches = item.matches if item.checked is None else item.checked
    chosen = sorted(matches, key=lambda m: -m.score)[:VERIFY_MATCHES]
    return [
        (
            " ".join(s.text for s in item.a_sentences[m.a_first : m.a_last]),
            " ".join(s.text for s in item.b_sentences[m.b_first : m.b_last]),
        )
        for m in chosen
    ]


def by_embedding(items: list[Aligned], embedder: Embedder) -> list[Aligned]:
    """Pairs whose aligned sentences embed as translations, and, where an article has rivals in
    the partner's language, as close as the best rival's. Every pair is checked: a store may not
    hold an article's true translation, and then the best of the rest is not one."""
    similarities = mean_similarities(embedder, [_texts(i) for i in items])
    scored = [replace(i, embedded=s) for i, s in zip(items, similarities, strict=True)]
    best: dict[tuple[int, str], float] = {}
    for item in scored:
        for side in _sides(item):
            best[side] = max(best.get(side, 0.0), item.embedded or 0.0)
    return [i for i in scored if _close_to_best(i, best)]


def _close_to_best(item: Aligned, best: dict[tuple[int, str], float]) -> bool:
    embedded = item.embedded or 0.0
    return embedded >= MIN_EMBEDDED_SIMILARITY and all(
        embedded >= best[s] - EMBED_MARGIN for s in _sides(item)
    )
