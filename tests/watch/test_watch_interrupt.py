"""Ctrl-C reaches every process of the terminal's group: the worker pools a watch cycle starts
(extraction, trace, provenance, events) must ignore it, so only the watch decides to stop and
no worker dies with a task that the cycle then waits for forever."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, closing, contextmanager
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Any

import pytest

from newstrace.settings import Settings

pytestmark = pytest.mark.slow
DEATH_WAIT_S = 2.0  # how long a worker that took Ctrl-C as KeyboardInterrupt needs to die
START_WAIT_S = 120.0  # a spawned worker imports its modules first (slow on a loaded machine)


@contextmanager
def _terminated(pool: Pool) -> Iterator[Pool]:
    try:
        yield pool
    finally:
        pool.terminate()
        pool.join()


def _extraction_pool() -> AbstractContextManager[Pool]:
    from newstrace.ingest.run import _start_pool

    return _terminated(_start_pool(2, Settings(jobs=2)))


def _trace_pool() -> AbstractContextManager[Pool]:
    from newstrace.reuse.batches import spawn_pool

    return _terminated(spawn_pool(2))


@contextmanager
def _events_pool() -> Iterator[Any]:
    from newstrace.events.parsing import SentenceReader

    with closing(SentenceReader(processes=2)) as reader:
        yield reader._pool


def _ignores_ctrl_c(pid: int) -> bool:
    """Whether the process ignores SIGINT, as the kernel has it (the SigIgn mask)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            return bool(int(line.split()[1], 16) & (1 << (signal.SIGINT - 1)))
    return False


def _wait_started(workers: list[multiprocessing.process.BaseProcess]) -> bool:
    """Wait until every worker ignores Ctrl-C (its initializer has run); False if one never does."""
    deadline = time.monotonic() + START_WAIT_S
    while time.monotonic() < deadline:
        if all(_ignores_ctrl_c(worker.pid or 0) for worker in workers):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("pool_of", [_extraction_pool, _trace_pool, _events_pool])
def test_watch_worker_pools_survive_ctrl_c(pool_of: Callable[[], Any]) -> None:
    if not Path("/proc/self/status").exists():
        pytest.skip("signal dispositions are read from /proc")
    with pool_of() as pool:
        assert pool.apply(os.getpid) > 0
        workers = multiprocessing.active_children()
        assert len(workers) >= 2
        assert _wait_started(workers), "a worker does not ignore Ctrl-C"
        for worker in workers:
            os.kill(worker.pid or 0, signal.SIGINT)
        for worker in workers:
            worker.join(DEATH_WAIT_S)
        assert all(worker.is_alive() for worker in workers), "a worker died of Ctrl-C"
        assert pool.map(abs, [-1, -2, -3]) == [1, 2, 3]  # and the pool still works
