"""Candidate pairs from an inverted index of sampled shingles with a document-frequency cap (as passim).

The index is one sorted array of (shingle hash, document) keys: each posting list is a run of
it, in ascending document order. Pairs are generated from their first article: for a slice of
documents, each of their index entries pairs with the documents after it in its posting list,
so every pair occurrence is made once, by one slice, and counted there in full (all shingles of
a pair are entries of its first article). Memory stays bounded by the slice, time by the total
number of pair occurrences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from numba import njit

from newstrace.reuse.shingles import Prints

I64 = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
Docs = npt.NDArray[np.signedinteger[Any]]  # document indices: int32 where they fit


@dataclass(frozen=True, slots=True)
class _Index:
    """The posting lists: each entry's document, how many documents follow it in its list
    (0 where the list is not kept), and the entries ordered by document."""

    docs: Docs
    following: npt.NDArray[np.unsignedinteger[Any]]
    by_doc: Docs  # entry positions grouped by document (in order within each)
    doc_ends: I64  # by_doc[doc_ends[d - 1]:doc_ends[d]] are document d's entries


@njit(cache=True, nogil=True)
def _packed(hashes: npt.NDArray[np.uint64], counts: I64, doc_bits: int) -> npt.NDArray[np.uint64]:
    """The index keys: each hash with its document in its low bits."""
    keys = np.empty(len(hashes), np.uint64)
    high = ~np.uint64((1 << doc_bits) - 1)
    entry = 0
    for doc in range(len(counts)):
        for _ in range(counts[doc]):
            keys[entry] = (hashes[entry] & high) | np.uint64(doc)
            entry += 1
    return keys


def _sorted_keys(prints: Prints, doc_bits: int) -> npt.NDArray[np.uint64]:
    """Every (hash, document) packed into one 64-bit key, the document in the low bits, sorted
    in place, each key once.

    No index array: every posting list comes out in ascending document order, so pairs come
    out a < b. The hash keeps its other bits; two hashes equal in those merge their lists (100
    million hashes keep 44 bits with a million documents: a few hundred merges), which at worst
    adds a shared shingle to a pair.
    """
    keys = _packed(prints.hashes, prints.counts, doc_bits)
    keys.sort()
    if len(keys) > 1:
        repeated = keys[1:] == keys[:-1]  # merged hashes in one document: list it once
        if repeated.any():
            keys = keys[np.concatenate(([True], ~repeated))]
    return keys


@njit(cache=True, nogil=True)
def _postings(
    keys: npt.NDArray[np.uint64],
    doc_bits: int,
    is_new: BoolArray,
    max_df: int,
    docs: Docs,
    following: npt.NDArray[np.unsignedinteger[Any]],
) -> None:
    """Fill each entry's document and how many entries follow it in its posting list (0 where
    the list is not kept: a single document, more than max_df, or none of them new)."""
    low = np.uint64((1 << doc_bits) - 1)
    shift = np.uint64(doc_bits)
    start = 0
    size = len(keys)
    while start < size:
        prefix = keys[start] >> shift
        end = start + 1
        while end < size and keys[end] >> shift == prefix:
            end += 1
        any_new = False
        for entry in range(start, end):
            docs[entry] = np.int64(keys[entry] & low)
            any_new |= is_new[docs[entry]]
        kept = any_new and 2 <= end - start <= max_df
        for entry in range(start, end):
            following[entry] = end - entry - 1 if kept else 0
        start = end


@njit(cache=True, nogil=True)
def _group_by_doc(docs: Docs, total: int) -> tuple[Docs, I64]:
    """Entry positions grouped by document (a counting sort), and where each document's end."""
    doc_ends = np.zeros(total, np.int64)
    for doc in docs:
        doc_ends[doc] += 1
    for doc in range(1, total):
        doc_ends[doc] += doc_ends[doc - 1]
    fill = np.empty(total, np.int64)
    fill[0] = 0
    fill[1:] = doc_ends[:-1]
    by_doc = np.empty(len(docs), docs.dtype)
    for entry in range(len(docs)):
        by_doc[fill[docs[entry]]] = entry
        fill[docs[entry]] += 1
    return by_doc, doc_ends


def _index(prints: Prints, is_new: npt.NDArray[np.bool_], max_df: int) -> _Index:
    """The index of all fingerprints (see _sorted_keys), lists of 2..max_df with a new document."""
    doc_bits = max(1, (len(prints) - 1).bit_length())
    keys = _sorted_keys(prints, doc_bits)
    wide = doc_bits >= 31 or len(keys) >= 2**31
    docs: Docs = np.empty(len(keys), dtype=np.int64 if wide else np.int32)
    following: npt.NDArray[np.unsignedinteger[Any]] = np.empty(
        len(keys), dtype=np.uint16 if max_df < 2**16 else np.uint32
    )
    _postings(keys, doc_bits, is_new, max_df, docs, following)
    del keys
    by_doc, doc_ends = _group_by_doc(docs, len(prints))
    return _Index(docs, following, by_doc, doc_ends)


@njit(cache=True, nogil=True)
def _per_doc(docs: Docs, following: npt.NDArray[np.unsignedinteger[Any]], total: int) -> I64:
    """The pair occurrences each document makes as the first of a pair."""
    made = np.zeros(total, np.int64)
    for entry in range(len(docs)):
        made[docs[entry]] += following[entry]
    return made


@njit(cache=True, nogil=True)
def _run_pairs(
    docs: Docs,
    following: npt.NDArray[np.unsignedinteger[Any]],
    by_doc: Docs,
    doc_ends: I64,
    is_new: BoolArray,
    first: int,
    last: int,
    min_shared: int,
    occurrences: int,
) -> I64:
    """The pairs (a, b) with a in [first, last), a < b, one of them new, sharing at least
    min_shared listed shingles, in order; occurrences bounds the pair occurrences of those
    documents. Each first article's partners are counted in one array over all documents."""
    found = np.empty((occurrences // max(1, min_shared) + 1, 2), np.int64)
    shared = np.zeros(len(doc_ends), np.int32)  # per partner: shingles shared with a
    partners = np.empty(len(doc_ends), np.int64)  # the partners of a met so far
    count = 0
    for a in range(first, last):
        begin = doc_ends[a - 1] if a else 0
        met = 0
        for position in range(begin, doc_ends[a]):
            entry = by_doc[position]
            for step in range(1, np.int64(following[entry]) + 1):
                b = np.int64(docs[entry + step])
                if is_new[a] or is_new[b]:
                    if shared[b] == 0:
                        partners[met] = b
                        met += 1
                    shared[b] += 1
        kept = count
        for index in range(met):
            b = partners[index]
            if shared[b] >= min_shared:
                found[count, 0] = a
                found[count, 1] = b
                count += 1
            shared[b] = 0
        if count - kept > 1:
            found[kept:count, 1] = np.sort(found[kept:count, 1])
    return found[:count].copy()


def candidate_pairs(
    fingerprints: Prints | Sequence[npt.NDArray[np.uint64]],
    is_new: npt.NDArray[np.bool_],
    max_doc_frequency: int,
    min_shared_shingles: int,
    chunk_pairs: int = 5_000_000,
) -> I64:
    """Index pairs (a < b, at least one new) sharing at least min_shared_shingles indexed
    shingles, sorted.

    Each first article's pairs are counted from its own index entries, documents taken in runs
    of about chunk_pairs pair occurrences (a bound on memory); the result does not depend on it.
    """
    prints = fingerprints if isinstance(fingerprints, Prints) else Prints.of(fingerprints)
    total = len(prints)
    if total < 2 or not len(prints.hashes):
        return np.empty((0, 2), dtype=np.int64)
    is_new = np.ascontiguousarray(is_new, dtype=np.bool_)
    index = _index(prints, is_new, max_doc_frequency)
    # Pair occurrences made through each document, and through all documents up to it.
    through = np.cumsum(_per_doc(index.docs, index.following, total))
    found = [np.empty((0, 2), np.int64)]
    run_start = 0
    while run_start < total:
        before = int(through[run_start - 1]) if run_start else 0
        run_end = int(np.searchsorted(through, before + max(1, chunk_pairs), "right"))
        run_end = min(max(run_end, run_start + 1), total)  # at least one document
        occurrences = int(through[run_end - 1]) - before
        arrays = (index.docs, index.following, index.by_doc, index.doc_ends, is_new)
        found.append(_run_pairs(*arrays, run_start, run_end, min_shared_shingles, occurrences))
        run_start = run_end
    return np.concatenate(found)


def warm_candidates() -> None:
    """Load the compiled functions (about half a second, once per process)."""
    prints = Prints(np.arange(4, dtype=np.uint64) << np.uint64(8), np.array([2, 2]))
    candidate_pairs(prints, np.ones(2, bool), 2, 1)
