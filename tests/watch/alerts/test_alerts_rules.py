"""Each rule kind raises on what it should and not on unrelated items (newstrace.watch.alerts)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from newstrace.watch.alerts import DeliveryOptions, parse_rule, run_alerts

from .alert_stories import CLAIM, COPY_URL, FERRY, MARKET_URL, ORIGINAL_URL
from .conftest import retrace

StoreArticle = Callable[..., int]

OPTIONS = DeliveryOptions(base_url="http://news.example:8001")


def _raise(
    db: sqlite_utils.Database, tmp_path: Path, table: dict[str, Any]
) -> list[dict[str, Any]]:
    out = tmp_path / "alerts.jsonl"
    rule = parse_rule({**table, "to": [str(out)]}, 1)
    report = run_alerts(db.conn, [rule], cycle=1, options=OPTIONS)
    assert report.failed == 0, report.errors
    lines = out.read_text().splitlines() if out.exists() else []
    return [json.loads(line) for line in lines]


@pytest.mark.parametrize("table", [{"story": "original"}, {"url": ORIGINAL_URL}])
def test_alerts_story_rule_names_copy_original_passage_and_family(
    db: sqlite_utils.Database, stories: dict[str, int], tmp_path: Path, table: dict[str, Any]
) -> None:
    if "story" in table:
        table = {"story": stories["original"]}
    [alert] = _raise(db, tmp_path, table)
    assert alert["kind"] == "republished" and alert["link_kind"] == "republication"
    assert alert["copy"]["id"] == stories["copy"] and alert["copy"]["url"] == COPY_URL
    assert alert["copy"]["outlet"] == "Valley Post"
    assert alert["original"]["id"] == stories["original"]
    assert "Osterholm" in alert["passage"]["copy"]["text"]
    assert alert["passage"]["original"]["text"][:40] == alert["passage"]["copy"]["text"][:40]
    assert alert["family_url"].startswith("http://news.example:8001/-/newstrace/family/")
    assert any(change["kind"] == "paragraph added" for change in alert["changes"])


@pytest.mark.parametrize("table", [{"story": "market"}, {"url": MARKET_URL}])
def test_alerts_story_rule_silent_on_an_uncopied_story(
    db: sqlite_utils.Database, stories: dict[str, int], tmp_path: Path, table: dict[str, Any]
) -> None:
    if "story" in table:
        table = {"story": stories["market"]}
    assert _raise(db, tmp_path, table) == []


@pytest.mark.parametrize(
    "claim",
    [CLAIM, CLAIM.replace("twelve more", "12 more")],  # verbatim, and lightly edited
)
def test_alerts_text_rule_finds_the_claim_in_original_and_copy(
    db: sqlite_utils.Database, stories: dict[str, int], tmp_path: Path, claim: str
) -> None:
    alerts = _raise(db, tmp_path, {"text": claim})
    assert {a["copy"]["id"] for a in alerts} == {stories["original"], stories["copy"]}
    assert {a["kind"] for a in alerts} == {"claim found"}
    for alert in alerts:
        passage = alert["passage"]
        assert "deckhands" in passage["copy"]["text"] and "deckhands" in passage["original"]["text"]
        assert passage["original"]["start"] >= 0 and passage["original"]["end"] <= len(claim)


@pytest.mark.parametrize(
    "claim",
    [
        "the strike would end on Friday after the operator agreed to every demand of the crews",
        "Stall holders on the islands said the new ferry rents had doubled since the holiday",
    ],
)
def test_alerts_text_rule_silent_on_text_sharing_only_words(
    db: sqlite_utils.Database, stories: dict[str, int], tmp_path: Path, claim: str
) -> None:
    assert _raise(db, tmp_path, {"text": claim}) == []


@pytest.mark.parametrize(
    ("outlet", "role", "copies"),
    [
        ("Riverside Tribune", "originated by the outlet", 1),
        ("Valley Post", "republished by the outlet", 1),
        ("valley.example", "republished by the outlet", 1),  # by its domain
        ("Hill Gazette", None, 0),
        ("Nowhere Times", None, 0),
    ],
)
def test_alerts_outlet_rule_raises_both_ways(
    db: sqlite_utils.Database, stories: dict[str, int], tmp_path: Path, outlet: str,
    role: str | None, copies: int,
) -> None:  # fmt: skip
    alerts = _raise(db, tmp_path, {"outlet": outlet})
    assert len(alerts) == copies
    for alert in alerts:
        assert alert["details"]["role"] == role
        assert (alert["original"]["id"], alert["copy"]["id"]) == (
            stories["original"],
            stories["copy"],
        )


@pytest.mark.parametrize("backlog", [False, True])
def test_alerts_backlog_false_leaves_out_what_the_store_held(
    db: sqlite_utils.Database, stories: dict[str, int], store_article: StoreArticle,
    tmp_path: Path, backlog: bool,
) -> None:  # fmt: skip
    table = {"outlet": "Riverside Tribune", "backlog": backlog}
    first = _raise(db, tmp_path, table)
    assert len(first) == (1 if backlog else 0)
    later = store_article(list(FERRY), source="third/ferry.html", outlet="Third Daily")
    retrace(db)
    assert [a["copy"]["id"] for a in _raise(db, tmp_path, table)][len(first) :] == [later]
