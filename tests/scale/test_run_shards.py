"""run-shards: extraction, events and tracing on a two-worker Ray cluster give what the local
stages give on the same inputs, and an interrupted run resumes shard by shard."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newstrace.cli import main
from newstrace.engines.base import TextItem
from newstrace.engines.local import LocalEngine
from newstrace.engines.ray import RayEngine
from newstrace.events.assemble import ArticleText, extract_events
from newstrace.geo import default_geocoder
from newstrace.ingest import iter_items
from newstrace.ingest.run import extract_one
from newstrace.models import Failure
from newstrace.settings import Settings
from newstrace.shards.output import iter_links
from newstrace.shards.pipeline import input_files, run_shards
from newstrace.shards.run import CheckpointMismatch

from .corpus import corpus

pytestmark = pytest.mark.usefixtures("ray_cluster")

CONFLICT = [
    "Gunmen killed four villagers near Kandahar on Tuesday, a district official said.",
    "Police fired tear gas at protesters who burned tyres and blocked roads in Lagos on Friday.",
]
EXTRA = {
    "id": "ferry-1",
    "title": "Ferry timetable changes",
    "body": "The ferry to the islands will run twice a day from Monday, the operator said.",
}
PAGE = """<html><head><title>Harbour crane toppled by storm | Coastline Daily</title>
<meta property="og:site_name" content="Coastline Daily"></head><body><article>
<h1>Harbour crane toppled by storm</h1><p>By Mira Castell</p>
<p>A container crane toppled into the water at the northern quay overnight as gusts passed
ninety kilometres an hour, the port authority said on Wednesday morning.</p>
<p>No one was hurt. Engineers expect the berth to stay closed for at least two weeks while
divers survey the wreck and a floating crane is brought in from the south coast.</p>
</article></body></html>"""


def _write_inputs(folder: Path) -> None:
    """Three shards: records with copies, records with conflict reports and a bad line, a page."""
    folder.mkdir()
    records = [
        {"id": f"story-{item.id}", "outlet": item.outlet, "title": f"T{item.id}", "body": item.body}
        for item in corpus()[:60]
    ]
    (folder / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    reports = [
        {"id": f"report-{k}", "outlet": "Desk", "title": f"R{k}", "body": text}
        for k, text in enumerate(CONFLICT)
    ]
    lines = [json.dumps(r) for r in reports] + ['{"id": "broken", "body": ']
    (folder / "b.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "c.html").write_text(PAGE)


def _local_articles(folder: Path) -> tuple[list[dict[str, Any]], list[Failure]]:
    """What the local extraction gives, file by file in path order (`id`, the store's row id,
    left out: a shard's `id` is the article's record id)."""
    articles: list[dict[str, Any]] = []
    failures: list[Failure] = []
    for path in input_files([folder]):
        for item in iter_items([str(path)], Settings()):
            if isinstance(item, Failure):
                failures.append(item)
                continue
            extracted = extract_one(item, Settings()).article
            assert extracted is not None
            articles.append({k: v for k, v in extracted.to_json().items() if k != "id"})
    return articles, failures


def _shard_lines(folder: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for shard in sorted(folder.glob("*.jsonl"))
        for line in shard.read_text().splitlines()
    ]


def test_run_shards_equals_local_stages(tmp_path: Path) -> None:
    _write_inputs(tmp_path / "in")
    summary = run_shards([tmp_path / "in"], tmp_path / "out", Settings(), RayEngine())
    expected, failures = _local_articles(tmp_path / "in")
    written = _shard_lines(tmp_path / "out" / "articles")
    assert [{k: v for k, v in a.items() if k != "id"} for a in written] == expected
    assert [a["id"] for a in written[-3:-1]] == ["report-0", "report-1"]
    assert written[-1]["id"].endswith("c.html#1") and written[-1]["outlet"] == "Coastline Daily"
    failed = _shard_lines(tmp_path / "out" / "failures")
    assert [f["source"] for f in failed] == [f.source for f in failures]
    assert len(failed) == 1 and "b.jsonl" in failed[0]["source"]
    texts = [ArticleText(a["body"], a["published"]) for a in expected]
    local_events = extract_events(texts, default_geocoder())
    by_article = [
        {"article": written[k]["id"], **event.to_json()}
        for k, events in enumerate(local_events)
        for event in events
    ]
    assert _shard_lines(tmp_path / "out" / "events") == by_article
    assert {e["event_type"] for e in by_article} >= {"Violence against civilians"}
    items = [TextItem(k, a["outlet"], a["body"]) for k, a in enumerate(written)]
    assert list(iter_links(tmp_path / "out")) == LocalEngine().find_links(items, Settings())
    assert summary.articles == len(expected) and summary.trace is not None
    assert summary.trace.links > 0


def test_run_shards_resumes_only_what_is_missing(tmp_path: Path) -> None:
    _write_inputs(tmp_path / "in")
    out = tmp_path / "out"
    run_shards([tmp_path / "in"], out, Settings(), RayEngine(), stages=("extract", "events"))
    before = {p.relative_to(out): p.read_text() for p in out.rglob("*.jsonl")}
    (out / "articles" / "00001.jsonl").unlink()  # as if killed before that shard was renamed
    (out / "events" / "00001.jsonl").unlink()
    (out / "events" / "00002.jsonl").unlink()
    again = run_shards(
        [tmp_path / "in"], out, Settings(), RayEngine(), stages=("extract", "events")
    )
    assert again.resumed == {"extract": 2, "events": 1}
    assert {p.relative_to(out): p.read_text() for p in out.rglob("*.jsonl")} == before
    assert not list(out.rglob("*.partial"))


def test_run_shards_refuses_other_inputs_in_one_output(tmp_path: Path) -> None:
    _write_inputs(tmp_path / "in")
    out = tmp_path / "out"
    run_shards([tmp_path / "in"], out, Settings(), RayEngine(), stages=("extract",))
    (tmp_path / "in" / "d.jsonl").write_text(json.dumps(EXTRA) + "\n")
    with pytest.raises(CheckpointMismatch, match="other inputs"):
        run_shards([tmp_path / "in"], out, Settings(), RayEngine(), stages=("extract",))
    result = CliRunner().invoke(
        main, ["run-shards", str(tmp_path / "in"), str(out), "--stages", "extract", "--silent"]
    )
    assert result.exit_code != 0 and "--restart" in result.output
    result = CliRunner().invoke(
        main,
        ["run-shards", str(tmp_path / "in"), str(out), "--stages", "extract", "--restart"],
    )
    assert result.exit_code == 0, result.output
    assert "articles: 64" in result.output and "failed items: 1" in result.output
