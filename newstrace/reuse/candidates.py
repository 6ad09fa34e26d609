"""Candidate pairs from an inverted index of sampled shingles with a document-frequency cap (as passim)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import numpy.typing as npt

I64 = npt.NDArray[np.int64]


def _postings(fingerprints: Sequence[npt.NDArray[np.uint64]]) -> tuple[I64, I64]:
    """Documents sorted by shingle hash, and where each hash's posting list starts."""
    lengths = np.array([len(fingerprint) for fingerprint in fingerprints], dtype=np.int64)
    docs = np.repeat(np.arange(len(fingerprints), dtype=np.int64), lengths)
    hashes = np.concatenate([*fingerprints, np.empty(0, np.uint64)])
    # A stable sort keeps each posting list in ascending document order, so pairs come out a < b.
    order = np.argsort(hashes, kind="stable")
    hashes, docs = hashes[order], docs[order]
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]]) if len(hashes) else docs[:0]
    return docs, starts


def _kept_lists(
    docs: I64, starts: I64, is_new: npt.NDArray[np.bool_], max_df: int
) -> tuple[I64, I64]:
    """Start and size of the posting lists worth pairing: 2..max_df documents, one of them new."""
    sizes = np.diff(np.r_[starts, len(docs)])
    new_counts = np.add.reduceat(is_new[docs].astype(np.int64), starts) if len(starts) else sizes
    keep = (sizes >= 2) & (sizes <= max_df) & (new_counts > 0)
    return starts[keep], sizes[keep]


def _pair_keys(
    docs: I64, starts: I64, sizes: I64, is_new: npt.NDArray[np.bool_], chunk_pairs: int
) -> Iterator[I64]:
    """Pairs (a < b, one new) from posting lists as keys a * N + b, in chunks of about chunk_pairs."""
    total = len(is_new)
    for size in np.unique(sizes).tolist():
        lists = starts[sizes == size]
        first, second = np.triu_indices(size, 1)
        rows_per_chunk = max(1, chunk_pairs // len(first))
        for row in range(0, len(lists), rows_per_chunk):
            members = docs[lists[row : row + rows_per_chunk, None] + np.arange(size)]
            a, b = members[:, first].ravel(), members[:, second].ravel()
            wanted = is_new[a] | is_new[b]
            yield a[wanted] * total + b[wanted]


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
    fingerprints: Sequence[npt.NDArray[np.uint64]],
    is_new: npt.NDArray[np.bool_],
    max_doc_frequency: int,
    min_shared_shingles: int,
    chunk_pairs: int = 20_000_000,
) -> I64:
    """Index pairs (a < b, at least one new) sharing at least min_shared_shingles indexed shingles."""
    docs, starts = _postings(fingerprints)
    starts, sizes = _kept_lists(docs, starts, is_new, max_doc_frequency)
    keys, counts = _count_keys(_pair_keys(docs, starts, sizes, is_new, chunk_pairs))
    keys = keys[counts >= min_shared_shingles]
    total = max(len(fingerprints), 1)
    return np.stack([keys // total, keys % total], axis=1).astype(np.int64)
