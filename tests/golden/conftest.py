"""The example corpus in one store, shared by the golden-output and output-flag tests."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.cli import main

REPO = Path(__file__).resolve().parents[2]
INPUTS = [
    "examples/pages",
    "examples/archives",
    "examples/feeds",
    "examples/exports",
    "tests/golden/conflict-desk.txt",
]


def invoke(args: list[str]) -> str:
    """Run a newstrace command at a fixed terminal width; its stdout, failing on a non-zero exit."""
    result = CliRunner().invoke(main, args, env={"COLUMNS": "120", "NO_COLOR": "1"})
    assert result.exit_code == 0, f"{args}: {result.output}"
    return result.stdout


@pytest.fixture(scope="session")
def run_cli() -> Callable[[list[str]], str]:
    """The command line as a function: arguments in, stdout out."""
    return invoke


@pytest.fixture(scope="session")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The example corpus and one conflict report ingested, traced and read for events."""
    db = str(tmp_path_factory.mktemp("golden") / "news.db")
    cwd = Path.cwd()
    os.chdir(REPO)  # sources are stored as the paths given, relative to the repository
    try:
        invoke(["ingest", db, *INPUTS, "--silent"])
        invoke(["trace", db, "--silent"])
        invoke(["events", db, "--silent"])
    finally:
        os.chdir(cwd)
    return db
