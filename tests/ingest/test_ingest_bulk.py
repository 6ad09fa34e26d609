"""The bulk ingest path: compact storage, raw bytes kept, site boilerplate learned incrementally."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from newstrace.ingest.base import canonical_json
from newstrace.ingest.run import ingest as ingest_run
from newstrace.settings import Settings
from newstrace.store import connect, iter_articles, load_article
from newstrace.store.reader import document_content
from newstrace.store.schema import MIGRATIONS, SCHEMA_VERSION, _v6_compact_store, migrate

SIGNUP = "Get the morning briefing in your inbox every day."
SETTINGS = Settings(jobs=1, batch_size=3)


def _story(number: int, outlet: str = "Valley Courier", extra: str = SIGNUP) -> dict[str, str]:
    return {
        "id": f"{outlet[:1]}{number}",
        "outlet": outlet,
        "title": f"Headline number {number}",
        "published": f"2024-03-{1 + number:02d}",
        "text": f"Story {number} opens with its own facts, item {number * 13}.\n\n"
        f"The council met for the {number}th time to vote on the budget.\n\n{extra}",
    }


def _write(path: Path, rows: list[dict[str, str]]) -> str:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return str(path)


def _bodies(db: sqlite_utils.Database) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {
        str(a.source_id): (a.body, tuple(sorted(b.text for b in a.boilerplate)))
        for a in iter_articles(db.conn)
    }


@pytest.mark.parametrize("first_run", [2])
def test_ingest_bulk_learns_boilerplate_across_runs(tmp_path, first_run):
    db = connect(tmp_path / "news.db")
    rows = [_story(n) for n in range(4)]
    ingest_run(db, [_write(tmp_path / "a.jsonl", rows[:first_run])], SETTINGS)
    assert all(SIGNUP in body for body, _ in _bodies(db).values())
    summary = ingest_run(db, [_write(tmp_path / "b.jsonl", rows[first_run:])], SETTINGS)
    assert summary.site_boilerplate_paragraphs == 4
    for body, moved in _bodies(db).values():
        assert SIGNUP not in body and moved == (SIGNUP,)
    assert db.execute("SELECT count(*) FROM boilerplate_pending").fetchone()[0] == 0


@pytest.mark.parametrize("splits", [(1, 3, 5), (6,), (2, 4, 6)])
def test_ingest_bulk_runs_store_what_one_run_stores(tmp_path, splits):
    """However the same records are split over runs, the store ends the same."""
    rows = [_story(n) for n in range(5)] + [_story(9, "Harbor Watch")]
    teasers = [f"Also on example.org {word} wins the cup final again" for word in "abc"]
    rows += [_story(20 + n, extra=text) for n, text in enumerate(teasers)]
    one = connect(tmp_path / "one.db")
    ingest_run(one, [_write(tmp_path / "all.jsonl", rows)], SETTINGS)
    many = connect(tmp_path / "many.db")
    start = 0
    for number, end in enumerate([*splits, len(rows)]):
        if rows[start:end]:
            part = _write(tmp_path / f"part{number}.jsonl", rows[start:end])
            ingest_run(many, [part], SETTINGS)
        start = end
    assert _bodies(many) == _bodies(one)
    moved = {text for _, texts in _bodies(one).values() for text in texts}
    assert moved == {SIGNUP, *teasers}


@pytest.mark.parametrize("count", [4])
def test_ingest_bulk_keeps_raw_bytes_after_boilerplate_moves(tmp_path, count):
    db = connect(tmp_path / "news.db")
    rows = [_story(n) for n in range(count)]
    ingest_run(db, [_write(tmp_path / "a.jsonl", rows)], SETTINGS)
    stored = db.execute("SELECT id, content_codec, length(content) FROM documents").fetchall()
    assert len(stored) == count and {codec for _, codec, _ in stored} == {"zlib+body"}
    for document_id, _codec, _size in stored:
        raw = document_content(db.conn, document_id)
        assert raw is not None
        fields = json.loads(raw)
        assert raw == canonical_json(fields) and fields["text"].endswith(SIGNUP)


@pytest.mark.parametrize("count", [3])
def test_ingest_bulk_paragraphs_view_reads_like_a_table(tmp_path, count):
    db = connect(tmp_path / "news.db")
    ingest_run(
        db, [_write(tmp_path / "a.jsonl", [_story(n, extra="") for n in range(count)])], SETTINGS
    )
    article = load_article(db.conn, 1)
    assert article is not None
    rows = db.execute("SELECT position, text FROM paragraphs WHERE article_id = 1 ORDER BY 1")
    assert tuple(text for _, text in rows) == article.paragraphs
    overview = db.execute("SELECT paragraphs FROM article_overview WHERE id = 1").fetchone()
    assert overview == (len(article.paragraphs),)


def _old_store(path: Path) -> None:
    """A store from before compact storage, holding one article."""
    conn = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(conn)
    for number, migration in enumerate(MIGRATIONS[: MIGRATIONS.index(_v6_compact_store)]):
        migration(db)
        conn.execute(f"PRAGMA user_version = {number + 1}")
    conn.execute(
        "INSERT INTO documents (id, source, format, content, content_hash, ingested_at)"
        " VALUES (1, 'old.txt', 'text', X'6869', 'h1', '2024-01-01')"
    )
    conn.execute("INSERT INTO articles (id, document_id, body) VALUES (1, 1, 'First.\n\nSecond.')")
    conn.executemany(
        "INSERT INTO paragraphs (article_id, position, text, text_hash) VALUES (1, ?, ?, ?)",
        [(0, "First.", "8000000000000001"), (1, "Second.", "00000000000000ff")],
    )
    conn.close()


@pytest.mark.parametrize("hashes", [("8000000000000001", "00000000000000ff")])
def test_ingest_bulk_migration_keeps_old_paragraphs(tmp_path, hashes):
    _old_store(tmp_path / "old.db")
    db = connect(tmp_path / "old.db")
    assert migrate(db) == SCHEMA_VERSION
    rows = db.execute("SELECT text, text_hash FROM paragraphs ORDER BY position").fetchall()
    assert rows == [("First.", hashes[0]), ("Second.", hashes[1])]
    assert document_content(db.conn, 1) == b"hi"
    assert db.execute("SELECT article_id FROM boilerplate_pending").fetchall() == [(1,)]
