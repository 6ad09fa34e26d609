"""The ingest pipeline: parallel extraction gives the same store as extraction in one process."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newstrace.ingest.run import MIN_DOCUMENTS_FOR_POOL, ingest
from newstrace.settings import Settings
from newstrace.store import connect, iter_articles


def _write_stories(folder: Path, count: int) -> None:
    folder.mkdir()
    for n in range(count):
        (folder / f"story-{n:03}.txt").write_text(
            f"Market Day Number {n}\n\nTraders set up {n + 3} stalls on the square at dawn on Saturday.\n\n"
            f"The council counted {n * 11} visitors before noon, it said in a statement.\n"
        )


@pytest.mark.slow
def test_pipeline_worker_processes_store_what_one_process_stores(tmp_path):
    _write_stories(tmp_path / "in", MIN_DOCUMENTS_FOR_POOL + 8)
    stored = []
    for jobs in (1, 2):
        db = connect(tmp_path / f"jobs{jobs}.db")
        summary = ingest(db, [str(tmp_path / "in")], replace(Settings(), jobs=jobs))
        assert summary.articles_stored == MIN_DOCUMENTS_FOR_POOL + 8 and not summary.failures
        stored.append([a.with_changes(id=None).to_json() for a in iter_articles(db.conn)])
    assert stored[0] == stored[1]
