"""Writing documents and their extracted articles, one at a time or a batch at once; callers hold
the transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import xxhash

from newstrace.models import Article, Document, Failure
from newstrace.normalize import comparison_key
from newstrace.store.compact import compress, paragraph_hash, spans

SQL_VARIABLES = 500  # ids per IN (...) query, well under SQLite's limit


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


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document and what was extracted from it, ready to store: the raw bytes compressed and
    the paragraph hashes computed (work an extraction process can do off the writing one)."""

    document: Document
    content: bytes | None  # compressed with compact.compress
    codec: str | None
    article: Article | None
    hashes: tuple[int, ...] | None  # paragraph_hash of each paragraph; None: compute here
    error: str | None = None


def prepare(document: Document, article: Article | None, error: str | None) -> Prepared:
    """Compress a document's bytes and hash its article's paragraphs."""
    if article is None:
        return Prepared(document, *compress(document.content), None, None, error)
    hashes = tuple(paragraph_hash(p) for p in article.paragraphs)
    return Prepared(document, *compress(document.content, article.body), article, hashes, error)


_DOCUMENT_SQL = (
    "INSERT INTO documents (source, source_id, format, url, content, content_codec, content_hash,"
    " encoding, ingested_at, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash)"
    " DO UPDATE SET error = excluded.error, ingested_at = excluded.ingested_at,"
    # The bytes may be packed against the body: they follow the article stored last.
    " content = excluded.content, content_codec = excluded.content_codec"
)


def _document_row(item: Prepared, now: str) -> tuple[object, ...]:
    document = item.document
    return (
        document.source,
        document.source_id,
        str(document.format),
        document.url,
        item.content,
        item.codec,
        document.content_hash,
        document.encoding,
        now,
        item.error,
    )


def _ids_by_hash(conn: sqlite3.Connection, hashes: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(hashes), SQL_VARIABLES):
        chunk = hashes[start : start + SQL_VARIABLES]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT content_hash, id FROM documents WHERE content_hash IN ({marks})"
        found.update(conn.execute(sql, chunk).fetchall())
    return found


def write_documents(conn: sqlite3.Connection, items: Sequence[Prepared]) -> list[int]:
    """Insert documents (or refresh the error of ones already stored); return their ids."""
    now = now_iso()
    conn.executemany(_DOCUMENT_SQL, [_document_row(item, now) for item in items])
    # A success replaces an earlier failure recorded for the same item.
    conn.executemany(
        "DELETE FROM documents WHERE content IS NULL AND source = ? AND source_id IS ?",
        [(item.document.source, item.document.source_id) for item in items],
    )
    ids = _ids_by_hash(conn, [item.document.content_hash for item in items])
    return [ids[item.document.content_hash] for item in items]


def write_document(conn: sqlite3.Connection, document: Document, error: str | None) -> int:
    """Insert a document (or refresh the error of one already stored); return its id."""
    return write_documents(conn, [prepare(document, None, error)])[0]


def write_failure(conn: sqlite3.Connection, failure: Failure) -> None:
    """Record an item that could not be read at all (no content to keep)."""
    write_failures(conn, [failure])


def write_failures(conn: sqlite3.Connection, failures: Iterable[Failure]) -> None:
    """Record items that could not be read at all (no content to keep)."""
    now = now_iso()
    conn.executemany(
        "INSERT INTO documents (source, source_id, format, content_hash, ingested_at, error)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO UPDATE"
        " SET error = excluded.error, ingested_at = excluded.ingested_at",
        [
            (f.source, f.source_id, f.format or "unknown", failure_hash(f), now, f.reason)
            for f in failures
        ],
    )


def write_article(conn: sqlite3.Connection, document_id: int, article: Article) -> int:
    """Insert an article and all its parts for a stored document; return the article id."""
    return write_articles(conn, [(document_id, article, None)])[0]


def write_prepared(conn: sqlite3.Connection, items: Sequence[Prepared]) -> int:
    """Store a batch of prepared documents and their articles; return the articles stored."""
    document_ids = write_documents(conn, items)
    stored = [
        (document_id, item.article, item.hashes)
        for document_id, item in zip(document_ids, items, strict=True)
        if item.article is not None
    ]
    return len(write_articles(conn, stored))


ArticleRow = tuple[int, Article, "tuple[int, ...] | None"]


def write_articles(conn: sqlite3.Connection, rows: Sequence[ArticleRow]) -> list[int]:
    """Insert articles and all their parts for stored documents; return the article ids.

    An article already stored for a document is replaced. Each new article waits for site
    boilerplate learning (boilerplate_pending)."""
    conn.executemany("DELETE FROM articles WHERE document_id = ?", [(r[0],) for r in rows])
    next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM articles").fetchone()[0]
    outlets = _outlet_ids(conn, [article for _, article, _ in rows])
    ids = list(range(next_id, next_id + len(rows)))
    conn.executemany(
        _ARTICLE_SQL, [_article_row(i, r, outlets) for i, r in zip(ids, rows, strict=True)]
    )
    _write_parts(conn, list(zip(ids, rows, strict=True)))
    return ids


_ARTICLE_SQL = (
    "INSERT INTO articles (id, document_id, outlet_id, url, title, title_label, byline, authors,"
    " published, published_source, published_confidence, language, body)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _article_row(article_id: int, row: ArticleRow, outlets: dict[str, int]) -> tuple[object, ...]:
    document_id, article, _hashes = row
    return (
        article_id,
        document_id,
        outlets.get(article.outlet or ""),
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
    )


def _outlet_ids(conn: sqlite3.Connection, articles: Iterable[Article]) -> dict[str, int]:
    """The ids of the articles' outlets by name, each outlet created on first sight."""
    urls: dict[str, str | None] = {}
    for article in articles:
        if article.outlet and urls.get(article.outlet) is None:
            urls[article.outlet] = article.url
    return {name: _outlet(conn, name, url) for name, url in urls.items()}


def _outlet(conn: sqlite3.Connection, name: str, url: str | None) -> int:
    found = outlet_id(conn, name, url)
    assert found is not None
    return found


def _write_parts(conn: sqlite3.Connection, rows: list[tuple[int, ArticleRow]]) -> None:
    conn.executemany(
        "INSERT INTO paragraph_spans (article_id, position, start, end, text_hash)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            (article_id, position, start, end, hash_)
            for article_id, (_, article, hashes) in rows
            for (position, start, end), hash_ in zip(
                spans(article.paragraphs), _hashes(article, hashes), strict=True
            )
        ],
    )
    conn.executemany(
        "INSERT INTO boilerplate_pending (article_id) VALUES (?)", [(i,) for i, _ in rows]
    )
    for sql, make in _PARTS:
        conn.executemany(sql, [p for article_id, r in rows for p in make(article_id, r[1])])


def _hashes(article: Article, hashes: tuple[int, ...] | None) -> Iterable[int]:
    return hashes if hashes is not None else (paragraph_hash(p) for p in article.paragraphs)


def _comments(article_id: int, article: Article) -> list[tuple[object, ...]]:
    return [(article_id, c.position, c.author, c.text, c.published) for c in article.comments]


def _boilerplate(article_id: int, article: Article) -> list[tuple[object, ...]]:
    return [
        (article_id, b.position, b.text, str(b.kind), b.evidence, text_hash(b.text))
        for b in article.boilerplate
    ]


def _attributions(article_id: int, article: Article) -> list[tuple[object, ...]]:
    return [
        (article_id, a.cue, a.outlet, a.url, a.published, a.author, a.text)
        for a in article.attributions
    ]


def _media(article_id: int, article: Article) -> list[tuple[object, ...]]:
    return [(article_id, m.url, m.kind, m.position) for m in article.media]


def _tags(article_id: int, article: Article) -> list[tuple[object, ...]]:
    return [(article_id, t.name, t.value) for t in article.tags]


_PARTS = (
    (
        "INSERT INTO comments (article_id, position, author, text, published)"
        " VALUES (?, ?, ?, ?, ?)",
        _comments,
    ),
    (
        "INSERT INTO boilerplate (article_id, position, text, kind, evidence, text_hash)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        _boilerplate,
    ),
    (
        "INSERT INTO attributions (article_id, cue, outlet, url, published, author, text)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        _attributions,
    ),
    ("INSERT INTO media (article_id, url, kind, position) VALUES (?, ?, ?, ?)", _media),
    ("INSERT INTO tags (article_id, name, value) VALUES (?, ?, ?)", _tags),
)
