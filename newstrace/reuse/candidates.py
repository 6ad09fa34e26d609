"""Candidate pairs from an inverted index of sampled shingles with a document-frequency cap (as passim).

The index is one sorted array of (shingle hash, document) keys: each posting list is a run of
it, in ascending document order. Pairs are generated from their first article: for a slice of
documents, each of their index entries pairs with the documents after it in its posting list,
so every pair occurrence is made once, by one slice, and counted there in full (all shingles of
a pair are entries of its first article). Memory stays bounded by the slice, time by the total
number of pair occurrences.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from newstrace.reuse.shingles import Prints

I64 = npt.NDArray[np.int64]
Docs = npt.NDArray[np.signedinteger[Any]]  # document indices: int32 where they fit
PACK_CHUNK_DOCS = 100_000  # documents packed into the index keys at a time


@dataclass(frozen=True, slots=True)
class _Index:
    """The posting lists: each entry's document, how many documents follow it in its list
    (0 where the list is not kept), and the entries ordered by document."""

    docs: Docs
    following: npt.NDArray[np.unsignedinteger[Any]]
    by_doc: I64  # entry positions sorted by document
    doc_ends: I64  # by_doc[doc_ends[d - 1]:doc_ends[d]] are document d's entries


def _packed(prints: Prints, doc_bits: int, first: int, last: int) -> npt.NDArray[np.uint64]:
    """The index keys of documents [first, last): hash with the document in its low bits."""
    ends = np.cumsum(prints.counts)
    start = int(ends[first - 1]) if first else 0
    low = np.uint64((1 << doc_bits) - 1)
    keys = prints.hashes[start : int(ends[last - 1])] & ~low
    keys |= np.repeat(np.arange(first, last, dtype=np.uint64), prints.counts[first:last])
    return keys


def _sorted_keys(prints: Prints, doc_bits: int) -> npt.NDArray[np.uint64]:
    """Every (hash, document) packed into one 64-bit key, the document in the low bits, sorted
    in place, each key once.

    No index array: every posting list comes out in ascending document order, so pairs come
    out a < b. The hash keeps its other bits; two hashes equal in those merge their lists (100
    million hashes keep 44 bits with a million documents: a few hundred merges), which at worst
    adds a shared shingle to a pair.
    """
    keys = np.empty(len(prints.hashes), dtype=np.uint64)
    ends = np.cumsum(prints.counts)
    for first in range(0, len(prints), PACK_CHUNK_DOCS):  # in slices: no full-size temporary
        last = min(len(prints), first + PACK_CHUNK_DOCS)
        start = int(ends[first - 1]) if first else 0
        keys[start : int(ends[last - 1])] = _packed(prints, doc_bits, first, last)
    keys.sort()
    if len(keys) > 1:
        repeated = keys[1:] == keys[:-1]  # merged hashes in one document: list it once
        if repeated.any():
            keys = keys[np.concatenate(([True], ~repeated))]
    return keys


def _index(prints: Prints, is_new: npt.NDArray[np.bool_], max_df: int) -> _Index:
    """The index of all fingerprints (see _sorted_keys), lists of 2..max_df with a new document."""
    doc_bits = max(1, (len(prints) - 1).bit_length())
    keys = _sorted_keys(prints, doc_bits)
    low, shift = np.uint64((1 << doc_bits) - 1), np.uint64(doc_bits)
    docs: Docs = np.empty(len(keys), dtype=np.int32 if doc_bits < 31 else np.int64)
    for start in range(0, len(keys), PACK_CHUNK_DOCS * 100):  # in slices: no full-size temporary
        docs[start : start + PACK_CHUNK_DOCS * 100] = (
            keys[start : start + PACK_CHUNK_DOCS * 100] & low
        )
    keys >>= shift  # in place: the hash part, whose changes start the posting lists
    change = np.ones(len(keys), dtype=bool)
    np.not_equal(keys[1:], keys[:-1], out=change[1:])
    del keys
    starts = np.flatnonzero(change).astype(np.int64)
    del change
    sizes = np.diff(np.append(starts, len(docs)))
    new_counts = np.add.reduceat(is_new[docs], starts, dtype=np.int32) if len(starts) else sizes
    kept = (sizes >= 2) & (sizes <= max_df) & (new_counts > 0)
    # Documents after each entry in its list: its list's end minus its position, minus one.
    following: npt.NDArray[np.unsignedinteger[Any]] = np.zeros(
        len(docs), dtype=np.uint16 if max_df < 2**16 else np.uint32
    )
    for part in range(0, len(starts), PACK_CHUNK_DOCS):
        lists = slice(part, part + PACK_CHUNK_DOCS)
        list_starts, list_sizes = starts[lists], sizes[lists] * kept[lists]
        entries = _ragged(list_starts, list_sizes)
        following[entries] = np.repeat(list_starts + list_sizes - 1, list_sizes) - entries
    by_doc = np.argsort(docs).astype(np.int64)  # order within a document does not matter
    doc_ends = np.cumsum(np.bincount(docs, minlength=len(prints))).astype(np.int64)
    return _Index(docs, following, by_doc, doc_ends)


def _ragged(starts: I64, lengths: I64) -> I64:
    """Concatenated ranges [start, start + length) for each start and length."""
    total = int(lengths.sum())
    offsets = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return offsets + np.arange(total, dtype=np.int64)


def _chunk_keys(
    index: _Index, is_new: npt.NDArray[np.bool_], chunk_pairs: int
) -> Iterator[tuple[I64, I64]]:
    """Pair keys a * N + b (a < b, one new) with how often each occurs, first articles in order.

    Documents are taken in runs whose entries make about chunk_pairs pairs; all pairs of a
    first article come from its own entries, so each run counts its pairs in full.
    """
    total = len(index.doc_ends)
    # Pairs made through each document (its entries and those of the documents before it).
    per_doc = np.bincount(index.docs, weights=index.following, minlength=total)
    through = np.cumsum(per_doc).astype(np.int64)
    run_start = 0
    while run_start < total:
        before = int(through[run_start - 1]) if run_start else 0
        run_end = int(np.searchsorted(through, before + max(1, chunk_pairs), "right"))
        run_end = min(max(run_end, run_start + 1), total)  # at least one document
        begin = int(index.doc_ends[run_start - 1]) if run_start else 0
        end = int(index.doc_ends[run_end - 1])
        entries = index.by_doc[begin:end]
        counts = index.following[entries].astype(np.int64)
        a = np.repeat(index.docs[entries].astype(np.int64), counts)
        b = index.docs[_ragged(entries + 1, counts)].astype(np.int64)
        wanted = is_new[a] | is_new[b]
        keys, occurrences = np.unique(a[wanted] * total + b[wanted], return_counts=True)
        yield keys, occurrences
        run_start = run_end


def candidate_pairs(
    fingerprints: Prints | Sequence[npt.NDArray[np.uint64]],
    is_new: npt.NDArray[np.bool_],
    max_doc_frequency: int,
    min_shared_shingles: int,
    chunk_pairs: int = 5_000_000,
) -> I64:
    """Index pairs (a < b, at least one new) sharing at least min_shared_shingles indexed shingles.

    Pair occurrences are counted about chunk_pairs at a time (a bound on memory); the result
    does not depend on it.
    """
    prints = fingerprints if isinstance(fingerprints, Prints) else Prints.of(fingerprints)
    total = len(prints)
    if total < 2 or not len(prints.hashes):
        return np.empty((0, 2), dtype=np.int64)
    index = _index(prints, is_new, max_doc_frequency)
    found = [np.empty(0, np.int64)]
    for keys, counts in _chunk_keys(index, is_new, chunk_pairs):
        found.append(keys[counts >= min_shared_shingles])
    keys = np.concatenate(found)
    return np.stack([keys // total, keys % total], axis=1).astype(np.int64)
