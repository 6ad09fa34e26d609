"""Loading a trace-shards result into a store: what is stored already, by content and by pair.

Writing goes through store.writer, store.links and store.runs; callers hold the transaction.
"""

from __future__ import annotations

import sqlite3


def article_by_content(conn: sqlite3.Connection, content_hash: str) -> int | None:
    """The id of the stored article whose document has this content hash, or None."""
    found = conn.execute(
        "SELECT a.id FROM documents d JOIN articles a ON a.document_id = d.id"
        " WHERE d.content_hash = ?",
        (content_hash,),
    ).fetchone()
    return int(found[0]) if found else None


def link_exists(conn: sqlite3.Connection, a: int, b: int) -> bool:
    """Whether a link between stored articles a and b (a < b) is stored."""
    found = conn.execute("SELECT 1 FROM reuse_links WHERE a = ? AND b = ?", (a, b)).fetchone()
    return found is not None
