"""Read-only questions the CLI asks of a store."""

from __future__ import annotations

import sqlite3


def known_hashes(conn: sqlite3.Connection, hashes: list[str]) -> set[str]:
    """Which of these content hashes are already stored without an error."""
    found: set[str] = set()
    for start in range(0, len(hashes), 500):
        chunk = hashes[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            row[0]
            for row in conn.execute(
                f"SELECT content_hash FROM documents WHERE error IS NULL AND content_hash IN ({marks})",
                chunk,
            )
        )
    return found


def article_ids(conn: sqlite3.Connection) -> list[int]:
    """All article ids in order."""
    return [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id")]


def corpus_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Headline counts of a store: documents, articles, outlets, failures and parts."""
    tables = [
        "documents",
        "articles",
        "outlets",
        "paragraphs",
        "comments",
        "boilerplate",
        "attributions",
        "media",
        "tags",
    ]
    counts = {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables
    }
    counts["failures"] = conn.execute(
        "SELECT count(*) FROM documents WHERE error IS NOT NULL"
    ).fetchone()[0]
    return counts
