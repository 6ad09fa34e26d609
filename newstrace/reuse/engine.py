"""The heavy reuse stages behind one small interface: fingerprint, candidates, verify (local runner).

verify skips pairs that share too few bigrams to be linked (align.may_link, an exact bound), and
spreads large batches over worker processes; its links come out in the order of a serial run.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import types
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.pool import Pool

import numpy as np
import numpy.typing as npt

from newstrace.models import ReuseLink
from newstrace.reuse.align import Bigrams, align_pair, bigrams, may_link, token_codes
from newstrace.reuse.candidates import candidate_pairs
from newstrace.reuse.shingles import U64, fingerprints
from newstrace.reuse.text import Tokens, tokenise
from newstrace.settings import Settings

FINGERPRINT_CHUNK_ARTICLES = 10_000  # bodies hashed together: bounds the flat token arrays
PARALLEL_MIN_PAIRS = 10_000  # pairs in one verify call worth a process pool (starting one: ~1 s)
TASKS_PER_WORKER = 2  # parts a verify call is split into per worker process, to balance load

# The bigram filter costs ~20 us a pair in NumPy calls: it pays only where alignment costs more,
# for pairs whose token counts multiply to at least this (cells of the alignment matrix).
BIGRAM_FILTER_MIN_CELLS = 250_000

Encoded = tuple[Tokens, list[int]]  # tokens and token codes of one body


@dataclass(frozen=True, slots=True)
class TextItem:
    """An article as the reuse engine sees it: id, outlet (None = unknown) and body."""

    id: int
    outlet: str | None
    body: str


def same_outlet(a: str | None, b: str | None) -> bool:
    """Whether two articles come from one named outlet; an unknown outlet matches none."""
    return a is not None and a == b


def chunks(count: int, size: int) -> Iterator[slice]:
    """Consecutive slices of at most size items covering range(count)."""
    for start in range(0, count, max(1, size)):
        yield slice(start, min(count, start + size))


class LocalEngine:
    """Runs the reuse stages on this machine (a Ray engine runs the same pure stages elsewhere).

    Verification of large batches uses a pool of worker processes, started on first need and
    stopped by close() (find_links closes it when done).
    """

    def __init__(self) -> None:
        self._pool: Pool | None = None

    def fingerprints(
        self, bodies: Sequence[str], settings: Settings
    ) -> tuple[list[U64], npt.NDArray[np.int64]]:
        """Sampled shingle hashes and token counts of each body."""
        prints: list[U64] = []
        lengths: list[npt.NDArray[np.int64]] = [np.empty(0, np.int64)]
        for part in chunks(len(bodies), FINGERPRINT_CHUNK_ARTICLES):
            found, counts = fingerprints(
                bodies[part], settings.shingle_tokens, settings.shingle_sample_modulus
            )
            prints.extend(found)
            lengths.append(counts)
        return prints, np.concatenate(lengths)

    def candidates(
        self, prints: Sequence[U64], is_new: npt.NDArray[np.bool_], settings: Settings
    ) -> npt.NDArray[np.int64]:
        """Index pairs (i < j, one of them new) worth aligning."""
        return candidate_pairs(
            prints,
            is_new,
            settings.max_doc_frequency,
            settings.min_shared_shingles,
            settings.candidate_chunk_pairs,
            settings.candidate_pass_pairs,
        )

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def _workers(self, settings: Settings) -> int:
        """Processes to align with: settings.jobs, or one per CPU core when 0."""
        return settings.jobs if settings.jobs > 0 else os.cpu_count() or 1

    def verify(
        self, pairs: Sequence[tuple[TextItem, TextItem]], settings: Settings
    ) -> list[ReuseLink]:
        """Align each candidate pair; keep those meeting the definition of a copy (in pair order).

        Large batches are split into contiguous parts aligned by worker processes (spawned once
        per engine); the parts' links are joined in order, so the output matches a serial run.
        """
        workers = self._workers(settings)
        if workers < 2 or len(pairs) < PARALLEL_MIN_PAIRS:
            return verify_pairs(pairs, settings.passage_max_gap_tokens)
        if self._pool is None:
            with _bare_main():
                self._pool = multiprocessing.get_context("spawn").Pool(workers)
        size = -(-len(pairs) // (workers * TASKS_PER_WORKER))
        tasks = [
            (pairs[part], settings.passage_max_gap_tokens) for part in chunks(len(pairs), size)
        ]
        return [link for found in self._pool.starmap(verify_pairs, tasks) for link in found]

    def find_links(
        self, items: Sequence[TextItem], settings: Settings, new_ids: set[int] | None = None
    ) -> list[ReuseLink]:
        """All links among items with at least one side in new_ids (all when None), sorted by (a, b)."""
        prints, _ = self.fingerprints([item.body for item in items], settings)
        is_new = np.array([new_ids is None or item.id in new_ids for item in items], dtype=bool)
        pairs = self.candidates(prints, is_new, settings)
        links: list[ReuseLink] = []
        try:
            for part in chunks(len(pairs), settings.align_chunk_pairs):
                batch = [(items[i], items[j]) for i, j in pairs[part].tolist()]
                links.extend(self.verify(batch, settings))
        finally:
            self.close()
        return sorted(links, key=lambda link: (link.a, link.b))


@contextmanager
def _bare_main() -> Iterator[None]:
    """Hide the caller's __main__ while workers spawn, so they do not run its script again.

    spawn re-imports the main script in each worker; one without a main guard that calls
    find_links at top level would start pools recursively. The workers need only this module.
    """
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def verify_pairs(
    pairs: Sequence[tuple[TextItem, TextItem]], max_gap_tokens: int
) -> list[ReuseLink]:
    """Align candidate pairs in this process; long pairs too few shared bigrams rule out are skipped."""
    cache: dict[int, Encoded] = {}
    vocabulary: dict[str, int] = {}
    bigram_cache: dict[int, Bigrams] = {}
    links = []
    for first, second in pairs:
        a, b = (first, second) if first.id < second.id else (second, first)
        a_tokens, a_codes = _encoded(cache, vocabulary, a)
        b_tokens, b_codes = _encoded(cache, vocabulary, b)
        if len(a_codes) * len(b_codes) >= BIGRAM_FILTER_MIN_CELLS and not may_link(
            _bigrams(bigram_cache, a.id, a_codes), _bigrams(bigram_cache, b.id, b_codes)
        ):
            continue
        link = align_pair(
            (a.id, b.id),
            (a_tokens, b_tokens),
            same_outlet(a.outlet, b.outlet),
            max_gap_tokens,
            (a_codes, b_codes),
        )
        if link is not None:
            links.append(link)
    return links


def _encoded(cache: dict[int, Encoded], vocabulary: dict[str, int], item: TextItem) -> Encoded:
    """An item's tokens and token codes, computed once per batch of pairs."""
    found = cache.get(item.id)
    if found is None:
        tokens = tokenise(item.body)
        found = cache[item.id] = (tokens, token_codes(tokens.words, vocabulary))
    return found


def _bigrams(cache: dict[int, Bigrams], item_id: int, codes: list[int]) -> Bigrams:
    """An item's bigrams, computed once per batch of pairs, only for pairs the filter checks."""
    found = cache.get(item_id)
    if found is None:
        found = cache[item_id] = bigrams(codes)
    return found


def find_links(
    items: Sequence[TextItem], settings: Settings, new_ids: set[int] | None = None
) -> list[ReuseLink]:
    """All reuse links among items (see LocalEngine.find_links)."""
    return LocalEngine().find_links(items, settings, new_ids)
