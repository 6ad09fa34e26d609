"""The compact store (schema 6): paragraph text held once, raw documents compressed.

Paragraph text lives only in `articles.body`; `paragraph_spans` holds where each paragraph sits
in it (character offsets) and its comparison hash as a 64-bit integer, and the `paragraphs` view
gives the old rows (article_id, position, text, text_hash) back to readers and Datasette. Raw
document bytes are stored zlib-compressed (`documents.content_codec`), with the extracted body
as the dictionary when there is one; rows written before stay raw (codec NULL). `boilerplate_pending` lists the articles site-boilerplate learning
has not looked at yet, and `teaser_leads` the teaser-shaped paragraphs it has seen, so learning
after an ingest reads what is new instead of the whole store.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence

import xxhash

from newstrace.normalize import comparison_key

CONTENT_CODEC = "zlib"
# zlib with the article body as extracted (its paragraphs, site boilerplate moved out included).
BODY_CODEC = "zlib+body"
# Level 6 (zlib's default) packs news text about as tight as 9 at a third less time than 9.
COMPRESSION_LEVEL = 6
PARAGRAPH_SEPARATOR = "\n\n"
_SIGN_BIT = 1 << 63

_V6_SCHEMA = """
CREATE TABLE paragraph_spans (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    start INTEGER NOT NULL,  -- character offsets of the paragraph in articles.body
    end INTEGER NOT NULL,
    text_hash INTEGER NOT NULL,  -- xxh3-64 of the paragraph's comparison key, signed
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX paragraph_spans_hash ON paragraph_spans(text_hash);
CREATE TABLE boilerplate_pending (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
);
CREATE TABLE teaser_leads (
    outlet_id INTEGER NOT NULL REFERENCES outlets(id) ON DELETE CASCADE,
    lead TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text_hash INTEGER NOT NULL,
    PRIMARY KEY (outlet_id, lead, article_id, position)
) WITHOUT ROWID;
CREATE INDEX teaser_leads_article ON teaser_leads(article_id);
"""

PARAGRAPHS_VIEW = """
CREATE VIEW paragraphs AS
SELECT s.article_id, s.position, substr(a.body, s.start + 1, s.end - s.start) AS text,
       printf('%016x', s.text_hash) AS text_hash
FROM paragraph_spans s JOIN articles a ON a.id = s.article_id
"""

# The view article_overview counts paragraphs; it is made again over the new view unchanged.
_DROP_OLD = ("DROP INDEX IF EXISTS paragraphs_hash", "DROP TABLE paragraphs")


def paragraph_hash(text: str) -> int:
    """The hash paragraphs are compared by, as a signed 64-bit integer SQLite can hold."""
    value = xxhash.xxh3_64_intdigest(comparison_key(text).encode())
    return value - (1 << 64) if value & _SIGN_BIT else value


def hash_hex(value: int) -> str:
    """A stored paragraph hash as the hex text the boilerplate table keeps."""
    return f"{value & ((1 << 64) - 1):016x}"


def hex_hash(text: str) -> int:
    """The stored integer of a hex paragraph hash."""
    value = int(text, 16)
    return value - (1 << 64) if value & _SIGN_BIT else value


def spans(paragraphs: Sequence[str]) -> Iterator[tuple[int, int, int]]:
    """(position, start, end) of each paragraph in the body that joins them by a blank line."""
    start = 0
    for position, text in enumerate(paragraphs):
        yield position, start, start + len(text)
        start += len(text) + len(PARAGRAPH_SEPARATOR)


def compress(content: bytes | None, body: str | None = None) -> tuple[bytes | None, str | None]:
    """Raw document bytes as stored, and their codec. With the body extracted from them, the
    body is the compression dictionary: a record or page holds its body's text almost whole, so
    the raw bytes cost little more than what the body does not say."""
    if content is None:
        return None, None
    if not body:
        return zlib.compress(content, COMPRESSION_LEVEL), CONTENT_CODEC
    packer = zlib.compressobj(COMPRESSION_LEVEL, zdict=body.encode("utf-8"))
    return packer.compress(content) + packer.flush(), BODY_CODEC


def decompress(content: bytes | None, codec: str | None, body: str | None = None) -> bytes | None:
    """Stored document bytes back as they were read; BODY_CODEC needs the body as extracted."""
    if content is None or codec is None:
        return content
    if codec == CONTENT_CODEC:
        return zlib.decompress(content)
    if codec == BODY_CODEC and body is not None:
        unpacker = zlib.decompressobj(zdict=body.encode("utf-8"))
        return unpacker.decompress(content) + unpacker.flush()
    raise ValueError(f"cannot read content stored as {codec!r}")


def _old_paragraphs(conn: sqlite3.Connection) -> Iterable[tuple[int, int, str, str]]:
    return conn.execute(
        "SELECT article_id, position, text, text_hash FROM paragraphs ORDER BY article_id, position"
    )


def _move_paragraph_rows(conn: sqlite3.Connection) -> None:
    """Copy old paragraph rows into spans; a body that is not its paragraphs is made so."""
    rows: list[tuple[int, int, int, int, int]] = []
    texts: dict[int, list[str]] = {}
    for article_id, position, text, hash_ in _old_paragraphs(conn):
        done = texts.setdefault(article_id, [])
        start = sum(len(t) + len(PARAGRAPH_SEPARATOR) for t in done)
        rows.append((article_id, position, start, start + len(text), hex_hash(hash_)))
        done.append(text)
    conn.executemany("INSERT INTO paragraph_spans VALUES (?, ?, ?, ?, ?)", rows)
    conn.executemany(
        "UPDATE articles SET body = ? WHERE id = ? AND body != ?",
        ((PARAGRAPH_SEPARATOR.join(t), i, PARAGRAPH_SEPARATOR.join(t)) for i, t in texts.items()),
    )


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";\n") if s.strip()]


def compact_store(conn: sqlite3.Connection) -> None:
    """Migrate to schema 6; every stored article waits for incremental boilerplate learning."""
    for statement in _statements(_V6_SCHEMA):
        conn.execute(statement)
    conn.execute("ALTER TABLE documents ADD COLUMN content_codec TEXT")
    _move_paragraph_rows(conn)
    overview = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'view' AND name = 'article_overview'"
    ).fetchone()
    conn.execute("DROP VIEW IF EXISTS article_overview")
    for statement in _DROP_OLD:
        conn.execute(statement)
    conn.execute(PARAGRAPHS_VIEW)
    if overview is not None:
        conn.execute(overview[0])
    conn.execute("INSERT INTO boilerplate_pending (article_id) SELECT id FROM articles")
