"""Reading stored articles back into the data model."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from newstrace.models import (
    Article,
    Attribution,
    Boilerplate,
    BoilerplateKind,
    Comment,
    Format,
    Media,
    Tag,
)
from newstrace.store.compact import BODY_CODEC, PARAGRAPH_SEPARATOR, decompress

_ARTICLE_SQL = """
SELECT a.id, d.source, d.source_id, d.format, o.name AS outlet, a.url, a.title, a.title_label,
       a.byline, a.authors, a.published, a.published_source, a.published_confidence, a.language,
       a.body
FROM articles a JOIN documents d ON d.id = a.document_id LEFT JOIN outlets o ON o.id = a.outlet_id
"""


def _rows(conn: sqlite3.Connection, sql: str, article_id: int) -> list[sqlite3.Row]:
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(sql, (article_id,)).fetchall()


def paragraph_texts(conn: sqlite3.Connection, article_id: int, body: str) -> tuple[str, ...]:
    """An article's body paragraphs, cut from its body at their stored offsets."""
    found = conn.execute(_SPANS_SQL, (article_id,)).fetchall()
    return tuple(body[start:end] for start, end in found)


_SPANS_SQL = "SELECT start, end FROM paragraph_spans WHERE article_id = ? ORDER BY position"


_EXTRACTED_SQL = """
SELECT s.position, substr(a.body, s.start + 1, s.end - s.start) FROM paragraph_spans s
JOIN articles a ON a.id = s.article_id WHERE a.document_id = :document
UNION ALL
SELECT b.position, b.text FROM boilerplate b JOIN articles a ON a.id = b.article_id
WHERE a.document_id = :document AND b.kind = 'site-repeated'
ORDER BY 1
"""


def extracted_body(conn: sqlite3.Connection, document_id: int) -> str:
    """A document's article body as extracted, before site boilerplate learning moved any out."""
    texts = [row[1] for row in conn.execute(_EXTRACTED_SQL, {"document": document_id})]
    return PARAGRAPH_SEPARATOR.join(texts)


def document_content(conn: sqlite3.Connection, document_id: int) -> bytes | None:
    """A stored document's raw bytes as they were read (stored compressed), or None."""
    row = conn.execute(
        "SELECT content, content_codec FROM documents WHERE id = ?", (document_id,)
    ).fetchone()
    if row is None:
        return None
    body = extracted_body(conn, document_id) if row[1] == BODY_CODEC else None
    return decompress(row[0], row[1], body)


def _parts(conn: sqlite3.Connection, article_id: int, body: str) -> dict[str, object]:
    rows = lambda sql: _rows(conn, sql, article_id)  # noqa: E731
    return {
        "paragraphs": paragraph_texts(conn, article_id, body),
        "comments": tuple(
            Comment(r["author"], r["text"], r["position"], r["published"])
            for r in rows("SELECT * FROM comments WHERE article_id = ? ORDER BY position")
        ),
        "boilerplate": tuple(
            Boilerplate(r["text"], BoilerplateKind(r["kind"]), r["evidence"], r["position"])
            for r in rows("SELECT * FROM boilerplate WHERE article_id = ? ORDER BY position, id")
        ),
        "attributions": tuple(
            Attribution(r["text"], r["cue"], r["outlet"], r["url"], r["published"], r["author"])
            for r in rows("SELECT * FROM attributions WHERE article_id = ? ORDER BY id")
        ),
        "media": tuple(
            Media(r["url"], r["kind"], r["position"])
            for r in rows("SELECT * FROM media WHERE article_id = ? ORDER BY id")
        ),
        "tags": tuple(
            Tag(r["name"], r["value"])
            for r in rows("SELECT * FROM tags WHERE article_id = ? ORDER BY id")
        ),
        "inferred": {
            r["field"]: r["evidence"]
            for r in rows("SELECT field, evidence FROM inferences WHERE article_id = ? ORDER BY id")
        },
    }


def _article(conn: sqlite3.Connection, row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        source=row["source"],
        source_id=row["source_id"],
        format=Format(row["format"]),
        outlet=row["outlet"],
        url=row["url"],
        title=row["title"],
        title_label=row["title_label"],
        byline=row["byline"],
        authors=tuple(json.loads(row["authors"] or "[]")),
        published=row["published"],
        published_source=row["published_source"],
        published_confidence=row["published_confidence"],
        language=row["language"],
        **_parts(conn, row["id"], row["body"]),  # type: ignore[arg-type]
    )


def load_article(conn: sqlite3.Connection, article_id: int) -> Article | None:
    """One stored article with all its parts, or None when there is no such id."""
    found = _rows(conn, _ARTICLE_SQL + " WHERE a.id = ?", article_id)
    return _article(conn, found[0]) if found else None


def iter_articles(conn: sqlite3.Connection, limit: int | None = None) -> Iterator[Article]:
    """Every stored article in id order, with its parts."""
    sql = _ARTICLE_SQL + " ORDER BY a.id" + (f" LIMIT {int(limit)}" if limit else "")
    ids = [row[0] for row in conn.execute(f"SELECT id FROM ({sql})")]
    for article_id in ids:
        article = load_article(conn, article_id)
        if article is not None:
            yield article
