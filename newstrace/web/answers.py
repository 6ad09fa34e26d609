"""Answers computed from the store, kept while the database is unchanged.

The graph's data aggregates every edge and outlet (20,000 edges take a few hundred ms to read
and encode) and the map's every event; the same request again, with the store unchanged, is
answered from memory. An answer is keyed by the database file's and its write-ahead log's size
and modification time, so any write (a trace, a removal, outlets described) makes the next
request compute it again.
"""

from __future__ import annotations

import os
import sqlite3
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

KEPT_ANSWERS = 32  # answers kept, least recently used dropped first

Signature = tuple[tuple[int, int], ...]
T = TypeVar("T")


def file_signature(path: str) -> Signature:
    """Size and modification time of a database file and of its write-ahead log, if any."""
    found = []
    for name in (path, path + "-wal"):
        try:
            stat = os.stat(name)
        except OSError:
            continue
        found.append((stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def database_path(conn: sqlite3.Connection) -> str | None:
    """The file of a connection's main database (None in memory)."""
    for _, name, path in conn.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return str(path) or None
    return None


class Answers(Generic[T]):
    """Answers by (database, its signature, request), the most recent KEPT_ANSWERS."""

    def __init__(self, size: int = KEPT_ANSWERS) -> None:
        self._size = size
        self._kept: OrderedDict[Hashable, T] = OrderedDict()

    def key(self, path: str, request: Hashable) -> Hashable:
        """The key of a request's answer as the database stands now."""
        return (path, file_signature(path), request)

    def get(self, key: Hashable) -> T | None:
        """A kept answer, or None."""
        found = self._kept.get(key)
        if found is not None:
            self._kept.move_to_end(key)
        return found

    def put(self, key: Hashable, answer: T) -> None:
        """Keep an answer, dropping the least recently used beyond the limit."""
        self._kept[key] = answer
        self._kept.move_to_end(key)
        while len(self._kept) > self._size:
            self._kept.popitem(last=False)
