"""How the reuse engine holds what passes between its stages.

Bodies are read a slice at a time from wherever they live (memory, a file, the store), and
may tell a worker process how to read a slice itself. Token hashes sit in memory or in a
spill folder of one file per part, each written by the process that hashed it.
"""

from __future__ import annotations

import multiprocessing
import shutil
import signal
import sys
import tempfile
import types
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import Protocol, TypeVar, overload, runtime_checkable

import numpy as np
import numpy.typing as npt

from newstrace.reuse.shingles import U64

I64 = npt.NDArray[np.int64]
T = TypeVar("T")
R = TypeVar("R")


def chunks(count: int, size: int) -> Iterator[slice]:
    """Consecutive slices of at most size items covering range(count)."""
    for start in range(0, count, max(1, size)):
        yield slice(start, min(count, start + size))


@dataclass(frozen=True, slots=True)
class TokenHashes:
    """The token hashes of many articles: flat arrays and offsets, in memory or in a spill
    folder that worker processes map.

    A spill folder holds offsets.npy, parts.npy (the first article of each part) and one
    tokens-NNNNNN.u64 file per part, each written by the process that hashed it.
    """

    parts: tuple[U64, ...]  # the flat token hashes of consecutive runs of articles
    part_starts: I64  # the first article of each part
    offsets: I64  # article k's tokens are [offsets[k], offsets[k + 1]) counted over all parts
    folder: Path | None = None

    @staticmethod
    def of(flat: U64, offsets: I64) -> TokenHashes:
        """Hashes held in memory, in one part."""
        return TokenHashes((flat,), np.zeros(1, np.int64), offsets)

    @property
    def flat(self) -> U64:
        """All token hashes in one array."""
        if len(self.parts) == 1:
            return self.parts[0]
        return np.concatenate([np.empty(0, np.uint64), *self.parts])

    def article(self, index: int) -> U64:
        """The token hashes of one article."""
        return self.articles(index, index + 1)

    def articles(self, first: int, last: int) -> U64:
        """The token hashes of articles [first, last), one after the other."""
        pieces = []
        while first < last:
            part = int(np.searchsorted(self.part_starts, first, "right")) - 1
            part_end = int(self.part_starts[part + 1]) if part + 1 < len(self.parts) else last
            upto = min(last, part_end)
            base = self.offsets[self.part_starts[part]]
            start, end = self.offsets[first] - base, self.offsets[upto] - base
            pieces.append(np.asarray(self.parts[part][start:end], np.uint64))
            first = upto
        return np.concatenate([np.empty(0, np.uint64), *pieces]) if len(pieces) != 1 else pieces[0]

    def spilled(self, folder: Path) -> TokenHashes:
        """These hashes written to folder (if not there already), mapped from there."""
        if self.folder is None:
            np.asarray(self.flat, dtype="<u8").tofile(part_path(folder, 0))
            save_layout(folder, self.offsets, [0])
            return TokenHashes.mapped(folder)
        return self

    @staticmethod
    def mapped(folder: Path) -> TokenHashes:
        """Hashes spilled to folder, mapped (pages load as pairs need them). Copy-on-write, not
        read-only: the compiled alignment then sees the same writable array type as for hashes
        in memory (nothing writes to them; a write would stay private to the process)."""
        offsets = np.load(folder / "offsets.npy")
        starts = np.load(folder / "parts.npy")
        ends = np.append(starts[1:], len(offsets) - 1)
        parts = tuple(
            np.memmap(part_path(folder, k), dtype="<u8", mode="c", shape=(size,))
            if (size := int(offsets[end] - offsets[start]))
            else np.empty(0, np.uint64)
            for k, (start, end) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True))
        )
        return TokenHashes(parts, starts, offsets, folder)


def part_path(folder: Path, part: int) -> Path:
    """The spill file of one part of the token hashes."""
    return folder / f"tokens-{part:06d}.u64"


def save_layout(folder: Path, offsets: I64, part_starts: list[int]) -> None:
    """Write a spill folder's offsets and parts."""
    np.save(folder / "parts.npy", np.array(part_starts, dtype=np.int64))
    np.save(folder / "offsets.npy", offsets)  # last: its presence means the folder is complete


class SliceReader(Sequence[T]):
    """A sequence whose items are read in slices (from a file or a database): subclasses say
    how many there are and how to read a run of them; an item alone is a slice of one."""

    def __len__(self) -> int:
        raise NotImplementedError

    def read(self, part: range) -> list[T]:
        """The items at the positions of part (ascending, step 1)."""
        raise NotImplementedError

    def remote(self, part: range) -> Callable[[], list[T]] | None:
        """A picklable reader of part that a worker process can call to read those items itself
        (so they do not pass through this process), or None when only this process can."""
        return None

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            positions = range(*index.indices(len(self)))
            if positions.step != 1:
                return [self[k] for k in positions]
            return self.read(positions)
        position = index + len(self) if index < 0 else index
        if not 0 <= position < len(self):
            raise IndexError(index)
        return self.read(range(position, position + 1))[0]


@runtime_checkable
class RemoteBodies(Protocol):
    """Items kept outside memory (a file, a database) that can hand a worker process a
    picklable reader of a run of their bodies, so the bodies need not pass through this one."""

    def remote_bodies(self, part: range) -> Callable[[], list[str]] | None: ...


@contextmanager
def scratch_folder() -> Iterator[Path]:
    """A temporary folder for spilled token hashes, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="newstrace-reuse-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def spawn_pool(workers: int) -> Pool:
    """A pool of fresh worker processes (spawned, so they share no state with this one).

    spawn re-imports the main script in each worker; one without a main guard that starts a
    pool at top level would start pools recursively, so the caller's __main__ is hidden while
    the workers start: they need only the modules their tasks name."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        # Workers ignore Ctrl-C: the main process gets it too and stops them itself.
        spawn = multiprocessing.get_context("spawn")
        return spawn.Pool(workers, signal.signal, (signal.SIGINT, signal.SIG_IGN))
    finally:
        sys.modules["__main__"] = main


class WorkerPool:
    """Worker processes started on first need (starting them costs about a second), stopped by
    close(); tasks run in them with their results in task order."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: Pool | None = None

    def close(self) -> None:
        """Stop the workers, if any were started."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def ordered(
        self, function: Callable[[T], list[R]], tasks: Iterable[T], parallel: bool = True
    ) -> Iterator[R]:
        """function over each task, the results of all in task order: in the workers when
        parallel (the next task is made here while they compute), else in this process."""
        if not parallel or self.workers < 2:
            for task in tasks:
                yield from function(task)
            return
        if self._pool is None:
            self._pool = spawn_pool(self.workers)
        pending: deque[AsyncResult[list[R]]] = deque()
        for task in tasks:
            pending.append(self._pool.apply_async(function, (task,)))
            while len(pending) > 2 * self.workers or (pending and pending[0].ready()):
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
