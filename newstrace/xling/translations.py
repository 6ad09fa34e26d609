"""Translated copies: candidate pairs across languages, their sentences aligned in document order,
and the pairs whose aligned sentences agree kept as links of kind "translation"."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from newstrace.extract.language import paragraph_language
from newstrace.models import Article
from newstrace.models.reuse import LinkKind, Passage, ReuseLink
from newstrace.xling.align import Match, SentenceInfo, chain, fill_gaps
from newstrace.xling.anchors import anchors
from newstrace.xling.candidates import Profile, candidate_pairs, idf
from newstrace.xling.embed import Embedder
from newstrace.xling.select import Aligned, by_embedding, by_margin
from newstrace.xling.sentences import Sentence, split_sentences

TRANSLATION = "translation"
WINDOW_DAYS = 30  # a translation appears within this many days of its original
MIN_ALIGNED = 2  # fewer aligned sentences than this is a shared phrase, not a translation
MIN_AGREEING = 2  # aligned sentence pairs whose anchors agree
MIN_AGREEMENT = 0.6  # share of the aligned pairs holding anchors whose anchors agree
AGREEING_SHARE = 0.4  # anchor share from which an aligned pair's anchors agree
MIN_COVERAGE = 0.25  # share of the smaller side's sentences that must be aligned


@dataclass(frozen=True, slots=True)
class Translation:
    """A translated copy: the link (kind "translation") and each passage's similarity."""

    link: ReuseLink
    language_a: str
    language_b: str
    similarities: tuple[float, ...]  # one per passage of the link, 0..1

    def to_json(self) -> dict[str, Any]:
        """The translation as plain values: ids, languages, coverage and aligned passages."""
        return {
            "kind": TRANSLATION,
            "a": self.link.a,
            "b": self.link.b,
            "language_a": self.language_a,
            "language_b": self.language_b,
            "coverage_a": self.link.coverage_a,
            "coverage_b": self.link.coverage_b,
            "passages": [
                {**p.to_json(), "similarity": s}
                for p, s in zip(self.link.passages, self.similarities, strict=True)
            ],
        }


@dataclass(frozen=True, slots=True)
class Text:
    """An article as the stage reads it: its sentences and each sentence's anchors."""

    article: Article
    sentences: list[Sentence]
    anchors: list[list[str]]


Candidate = tuple[int, int, float]  # two text indices and their anchor similarity
# A candidate whose sentences aligned: its matches, and those that can be a translation.
AlignedRow = tuple[int, int, float, list[Match], list[Match]]


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _infos(text: Text, other: Text, weights: dict[str, float]) -> list[SentenceInfo]:
    """Each sentence's length and weighted anchors, keeping only anchors the other text also
    holds: a noun capitalised in one language, or a figure the other side dropped, is no evidence."""
    shared = {k for found in text.anchors for k in found} & {
        k for found in other.anchors for k in found
    }
    return [
        SentenceInfo(len(s.text), {k: weights.get(k, 0.0) for k in found if k in shared})
        for s, found in zip(text.sentences, text.anchors, strict=True)
    ]


def _accepted(matches: list[Match], a: Text, b: Text) -> bool:
    """Whether the aligned sentences make a translation, not two reports of one event."""
    anchored = [m.anchor_share for m in matches if m.anchor_share is not None]
    agreeing = sum(1 for share in anchored if share >= AGREEING_SHARE)
    smaller = min(len(a.sentences), len(b.sentences))
    aligned = min(
        sum(m.a_last - m.a_first for m in matches), sum(m.b_last - m.b_first for m in matches)
    )
    return (
        len(matches) >= MIN_ALIGNED
        and agreeing >= MIN_AGREEING
        and agreeing >= MIN_AGREEMENT * len(anchored)
        and aligned >= MIN_COVERAGE * smaller
    )


def _group_language(sentences: Sequence[Sentence]) -> str | None:
    return paragraph_language(" ".join(s.text for s in sentences))[0]


def _translated(matches: list[Match], a: Text, b: Text) -> list[Match]:
    """The matches that can be a translation: not two sentences in one language (a mixed page,
    an untranslated quotation)."""
    kept = []
    for m in matches:
        here = _group_language(a.sentences[m.a_first : m.a_last])
        there = _group_language(b.sentences[m.b_first : m.b_last])
        if here is None or here != there:
            kept.append(m)
    return kept


def _coverage(sentences: Sequence[Sentence], spans: list[tuple[int, int]]) -> float:
    """Share of the body's sentence characters inside the aligned spans."""
    letters = sum(len(s.text) for s in sentences) or 1
    return round(min(1.0, sum(end - start for start, end in spans) / letters), 4)


def _passage(item: Aligned, match: Match) -> Passage:
    """The aligned sentence group as a passage: offsets in both bodies, the copy's words, and
    the weighted share of anchors both sides hold."""
    a, b = item.a_sentences, item.b_sentences
    words = sum(len(s.text.split()) for s in b[match.b_first : match.b_last])
    return Passage(
        a[match.a_first].start,
        a[match.a_last - 1].end,
        b[match.b_first].start,
        b[match.b_last - 1].end,
        words,
        round(match.anchor_share or 0.0, 4),
    )


def _link(item: Aligned) -> Translation:
    """The translation link of an aligned pair, a passage per aligned sentence group."""
    passages = tuple(_passage(item, m) for m in item.matches)
    words = sum(p.tokens for p in passages)
    kind = LinkKind(
        TRANSLATION, words, 0, 0, None, f"{len(passages)} sentences aligned across languages"
    )
    link = ReuseLink(
        int(item.a.id or 0),
        int(item.b.id or 0),
        words,
        _coverage(item.a_sentences, [(p.a_start, p.a_end) for p in passages]),
        _coverage(item.b_sentences, [(p.b_start, p.b_end) for p in passages]),
        0.0,  # a translation shares no verbatim text
        passages,
        same_outlet=item.a.outlet is not None and item.a.outlet == item.b.outlet,
        kind=kind,
    )
    similarities = tuple(round(m.score, 4) for m in item.matches)
    return Translation(link, item.a.language or "", item.b.language or "", similarities)


def _text(article: Article) -> Text:
    sentences = split_sentences(article.body)
    return Text(article, sentences, [anchors(s.text) for s in sentences])


def prepare(
    articles: Sequence[Article], window_days: int = WINDOW_DAYS, choosers: set[int] | None = None
) -> tuple[list[Text], dict[str, float], list[Candidate]]:
    """The articles of known language as texts with anchors, the anchors' weights, and the
    candidate pairs (i, j, score) of text indices: the cheap stage, no model run. With choosers
    (article ids), only those articles' best partners are candidates."""
    known = [a for a in articles if a.language and a.id is not None]
    texts = [_text(a) for a in known]
    profiles = [
        Profile(
            i,
            t.article.language or "",
            _day(t.article.published),
            Counter(k for found in t.anchors for k in found),
        )
        for i, t in enumerate(texts)
    ]
    weights = idf(profiles)
    chosen = (
        None if choosers is None else {i for i, t in enumerate(texts) if t.article.id in choosers}
    )
    return texts, weights, candidate_pairs(profiles, weights, window_days, chosen)


def align_candidates(
    texts: Sequence[Text], weights: dict[str, float], candidates: Sequence[Candidate]
) -> list[AlignedRow]:
    """The candidates whose sentences align as a translation: (i, j, score, matches, the
    matches that can be a translation), i the
    text of the lower article id. Each pair is independent, so any split of the candidates
    gives the same rows (the Ray engine aligns them in tasks)."""
    rows: list[AlignedRow] = []
    for i, j, score in candidates:
        i, j = sorted((i, j), key=lambda k: int(texts[k].article.id or 0))
        a, b = texts[i], texts[j]
        infos_a, infos_b = _infos(a, b, weights), _infos(b, a, weights)
        matches = chain(infos_a, infos_b)
        if not _accepted(matches, a, b):
            continue
        # The link keeps every aligned sentence; the sentences embedded to check it are taken
        # from the matches that can be a translation (not two sentences in one language).
        filled = fill_gaps(matches, infos_a, infos_b)
        rows.append((i, j, score, filled, _translated(filled, a, b) or filled))
    return rows


def select(
    texts: Sequence[Text], rows: Sequence[AlignedRow], embedder: Embedder | None = None
) -> list[Translation]:
    """The aligned pairs kept as translations: by margin, then by embedding when given."""
    aligned = [
        Aligned(texts[i].article, texts[j].article, texts[i].sentences, texts[j].sentences, m, s, c)
        for i, j, s, m, c in rows
    ]
    kept = by_margin(aligned)
    if embedder is not None:
        kept = by_embedding(kept, embedder)
    return [_link(item) for item in kept]


def find_translations(
    articles: Sequence[Article],
    window_days: int = WINDOW_DAYS,
    embedder: Embedder | None = None,
) -> list[Translation]:
    """Translated copies among the articles: pairs in different (known) languages whose
    sentences align in order and agree on their numbers and names. With an embedder (E5Embedder),
    every pair's best aligned sentences must embed as translations, and rivals are told apart."""
    texts, weights, candidates = prepare(articles, window_days)
    return select(texts, align_candidates(texts, weights, candidates), embedder)
