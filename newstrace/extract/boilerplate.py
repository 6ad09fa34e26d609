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
from newstrace.store.connection import transaction

MIN_REPOST_PARAGRAPHS = 2

_OCCURRENCES_SQL = """
SELECT a.outlet_id, x.text_hash, count(DISTINCT x.article_id) AS articles
FROM (
    SELECT article_id, text_hash FROM paragraphs WHERE length(text) <= :max_chars
    UNION ALL
    SELECT article_id, text_hash FROM boilerplate WHERE kind = 'site-repeated'
) AS x JOIN articles a ON a.id = x.article_id
WHERE a.outlet_id IS NOT NULL
GROUP BY a.outlet_id, x.text_hash
HAVING articles >= :min_stories
"""


@dataclass(frozen=True, slots=True)
class _Repeat:
    outlet_id: int
    outlet: str
    text_hash: str
    stories: int


def _candidates(conn: sqlite3.Connection, settings: Settings) -> dict[int, set[str]]:
    by_outlet: dict[int, set[str]] = defaultdict(set)
    params = {
        "max_chars": settings.site_boilerplate_max_chars,
        "min_stories": settings.site_boilerplate_min_stories,
    }
    for outlet_id, hash_, _count in conn.execute(_OCCURRENCES_SQL, params):
        by_outlet[outlet_id].add(hash_)
    return by_outlet


def _article_hashes(conn: sqlite3.Connection, outlet_id: int) -> dict[int, set[str]]:
    """Each article's paragraph hashes, plus a key for its title: versions share both."""
    hashes: dict[int, set[str]] = defaultdict(set)
    titles = conn.execute(
        "SELECT id, lower(trim(title)) FROM articles WHERE outlet_id = ? AND coalesce(title, '') != ''",
        (outlet_id,),
    )
    for article_id, title in titles:
        hashes[article_id].add("title:" + title)
    sql = (
        "SELECT p.article_id, p.text_hash FROM paragraphs p JOIN articles a ON a.id = p.article_id"
        " WHERE a.outlet_id = ? UNION ALL SELECT b.article_id, b.text_hash FROM boilerplate b"
        " JOIN articles a ON a.id = b.article_id WHERE a.outlet_id = ? AND b.kind = 'site-repeated'"
    )
    for article_id, hash_ in conn.execute(sql, (outlet_id, outlet_id)):
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
    name = conn.execute("SELECT name FROM outlets WHERE id = ?", (outlet_id,)).fetchone()[0]
    return [
        _Repeat(outlet_id, name, hash_, len(found))
        for hash_, found in stories.items()
        if len(found) >= settings.site_boilerplate_min_stories
    ]


def _move(conn: sqlite3.Connection, repeat: _Repeat) -> list[int]:
    """Move one repeated paragraph's occurrences into boilerplate; return the article ids touched."""
    rows = conn.execute(
        "SELECT p.id, p.article_id, p.position, p.text FROM paragraphs p JOIN articles a"
        " ON a.id = p.article_id WHERE a.outlet_id = ? AND p.text_hash = ?",
        (repeat.outlet_id, repeat.text_hash),
    ).fetchall()
    evidence = f"recurs in {repeat.stories} different stories of {repeat.outlet}"
    conn.executemany(
        "INSERT INTO boilerplate (article_id, position, text, kind, evidence, text_hash)"
        " VALUES (?, ?, ?, 'site-repeated', ?, ?)",
        [
            (article_id, position, text, evidence, repeat.text_hash)
            for _, article_id, position, text in rows
        ],
    )
    conn.executemany("DELETE FROM paragraphs WHERE id = ?", [(row[0],) for row in rows])
    return [row[1] for row in rows]


def _rebuild_bodies(conn: sqlite3.Connection, article_ids: set[int]) -> None:
    for article_id in sorted(article_ids):
        texts = [
            row[0]
            for row in conn.execute(
                "SELECT text FROM paragraphs WHERE article_id = ? ORDER BY position", (article_id,)
            )
        ]
        conn.execute("UPDATE articles SET body = ? WHERE id = ?", ("\n\n".join(texts), article_id))


def learn_site_boilerplate(db: sqlite_utils.Database, settings: Settings) -> int:
    """Move paragraphs repeated across an outlet's different stories out of the bodies; count them."""
    moved = 0
    with transaction(db) as conn:
        for outlet_id, candidates in _candidates(conn, settings).items():
            touched: list[int] = []
            for repeat in _repeats_for_outlet(conn, outlet_id, candidates, settings):
                touched += _move(conn, repeat)
            moved += len(touched)
            _rebuild_bodies(conn, set(touched))
    return moved
