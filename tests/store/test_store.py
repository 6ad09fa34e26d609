"""The SQLite store: schema, idempotent writes, failures, search, and Datasette on the file."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
import xxhash
from datasette.app import Datasette

from newstrace.models import Document, Failure, Format
from newstrace.store import (
    connect,
    load_article,
    transaction,
    write_article,
    write_document,
    write_failure,
)
from newstrace.store.queries import corpus_counts, known_hashes
from newstrace.store.schema import MIGRATIONS, SCHEMA_VERSION


def _doc(text: str, source: str = "a.txt", source_id: str | None = None) -> Document:
    return Document(
        source, Format.TEXT, text.encode(), xxhash.xxh3_128_hexdigest(text.encode()), source_id
    )


@pytest.mark.parametrize(
    "pragma, expected",
    [("journal_mode", "wal"), ("foreign_keys", 1), ("user_version", SCHEMA_VERSION)],
)
def test_store_opens_with_wal_foreign_keys_and_schema(db, pragma, expected):
    assert db.execute(f"PRAGMA {pragma}").fetchone()[0] == expected


def test_store_round_trips_every_part_of_an_article(db, rich_article):
    with transaction(db) as conn:
        article_id = write_article(conn, write_document(conn, _doc("x"), None), rich_article)
    loaded = load_article(db.conn, article_id)
    assert loaded is not None
    assert loaded.with_changes(id=None, inferred={}) == rich_article.with_changes(source="a.txt")


def test_store_same_content_twice_adds_nothing(db, rich_article):
    for _ in range(2):
        with transaction(db) as conn:
            document_id = write_document(conn, _doc("same bytes"), None)
            write_article(conn, document_id, rich_article)
    counts = corpus_counts(db.conn)
    assert (counts["documents"], counts["articles"], counts["comments"]) == (1, 1, 2)


def test_store_failure_is_replaced_when_the_item_later_succeeds(db, rich_article):
    with transaction(db) as conn:
        write_failure(conn, Failure("feed.xml", "timed out", "entry-7", "feed-entry"))
    assert corpus_counts(db.conn)["failures"] == 1
    with transaction(db) as conn:
        write_article(
            conn, write_document(conn, _doc("ok", "feed.xml", "entry-7"), None), rich_article
        )
    assert corpus_counts(db.conn)["failures"] == 0


def test_store_known_hashes_ignores_documents_that_failed(db):
    with transaction(db) as conn:
        write_document(conn, _doc("good"), None)
        write_document(conn, _doc("bad"), "extraction failed: no text")
    good, bad = (xxhash.xxh3_128_hexdigest(t.encode()) for t in ("good", "bad"))
    assert known_hashes(db.conn, [good, bad]) == {good}


def test_store_full_text_search_finds_title_and_body(db, store_article):
    store_article(
        ["Divers recovered the bell of the old lighthouse."], title="Lighthouse bell found"
    )
    store_article(["Council approves the budget."], source="b.txt", title="Budget passes")
    hits = db.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'lighthouse'"
    ).fetchall()
    assert len(hits) == 1


def test_store_deleting_a_document_removes_its_article_and_parts(db, rich_article):
    with transaction(db) as conn:
        document_id = write_document(conn, _doc("x"), None)
        write_article(conn, document_id, rich_article)
        conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
    counts = corpus_counts(db.conn)
    assert (counts["articles"], counts["comments"], counts["boilerplate"]) == (0, 0, 0)


def test_store_interrupted_transaction_leaves_nothing_half_written(db, rich_article):
    with pytest.raises(RuntimeError), transaction(db) as conn:
        write_article(conn, write_document(conn, _doc("x"), None), rich_article)
        raise RuntimeError("killed mid-write")
    assert corpus_counts(db.conn)["documents"] == 0


def test_store_refuses_a_file_from_a_newer_newstrace(tmp_path: Path):
    path = tmp_path / "future.db"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(sqlite3.DatabaseError, match="newer"):
        connect(path)


def test_store_file_works_in_datasette_as_it_is(tmp_path, rich_article):
    path = tmp_path / "news.db"
    db = connect(path)
    with transaction(db) as conn:
        write_article(conn, write_document(conn, _doc("x"), None), rich_article)

    async def fetch() -> tuple[dict, dict]:
        datasette = Datasette([str(path)])
        rows = await datasette.client.get("/news/article_overview.json?_shape=array")
        search = await datasette.client.get("/news/articles.json?_search=quay&_shape=array")
        return rows.json(), search.json()

    overview, search = asyncio.run(fetch())
    assert overview[0]["title"] == "North Quay Reopens" and overview[0]["comments"] == 2
    assert [row["title"] for row in search] == ["North Quay Reopens"]


def test_store_migrates_a_file_made_by_the_first_schema(tmp_path: Path, rich_article):
    path = tmp_path / "old.db"
    old = sqlite3.connect(path, isolation_level=None)
    MIGRATIONS[0](sqlite_utils.Database(old))
    old.execute("PRAGMA user_version = 1")
    old.close()
    db = connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert {"reuse_links", "families", "articles"} <= set(db.table_names())
