"""Crash safety: ingest, trace and events are killed with SIGKILL at random points, many times.

Each kill leaves a store that passes the integrity check, has no orphan or half-written rows,
and a re-run completes it to exactly what an uninterrupted run stores, with no duplicates.
Half the kills land at a random SQL statement (inside write transactions and at their COMMIT),
half after a random delay (anywhere, native code included). NEWSTRACE_KILL_TESTS sets how many.
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

from newstrace.engines.trace import trace_links
from newstrace.events.parsing import warm_up
from newstrace.events.stage import run_events
from newstrace.ingest.run import ingest
from newstrace.reuse.provenance import build_provenance
from newstrace.settings import Settings
from newstrace.store import connect

from .crash_corpus import consistency_problems, snapshot, write_corpus
from .kills import kill_at_statement, run_forked
from .support import count

KILLS = int(os.environ.get("NEWSTRACE_KILL_TESTS", "20"))
SEED = 20261122
# Small batches: many write transactions, so kills land between and inside them.
SETTINGS = Settings(batch_size=4, jobs=1, events_batch_articles=3)
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")


def run_stages(db_path: Path, inputs: list[str], kill_at: int | None = None) -> int:
    """Ingest, trace, then events; with kill_at, SIGKILL this process as that SQL statement
    starts."""
    db = connect(db_path)
    statements = kill_at_statement(db, kill_at)
    ingest(db, inputs, SETTINGS)
    trace_links(db, SETTINGS)
    build_provenance(db, SETTINGS)
    run_events(db, SETTINGS)
    db.conn.close()
    return statements()


def run_in_child(
    db_path: Path, inputs: list[str], kill_at: int | None = None, kill_after_s: float | None = None
) -> tuple[int, int]:
    """Run the stages in a forked process; (its exit code, statements it ran if it finished)."""
    code, statements, _ = run_forked(run_stages, (db_path, inputs, kill_at), kill_after_s)
    return code, statements


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The corpus, and what one uninterrupted run stores, its statement count and duration."""
    folder = tmp_path_factory.mktemp("crash")
    inputs = write_corpus(folder / "corpus")
    warm_up()  # spaCy loaded once here; every forked run inherits it
    code, statements = run_in_child(folder / "reference.db", inputs)
    assert code == 0 and statements > 0
    # Timed once more, warm, so delays drawn below this land inside a run.
    started = time.monotonic()
    run_in_child(folder / "timing.db", inputs)
    seconds = time.monotonic() - started
    with sqlite3.connect(folder / "reference.db") as conn:
        stored = snapshot(conn)
    assert stored["links"] and stored["members"] and stored["failures"] and stored["events"]
    return {"inputs": inputs, "snapshot": stored, "statements": statements, "seconds": seconds}


def _check_after_kill(db_path: Path, reference: dict[str, Any], label: str) -> None:
    conn = sqlite3.connect(db_path)
    try:
        assert consistency_problems(conn) == [], label
    finally:
        conn.close()
    run_stages(db_path, reference["inputs"])  # the re-run, uninterrupted
    conn = sqlite3.connect(db_path)
    try:
        assert consistency_problems(conn) == [], f"{label}, after the re-run"
        assert snapshot(conn) == reference["snapshot"], f"{label}: the re-run differs"
    finally:
        conn.close()
    run_stages(db_path, reference["inputs"])  # once more: nothing changes, nothing doubles
    with sqlite3.connect(db_path) as conn:
        assert snapshot(conn) == reference["snapshot"], f"{label}: a second re-run changed it"


@pytest.mark.slow
@pytest.mark.parametrize("kill", range(KILLS))
def test_crash_kill_and_rerun(kill: int, reference: dict[str, Any], tmp_path: Path) -> None:
    rng = random.Random(SEED + kill)
    db_path = tmp_path / "news.db"
    # Some runs are killed twice before the re-run: a crash during recovery from a crash.
    for attempt in range(1 + (kill % 4 == 3)):
        if kill % 2 == 0:
            # A re-run skips what is stored, so it runs fewer statements than a first run.
            at = rng.randint(1, reference["statements"] // (1 + 2 * attempt))
            code, _ = run_in_child(db_path, reference["inputs"], kill_at=at)
            label = f"kill {kill}.{attempt} at SQL statement {at} of {reference['statements']}"
        else:
            delay = rng.uniform(0.0, 0.7 * reference["seconds"] / (1 + 2 * attempt))
            code, _ = run_in_child(db_path, reference["inputs"], kill_after_s=delay)
            label = f"kill {kill}.{attempt} after {delay:.2f} s of {reference['seconds']:.2f} s"
        assert code in (-signal.SIGKILL, 0), label
        count("kill tests: processes killed" if code else "kill tests: finished before the kill")
    _check_after_kill(db_path, reference, label)
    count("kill tests passed")
