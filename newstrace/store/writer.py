"""Writing documents and their extracted articles; callers hold the transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from urllib.parse import urlsplit

import xxhash

from newstrace.models import Article, Document, Failure
from newstrace.normalize import comparison_key


def now_iso() -> str:
    """The current UTC time as ISO 8601, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def text_hash(text: str) -> str:
    """The hash paragraphs are compared by: straight quotes, folded case, single spaces."""
    return xxhash.xxh3_64_hexdigest(comparison_key(text).encode())


def failure_hash(failure: Failure) -> str:
    """A stable key for a failed item with no content, so a retry replaces it."""
    return "failure:" + xxhash.xxh3_128_hexdigest(
        f"{failure.source}\0{failure.source_id or ''}".encode()
    )


def outlet_domain(url: str | None) -> str | None:
    """The host of a URL without a leading www., or None."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def outlet_id(conn: sqlite3.Connection, name: str | None, url: str | None) -> int | None:
    """The id of the outlet with this name, created on first sight."""
    if not name:
        return None
    row = conn.execute(
        "INSERT INTO outlets (name, domain) VALUES (?, ?) ON CONFLICT (name) DO UPDATE "
        "SET domain = coalesce(outlets.domain, excluded.domain) RETURNING id",
        (name, outlet_domain(url)),
    ).fetchone()
    return int(row[0])


def start_ingest_run(conn: sqlite3.Connection, inputs: Sequence[str]) -> int:
    """Record the start of an ingest run over these inputs; return its id."""
    row = conn.execute(
        "INSERT INTO ingest_runs (started_at, inputs) VALUES (?, ?) RETURNING id",
        (now_iso(), "\n".join(inputs)),
    ).fetchone()
    return int(row[0])


def finish_ingest_run(
    conn: sqlite3.Connection, run_id: int, documents: int, articles: int, failures: int
) -> None:
    """Record the end of an ingest run and what it stored."""
    conn.execute(
        "UPDATE ingest_runs SET finished_at = ?, documents = ?, articles = ?, failures = ?"
        " WHERE id = ?",
        (now_iso(), documents, articles, failures, run_id),
    )


def write_document(conn: sqlite3.Connection, document: Document, error: str | None) -> int:
    """Insert a document (or refresh the error of one already stored); return its id."""
    row = conn.execute(
        "INSERT INTO documents (source, source_id, format, url, content, content_hash, encoding,"
        " ingested_at, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash)"
        " DO UPDATE SET error = excluded.error, ingested_at = excluded.ingested_at RETURNING id",
        (
            document.source,
            document.source_id,
            str(document.format),
            document.url,
            document.content,
            document.content_hash,
            document.encoding,
            now_iso(),
            error,
        ),
    ).fetchone()
    # A success replaces an earlier failure recorded for the same item.
    conn.execute(
        "DELETE FROM documents WHERE content IS NULL AND source = ? AND source_id IS ?",
        (document.source, document.source_id),
    )
    return int(row[0])


def write_failure(conn: sqlite3.Connection, failure: Failure) -> None:
    """Record an item that could not be read at all (no content to keep)."""
    conn.execute(
        "INSERT INTO documents (source, source_id, format, content_hash, ingested_at, error)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO UPDATE"
        " SET error = excluded.error, ingested_at = excluded.ingested_at",
        (
            failure.source,
            failure.source_id,
            failure.format or "unknown",
            failure_hash(failure),
            now_iso(),
            failure.reason,
        ),
    )


def write_article(conn: sqlite3.Connection, document_id: int, article: Article) -> int:
    """Insert an article and all its parts for a stored document; return the article id."""
    conn.execute("DELETE FROM articles WHERE document_id = ?", (document_id,))
    row = conn.execute(
        "INSERT INTO articles (document_id, outlet_id, url, title, title_label, byline, authors,"
        " published, published_source, published_confidence, language, body)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            document_id,
            outlet_id(conn, article.outlet, article.url),
            article.url,
            article.title,
            article.title_label,
            article.byline,
            json.dumps(list(article.authors), ensure_ascii=False),
            article.published,
            article.published_source,
            article.published_confidence,
            article.language,
            article.body,
        ),
    ).fetchone()
    article_id = int(row[0])
    _write_parts(conn, article_id, article)
    return article_id


def _write_parts(conn: sqlite3.Connection, article_id: int, article: Article) -> None:
    conn.executemany(
        "INSERT INTO paragraphs (article_id, position, text, text_hash) VALUES (?, ?, ?, ?)",
        [(article_id, i, text, text_hash(text)) for i, text in enumerate(article.paragraphs)],
    )
    conn.executemany(
        "INSERT INTO comments (article_id, position, author, text, published) VALUES (?, ?, ?, ?, ?)",
        [(article_id, c.position, c.author, c.text, c.published) for c in article.comments],
    )
    conn.executemany(
        "INSERT INTO boilerplate (article_id, position, text, kind, evidence, text_hash)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (article_id, b.position, b.text, str(b.kind), b.evidence, text_hash(b.text))
            for b in article.boilerplate
        ],
    )
    conn.executemany(
        "INSERT INTO attributions (article_id, cue, outlet, url, published, author, text)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, a.cue, a.outlet, a.url, a.published, a.author, a.text)
            for a in article.attributions
        ],
    )
    conn.executemany(
        "INSERT INTO media (article_id, url, kind, position) VALUES (?, ?, ?, ?)",
        [(article_id, m.url, m.kind, m.position) for m in article.media],
    )
    conn.executemany(
        "INSERT INTO tags (article_id, name, value) VALUES (?, ?, ?)",
        [(article_id, t.name, t.value) for t in article.tags],
    )
