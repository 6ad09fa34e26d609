"""Progress of the long stages (newstrace.progress): bars and stage times on stderr, or nothing."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
import sqlite_utils
from click.testing import CliRunner
from rich.console import Console

from newstrace import progress
from newstrace.cli import main
from newstrace.engines.trace import trace_links
from newstrace.reuse.provenance import build_provenance
from newstrace.settings import Settings

from .links_stories import BRIDGE, full_copy

StoreArticle = Callable[..., int]


def _console() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, width=120, force_terminal=False), buffer


@pytest.mark.parametrize("count", [3])
def test_progress_counts_each_stage_and_sums_up(count: int) -> None:
    console, buffer = _console()
    with progress.shown(console=console) as report:
        with progress.stage("hashing", count):
            for _ in range(count):
                progress.advance()
        with progress.stage("candidates", None, "pairs"):
            progress.advance(7)
    assert [(s.name, s.done, s.unit) for s in report.stages] == [
        ("hashing", 3, "articles"),
        ("candidates", 7, "pairs"),
    ]
    shown = buffer.getvalue()
    assert "hashing" in shown and "3/3" in shown
    assert "stages: hashing" in shown and "(7 pairs" in shown and "total" in shown


@pytest.mark.parametrize("enabled", [False])
def test_progress_hidden_keeps_times_and_prints_nothing(enabled: bool) -> None:
    console, buffer = _console()
    with progress.shown(enabled=enabled, console=console) as report:
        with progress.stage("alignment", 2, "pairs"):
            progress.advance(2)
        assert [s.name for s in progress.stage_times()] == ["alignment"]
    assert buffer.getvalue() == ""
    assert report.stages[0].done == 2


def test_progress_outside_a_report_does_nothing() -> None:
    with progress.stage("hashing", 10):
        progress.advance(10)
    progress.advance(5)  # no stage open: counted nowhere, no error
    assert progress.stage_times() == []


def test_progress_of_a_trace_names_every_stage(
    store_article: StoreArticle, db: sqlite_utils.Database
) -> None:
    store_article(list(BRIDGE), source="herald/bridge.html", outlet="Norrvik Herald")
    store_article(full_copy().split("\n\n"), source="coast/bridge.html", outlet="Coast Daily")
    console, buffer = _console()
    with progress.shown(console=console) as report:
        trace_links(db, Settings())
        build_provenance(db, Settings())
    names = [s.name for s in report.stages]
    assert names == [
        "hashing",
        "candidates",
        "alignment",
        "link kinds",
        "provenance",
        "network",
    ]
    done = {s.name: s.done for s in report.stages}
    assert done["hashing"] == 2 and done["provenance"] == 1 and done["alignment"] >= 1
    assert "provenance" in buffer.getvalue()


@pytest.mark.parametrize(("option", "shows"), [((), True), (("--silent",), False)])
def test_progress_trace_command_shows_stages_unless_silent(
    store_article: StoreArticle, db: sqlite_utils.Database, option: tuple[str, ...], shows: bool
) -> None:
    store_article(list(BRIDGE), source="herald/bridge.html", outlet="Norrvik Herald")
    store_article(full_copy().split("\n\n"), source="coast/bridge.html", outlet="Coast Daily")
    path = db.execute("PRAGMA database_list").fetchone()[2]
    result = CliRunner().invoke(main, ["trace", path, *option])
    assert result.exit_code == 0
    assert ("stages: hashing" in result.stderr) is shows
    assert ("provenance" in result.stderr) is shows
    assert (result.stderr == "") is not shows
