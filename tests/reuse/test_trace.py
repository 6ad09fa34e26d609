"""Tests for newstrace.engines.trace: incremental tracing into the store, and reading links back
(newstrace.store.links)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlite_utils

from newstrace.engines import local as engine_module
from newstrace.engines.trace import trace_links
from newstrace.reuse.tokens import normalise
from newstrace.settings import Settings
from newstrace.store.links import iter_links, iter_stored_links

from .links_stories import BRIDGE, edited_copy, excerpt_copy, full_copy, unrelated

StoreArticle = Callable[..., int]
TABLES = ("reuse_links", "passages", "traced_articles")


def _store_stories(store_article: StoreArticle) -> dict[str, int]:
    return {
        "original": store_article(
            list(BRIDGE), source="herald/bridge.html", outlet="Norrvik Herald"
        ),
        "excerpt": store_article(
            excerpt_copy().split("\n\n"), source="coast/bridge.html", outlet="Coast Daily"
        ),
        "unrelated": store_article(
            unrelated().split("\n\n"), source="herald/lanterns.html", outlet="Norrvik Herald"
        ),
        "repeat": store_article(
            list(BRIDGE), source="herald/bridge-2.html", outlet="Norrvik Herald", title="Update"
        ),
    }


def _snapshot(db: sqlite_utils.Database) -> dict[str, list[tuple]]:
    return {table: db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in TABLES}


@pytest.mark.parametrize("settings", [Settings()])
def test_trace_writes_links_and_a_rerun_changes_nothing(
    db: sqlite_utils.Database, store_article: StoreArticle, settings: Settings
) -> None:
    ids = _store_stories(store_article)
    summary = trace_links(db, settings)
    assert (summary.articles_traced, summary.new_links, summary.cross_outlet_links) == (4, 3, 2)
    before = _snapshot(db)
    again = trace_links(db, settings)
    assert (again.articles_traced, again.new_links) == (0, 0)
    assert _snapshot(db) == before
    cross = {(link.a, link.b) for link in iter_links(db)}
    assert cross == {(ids["original"], ids["excerpt"]), (ids["excerpt"], ids["repeat"])}
    every = {(link.a, link.b): link.same_outlet for link in iter_links(db, cross_outlet_only=False)}
    assert every[(ids["original"], ids["repeat"])] is True


@pytest.mark.parametrize("settings", [Settings(reuse_batch_articles=1), Settings()])
def test_trace_incremental_processes_only_new_articles(
    db: sqlite_utils.Database, store_article: StoreArticle, settings: Settings
) -> None:
    ids = _store_stories(store_article)
    trace_links(db, settings)
    copy = store_article(
        edited_copy().split("\n\n"), source="valley/bridge.html", outlet="Valley Post"
    )
    later = store_article(full_copy().split("\n\n"), source="feed.xml", source_id="42")
    summary = trace_links(db, settings)
    assert summary.articles_traced == 2
    new = {(link.a, link.b) for link in iter_links(db) if {link.a, link.b} & {copy, later}}
    old = (ids["original"], ids["excerpt"], ids["repeat"])
    assert new == {(i, copy) for i in old} | {(i, later) for i in old} | {(copy, later)}


@pytest.mark.parametrize("settings", [Settings()])
def test_trace_links_json_passages_hold_the_shared_text(
    db: sqlite_utils.Database, store_article: StoreArticle, settings: Settings
) -> None:
    ids = _store_stories(store_article)
    trace_links(db, settings)
    found = {
        (row["a"], row["b"]): row for row in (link.to_json() for link in iter_stored_links(db))
    }
    row = found[(ids["original"], ids["excerpt"])]
    assert (row["a_source"], row["b_outlet"], row["a_source_id"]) == (
        "herald/bridge.html",
        "Coast Daily",
        None,
    )
    assert {"shared_tokens", "coverage_a", "coverage_b", "verbatim_ratio"} <= set(row)
    [passage] = row["passages"]
    assert normalise(passage["a_text"]) == normalise(BRIDGE[2] + " " + BRIDGE[3])
    assert passage["a_text"] == passage["b_text"]


@pytest.mark.parametrize("changed", [Settings(shingle_tokens=4)])
def test_trace_rebuilds_fingerprints_made_with_other_settings(
    db: sqlite_utils.Database, store_article: StoreArticle, changed: Settings
) -> None:
    _store_stories(store_article)
    trace_links(db, Settings())
    copy = store_article(
        edited_copy().split("\n\n"), source="valley/bridge.html", outlet="Valley Post"
    )
    summary = trace_links(db, changed)
    assert summary.articles_traced == 1
    assert {link.b for link in iter_links(db) if link.b == copy} == {copy}


def test_trace_with_workers_reading_the_store_equals_a_serial_trace(
    db: sqlite_utils.Database, store_article: StoreArticle, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Worker processes read their chunks of bodies from the store file themselves.
    _store_stories(store_article)
    monkeypatch.setattr(engine_module, "PARALLEL_MIN_ARTICLES", 1)
    monkeypatch.setattr(engine_module, "HASH_CHUNK_ARTICLES", 2)
    trace_links(db, Settings(jobs=2))
    parallel = _stored_results(db)
    with db.conn:
        for table in ("passages", "reuse_links", "traced_articles"):
            db.execute(f"DELETE FROM {table}")
    trace_links(db, Settings(jobs=1))
    assert _stored_results(db) == parallel
    assert len(parallel["reuse_links"]) == 3 and len(parallel["traced_articles"]) == 4


def _stored_results(db: sqlite_utils.Database) -> dict[str, list[tuple]]:
    """Links, passages and fingerprints (not the times they were made)."""
    return {
        "reuse_links": db.execute("SELECT * FROM reuse_links ORDER BY a, b").fetchall(),
        "passages": db.execute("SELECT * FROM passages ORDER BY 1").fetchall(),
        "traced_articles": db.execute(
            "SELECT article_id, tokens, fingerprint FROM traced_articles ORDER BY 1"
        ).fetchall(),
    }
