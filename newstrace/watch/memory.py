"""Freed heap memory handed back to the system after each cycle.

A cycle allocates and frees tens of megabytes (fetched bytes, parsed trees, extracted text).
glibc keeps freed chunks inside its heaps, and a later cycle's allocations land elsewhere in
them, so more and more pages stay resident although the memory in use is the same after every
cycle (measured: the Python objects, the heap in use and SQLite's caches are all flat, while
the resident size grew). malloc_trim(0) returns the free pages of every heap; it takes
milliseconds. Elsewhere than glibc (macOS, musl) there is nothing to call and nothing is done.
"""

from __future__ import annotations

import ctypes
import sys
from functools import cache
from typing import Any


@cache
def _glibc() -> Any:
    """glibc, when this process runs on it and it has malloc_trim; else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") else None


def release_free_memory() -> bool:
    """Hand the heaps' free pages back to the system; whether there was a way to."""
    libc = _glibc()
    if libc is None:
        return False
    libc.malloc_trim(0)
    return True
