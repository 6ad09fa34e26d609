"""Event, page-version and translation rules (newstrace.watch.alerts)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from newstrace.models import UNATTRIBUTED, ActorMention, Change, Event, Passage, Place, ReuseLink
from newstrace.models.reuse import TRANSLATION, LinkKind
from newstrace.store import transaction
from newstrace.store.events import insert_event, link_article
from newstrace.store.links import write_link
from newstrace.store.watch import record_version
from newstrace.watch.alerts import DeliveryOptions, parse_rule, run_alerts

from .alert_stories import CLAIM, FERRY, MARKET, MARKET_URL, ORIGINAL_URL
from .conftest import retrace

OPTIONS = DeliveryOptions()
StoreArticle = Callable[..., int]


def _raise(
    db: sqlite_utils.Database, tmp_path: Path, table: dict[str, Any]
) -> list[dict[str, Any]]:
    out = tmp_path / "alerts.jsonl"
    report = run_alerts(
        db.conn, [parse_rule({**table, "to": [str(out)]}, 1)], cycle=1, options=OPTIONS
    )
    assert report.failed == 0, report.errors
    return [json.loads(line) for line in out.read_text().splitlines()] if out.exists() else []


def _event(country: str) -> Event:
    place = Place(0, 9, "Osterholm", 59.0, 18.0, None, country, 1, "Osterholm")
    return Event(
        "Protests", "Peaceful protest", "Demonstrations", "PROTEST", "reported",
        (ActorMention("Protesters (Osterholm)", "Ferry crews", 6),), (), (place,),
        "2026-03-01", None, 1, None, (), UNATTRIBUTED,
        "Ferry crews in the port of Osterholm walked off the job", 0, 55, "walked off",
    )  # fmt: skip


@pytest.fixture
def event_ids(db: sqlite_utils.Database, stories: dict[str, int]) -> dict[str, int]:
    """Two stored events: one in the copy placed in XA, one in the market story placed in XB."""
    with transaction(db) as conn:
        found = {}
        for name, article, country in (("ferry", "copy", "XA"), ("market", "market", "XB")):
            event = _event(country)
            found[name] = insert_event(conn, event, stories[article], None, name)
            link_article(conn, found[name], stories[article], event)
    return found


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"type": "protests", "country": "XA"}, ["ferry"]),
        ({"actor": "ferry crews"}, ["ferry", "market"]),
        ({"place": "osterholm", "sub_type": "Peaceful protest"}, ["ferry", "market"]),
        ({"country": "xb"}, ["market"]),
        ({"type": "Battles"}, []),
        ({"country": "SY"}, []),
    ],
)
def test_alerts_event_rule_matches_each_filter(
    db: sqlite_utils.Database, event_ids: dict[str, int], tmp_path: Path,
    filters: dict[str, str], expected: list[str],
) -> None:  # fmt: skip
    alerts = _raise(db, tmp_path, {"event": filters})
    assert sorted(a["details"]["event"]["id"] for a in alerts) == [event_ids[n] for n in expected]
    assert all(a["kind"] == "event reported" for a in alerts)


def _new_version(
    db: sqlite_utils.Database, store_article: StoreArticle, previous: int, url: str,
    paragraphs: list[str], outlet: str,
) -> int:  # fmt: skip
    new = store_article(paragraphs, source=f"watch/{outlet}.html", outlet=outlet, url=url)
    change = Change("paragraph edited", "six per cent → four per cent", "six", "four", 3)
    with transaction(db) as conn:
        record_version(conn, url, previous, new, "2026-03-04T08:00:00+00:00", [change])
    retrace(db)
    return new


@pytest.mark.parametrize(
    ("table", "expected"), [({"edited": True}, ["ferry"]), ({"page": MARKET_URL}, ["market"])]
)
def test_alerts_page_rule_raises_on_a_new_version(
    db: sqlite_utils.Database, stories: dict[str, int], store_article: StoreArticle,
    tmp_path: Path, table: dict[str, Any], expected: list[str],
) -> None:  # fmt: skip
    edited = [*FERRY[:3], FERRY[3].replace("six per cent", "four per cent"), FERRY[4]]
    versions = {
        "ferry": _new_version(db, store_article, stories["original"], ORIGINAL_URL, edited,
                              "Riverside Tribune"),
        "market": _new_version(db, store_article, stories["market"], MARKET_URL,
                               [*MARKET, "Updated on Tuesday."], "Hill Gazette"),
    }  # fmt: skip
    alerts = [a for a in _raise(db, tmp_path, table) if a["kind"] == "page edited"]
    assert [a["copy"]["id"] for a in alerts] == [versions[name] for name in expected]
    assert alerts[0]["changes"][0]["kind"] == "paragraph edited"
    if "edited" in table:  # the copy of the earlier version is named
        assert [c["id"] for c in alerts[0]["copies"]] == [stories["copy"]]
        assert alerts[0]["original"]["id"] == stories["original"]


def _translation(db: sqlite_utils.Database, store_article: StoreArticle, original: int) -> int:
    """A translated article linked to the original as the cross-language stage links one."""
    translated = store_article(
        ["Die Faehrbesatzungen von Osterholm streiken seit Montag."] * 3,
        source="kurier/faehre.html",
        outlet="Nordkurier",
        language="de",
    )
    passage = Passage(0, 120, 0, 50, 20, 0.0, 0.82)
    kind = LinkKind(TRANSLATION, 20, 0, 0, None, "sentences aligned across languages")
    link = ReuseLink(original, translated, 20, 0.5, 0.9, 0.0, (passage,), False, kind)
    with transaction(db) as conn:
        write_link(conn, link)
    return translated


@pytest.mark.parametrize("rule", ["story", "text"])
def test_alerts_translation_of_a_tracked_story(
    db: sqlite_utils.Database, stories: dict[str, int], store_article: StoreArticle,
    tmp_path: Path, rule: str,
) -> None:  # fmt: skip
    table = {"story": stories["original"]} if rule == "story" else {"text": CLAIM}
    _raise(db, tmp_path, table)  # what the store held before
    (tmp_path / "alerts.jsonl").unlink(missing_ok=True)
    translated = _translation(db, store_article, stories["original"])
    [alert] = _raise(db, tmp_path, table)
    assert (alert["kind"], alert["link_kind"]) == ("translated", "translation")
    assert alert["copy"]["id"] == translated and alert["copy"]["outlet"] == "Nordkurier"
    assert alert["passage"]["similarity"] == 0.82


@pytest.mark.parametrize("url", [ORIGINAL_URL])
def test_alerts_url_rule_names_a_copy_once_across_versions(
    db: sqlite_utils.Database, stories: dict[str, int], store_article: StoreArticle,
    tmp_path: Path, url: str,
) -> None:  # fmt: skip
    edited = [*FERRY[:3], FERRY[3].replace("six per cent", "four per cent"), FERRY[4]]
    _new_version(db, store_article, stories["original"], url, edited, "Riverside Tribune")
    alerts = _raise(db, tmp_path, {"url": url})
    assert [a["copy"]["id"] for a in alerts] == [stories["copy"]]
