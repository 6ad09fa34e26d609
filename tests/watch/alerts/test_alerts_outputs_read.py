"""Reading alerts back: the Atom feed `newstrace serve` serves, and `newstrace alerts`."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import feedparser
import pytest
import sqlite_utils
from click.testing import CliRunner
from datasette.app import Datasette

from newstrace.cli import main
from newstrace.watch.alerts import DeliveryOptions, parse_rule, run_alerts

from .alert_stories import FERRY
from .conftest import retrace

StoreArticle = Callable[..., int]
FEED = "/-/newstrace/alerts.atom"


def _path(db: sqlite_utils.Database) -> str:
    return str(db.conn.execute("PRAGMA database_list").fetchone()[2])


def _feed(path: str) -> tuple[int, str, str]:
    async def fetch() -> tuple[int, str, str]:
        datasette = Datasette([path])
        await datasette.invoke_startup()
        response = await datasette.client.get(FEED)
        return response.status_code, response.headers["content-type"], response.text

    # A thread of its own: the browser tests leave an event loop running in this one.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, fetch()).result()


def _raise_two(db: sqlite_utils.Database, stories: dict[str, int], store_article: StoreArticle,
               tmp_path: Path) -> list:  # fmt: skip
    rules = [parse_rule({"story": stories["original"], "to": [str(tmp_path / "a.jsonl")]}, 1)]
    run_alerts(db.conn, rules, cycle=1, options=DeliveryOptions())
    store_article(list(FERRY), source="third/ferry.html", outlet="Third Daily", title="Third")
    retrace(db)
    run_alerts(db.conn, rules, cycle=2, options=DeliveryOptions())
    return rules


@pytest.mark.parametrize("reads", [2])
def test_alerts_atom_feed_valid_newest_first_stable_ids(
    db: sqlite_utils.Database, stories: dict[str, int], store_article: StoreArticle,
    tmp_path: Path, reads: int,
) -> None:  # fmt: skip
    status, kind, empty = _feed(_path(db))
    assert status == 200 and kind.startswith("application/atom+xml")
    assert feedparser.parse(empty).entries == [] and not feedparser.parse(empty).bozo
    _raise_two(db, stories, store_article, tmp_path)
    feeds = [feedparser.parse(_feed(_path(db))[2]) for _ in range(reads)]
    assert not feeds[0].bozo, feeds[0].bozo_exception
    entries = feeds[0].entries
    assert len(entries) == 2 and "Third Daily" in entries[0].title  # newest first
    assert "Valley Post" in entries[1].title
    assert [e.id for e in entries] == [e.id for e in feeds[1].entries]
    assert "/-/newstrace/family/" in entries[1].link
    assert "Osterholm" in entries[1].summary


def test_alerts_cli_says_when_no_watch_ran(db: sqlite_utils.Database) -> None:
    result = CliRunner().invoke(main, ["alerts", _path(db)])
    assert result.exit_code != 0
    assert "no watch has checked alerts" in result.output


@pytest.mark.parametrize("flag", ["--nl"])
def test_alerts_cli_lists_alerts_and_delivery_state(
    db: sqlite_utils.Database, stories: dict[str, int], store_article: StoreArticle,
    tmp_path: Path, flag: str,
) -> None:  # fmt: skip
    [rule] = _raise_two(db, stories, store_article, tmp_path)
    result = CliRunner().invoke(main, ["alerts", _path(db), flag])
    assert result.exit_code == 0, result.output
    alerts = [json.loads(line) for line in result.output.splitlines()]
    assert [a["copy"]["outlet"] for a in alerts] == ["Third Daily", "Valley Post"]
    assert all(a["deliveries"][0]["state"] == "sent" for a in alerts)
    other = CliRunner().invoke(main, ["alerts", _path(db), flag, "--rule", "story:999"])
    assert other.exit_code == 0 and other.output == ""
    table = CliRunner().invoke(main, ["alerts", _path(db), "--rule", rule.key])
    assert "Valley Post" in table.output and "1 sent" in table.output


@pytest.mark.parametrize(("number", "outlets"), [("1", []), ("2", ["Third Daily", "Valley Post"])])
def test_alerts_cli_rule_by_its_number_in_the_watch_file(
    db: sqlite_utils.Database, stories: dict[str, int], store_article: StoreArticle,
    tmp_path: Path, number: str, outlets: list[str],
) -> None:  # fmt: skip
    _raise_two(db, stories, store_article, tmp_path)
    config = tmp_path / "watch.toml"
    config.write_text(
        f'[[alert]]\nstory = 999\nto = ["a.jsonl"]\n\n'
        f'[[alert]]\nstory = {stories["original"]}\nto = ["a.jsonl"]\n'
    )
    args = ["alerts", _path(db), "--nl", "--config", str(config), "--rule", number]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["copy"]["outlet"] for line in result.output.splitlines()] == outlets
