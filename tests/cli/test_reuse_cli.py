"""The reuse commands on the bundled example corpus, as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: object) -> object:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def traced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("reuse") / "news.db"
    folders = [EXAMPLES / name for name in ("pages", "archives", "feeds", "exports")]
    assert run("ingest", db, *folders, "--silent").exit_code == 0
    assert run("trace", db, "--silent").exit_code == 0
    return db


def _families(db: Path) -> list[dict]:
    return [json.loads(line) for line in run("families", db, "--nl").stdout.splitlines()]


def test_reuse_cli_links_have_the_documented_shape(traced):
    links = [json.loads(line) for line in run("links", traced, "--nl").stdout.splitlines()]
    keys = {
        "a",
        "b",
        "a_source",
        "a_source_id",
        "b_source",
        "b_source_id",
        "shared_tokens",
        "coverage_a",
        "coverage_b",
        "passages",
    }
    assert links and all(keys <= set(link) for link in links)
    assert all(link["passages"] and link["shared_tokens"] > 0 for link in links)


def test_reuse_cli_families_name_origins_and_parents(traced):
    families = _families(traced)
    sizes = sorted(len(f["members"]) for f in families)
    assert sizes == [2, 2, 5]
    for family in families:
        origin = family["origin"]["article"]
        parents = {m["article"]: m["parent"] for m in family["members"]}
        assert parents[origin] is None and all(
            p is not None for a, p in parents.items() if a != origin
        )


def test_reuse_cli_second_trace_changes_nothing(traced):
    before = run("families", traced, "--nl").stdout
    again = CliRunner().invoke(main, ["trace", str(traced)])
    assert "articles traced: 0" in again.stderr
    assert run("families", traced, "--nl").stdout == before


def test_reuse_cli_network_gexf_is_a_graph_of_outlets(traced):
    root = ElementTree.fromstring(run("network", traced, "--gexf").stdout)
    edges = root.findall(".//{*}edge")
    assert len(edges) == 6


def test_reuse_cli_report_shows_evidence_and_changes(traced):
    (dock,) = [f for f in _families(traced) if f["origin"]["outlet"] == "Riverside Tribune"]
    text = run("report", traced, "--family", dock["id"]).stdout
    for phrase in (
        "attribution line names Riverside Tribune",
        "title label 'Video' added",
        "reader comments not carried over",
    ):
        assert phrase in " ".join(text.split()), phrase


@pytest.mark.parametrize("command", ["links", "families", "network"])
def test_reuse_cli_listings_take_the_shared_output_flags(traced, command):
    array = json.loads(run(command, traced, "--json").stdout)
    lines = [json.loads(line) for line in run(command, traced, "--nl").stdout.splitlines()]
    assert array and lines == array
    rows = list(csv.DictReader(io.StringIO(run(command, traced, "--csv").stdout)))
    assert len(rows) == len(array) and list(rows[0]) == list(array[0])
    assert run(command, traced, "--json", "--nl").exit_code == 2


def test_reuse_cli_network_default_is_a_table(traced):
    assert "origin outlet → republisher" in run("network", traced).stdout
