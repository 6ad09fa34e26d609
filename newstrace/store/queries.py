"""Read-only questions the CLI and the web UI ask of a store."""

from __future__ import annotations

import sqlite3
from typing import Any

from newstrace.models import ReuseLink
from newstrace.models.reuse import LinkKind


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


_QUOTATION_LINKS_SQL = """
SELECT l.a, l.b, l.shared_tokens, l.coverage_a, l.coverage_b, l.verbatim_ratio,
       k.kind, k.reporting_tokens, k.quoted_tokens, k.boilerplate_tokens, k.speaker, k.evidence
FROM link_kinds k JOIN reuse_links l ON l.id = k.link_id
WHERE k.kind = 'shared quotation' ORDER BY l.a, l.b
"""


def quotation_links(conn: sqlite3.Connection) -> list[ReuseLink]:
    """Every link classified a shared quotation, with its kind (passages not read)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'link_kinds'").fetchone():
        return []
    return [
        ReuseLink(a, b, tokens, coverage_a, coverage_b, verbatim, (), kind=LinkKind(*kind))
        for a, b, tokens, coverage_a, coverage_b, verbatim, *kind in conn.execute(
            _QUOTATION_LINKS_SQL
        )
    ]


def article_headings(conn: sqlite3.Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Each article's outlet, title label, title and publication date, by id."""
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        rows = conn.execute(
            "SELECT a.id, o.name, a.title_label, a.title, a.published FROM articles a"
            " LEFT JOIN outlets o ON o.id = a.outlet_id"
            f" WHERE a.id IN ({','.join('?' * len(batch))})",
            batch,
        )
        for article, outlet, label, title, published in rows:
            found[article] = {
                "outlet": outlet, "title_label": label, "title": title, "published": published,
            }  # fmt: skip
    return found


def quoting_articles(conn: sqlite3.Connection, ids: list[int]) -> set[int]:
    """Which of these articles have a link classified a shared quotation."""
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        marks = ",".join("?" * len(batch))
        rows = conn.execute(
            "SELECT l.a, l.b FROM reuse_links l JOIN link_kinds k ON k.link_id = l.id"
            f" WHERE k.kind = 'shared quotation' AND (l.a IN ({marks}) OR l.b IN ({marks}))",
            batch + batch,
        )
        found.update(article for pair in rows for article in pair if article in batch)
    return found
