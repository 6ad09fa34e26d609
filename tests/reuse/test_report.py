"""Terminal reports: what a journalist reads about a family or an article."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlite_utils

from newstrace.cli.render import to_text
from newstrace.cli.report import article_report, families_overview, family_report
from newstrace.models import Attribution, Comment
from newstrace.reuse.provenance import build_provenance
from newstrace.settings import Settings

STORY = [
    "Storm floods the valley and cuts the main road.",
    "Rescue teams reach the villages by boat.",
]
MARKUP_TITLE = "[bold red]Flood[/] warning [link=http://x]"


@pytest.fixture
def family(
    db: sqlite_utils.Database, store_article: Callable[..., int]
) -> tuple[sqlite_utils.Database, int, int]:
    origin = store_article(
        STORY,
        "hill.txt",
        title=MARKUP_TITLE,
        published="2020-01-01",
        comments=(Comment("Ann", "Wow", 0),),
    )
    copy = store_article(
        [*STORY[:1], "Schools stay shut [until] Friday."],
        "valley.txt",
        title=MARKUP_TITLE,
        outlet="Valley Times",
        published="2020-01-02",
        attributions=(Attribution("Source: Hill Post", "source", "Hill Post"),),
    )
    db.conn.execute(
        "INSERT INTO reuse_links (a, b, shared_tokens, coverage_a, coverage_b, verbatim_ratio)"
        " VALUES (?, ?, 40, 0.5, 0.5, 1.0)",
        (origin, copy),
    )
    db.conn.execute(
        "INSERT INTO passages (link_id, a_start, a_end, b_start, b_end, tokens, verbatim) VALUES (1, 0, 47, 0, 47, 9, 1.0)"
    )
    build_provenance(db, Settings())
    return db, origin, copy


def test_report_family_shows_origin_timeline_evidence_changes_and_diff(
    family: tuple[sqlite_utils.Database, int, int],
) -> None:
    db, origin, _ = family
    text = to_text(family_report(db.conn, origin), width=200)
    assert f"Origin: article {origin}, Hill Post" in text
    assert "earliest date in the family" in text
    assert "attribution line names Hill Post" in text
    assert "republished one day after" in text
    assert "1 reader comments not carried over" in text
    assert "- Rescue teams reach the villages by boat." in text
    assert "+ Schools stay shut [until] Friday." in text


@pytest.mark.parametrize("report", ["family", "article", "overview"])
def test_report_prints_article_text_literally(
    family: tuple[sqlite_utils.Database, int, int], report: str
) -> None:
    db, origin, copy = family
    view = {
        "family": lambda: family_report(db.conn, origin),
        "article": lambda: article_report(db.conn, copy),
        "overview": lambda: families_overview(db.conn),
    }[report]()
    assert "[bold red]Flood[/] warning" in to_text(view, width=300)


def test_report_article_names_family_role_and_shared_passage(
    family: tuple[sqlite_utils.Database, int, int],
) -> None:
    db, origin, copy = family
    text = to_text(article_report(db.conn, copy), width=300)
    assert f"a copy of article {origin}" in text
    assert "Storm floods the valley and cuts the main road." in text
    origin_text = to_text(article_report(db.conn, origin), width=300)
    assert "the origin" in origin_text and "outlet inferred" in origin_text


@pytest.mark.parametrize("missing", [999])
def test_report_missing_family_or_article_says_so(db: sqlite_utils.Database, missing: int) -> None:
    assert "No family 999" in to_text(family_report(db.conn, missing))
    assert "No article 999" in to_text(article_report(db.conn, missing))
