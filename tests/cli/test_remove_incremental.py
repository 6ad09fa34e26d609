"""Removing articles recomputes only what they touched: every other row stays byte for byte."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newstrace.cli import main
from newstrace.reuse.provenance import build_provenance
from newstrace.settings import Settings
from newstrace.store import connect

MAP = "text=body_text,outlet=publisher,published=date,id=id"
# Each table's rows keyed so a snapshot compares what a reader sees, not the row order.
TABLES = {
    "reuse_links": "SELECT * FROM reuse_links",
    "passages": "SELECT p.*, l.a, l.b FROM passages p JOIN reuse_links l ON l.id = p.link_id",
    "link_kinds": "SELECT k.*, l.a, l.b FROM link_kinds k JOIN reuse_links l ON l.id = k.link_id",
    "families": "SELECT * FROM families",
    "family_members": "SELECT * FROM family_members",
    "member_evidence": "SELECT * FROM member_evidence",
    "member_changes": "SELECT * FROM member_changes",
    "outlet_edges": "SELECT * FROM outlet_edges",
    "events": "SELECT * FROM events",
    "event_articles": "SELECT * FROM event_articles",
}


def run(*args: object) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _article(conn: sqlite3.Connection, source_id: str) -> int:
    row = conn.execute(
        "SELECT a.id FROM articles a JOIN documents d ON d.id = a.document_id"
        " WHERE d.source_id = ?",
        (source_id,),
    ).fetchone()
    return int(row[0])


def _event(conn: sqlite3.Connection, read_in: int, carriers: list[int], key: str) -> int:
    """An invented event read in one article and carried by others (its family's copies)."""
    family = conn.execute(
        "SELECT family_id FROM family_members WHERE article_id = ?", (read_in,)
    ).fetchone()
    row = conn.execute(
        "INSERT INTO events (family_id, article_id, event_key, event_type, sub_event_type,"
        " disorder_type, plover, status, attribution_class, sentence, trigger, extracted_at)"
        " VALUES (?, ?, ?, 'Protests', 'Peaceful protest', 'Demonstrations', 'PROTEST',"
        " 'reported', 'unattributed', 'Crowds marched.', 'marched', '2024-05-01')"
        " RETURNING id",
        (family[0] if family else None, read_in, key),
    ).fetchone()
    for article in [read_in, *carriers]:
        conn.execute("INSERT INTO event_articles VALUES (?, ?, 0, 15)", (row[0], article))
    return int(row[0])


def _snapshot(db: Path) -> dict[str, set[tuple[Any, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return {name: set(conn.execute(sql).fetchall()) for name, sql in TABLES.items()}
    finally:
        conn.close()


@pytest.fixture
def store(tmp_path: Path, outlets_csv: Path) -> tuple[Path, dict[str, int]]:
    """The invented CSV traced, with events: one read in each bridge copy, one in a frost copy."""
    db = tmp_path / "news.db"
    assert run("ingest", db, outlets_csv, "--map", MAP, "--silent").exit_code == 0
    assert run("trace", db, "--silent").exit_code == 0
    conn = connect(db).conn
    ids = {key: _article(conn, key) for key in ("s1", "p1", "c1", "c2", "p2", "l1")}
    conn.execute("BEGIN")
    events = {
        "c1 shared": _event(conn, ids["c1"], [ids["p1"]], "k1"),
        "c1 only": _event(conn, ids["c1"], [], "k2"),
        "frost": _event(conn, ids["c2"], [ids["p2"]], "k3"),
        "library": _event(conn, ids["l1"], [], "k4"),
    }
    conn.execute("COMMIT")
    conn.close()
    return db, {**ids, **{f"event {k}": v for k, v in events.items()}}


def _untouched(rows: set[tuple[Any, ...]], table: str, ids: dict[str, int]) -> set[tuple[Any, ...]]:
    """The rows of a table that name nothing of the bridge family (removal touches it only)."""
    bridge = {ids["s1"], ids["p1"], ids["c1"]}
    bridge_outlets = {"State Voice"}  # only the bridge family's copies come from it
    if table == "outlet_edges":
        return {row for row in rows if row[0] not in bridge_outlets}
    if table in {"reuse_links", "passages", "link_kinds"}:
        return {row for row in rows if not {row[-2], row[-1]} & bridge}
    if table in {"families", "family_members", "member_evidence", "member_changes"}:
        return {row for row in rows if not {row[0], row[1]} & bridge}
    if table == "events":
        return {row for row in rows if row[2] not in bridge}
    return {row for row in rows if row[1] not in bridge}


def test_remove_leaves_untouched_rows_byte_identical(store: tuple[Path, dict[str, int]]) -> None:
    db, ids = store
    before = _snapshot(db)
    result = run("remove", db, "--source-id", "c1", "--yes")
    assert result.exit_code == 0, result.output
    assert "recomputed only what was touched: 1 families" in result.stderr
    after = _snapshot(db)
    for table in TABLES:
        assert _untouched(after[table], table, ids) == _untouched(before[table], table, ids), table
    assert any(row[0] == ids["c2"] for row in after["families"])  # the frost family stays


def test_remove_drops_events_read_in_removed_and_keeps_shared_ones(
    store: tuple[Path, dict[str, int]],
) -> None:
    db, ids = store
    run("remove", db, "--source-id", "c1", "--yes")
    events = {row[0]: row for row in _snapshot(db)["events"]}
    assert ids["event c1 only"] not in events
    # The copy that carried the removed article's event keeps it, read from the copy now.
    assert events[ids["event c1 shared"]][2] == ids["p1"]
    carriers = {row[1] for row in _snapshot(db)["event_articles"]}
    assert ids["c1"] not in carriers
    assert {ids["event frost"], ids["event library"]} <= set(events)


def test_remove_families_equal_a_full_recomputation(store: tuple[Path, dict[str, int]]) -> None:
    db, _ = store
    run("remove", db, "--source-id", "s1", "--yes")
    incremental = _snapshot(db)
    build_provenance(connect(db), Settings())
    full = _snapshot(db)
    for table in ("families", "family_members", "member_evidence", "member_changes"):
        assert {row[1:] if table.startswith("member_") else row for row in incremental[table]} == {
            row[1:] if table.startswith("member_") else row for row in full[table]
        }, table
    assert incremental["outlet_edges"] == full["outlet_edges"]


def test_remove_outlet_drops_its_edges_and_keeps_the_others(
    store: tuple[Path, dict[str, int]],
) -> None:
    db, _ = store
    run("remove", db, "--outlet", "State Voice", "--yes")
    edges = json.loads(run("network", db, "--json").stdout)
    assert edges and all("State Voice" not in (e["source"], e["target"]) for e in edges)


@pytest.mark.parametrize("pair", ["type=state-affiliated"])
def test_outlet_attribute_leaves_provenance_as_it_was(
    store: tuple[Path, dict[str, int]], pair: str
) -> None:
    db, _ = store
    before = _snapshot(db)
    result = run("outlets", db, "--set", "State Voice", pair)
    assert result.exit_code == 0 and "rebuilt" not in result.stderr
    assert _snapshot(db) == before


def test_remove_dry_run_counts_only_events_that_go(store: tuple[Path, dict[str, int]]) -> None:
    db, _ = store
    result = run("remove", db, "--source-id", "c1", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["events"] == 1  # the shared one stays with its kept copy
