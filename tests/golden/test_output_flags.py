"""Every listing command takes the same --json / --nl / --csv flags, and they agree."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest
from click.testing import CliRunner

from newstrace.cli import main

LISTINGS = {
    "articles": ["articles", "{db}"],
    "links": ["links", "{db}"],
    "families": ["families", "{db}"],
    "network": ["network", "{db}"],
    "events": ["events", "{db}", "--silent"],
}


def _args(name: str, db: str, *flags: str) -> list[str]:
    return [part.format(db=db) for part in LISTINGS[name]] + list(flags)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_output_flags_json_nl_and_csv_hold_the_same_objects(
    example_store: str, run_cli: Callable[[list[str]], str], name: str
) -> None:
    array = json.loads(run_cli(_args(name, example_store, "--json")))
    lines = [json.loads(line) for line in run_cli(_args(name, example_store, "--nl")).splitlines()]
    rows = list(csv.DictReader(io.StringIO(run_cli(_args(name, example_store, "--csv")))))
    assert array, f"{name}: the example corpus should give some {name}"
    assert lines == array
    assert len(rows) == len(array)
    first_key = next(iter(array[0]))
    assert [row[first_key] for row in rows] == [str(obj[first_key]) for obj in array]


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_output_flags_two_at_once_is_a_usage_error(example_store: str, name: str) -> None:
    result = CliRunner().invoke(main, _args(name, example_store, "--json", "--csv"))
    assert result.exit_code == 2
    assert "at most one of --json, --nl and --csv" in result.output
