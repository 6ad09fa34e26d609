"""The analyst's workflow: outlets described, mistakes undone, commands that say what is wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newstrace.cli import main

MAP = "text=body_text,outlet=publisher,published=date,id=id"
ATTRIBUTES = ",outlet.reliability=reliability,outlet.type=type"
SCREEN_LINES = 40


def run(*args: object) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _json(*args: object) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def traced(tmp_path: Path, outlets_csv: Path) -> Path:
    """The invented CSV ingested with outlet attributes from its columns, and traced."""
    db = tmp_path / "news.db"
    assert run("ingest", db, outlets_csv, "--map", MAP + ATTRIBUTES, "--silent").exit_code == 0
    assert run("trace", db, "--silent").exit_code == 0
    return db


def _families(db: Path) -> dict[int, list[str]]:
    return {f["id"]: sorted(m["outlet"] for m in f["members"]) for f in _json("families", db)}


@pytest.mark.parametrize("missing", ["nonexistent/path.csv"])
def test_cli_ingest_missing_path_creates_no_database(tmp_path: Path, missing: str) -> None:
    result = run("ingest", tmp_path / "n.db", tmp_path / missing)
    assert result.exit_code == 1
    assert "no such file or folder" in result.stderr and missing in result.stderr
    assert not (tmp_path / "n.db").exists()


@pytest.mark.parametrize("missing", ["gone.csv"])
def test_cli_ingest_missing_path_beside_a_good_one_is_a_failed_item(
    tmp_path: Path, outlets_csv: Path, missing: str
) -> None:
    result = run("ingest", tmp_path / "n.db", outlets_csv, tmp_path / missing, "--map", MAP)
    assert result.exit_code == 1
    assert "missing path" in result.stderr and "csv" in result.stderr
    line = next(line for line in result.stderr.splitlines() if missing in line)
    assert "no such file or folder" in line
    assert len(_json("articles", tmp_path / "n.db")) == len(
        outlets_csv.read_text().splitlines()[1:]
    )


@pytest.mark.parametrize("wrong", ["text=body_text,outlet=url"])
def test_cli_ingest_again_with_another_mapping_replaces(
    tmp_path: Path, outlets_csv: Path, wrong: str
) -> None:
    db = tmp_path / "n.db"
    run("ingest", db, outlets_csv, "--map", wrong, "--silent")
    assert any("://" in a["outlet"] for a in _json("articles", db))
    again = run("ingest", db, outlets_csv, "--map", MAP)
    assert "replaced: 7 articles" in again.stderr
    articles = _json("articles", db)
    assert len(articles) == 7
    assert {a["outlet"] for a in articles} == {
        "State Voice", "Proxy Daily", "Civic Ledger", "Lake Courier"
    }  # fmt: skip
    assert all("://" not in o["name"] for o in _json("outlets", db))


def test_cli_outlets_lists_counts_and_attributes_from_map(traced: Path) -> None:
    outlets = {o["name"]: o for o in _json("outlets", traced)}
    state = outlets["State Voice"]
    assert (state["articles"], state["families_originated"], state["copies"]) == (2, 1, 2)
    assert state["attributes"] == {"reliability": "low", "type": "state-affiliated"}
    assert outlets["Proxy Daily"]["republished"] == 2
    assert outlets["Lake Courier"]["attributes"] == {}


@pytest.mark.parametrize("pairs", [("country=XA", "bias=left")])
def test_cli_outlets_set_stores_attributes(traced: Path, pairs: tuple[str, ...]) -> None:
    assert run("outlets", traced, "--set", "Lake Courier", *pairs).exit_code == 0
    courier = next(o for o in _json("outlets", traced) if o["name"] == "Lake Courier")
    assert courier["attributes"] == {"country": "XA", "bias": "left"}
    described = _json("outlets", traced, "--where", "bias=LEFT")
    assert [o["name"] for o in described] == ["Lake Courier"]


def test_cli_outlets_set_unknown_outlet_fails_naming_it(traced: Path) -> None:
    result = run("outlets", traced, "--set", "Nowhere Gazette", "type=blog")
    assert result.exit_code == 1 and "Nowhere Gazette" in result.stderr
    assert "newstrace outlets" in result.stderr


def test_cli_outlets_load_merges_aliases_and_domains(tmp_path: Path, outlets_csv: Path) -> None:
    db = tmp_path / "n.db"
    run("ingest", db, outlets_csv, "--map", "text=body_text,outlet=url", "--silent")
    run("trace", db, "--silent")
    table = tmp_path / "outlets.csv"
    table.write_text(
        "name,domain,type,aliases\n"
        "https://statevoice.example/bridge,statevoice.example,state-affiliated,State Voice\n"
        ",proxydaily.example,proxy,\n"
    )
    result = run("outlets", db, "--load", table)
    assert result.exit_code == 0, result.output
    names = {o["name"]: o for o in _json("outlets", db)}
    state = names["https://statevoice.example/bridge"]
    assert state["articles"] == 2 and state["attributes"]["type"] == "state-affiliated"
    assert "https://statevoice.example/ferry" in state["aliases"]
    proxies = [o for name, o in names.items() if name.startswith("https://proxydaily")]
    assert [(o["articles"], o["attributes"]["type"]) for o in proxies] == [(2, "proxy")]
    edges = _json("network", db)
    assert all(e["source"] != "https://statevoice.example/ferry" for e in edges)


def test_cli_network_json_and_filters_carry_attributes(traced: Path) -> None:
    edges = _json("network", traced, "--origin", "type=state-affiliated")
    assert {(e["source"], e["target"]) for e in edges} == {
        ("State Voice", "Proxy Daily"), ("State Voice", "Civic Ledger")
    }  # fmt: skip
    assert all(e["source_attributes"]["reliability"] == "low" for e in edges)
    proxies = _json("network", traced, "--republisher", "type=proxy")
    assert {e["source"] for e in proxies} == {"State Voice", "Civic Ledger"}


def test_cli_network_gexf_has_outlet_attributes(traced: Path) -> None:
    gexf = run("network", traced, "--gexf").stdout
    assert 'title="type"' in gexf and 'value="state-affiliated"' in gexf


def test_cli_network_filter_matching_nothing_says_why(traced: Path) -> None:
    result = run("network", traced, "--origin", "type=wire", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert "no edge between outlets with those attributes" in result.stderr


def test_cli_remove_dry_run_then_yes_rebuilds_only_what_was_touched(traced: Path) -> None:
    before = _families(traced)
    dry = run("remove", traced, "--source-id", "s1")
    assert dry.exit_code == 0 and "would remove: 1 articles" in dry.stderr
    assert _families(traced) == before
    done = run("remove", traced, "--source-id", "s1", "--yes")
    assert done.exit_code == 0 and "removed 1 articles" in done.stderr
    after = _families(traced)
    assert sorted(after.values()) == [
        ["Civic Ledger", "Proxy Daily"], ["Civic Ledger", "Proxy Daily"]
    ]  # fmt: skip
    frost = [family for family, outlets in before.items() if family in after]
    assert all(before[family] == after[family] for family in frost if family != 1)
    assert len(_json("articles", traced)) == 6
    assert all(e["source"] != "State Voice" for e in _json("network", traced))


@pytest.mark.parametrize(
    ("flag", "value", "named"),
    [("--article", "99", "article 99"), ("--outlet", "Nowhere", "outlet Nowhere")],
)
def test_cli_remove_nothing_found_exits_non_zero(
    traced: Path, flag: str, value: str, named: str
) -> None:
    result = run("remove", traced, flag, value, "--yes")
    assert result.exit_code == 1 and named in result.stderr
    assert len(_json("articles", traced)) == 7


@pytest.mark.parametrize(
    ("args", "named"),
    [(("--family", "555"), "no family 555"), (("--article", "555"), "no article 555")],
)
def test_cli_report_missing_item_exits_non_zero(
    traced: Path, args: tuple[str, ...], named: str
) -> None:
    result = run("report", traced, *args)
    assert result.exit_code == 1 and named in result.stderr


def test_cli_report_before_trace_says_to_trace(tmp_path: Path, outlets_csv: Path) -> None:
    db = tmp_path / "n.db"
    run("ingest", db, outlets_csv, "--map", MAP, "--silent")
    result = run("report", db, "--family", "1")
    assert result.exit_code == 1 and f"run newstrace trace {db}" in result.stderr
    assert "no links yet" in run("links", db).stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--outlet", "Proxy Daily"), {"p1", "p2"}),
        (("--since", "2024-06-01", "--until", "2024-06-02"), {"c2", "p2"}),
        (("--outlet", "State Voice", "--until", "2024-05-31"), {"s1"}),
    ],
)
def test_cli_articles_filters(traced: Path, args: tuple[str, ...], expected: set[str]) -> None:
    assert {a["source_id"] for a in _json("articles", traced, *args)} == expected


def test_cli_articles_family_filter_lists_members(traced: Path) -> None:
    family = next(f for f, outlets in _families(traced).items() if len(outlets) == 3)
    found = _json("articles", traced, "--family", family)
    assert {a["source_id"] for a in found} == {"s1", "p1", "c1"}


@pytest.mark.parametrize(
    ("args", "named"),
    [(("--outlet", "Nowhere"), "no outlet 'Nowhere'"), (("--family", "555"), "no family 555")],
)
def test_cli_articles_unknown_filter_value_fails(
    traced: Path, args: tuple[str, ...], named: str
) -> None:
    result = run("articles", traced, *args)
    assert result.exit_code == 1 and named in result.stderr


def test_cli_articles_no_match_says_so(traced: Path) -> None:
    result = run("articles", traced, "--since", "2030-01-01")
    assert result.exit_code == 0 and "no articles match --since 2030-01-01" in result.stderr


def test_cli_report_summarises_long_diffs_and_full_prints_all(
    tmp_path: Path, long_copy_jsonl: Path
) -> None:
    db = tmp_path / "n.db"
    run("ingest", db, long_copy_jsonl, "--silent")
    run("trace", db, "--silent")
    family = _json("families", db)[0]["id"]
    short = run("report", db, "--family", family)
    assert short.exit_code == 0
    assert "more lines" in short.stdout and "--full" in short.stdout
    full = run("report", db, "--family", family, "--full")
    assert "more lines" not in full.stdout
    assert len(short.stdout.splitlines()) < len(full.stdout.splitlines())
    assert "Witness 60 told" not in short.stdout and "Witness 60 told" in full.stdout
    assert len(short.stdout.splitlines()) <= SCREEN_LINES


def test_cli_export_events_with_none_says_why(tmp_path: Path, outlets_csv: Path) -> None:
    db = tmp_path / "n.db"
    run("ingest", db, outlets_csv, "--map", MAP, "--silent")
    result = run("export", db, "--events", "--geojson")
    assert result.exit_code == 0 and json.loads(result.stdout)["features"] == []
    assert "no events: none found in the 7 articles read" in result.stderr


def test_cli_remove_by_source_named_another_way(
    tmp_path: Path, outlets_csv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "n.db"
    run("ingest", db, outlets_csv, "--map", MAP, "--silent")  # stored by its absolute path
    result = run("remove", db, "--source", outlets_csv.name, "--yes")
    assert result.exit_code == 0 and "removed 7 articles" in result.stderr
    assert "no articles in" in run("articles", db).stderr


def test_cli_remove_keeps_untouched_family_as_it_was(traced: Path) -> None:
    before = {f["id"]: f for f in _json("families", traced)}
    run("remove", traced, "--source-id", "c1", "--yes")
    after = {f["id"]: f for f in _json("families", traced)}
    frost = next(i for i, f in before.items() if len(f["members"]) == 2)
    assert after[frost] == before[frost]
    bridge = next(i for i, f in after.items() if i != frost)
    assert [m["outlet"] for m in after[bridge]["members"]] == ["State Voice", "Proxy Daily"]
