"""The heavy reuse stages behind one small interface: hash, candidates, align (local runner).

Every body is tokenised and hashed once (xxh3 per token; worker processes for large batches).
The sampled shingles of those hashes are the fingerprints the candidates come from, and each
candidate pair is aligned from the same token hashes: for large batches the hashes go to a
spill file that the worker processes read, so no body is sent to a worker twice and no article
is tokenised again per pair. Character offsets are computed only for the pairs that link.
Links come out in the order of a serial run.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import nullcontext
from multiprocessing.pool import Pool
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newstrace import progress
from newstrace.engines import steps
from newstrace.engines.base import I64, Aligned, TextItem
from newstrace.models import ReuseLink
from newstrace.reuse.batches import (
    RemoteBodies,
    SliceReader,
    TokenHashes,
    chunks,
    part_path,
    save_layout,
    scratch_folder,
    spawn_pool,
)
from newstrace.reuse.candidates import candidate_pairs, warm_candidates
from newstrace.reuse.shingles import U64, Prints, hash_bodies, sampled_fingerprints
from newstrace.settings import Settings

HASH_CHUNK_ARTICLES = 5_000  # bodies hashed together (one worker task): bounds the flat arrays
PARALLEL_MIN_ARTICLES = 20_000  # bodies worth a process pool for hashing (starting one: ~1 s)
PARALLEL_MIN_PAIRS = 10_000  # pairs worth a process pool for alignment
ALIGN_TASK_PAIRS = 10_000  # pairs per worker task

Chunk = Sequence[str] | Callable[[], Sequence[str]]  # a chunk's bodies, or a reader of them


def _chunk(bodies: Sequence[str], part: slice, in_worker: bool) -> Chunk:
    """A chunk's bodies, or a reader of them for a worker: a worker reads a chunk itself where
    the bodies can tell it how (a database, a file), else it is read here when one is ready."""
    if in_worker and isinstance(bodies, SliceReader):
        reader = bodies.remote(range(part.start, part.stop))
        if reader is not None:
            return reader
    return bodies[part]


def _hash_chunk(
    chunk: Chunk, shingle_tokens: int, sample_modulus: int, spill: Path | None = None
) -> tuple[U64, I64, Prints]:
    """One chunk of bodies (read here when given a reader): flat token hashes (written to
    spill instead, if given), token counts, sampled fingerprints."""
    bodies = chunk() if callable(chunk) else chunk
    flat, lengths = hash_bodies(bodies)
    prints = sampled_fingerprints(flat, lengths, shingle_tokens, sample_modulus)
    if spill is not None:
        flat.astype("<u8", copy=False).tofile(spill)
        flat = np.empty(0, np.uint64)
    return flat, lengths, prints


_MAPPED: dict[str, TokenHashes] = {}  # in a worker: spill folders mapped so far


def _align_task(folder: str, pairs: I64) -> Aligned:
    """In a worker: align pairs of article indices from a spill folder (see align_rows)."""
    if folder not in _MAPPED or _MAPPED[folder].offsets[-1] == 0:
        _MAPPED.clear()  # one spill folder at a time: an earlier batch's is gone
        _MAPPED[folder] = TokenHashes.mapped(Path(folder))
    return steps.align_rows(_MAPPED[folder], pairs)


class LocalEngine:
    """Runs the reuse stages on this machine (the Ray engine runs the same steps elsewhere).

    Large batches use a pool of worker processes, started on first need and stopped by close()
    (find_links closes it when done).
    """

    def __init__(self) -> None:
        self._pool: Pool | None = None
        self._warming: threading.Thread | None = None

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self._pool is not None:
            # Every result is in by now (or an error ended the run): no need to wait for the
            # workers to wind down their interpreters.
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def _workers(self, settings: Settings) -> int:
        """Processes to use: settings.jobs, or one per CPU core when 0."""
        return settings.jobs if settings.jobs > 0 else os.cpu_count() or 1

    def _pool_for(self, settings: Settings) -> Pool:
        if self._pool is None:
            self._pool = spawn_pool(self._workers(settings))
        return self._pool

    def hash_articles(
        self, bodies: Sequence[str], settings: Settings, spill: Path | None = None
    ) -> tuple[TokenHashes, Prints]:
        """Every body's token hashes and sampled fingerprint (the shingling stage).

        With spill, each chunk's hashes are written to that folder by the process that made
        them, so they never pass through or sit in this process (a million articles: ~3 GB).
        """
        parts = list(chunks(len(bodies), HASH_CHUNK_ARTICLES))
        parallel = self._workers(settings) > 1 and len(bodies) >= PARALLEL_MIN_ARTICLES
        # A generator: a chunk's bodies are read only when a worker is ready for them, so a
        # lazily loaded corpus never sits in memory whole.
        tasks = (
            (
                _chunk(bodies, part, parallel),
                settings.shingle_tokens,
                settings.shingle_sample_modulus,
                part_path(spill, k) if spill else None,
            )
            for k, part in enumerate(parts)
        )
        results: Iterator[tuple[U64, I64, Prints]]
        if parallel:
            results = self._pool_for(settings).imap(_hash_star, tasks)
            # While the workers hash, this process loads the compiled candidate stage (half a
            # second, most of it Numba's start-up) instead of after them.
            self._warming = threading.Thread(target=warm_candidates, daemon=True)
            self._warming.start()
        else:
            results = (_hash_chunk(*task) for task in tasks)
        lengths: list[I64] = [np.zeros(1, np.int64)]
        flats: list[U64] = []
        prints: list[Prints] = []
        for flat, counts, found in results:
            progress.advance(len(counts))
            lengths.append(counts)
            prints.append(found)
            flats.append(flat)
        offsets = np.cumsum(np.concatenate(lengths))
        if spill is None:
            flat = np.concatenate([np.empty(0, np.uint64), *flats])
            return TokenHashes.of(flat, offsets), Prints.joined(prints)
        save_layout(spill, offsets, [part.start for part in parts] or [0])
        return TokenHashes.mapped(spill), Prints.joined(prints)

    def fingerprints(
        self, bodies: Sequence[str], settings: Settings
    ) -> tuple[list[U64], npt.NDArray[np.int64]]:
        """Sampled shingle hashes and token counts of each body."""
        return steps.fingerprints(self, bodies, settings)

    def candidates(
        self, prints: Prints | Sequence[U64], is_new: npt.NDArray[np.bool_], settings: Settings
    ) -> I64:
        """Index pairs (i < j, one of them new) worth aligning."""
        if self._warming is not None:
            self._warming.join()
            self._warming = None
        return candidate_pairs(
            prints,
            is_new,
            settings.max_doc_frequency,
            settings.min_shared_shingles,
            settings.candidate_chunk_pairs,
        )

    def align(self, hashes: TokenHashes, pairs: I64, settings: Settings) -> Aligned:
        """Align pairs of article indices; the rows of those that link, with their passages.

        Many pairs are split into tasks for the worker processes, which map the hashes from a
        spill file; the rows come back in order, as from a serial run.
        """
        if self._workers(settings) < 2 or len(pairs) < PARALLEL_MIN_PAIRS:
            return steps.align_rows(hashes, pairs)
        with nullcontext(hashes.folder) if hashes.folder else scratch_folder() as scratch:
            folder = hashes.spilled(scratch).folder
            tasks = [(str(folder), pairs[part]) for part in chunks(len(pairs), ALIGN_TASK_PAIRS)]
            found = self._pool_for(settings).starmap(_align_task, tasks)
        starts = range(0, len(pairs), ALIGN_TASK_PAIRS)
        return [
            (start + row, spans)
            for start, results in zip(starts, found, strict=True)
            for row, spans in results
        ]

    def links(self, items: Sequence[TextItem], pairs: I64, aligned: Aligned) -> list[ReuseLink]:
        """ReuseLinks for the aligned pairs that link, with passages in character offsets."""
        return steps.links_of(items, pairs, aligned)

    def verify(
        self, pairs: Sequence[tuple[TextItem, TextItem]], settings: Settings
    ) -> list[ReuseLink]:
        """Align pairs of articles; keep those meeting the definition of a copy (in pair order)."""
        return steps.verify(self, pairs, settings)

    def find_links(
        self, items: Sequence[TextItem], settings: Settings, new_ids: set[int] | None = None
    ) -> list[ReuseLink]:
        """All links among items with at least one side in new_ids (all when None), sorted by (a, b)."""
        try:
            with scratch_folder() as scratch:
                hashes, prints = self.hash_articles(_Bodies(items), settings, scratch)
                pairs = self.candidates(prints, steps.new_flags(items, new_ids), settings)
                del prints
                # Pairs (i < j by position) are aligned with the smaller article id as side a.
                pairs = steps.smaller_id_first(pairs, items)
                links = self.links(items, pairs, self.align(hashes, pairs, settings))
        finally:
            self.close()
        return steps.by_ids(links)


class _Bodies(SliceReader[str]):
    """The bodies of items, read one slice at a time (items may load their bodies lazily)."""

    def __init__(self, items: Sequence[TextItem]) -> None:
        self._items = items

    def __len__(self) -> int:
        return len(self._items)

    def read(self, part: range) -> list[str]:
        return [item.body for item in self._items[part.start : part.stop]]

    def remote(self, part: range) -> Callable[[], list[str]] | None:
        if isinstance(self._items, RemoteBodies):
            return self._items.remote_bodies(part)
        return None


def _hash_star(task: tuple[Chunk, int, int, Path | None]) -> tuple[U64, I64, Prints]:
    return _hash_chunk(*task)


def find_links(
    items: Sequence[TextItem], settings: Settings, new_ids: set[int] | None = None
) -> list[ReuseLink]:
    """All reuse links among items (see LocalEngine.find_links)."""
    return LocalEngine().find_links(items, settings, new_ids)


def warm_up() -> None:
    """Compile every Numba function of the reuse engine (about 20 s on a machine whose cache is
    empty, a fraction of a second after): `make install` runs it, so a first trace does not."""
    words = [f"word{k % 97} term{k * 7 % 89}" for k in range(400)]
    items = [TextItem(k, str(k % 2), " ".join(words[k : k + 300])) for k in range(4)]
    find_links(items, Settings(jobs=1))
