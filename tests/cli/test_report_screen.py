"""Reports fit one terminal screen: lists capped with "… and K more (use --full)"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newstrace.cli import main

SCREEN_LINES = 40


def run(*args: object, width: int = 80) -> Any:
    runner = CliRunner(env={"COLUMNS": str(width)})
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def _biggest(db: Path) -> dict[str, Any]:
    families = json.loads(run("families", db, "--json").stdout)
    return max(families, key=lambda family: len(family["members"]))


def _lines(result: Any) -> list[str]:
    assert result.exit_code == 0, result.output
    return list(result.stdout.splitlines())


@pytest.mark.parametrize("width", [80, 120])
def test_report_family_of_many_copies_fits_a_screen(wide_store: Path, width: int) -> None:
    family = _biggest(wide_store)
    lines = _lines(run("report", wide_store, "--family", family["id"], width=width))
    assert len(family["members"]) == 19
    assert len(lines) <= SCREEN_LINES and all(len(line) <= width for line in lines)
    text = "\n".join(lines)
    assert "18 copies by 9 outlets" in text and "2 copies of article" in text
    assert "… and 3 more outlets with 6 copies (use --full)" in text
    assert "Copier 8" not in text  # the outlets with fewest copies are left out


@pytest.mark.parametrize("width", [80])
def test_report_family_full_prints_every_copy(wide_store: Path, width: int) -> None:
    family = _biggest(wide_store)
    full = "\n".join(_lines(run("report", wide_store, "--family", family["id"], "--full")))
    assert all(f"Copier {n}" in full for n in range(9))
    assert "Local note number 17." in full and "(use --full)" not in full


@pytest.mark.parametrize("width", [80, 120])
def test_report_overview_and_article_fit_a_screen(wide_store: Path, width: int) -> None:
    overview = _lines(run("report", wide_store, width=width))
    assert len(overview) <= SCREEN_LINES and "… and 5 more families (use --full)" in overview[-1]
    origin = _biggest(wide_store)["origin"]["article"]
    article = _lines(run("report", wide_store, "--article", origin, width=width))
    assert len(article) <= SCREEN_LINES and "… and 3 more links (use --full)" in article[-1]
    assert all(len(line) <= width for line in overview + article)


@pytest.mark.parametrize("command", [["report"], ["report", "--article", "1"]])
def test_report_full_lists_everything(wide_store: Path, command: list[str]) -> None:
    text = run(command[0], wide_store, *command[1:], "--full").stdout
    assert "(use --full)" not in text
