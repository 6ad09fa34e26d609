"""The queries of site-boilerplate learning: repeated paragraphs, an outlet's stories, the move."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

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

_OUTLET_HASHES_SQL = """
SELECT p.article_id, p.text_hash FROM paragraphs p JOIN articles a ON a.id = p.article_id
WHERE a.outlet_id = ?
UNION ALL
SELECT b.article_id, b.text_hash FROM boilerplate b JOIN articles a ON a.id = b.article_id
WHERE a.outlet_id = ? AND b.kind = 'site-repeated'
"""


def repeated_paragraphs(
    conn: sqlite3.Connection, max_chars: int, min_articles: int
) -> dict[int, set[str]]:
    """Per outlet id, the hashes of short paragraphs found in at least min_articles articles."""
    by_outlet: dict[int, set[str]] = defaultdict(set)
    params = {"max_chars": max_chars, "min_stories": min_articles}
    for outlet_id, hash_, _count in conn.execute(_OCCURRENCES_SQL, params):
        by_outlet[outlet_id].add(hash_)
    return by_outlet


def outlet_titles(conn: sqlite3.Connection, outlet_id: int) -> list[tuple[int, str]]:
    """(article id, lower-cased title) of an outlet's articles that have a title."""
    sql = (
        "SELECT id, lower(trim(title)) FROM articles"
        " WHERE outlet_id = ? AND coalesce(title, '') != ''"
    )
    return conn.execute(sql, (outlet_id,)).fetchall()


def outlet_paragraph_hashes(conn: sqlite3.Connection, outlet_id: int) -> list[tuple[int, str]]:
    """(article id, paragraph hash) of an outlet's body paragraphs and site-repeated boilerplate."""
    return conn.execute(_OUTLET_HASHES_SQL, (outlet_id, outlet_id)).fetchall()


def outlet_name(conn: sqlite3.Connection, outlet_id: int) -> str:
    """The name of a stored outlet."""
    return str(conn.execute("SELECT name FROM outlets WHERE id = ?", (outlet_id,)).fetchone()[0])


def move_to_boilerplate(
    conn: sqlite3.Connection, outlet_id: int, text_hash: str, evidence: str
) -> list[int]:
    """Move one paragraph's occurrences in an outlet's bodies into site-repeated boilerplate."""
    rows = conn.execute(
        "SELECT p.id, p.article_id, p.position, p.text FROM paragraphs p JOIN articles a"
        " ON a.id = p.article_id WHERE a.outlet_id = ? AND p.text_hash = ?",
        (outlet_id, text_hash),
    ).fetchall()
    conn.executemany(
        "INSERT INTO boilerplate (article_id, position, text, kind, evidence, text_hash)"
        " VALUES (?, ?, ?, 'site-repeated', ?, ?)",
        [
            (article_id, position, text, evidence, text_hash)
            for _, article_id, position, text in rows
        ],
    )
    conn.executemany("DELETE FROM paragraphs WHERE id = ?", [(row[0],) for row in rows])
    return [row[1] for row in rows]


def rebuild_bodies(conn: sqlite3.Connection, article_ids: set[int]) -> None:
    """Set each article's body to its remaining paragraphs, in order."""
    for article_id in sorted(article_ids):
        texts = [
            row[0]
            for row in conn.execute(
                "SELECT text FROM paragraphs WHERE article_id = ? ORDER BY position", (article_id,)
            )
        ]
        conn.execute("UPDATE articles SET body = ? WHERE id = ?", ("\n\n".join(texts), article_id))


def short_paragraphs(
    conn: sqlite3.Connection, outlet_id: int, max_chars: int
) -> list[tuple[int, int, str]]:
    """(paragraph id, article id, text) of an outlet's body paragraphs up to max_chars long."""
    return conn.execute(
        "SELECT p.id, p.article_id, p.text FROM paragraphs p JOIN articles a"
        " ON a.id = p.article_id WHERE a.outlet_id = ? AND length(p.text) <= ?",
        (outlet_id, max_chars),
    ).fetchall()


def outlet_ids(conn: sqlite3.Connection) -> list[int]:
    """Every stored outlet's id."""
    return [row[0] for row in conn.execute("SELECT id FROM outlets ORDER BY id")]


def move_paragraphs(conn: sqlite3.Connection, paragraph_ids: list[int], evidence: str) -> list[int]:
    """Move the given body paragraphs into site-repeated boilerplate; the article ids touched."""
    marks = ",".join("?" * len(paragraph_ids))
    rows = conn.execute(
        f"SELECT id, article_id, position, text, text_hash FROM paragraphs WHERE id IN ({marks})",
        paragraph_ids,
    ).fetchall()
    conn.executemany(
        "INSERT INTO boilerplate (article_id, position, text, kind, evidence, text_hash)"
        " VALUES (?, ?, ?, 'site-repeated', ?, ?)",
        [
            (article_id, position, text, evidence, hash_)
            for _, article_id, position, text, hash_ in rows
        ],
    )
    conn.executemany("DELETE FROM paragraphs WHERE id = ?", [(row[0],) for row in rows])
    return [row[1] for row in rows]
