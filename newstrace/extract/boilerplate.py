"""Site-level boilerplate: paragraphs one outlet repeats across different stories leave the body.

A paragraph counts as site boilerplate when it recurs in at least
`settings.site_boilerplate_min_stories` different stories of one outlet. Articles that share
other paragraphs are taken as versions of one story (an update, a re-scrape), so a paragraph
repeated only across versions of the same story stays in the body.

A teaser is site boilerplate too: a short paragraph that opens with the words other short
paragraphs of the outlet open with, in that many different articles, and ends without a
sentence's closing punctuation — a link to another story ("Also on example.com <headline>",
"READ MORE: <headline>"), whose words after the lead differ every time. A sentence of news
ends in a full stop, so reporting that happens to open alike stays.

Store-wide boilerplate shared by many outlets (a widget, a syndication footer) is learned
from the reuse links instead (reuse/kinds.py).
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

import sqlite_utils

from newstrace.settings import Settings
from newstrace.store.boilerplate import (
    move_paragraphs,
    move_to_boilerplate,
    outlet_ids,
    outlet_name,
    outlet_paragraph_hashes,
    outlet_titles,
    rebuild_bodies,
    repeated_paragraphs,
    short_paragraphs,
)
from newstrace.store.connection import transaction

MIN_REPOST_PARAGRAPHS = 2
TEASER_MAX_CHARS = 220  # a teaser: a lead and a headline
TEASER_LEAD_WORDS = 3  # the words every teaser of a kind opens with
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


@dataclass(frozen=True, slots=True)
class _Repeat:
    outlet_id: int
    outlet: str
    text_hash: str
    stories: int


def _article_hashes(conn: sqlite3.Connection, outlet_id: int) -> dict[int, set[str]]:
    """Each article's paragraph hashes, plus a key for its title: versions share both."""
    hashes: dict[int, set[str]] = defaultdict(set)
    for article_id, title in outlet_titles(conn, outlet_id):
        hashes[article_id].add("title:" + title)
    for article_id, hash_ in outlet_paragraph_hashes(conn, outlet_id):
        hashes[article_id].add(hash_)
    return hashes


def _story_keys(hashes: set[str], candidates: set[str]) -> set[str]:
    """Keys two versions of one story share: a title, a paragraph no other story repeats, or,
    for an article made mostly of repeated paragraphs, the exact set of them (a re-post)."""
    keys = hashes - candidates
    repeated = hashes & candidates
    paragraphs = sum(not h.startswith("title:") for h in hashes)
    if len(repeated) >= MIN_REPOST_PARAGRAPHS and len(repeated) * 2 >= paragraphs:
        keys.add("set:" + "|".join(sorted(repeated)))
    return keys


def story_of(article_hashes: dict[int, set[str]], candidates: set[str]) -> dict[int, int]:
    """Union articles sharing a title or a paragraph other than the candidates: one story's versions."""
    parent = {article: article for article in article_hashes}

    def find(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    first_with: dict[str, int] = {}
    for article, hashes in article_hashes.items():
        for key in _story_keys(hashes, candidates):
            other = first_with.setdefault(key, article)
            parent[find(article)] = find(other)
    return {article: find(article) for article in article_hashes}


def _repeats_for_outlet(
    conn: sqlite3.Connection, outlet_id: int, candidates: set[str], settings: Settings
) -> list[_Repeat]:
    article_hashes = _article_hashes(conn, outlet_id)
    story = story_of(article_hashes, candidates)
    stories: dict[str, set[int]] = defaultdict(set)
    for article, hashes in article_hashes.items():
        for hash_ in hashes & candidates:
            stories[hash_].add(story[article])
    name = outlet_name(conn, outlet_id)
    return [
        _Repeat(outlet_id, name, hash_, len(found))
        for hash_, found in stories.items()
        if len(found) >= settings.site_boilerplate_min_stories
    ]


def _move(conn: sqlite3.Connection, repeat: _Repeat) -> list[int]:
    """Move one repeated paragraph's occurrences into boilerplate; return the article ids touched."""
    evidence = f"recurs in {repeat.stories} different stories of {repeat.outlet}"
    return move_to_boilerplate(conn, repeat.outlet_id, repeat.text_hash, evidence)


def _teasers(conn: sqlite3.Connection, outlet_id: int, min_articles: int) -> dict[str, list[int]]:
    """An outlet's teaser paragraphs by their shared lead: lead -> paragraph ids."""
    by_lead: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for paragraph_id, article_id, text in short_paragraphs(conn, outlet_id, TEASER_MAX_CHARS):
        words = text.split()
        if len(words) > TEASER_LEAD_WORDS + 2 and not SENTENCE_END.search(text):
            by_lead[" ".join(words[:TEASER_LEAD_WORDS])].append((paragraph_id, article_id, text))
    return {
        lead: [row[0] for row in rows]
        for lead, rows in by_lead.items()
        if len({row[1] for row in rows}) >= min_articles and len({row[2] for row in rows}) > 1
    }


def _move_teasers(conn: sqlite3.Connection, settings: Settings) -> list[int]:
    touched: list[int] = []
    for outlet_id in outlet_ids(conn):
        name = outlet_name(conn, outlet_id)
        for lead, ids in _teasers(conn, outlet_id, settings.site_boilerplate_min_stories).items():
            evidence = f"teaser: opens with “{lead}” in {len(ids)} paragraphs of {name}"
            touched += move_paragraphs(conn, ids, evidence)
    return touched


def learn_site_boilerplate(db: sqlite_utils.Database, settings: Settings) -> int:
    """Move paragraphs repeated across an outlet's different stories out of the bodies; count them."""
    moved = 0
    with transaction(db) as conn:
        repeated = repeated_paragraphs(
            conn, settings.site_boilerplate_max_chars, settings.site_boilerplate_min_stories
        )
        for outlet_id, candidates in repeated.items():
            touched: list[int] = []
            for repeat in _repeats_for_outlet(conn, outlet_id, candidates, settings):
                touched += _move(conn, repeat)
            moved += len(touched)
            rebuild_bodies(conn, set(touched))
        teasers = _move_teasers(conn, settings)
        rebuild_bodies(conn, set(teasers))
    return moved + len(teasers)
