"""Tests for trace-shards and load: sharded JSONL/Parquet in, Parquet links and families out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sqlite_utils

from newstrace.engines import ray as ray_engine
from newstrace.engines.base import TextItem
from newstrace.engines.local import LocalEngine
from newstrace.engines.ray import RayEngine
from newstrace.settings import Settings
from newstrace.shards.load import LoadFilter, load_results
from newstrace.shards.output import family_rows, iter_links
from newstrace.shards.run import CheckpointMismatch, trace_shards
from newstrace.store import connect
from newstrace.store.families import iter_stored_families

from .corpus import corpus

pytestmark = pytest.mark.usefixtures("ray_cluster")


@pytest.fixture
def small_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many small tasks, so every stage has several checkpoints."""
    monkeypatch.setattr(ray_engine, "HASH_TASK_ARTICLES", 16)
    monkeypatch.setattr(ray_engine, "ALIGN_TASK_PAIRS", 5)
    monkeypatch.setattr(ray_engine, "ALIGN_BLOCK_ARTICLES", 40)


def _records() -> list[dict[str, object]]:
    return [
        {"id": f"story-{item.id}", "outlet": item.outlet, "title": f"T{item.id}", "body": item.body}
        for item in corpus()
    ]


def _write_shards(folder: Path) -> list[dict[str, object]]:
    """The corpus as two JSONL shards and one Parquet shard (named so they sort in that order)."""
    records = _records()
    folder.mkdir()
    thirds = [records[:40], records[40:90], records[90:]]
    for name, part in zip(("a.jsonl", "b.jsonl"), thirds[:2], strict=True):
        (folder / name).write_text("".join(json.dumps(r) + "\n" for r in part))
    pq.write_table(pa.Table.from_pylist(thirds[2]), folder / "c.parquet", row_group_size=7)
    return records


def _families(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """The stored families in the `families` output shape."""
    return [stored.to_json() for stored in iter_stored_families(db.conn)]


def _local_links(records: list[dict[str, object]]) -> list:
    items = [TextItem(k, r["outlet"], r["body"]) for k, r in enumerate(records)]  # type: ignore[arg-type]
    return LocalEngine().find_links(items, Settings())


@pytest.mark.parametrize("partitions", [3])
@pytest.mark.usefixtures("small_tasks")
def test_shards_trace_equals_local_engine(tmp_path: Path, partitions: int) -> None:
    records = _write_shards(tmp_path / "in")
    summary = trace_shards(
        [tmp_path / "in"], tmp_path / "out", Settings(), RayEngine(partitions=partitions)
    )
    expected = _local_links(records)
    assert list(iter_links(tmp_path / "out")) == expected
    assert summary.articles == len(records) and summary.links == len(expected)
    ids = [str(r["id"]) for r in records]
    outlets = [r["outlet"] for r in records]
    written = pq.read_table(tmp_path / "out" / "families").to_pylist()
    assert written == family_rows(expected, ids, outlets)  # type: ignore[arg-type]
    assert summary.stats["index_bytes"] > 0


@pytest.mark.parametrize("stop_at", ["candidates", "align"])
@pytest.mark.usefixtures("small_tasks")
def test_shards_interrupted_run_resumes_from_checkpoints(tmp_path: Path, stop_at: str) -> None:
    records = _write_shards(tmp_path / "in")

    def interrupt(stage: str) -> None:
        if stage == stop_at:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        trace_shards(
            [tmp_path / "in"], tmp_path / "out", Settings(), RayEngine(), on_stage=interrupt
        )
    hashed = sorted((tmp_path / "out" / "_checkpoints" / "hash").glob("*.npz"))
    assert len(hashed) == -(-len(records) // 16)
    stamps = [path.stat().st_mtime_ns for path in hashed]
    summary = trace_shards([tmp_path / "in"], tmp_path / "out", Settings(), RayEngine())
    assert "hash" in summary.resumed_stages
    assert [path.stat().st_mtime_ns for path in hashed] == stamps  # read back, not rewritten
    assert list(iter_links(tmp_path / "out")) == _local_links(records)


@pytest.mark.usefixtures("small_tasks")
def test_shards_lost_align_results_are_redone(tmp_path: Path) -> None:
    records = _write_shards(tmp_path / "in")
    trace_shards([tmp_path / "in"], tmp_path / "out", Settings(), RayEngine())
    tasks = sorted((tmp_path / "out" / "_checkpoints" / "align").glob("task-*.pkl"))
    assert len(tasks) > 2
    for path in tasks[::2]:
        path.unlink()
    summary = trace_shards([tmp_path / "in"], tmp_path / "out", Settings(), RayEngine())
    assert {"hash", "candidates", "align"} <= set(summary.resumed_stages)
    assert list(iter_links(tmp_path / "out")) == _local_links(records)


@pytest.mark.parametrize("changed", [{"shingle_tokens": 4}])
def test_shards_refuse_checkpoints_of_other_settings(tmp_path: Path, changed: dict) -> None:
    _write_shards(tmp_path / "in")
    trace_shards([tmp_path / "in"], tmp_path / "out", Settings(), RayEngine())
    with pytest.raises(CheckpointMismatch, match="--restart"):
        trace_shards([tmp_path / "in"], tmp_path / "out", Settings(**changed), RayEngine())
    restarted = trace_shards(
        [tmp_path / "in"], tmp_path / "out", Settings(**changed), RayEngine(), restart=True
    )
    assert restarted.resumed_stages == []


def test_shards_load_into_sqlite_keeps_links_and_families(tmp_path: Path) -> None:
    records = _write_shards(tmp_path / "in")
    trace_shards([tmp_path / "in"], tmp_path / "out", Settings(), RayEngine())
    db = connect(tmp_path / "news.db")
    summary = load_results(db, tmp_path / "out", LoadFilter(), Settings())
    again = load_results(db, tmp_path / "out", LoadFilter(), Settings())
    assert again.links == 0 and again.families == summary.families
    expected = _local_links(records)
    assert summary.links == len(expected)
    stored = {
        tuple(sorted(member["source_id"] for member in family["members"]))
        for family in _families(db)
    }
    ids = [str(r["id"]) for r in records]
    rows = family_rows(expected, ids, [r["outlet"] for r in records])  # type: ignore[arg-type]
    written: dict[int, list[str]] = {}
    for row in rows:
        written.setdefault(row["family"], []).append(row["source_id"])
    assert stored == {tuple(sorted(members)) for members in written.values()}
    # Passages point at the same text in the store as in the shards.
    body = {str(r["id"]): r["body"] for r in records}
    link = next(found for found in expected if not found.same_outlet)
    row = db.execute(
        "SELECT p.a_start, p.a_end, d.source_id FROM passages p JOIN reuse_links l ON l.id = p.link_id"
        " JOIN articles x ON x.id = l.a JOIN documents d ON d.id = x.document_id"
        " WHERE d.source_id = ? ORDER BY p.a_start LIMIT 1",
        (ids[link.a],),
    ).fetchone()
    passage = link.passages[0]
    assert body[row[2]][row[0] : row[1]] == body[ids[link.a]][passage.a_start : passage.a_end]


@pytest.mark.parametrize("outlet", ["outlet-3"])
def test_shards_load_filter_by_outlet(tmp_path: Path, outlet: str) -> None:
    records = _write_shards(tmp_path / "in")
    trace_shards([tmp_path / "in"], tmp_path / "out", Settings(), RayEngine())
    db = connect(tmp_path / "news.db")
    load_results(db, tmp_path / "out", LoadFilter(outlets=(outlet,)), Settings())
    families = _families(db)
    assert families
    assert all(any(m["outlet"] == outlet for m in family["members"]) for family in families)
    assert len(families) < len({r["outlet"] for r in records})
