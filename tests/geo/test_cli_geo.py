"""The geoparse command's contract, through click's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.cli import main

TROOPS = "Troops moved from Homs towards Palmyra."
LINES = [
    {"text": TROOPS, "spans": [[18, 22], [31, 38]]},
    "this is not json",
    {"text": "Rain in Oslo.", "spans": [[8, 12], [0, 99]]},
    {"text": "Markets reopened in Beirut."},
]


def test_cli_geoparse_fixture_spans_name_the_places() -> None:
    assert (TROOPS[18:22], TROOPS[31:38]) == ("Homs", "Palmyra")


def _input(tmp_path: Path) -> Path:
    path = tmp_path / "texts.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in LINES) + "\n")
    return path


@pytest.mark.parametrize("from_stdin", [False, True])
def test_cli_geoparse_one_output_line_per_input_line(tmp_path: Path, from_stdin: bool) -> None:
    path = _input(tmp_path)
    args = ["geoparse", "-" if from_stdin else str(path), "--nl"]
    result = CliRunner().invoke(main, args, input=path.read_text() if from_stdin else None)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len(LINES)
    assert [p["name"] for p in lines[0]["places"]] == ["Homs", "Palmyra"]
    assert set(lines[0]["places"][0]) == {
        "start", "end", "name", "lat", "lon", "geonameid", "country", "geo_precision",
    }  # fmt: skip
    assert "line 2" in lines[1]["error"] and "line 3" in lines[2]["error"]
    assert "line 2" in result.stderr and "line 3" in result.stderr
    assert [p["name"] for p in lines[3]["places"]] == ["Beirut"]


@pytest.mark.parametrize("focus", ["Syria"])
def test_cli_geoparse_rejects_a_bad_focus(tmp_path: Path, focus: str) -> None:
    result = CliRunner().invoke(main, ["geoparse", str(_input(tmp_path)), "--focus", focus])
    assert result.exit_code != 0 and "two-letter" in result.output


def test_cli_geoparse_json_is_the_default_array(tmp_path: Path) -> None:
    path = str(_input(tmp_path))
    plain = CliRunner().invoke(main, ["geoparse", path])
    array = CliRunner().invoke(main, ["geoparse", path, "--json"])
    lines = CliRunner().invoke(main, ["geoparse", path, "--nl"])
    assert plain.stdout == array.stdout
    assert json.loads(array.stdout) == [json.loads(line) for line in lines.stdout.splitlines()]


@pytest.mark.parametrize("silent", [False, True])
def test_cli_geoparse_closes_with_its_time_unless_silent(tmp_path: Path, silent: bool) -> None:
    args = ["geoparse", str(_input(tmp_path)), "--nl"] + ["--silent"] * silent
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert ("stages: geoparse" in result.stderr) is not silent
    assert f"({len(LINES)} lines" in result.stderr or silent
    assert len(result.stdout.splitlines()) == len(LINES)
