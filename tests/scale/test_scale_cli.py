"""The scale-out command line as a user runs it: trace --engine ray, trace-shards, load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.cli import main

from .corpus import corpus

pytestmark = pytest.mark.usefixtures("ray_cluster")


def run(*args: object) -> object:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test corpus as one JSONL export file."""
    path = tmp_path_factory.mktemp("export") / "articles.jsonl"
    records = [
        {
            "id": f"s{item.id}",
            "outlet": item.outlet or "",
            "body": item.body,
            "title": f"T{item.id}",
        }
        for item in corpus()
        if item.body
    ]
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return path


def _nl(*args: object) -> list[dict]:
    return [json.loads(line) for line in run(*args).stdout.splitlines()]


@pytest.mark.parametrize("engine", ["ray"])
def test_scale_cli_trace_engine_ray_equals_local(tmp_path: Path, export: Path, engine: str) -> None:
    local, other = tmp_path / "local.db", tmp_path / "ray.db"
    mapping = "text=body,outlet=outlet,title=title,id=id"
    for db in (local, other):
        assert run("ingest", db, export, "--map", mapping, "--silent").exit_code == 0
    assert run("trace", local, "--silent").exit_code == 0
    assert run("trace", other, "--engine", engine, "--silent").exit_code == 0
    assert _nl("links", other, "--nl") == _nl("links", local, "--nl")
    assert _nl("families", other, "--nl") == _nl("families", local, "--nl")
    assert _nl("links", local, "--nl")


@pytest.mark.parametrize("option", [["--address", "auto"]])
def test_scale_cli_address_needs_engine_ray(tmp_path: Path, option: list[str]) -> None:
    result = CliRunner().invoke(main, ["trace", str(tmp_path / "x.db"), *option])
    assert result.exit_code != 0


def test_scale_cli_trace_shards_then_load(tmp_path: Path, export: Path) -> None:
    result = run("trace-shards", export, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "families:" in result.output
    assert sorted(p.name for p in (tmp_path / "out" / "links").iterdir()) == ["part-00000.parquet"]
    again = run("trace-shards", export, tmp_path / "out")
    assert "resumed: hash, candidates, align" in again.output
    loaded = run("load", tmp_path / "news.db", tmp_path / "out")
    assert loaded.exit_code == 0 and "families:" in loaded.output
    assert _nl("families", tmp_path / "news.db", "--nl")


@pytest.mark.parametrize("bad", ["notes.txt"])
def test_scale_cli_trace_shards_names_a_bad_input(tmp_path: Path, bad: str) -> None:
    (tmp_path / bad).write_text("not articles")
    result = CliRunner().invoke(main, ["trace-shards", str(tmp_path / bad), str(tmp_path / "out")])
    assert result.exit_code != 0 and bad in result.output


def test_scale_cli_trace_shards_has_no_engine_option(tmp_path: Path, export: Path) -> None:
    # Sharded inputs are traced on Ray only: the option that chose nothing is gone.
    result = CliRunner().invoke(
        main, ["trace-shards", str(export), str(tmp_path / "out"), "--engine", "ray"]
    )
    assert result.exit_code == 2 and "--engine" in result.output
