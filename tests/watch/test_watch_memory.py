"""Memory a cycle freed is handed back to the system, so a long watch's resident size stays flat."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newstrace.watch.memory import release_free_memory

PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def _resident_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * PAGE_BYTES / 2**20


@pytest.mark.parametrize(("chunks", "chunk_bytes"), [(60_000, 1_000)])
def test_watch_memory_freed_by_a_cycle_goes_back_to_the_system(
    chunks: int, chunk_bytes: int
) -> None:
    if not Path("/proc/self/statm").exists():
        pytest.skip("the resident size is read from /proc")
    # What a cycle leaves: many freed allocations around a few kept ones (fragmented heap).
    allocated = [os.urandom(chunk_bytes) for _ in range(chunks)]
    kept = allocated[::50]
    del allocated
    before = _resident_mb()
    if not release_free_memory():
        pytest.skip("no malloc_trim here (not glibc)")
    assert before - _resident_mb() >= chunks * chunk_bytes / 2**20 / 3
    assert len(kept) == chunks // 50
