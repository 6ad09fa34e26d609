"""The crash tests' kill harness: a run in a forked process, SIGKILLed at a chosen SQL statement
of its store or after a delay, and the number of statements it ran when it was not killed."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from typing import Any

import sqlite_utils


def kill_at_statement(db: sqlite_utils.Database, kill_at: int | None) -> Callable[[], int]:
    """Count the store's SQL statements and SIGKILL this process as statement `kill_at` starts;
    return a reader of the count so far."""
    statements = 0

    def on_statement(_sql: str) -> None:
        nonlocal statements
        statements += 1
        if statements == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    db.conn.set_trace_callback(on_statement)
    return lambda: statements


def _keep_result(target: Callable[..., int], args: tuple[Any, ...], result: Any) -> None:
    result.value = target(*args)


def run_forked(
    target: Callable[..., int], args: tuple[Any, ...], kill_after_s: float | None = None
) -> tuple[int, int, int]:
    """Run target(*args) in a forked process, SIGKILLed after `kill_after_s` if still running:
    (its exit code, what it returned or -1 when it did not finish, its process id)."""
    context = multiprocessing.get_context("fork")
    result = context.Value("q", -1)
    child = context.Process(target=_keep_result, args=(target, args, result))
    child.start()
    if kill_after_s is not None:
        child.join(kill_after_s)
        if child.is_alive() and child.pid is not None:
            os.kill(child.pid, signal.SIGKILL)
    child.join()
    assert child.pid is not None
    return int(child.exitcode or 0), int(result.value), child.pid
