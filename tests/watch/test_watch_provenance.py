"""Provenance in a watch cycle: only the families the cycle's new links touch are recomputed,
and the store ends as a full rebuild would leave it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlite_utils

from newstrace.engines.trace import trace_links
from newstrace.reuse.provenance import build_provenance
from newstrace.settings import Settings
from newstrace.store import connect
from newstrace.watch.provenance import update_provenance

from .alerts.alert_stories import COPY_INTRO, COPY_OUTRO, FERRY, MARKET

StoreArticle = Callable[..., int]
SETTINGS = Settings(jobs=1)
SNAPSHOT = {
    "families": "SELECT * FROM families ORDER BY id",
    "members": "SELECT * FROM family_members ORDER BY family_id, article_id",
    "edges": "SELECT * FROM outlet_edges ORDER BY 1, 2",
    "kinds": "SELECT * FROM link_kinds ORDER BY link_id",
    "inferred": "SELECT * FROM inferences ORDER BY article_id, field",
    "changes": "SELECT * FROM member_changes ORDER BY 1, 2, 3",
    "evidence": "SELECT * FROM member_evidence ORDER BY 1, 2, 3",
}


def _snapshot(db: sqlite_utils.Database) -> dict[str, list[tuple[object, ...]]]:
    return {name: list(db.conn.execute(sql).fetchall()) for name, sql in SNAPSHOT.items()}


def _cycle(db: sqlite_utils.Database) -> int | None:
    trace_links(db, SETTINGS)
    return update_provenance(db, SETTINGS)


def _copy(store_article: StoreArticle, body: tuple[str, ...], outlet: str, day: str) -> int:
    slug = outlet.lower().replace(" ", "-")
    return store_article(
        [COPY_INTRO, *body, COPY_OUTRO], source=f"{slug}/{day}.html", outlet=outlet,
        url=f"https://{slug}.example/{day}", title=f"{outlet} story", published=day,
    )  # fmt: skip


@pytest.mark.parametrize("later_outlets", [("Coast Herald", "Fjord Daily")])
def test_watch_provenance_recomputes_only_touched_families(
    db: sqlite_utils.Database, store_article: StoreArticle, tmp_path: Path,
    later_outlets: tuple[str, str],
) -> None:  # fmt: skip
    ferry = store_article(list(FERRY), source="t/ferry.html", outlet="Riverside Tribune",
                          url="https://riverside.example/ferry", published="2026-03-01")  # fmt: skip
    _copy(store_article, FERRY, "Valley Post", "2026-03-02")
    market = store_article(list(MARKET), source="h/market.html", outlet="Hill Gazette",
                           url="https://hill.example/market", published="2026-03-01")  # fmt: skip
    assert _cycle(db) == 1  # the first time: built whole (the ferry family)
    assert _cycle(db) is None  # no new link: nothing to do
    # The next cycle: a third copy of the ferry story, and a first copy of the market story.
    _copy(store_article, FERRY, later_outlets[0], "2026-03-03")
    _copy(store_article, MARKET, later_outlets[1], "2026-03-03")
    assert _cycle(db) == 2
    members = db.conn.execute(
        "SELECT family_id, count(*) FROM family_members GROUP BY family_id ORDER BY family_id"
    ).fetchall()
    assert members == [(ferry, 3), (market, 2)]
    incremental = _snapshot(db)
    db.conn.close()
    shutil.copy(tmp_path / "news.db", tmp_path / "full.db")
    full = connect(tmp_path / "full.db")
    build_provenance(full, SETTINGS)
    assert _snapshot(full) == incremental
