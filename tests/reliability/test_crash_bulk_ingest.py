"""Crash safety of the bulk ingest path: extraction in worker processes, batches stored while the
next one is extracted, site boilerplate learned from the pending articles at the end.

The ingest process is killed with SIGKILL after a random delay or at a random SQL statement;
its extraction workers must end with it, the store must pass the integrity and consistency
checks, and an uninterrupted re-run must leave exactly the articles, parts and failures of a
run never killed. NEWSTRACE_KILL_TESTS sets how many kills (a fifth of it here: each kill costs
two runs that start worker processes).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from newstrace.ingest.run import ingest
from newstrace.settings import Settings
from newstrace.store import connect

from .crash_corpus import consistency_problems, snapshot, write_corpus
from .kills import kill_at_statement, run_forked
from .support import count

KILLS = max(2, int(os.environ.get("NEWSTRACE_KILL_TESTS", "20")) // 5)
SEED = 20261207
# Batches above MIN_DOCUMENTS_FOR_POOL, so the worker pool and the overlapped store run.
BULK = Settings(batch_size=40, jobs=2)
INGEST_TABLES = ("articles", "parts", "failures")
WORKER_EXIT_S = 30.0  # a hang guard, far above what a worker takes to notice
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")


def _ingest(db_path: str, inputs: list[str], kill_at: int | None) -> int:
    os.setpgrp()  # the workers join this group, so the test can clean up whatever survives
    db = connect(db_path)
    statements = kill_at_statement(db, kill_at)
    ingest(db, inputs, BULK)
    db.conn.close()
    return statements()


def _group_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


def run_ingest(
    db_path: Path, inputs: list[str], kill_at: int | None = None, kill_after_s: float | None = None
) -> tuple[int, int, bool]:
    """Ingest in a forked process: (exit code, statements run, whether its workers ended)."""
    code, statements, pid = run_forked(_ingest, (str(db_path), inputs, kill_at), kill_after_s)
    deadline = time.monotonic() + WORKER_EXIT_S
    while not _group_gone(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    ended = _group_gone(pid)
    if not ended:
        os.killpg(pid, signal.SIGKILL)
    return code, statements, ended


def _ingested(conn: sqlite3.Connection) -> dict[str, Any]:
    stored = snapshot(conn)
    return {table: stored[table] for table in INGEST_TABLES}


@pytest.fixture(scope="module")
def bulk_reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A corpus big enough for the worker pool, and what one uninterrupted ingest stores."""
    folder = tmp_path_factory.mktemp("bulk-crash")
    inputs = write_corpus(folder / "corpus", stories=90)
    started = time.monotonic()
    code, statements, ended = run_ingest(folder / "reference.db", inputs)
    seconds = time.monotonic() - started
    assert code == 0 and statements > 0 and ended
    with sqlite3.connect(folder / "reference.db") as conn:
        stored = _ingested(conn)
    assert stored["articles"] and stored["failures"]
    return {"inputs": inputs, "stored": stored, "statements": statements, "seconds": seconds}


@pytest.mark.slow
@pytest.mark.parametrize("kill", range(KILLS))
def test_crash_bulk_ingest_kill_and_rerun(
    kill: int, bulk_reference: dict[str, Any], tmp_path: Path
) -> None:
    rng = random.Random(SEED + kill)
    db_path = tmp_path / "news.db"
    if kill % 2 == 0:
        at = rng.randint(1, bulk_reference["statements"])
        code, _, ended = run_ingest(db_path, bulk_reference["inputs"], kill_at=at)
        label = f"bulk kill {kill} at SQL statement {at} of {bulk_reference['statements']}"
    else:
        delay = rng.uniform(0.0, 0.9 * bulk_reference["seconds"])
        code, _, ended = run_ingest(db_path, bulk_reference["inputs"], kill_after_s=delay)
        label = f"bulk kill {kill} after {delay:.2f} s of {bulk_reference['seconds']:.2f} s"
    assert code in (-signal.SIGKILL, 0), label
    assert ended, f"{label}: extraction workers outlived the killed ingest"
    count("kill tests: processes killed" if code else "kill tests: finished before the kill")
    with sqlite3.connect(db_path) as conn:
        assert consistency_problems(conn) == [], label
    code, _, ended = run_ingest(db_path, bulk_reference["inputs"])
    assert code == 0 and ended, f"{label}: the re-run failed"
    with sqlite3.connect(db_path) as conn:
        assert consistency_problems(conn) == [], f"{label}, after the re-run"
        assert _ingested(conn) == bulk_reference["stored"], f"{label}: the re-run differs"
        assert conn.execute("SELECT count(*) FROM boilerplate_pending").fetchone() == (0,)
    count("kill tests passed")
