"""Candidate pairs from an inverted index of sampled shingles with a document-frequency cap (as passim)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from newstrace.reuse.shingles import Prints

I64 = npt.NDArray[np.int64]
Docs = npt.NDArray[np.signedinteger[Any]]  # document indices: int32 where they fit


def _postings(prints: Prints) -> tuple[Docs, I64]:
    """Documents grouped by shingle hash, and where each hash's posting list starts.

    Each (hash, document) is packed into one 64-bit key, the document in the low bits, and the
    keys sorted in place: no index array, and every posting list comes out in ascending
    document order, so pairs come out a < b. The hash keeps its other bits; two hashes equal in
    those merge their lists (100 million hashes keep 44 bits with a million documents: a few
    hundred merges), which at worst adds a shared shingle to a pair.
    """
    doc_bits = max(1, (len(prints) - 1).bit_length())
    low = np.uint64((1 << doc_bits) - 1)
    keys = prints.hashes & ~low
    keys |= np.repeat(np.arange(len(prints), dtype=np.uint64), prints.counts)
    keys.sort()
    if len(keys) > 1:
        repeated = keys[1:] == keys[:-1]  # merged hashes in one document: list it once
        if repeated.any():
            keys = keys[np.concatenate(([True], ~repeated))]
    docs: Docs = (keys & low).astype(np.int32 if doc_bits < 31 else np.int64)
    keys >>= np.uint64(doc_bits)
    if not len(keys):
        return docs, np.empty(0, np.int64)
    change = np.empty(len(keys), dtype=bool)
    change[0] = True
    np.not_equal(keys[1:], keys[:-1], out=change[1:])
    del keys
    return docs, np.flatnonzero(change).astype(np.int64)


def _kept_lists(
    docs: Docs, starts: I64, is_new: npt.NDArray[np.bool_], max_df: int
) -> tuple[I64, I64]:
    """Start and size of the posting lists worth pairing: 2..max_df documents, one of them new."""
    sizes = np.diff(np.r_[starts, len(docs)])
    new_counts = np.add.reduceat(is_new[docs].astype(np.int64), starts) if len(starts) else sizes
    keep = (sizes >= 2) & (sizes <= max_df) & (new_counts > 0)
    return starts[keep], sizes[keep]


def _pair_keys(
    docs: Docs,
    starts: I64,
    sizes: I64,
    is_new: npt.NDArray[np.bool_],
    chunk_pairs: int,
    first_range: tuple[int, int] | None = None,
) -> Iterator[I64]:
    """Pairs (a < b, one new) from posting lists as keys a * N + b, in chunks of about chunk_pairs.

    With first_range [low, high), only pairs whose first article a lies in it are kept.
    """
    total = len(is_new)
    for size in np.unique(sizes).tolist():
        lists = starts[sizes == size]
        if first_range is not None:  # lists sort their documents: skip those outside the range
            low, high = first_range
            lists = lists[(docs[lists] < high) & (docs[lists + size - 2] >= low)]
        first, second = np.triu_indices(size, 1)
        rows_per_chunk = max(1, chunk_pairs // len(first))
        for row in range(0, len(lists), rows_per_chunk):
            members = docs[lists[row : row + rows_per_chunk, None] + np.arange(size)]
            members = members.astype(np.int64)
            a, b = members[:, first].ravel(), members[:, second].ravel()
            # a == b only where two hashes merged in the packed sort landed in one document
            wanted = (is_new[a] | is_new[b]) & (a != b)
            if first_range is not None:
                wanted &= (a >= first_range[0]) & (a < first_range[1])
            yield a[wanted] * total + b[wanted]


def first_ranges(count: int, pairs: int, pass_pairs: int) -> list[tuple[int, int] | None]:
    """Ranges of first-article indices, one pass each, so a pass counts about pass_pairs pairs."""
    passes = -(-pairs // max(1, pass_pairs))
    if passes <= 1:
        return [None]
    bounds = np.linspace(0, count, passes + 1).astype(np.int64).tolist()
    return [(low, high) for low, high in itertools.pairwise(bounds) if high > low]


def _count_keys(chunks: Iterator[I64]) -> tuple[I64, I64]:
    """Distinct keys and how often each occurs, reducing chunk by chunk to bound memory."""
    keys: list[I64] = []
    counts: list[I64] = []
    for chunk in chunks:
        unique, count = np.unique(chunk, return_counts=True)
        keys.append(unique)
        counts.append(count)
    if not keys:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    all_keys, all_counts = np.concatenate(keys), np.concatenate(counts)
    order = np.argsort(all_keys, kind="stable")
    all_keys, all_counts = all_keys[order], all_counts[order]
    starts = (
        np.flatnonzero(np.r_[True, all_keys[1:] != all_keys[:-1]]) if len(all_keys) else all_keys
    )
    return all_keys[starts], np.add.reduceat(all_counts, starts) if len(starts) else all_counts


def candidate_pairs(
    fingerprints: Prints | Sequence[npt.NDArray[np.uint64]],
    is_new: npt.NDArray[np.bool_],
    max_doc_frequency: int,
    min_shared_shingles: int,
    chunk_pairs: int = 20_000_000,
    pass_pairs: int = 400_000_000,
) -> I64:
    """Index pairs (a < b, at least one new) sharing at least min_shared_shingles indexed shingles.

    When the posting lists hold more than pass_pairs pairs, they are counted in passes over
    ranges of the first article, so memory stays bounded; the result is the same.
    """
    prints = fingerprints if isinstance(fingerprints, Prints) else Prints.of(fingerprints)
    docs, starts = _postings(prints)
    starts, sizes = _kept_lists(docs, starts, is_new, max_doc_frequency)
    total = max(len(prints), 1)
    found = [np.empty(0, np.int64)]
    # Pairs counted per range of first articles bound memory; ranges ascend, so keys stay sorted.
    for first_range in first_ranges(total, int((sizes * (sizes - 1) // 2).sum()), pass_pairs):
        keys, counts = _count_keys(
            _pair_keys(docs, starts, sizes, is_new, chunk_pairs, first_range)
        )
        found.append(keys[counts >= min_shared_shingles])
    keys = np.concatenate(found)
    return np.stack([keys // total, keys % total], axis=1).astype(np.int64)
