"""Site-level boilerplate: paragraphs one outlet repeats across different stories leave the body.

A paragraph counts as site boilerplate when it recurs in at least
`settings.site_boilerplate_min_stories` different stories of one outlet. Articles that share
other paragraphs are taken as versions of one story (an update, a re-scrape), so a paragraph
repeated only across versions of the same story stays in the body.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass

import sqlite_utils

from newstrace.settings import Settings
from newstrace.store.boilerplate import (
    move_to_boilerplate,
    outlet_name,
    outlet_paragraph_hashes,
    outlet_titles,
    rebuild_bodies,
    repeated_paragraphs,
)
from newstrace.store.connection import transaction

MIN_REPOST_PARAGRAPHS = 2


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


def _story_of(article_hashes: dict[int, set[str]], candidates: set[str]) -> dict[int, int]:
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
    story = _story_of(article_hashes, candidates)
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
    return moved
