"""A wall-clock limit for one item's extraction, so one pathological page cannot stall a run."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class ItemTimeout(Exception):
    """Raised inside the work on one item when it ran past its time limit."""


def _can_alarm() -> bool:
    # Signals reach only the main thread, and setitimer exists only on POSIX.
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float, setting: str = "extract_timeout_s") -> Iterator[None]:
    """Raise ItemTimeout in the block after seconds; no limit for 0, off the main thread or on Windows."""
    if seconds <= 0 or not _can_alarm():
        yield
        return

    def on_alarm(_signum: int, _frame: FrameType | None) -> None:
        raise ItemTimeout(f"took longer than {seconds:g} s ({setting})")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
