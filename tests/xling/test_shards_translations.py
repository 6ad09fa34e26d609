"""The cross-language stage of `trace-shards`: the translations `newstrace trace` stores, found
among sharded article files on the local two-worker Ray cluster."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newstrace.engines.ray import RayEngine
from newstrace.settings import Settings
from newstrace.shards.output import read_table
from newstrace.shards.run import trace_shards

from .stories import (
    ENGLISH,
    FRENCH,
    GERMAN,
    OTHER_FRENCH,
    ingest_and_trace,
    invoke,
    lines,
    record,
)

pytestmark = pytest.mark.usefixtures("ray_cluster")

RECORDS = [
    record("en1", "Avalon Herald", "2024-03-05", ENGLISH, "Floods in Port Avalon"),
    record("en2", "Avalon Post", "2024-03-05", ENGLISH[:4], "Floods"),  # a same-language copy
    record("fr1", "Le Courrier du Nord", "2024-03-06", FRENCH, "Inondations à Port Avalon"),
    record("fr2", "La Gazette de Lyonnet", "2024-03-06", OTHER_FRENCH, "Un musée ouvre"),
    record("de1", "Nordblatt", "2024-03-06", GERMAN, "Hochwasser in Port Avalon"),
]
Aligned = dict[tuple[str, str], list[tuple[int, int, int, int, float]]]


def _local(links: list[dict[str, Any]]) -> Aligned:
    return {
        (link["a_source_id"], link["b_source_id"]): [
            (p["a_start"], p["a_end"], p["b_start"], p["b_end"], p["similarity"])
            for p in link["passages"]
        ]
        for link in links
    }


def _shard_links(output: Path, kind: str | None) -> list[dict[str, Any]]:
    return [row for row in read_table(output, "links").to_pylist() if row["kind"] == kind]


@pytest.mark.parametrize("with_language", [True, False])
def test_shards_translations_equal_local_trace(tmp_path: Path, with_language: bool) -> None:
    db = ingest_and_trace(tmp_path, RECORDS)
    stored = lines(invoke("articles", db, "--nl"))
    fields = ("outlet", "title", "published", "body", *(("language",) if with_language else ()))
    shard = tmp_path / "shards" / "articles.jsonl"
    shard.parent.mkdir()
    shard.write_text(
        "".join(
            json.dumps({"id": a["source_id"], **{f: a[f] for f in fields}}) + "\n" for a in stored
        )
    )
    summary = trace_shards([shard.parent], tmp_path / "out", Settings(), RayEngine())
    expected = _local(lines(invoke("links", db, "--kind", "translation", "--nl")))
    assert {("en1", "fr1"), ("en1", "de1")} <= set(expected)
    assert not any("fr2" in pair for pair in expected)  # the other story of the same days
    assert _local(_shard_links(tmp_path / "out", "translation")) == expected
    same_language = _shard_links(tmp_path / "out", None)
    assert [(r["a_source_id"], r["b_source_id"]) for r in same_language] == [("en1", "en2")]
    families = read_table(tmp_path / "out", "families").to_pylist()
    assert {row["source_id"] for row in families} == {"en1", "en2", "fr1", "de1"}
    assert summary.links == len(expected) + 1
