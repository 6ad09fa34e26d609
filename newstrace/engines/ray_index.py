"""The shingle index split by hash range: candidate pairs computed partition by partition.

The local engine (newstrace.reuse.candidates) builds one index of every sampled shingle and
counts, per pair of articles, the posting lists they share. Here the index entries (shingle
hash, article) are routed to partitions by the range of their hash (the shuffle), so a posting
list lies whole in one partition; each partition counts its own pairs, the counts of a pair
found in several partitions are summed (a second, much smaller shuffle, routed by the pair's
first article), and only then is min_shared_shingles applied. The answer is the local engine's
exactly, with the same semantics:

- a shingle is its hash with the low doc_bits bits dropped (the local index packs the article
  number into those bits, which merges the lists of two hashes equal in the rest);
- a posting list takes part when it has 2..max_doc_frequency articles, one of them new;
- a pair (a < b) counts when a or b is new.

All functions are pure NumPy, so they run in any worker (Ray task or not) and are tested
against candidate_pairs directly.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newstrace.reuse.shingles import U64, Prints

I64 = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
PAIR_BATCH_OCCURRENCES = 2_000_000  # pair occurrences made at once in a partition (bounds memory)
MAX_DOC_BITS = 32  # partitions route by the top 32 bits of a hash: up to 4 billion articles


@dataclass(frozen=True, slots=True)
class Entries:
    """Index entries: article numbers and their sampled shingle hashes, side by side."""

    docs: I64
    hashes: U64

    @property
    def nbytes(self) -> int:
        """Bytes these entries take when moved between processes."""
        return int(self.docs.nbytes + self.hashes.nbytes)

    @staticmethod
    def joined(parts: Sequence[Entries]) -> Entries:
        """Several pieces as one."""
        return Entries(
            np.concatenate([np.empty(0, np.int64), *(part.docs for part in parts)]),
            np.concatenate([np.empty(0, np.uint64), *(part.hashes for part in parts)]),
        )


@dataclass(frozen=True, slots=True)
class PairCounts:
    """Pair keys a * total + b (sorted, unique) with the posting lists each pair shares."""

    keys: I64
    counts: I64

    @property
    def nbytes(self) -> int:
        """Bytes these counts take when moved between processes."""
        return int(self.keys.nbytes + self.counts.nbytes)


def doc_bits(total: int) -> int:
    """Bits the local index gives the article number (see newstrace.reuse.candidates)."""
    return max(1, (total - 1).bit_length())


def split_entries(prints: Prints, first_doc: int, total: int, partitions: int) -> list[Entries]:
    """A batch of fingerprints (articles first_doc...) as index entries, one piece per partition.

    The partition is the hash's range in its top 32 bits: hashes that the index merges
    (equal but for their low doc_bits bits) always land in the same partition.
    """
    if doc_bits(total) > MAX_DOC_BITS:
        raise ValueError(f"more than 2**{MAX_DOC_BITS} articles")
    docs = np.repeat(np.arange(first_doc, first_doc + len(prints), dtype=np.int64), prints.counts)
    route = ((prints.hashes >> np.uint64(32)) * np.uint64(partitions)) >> np.uint64(32)
    order = np.argsort(route, kind="stable")
    bounds = np.searchsorted(route[order], np.arange(partitions + 1, dtype=np.uint64))
    return [
        Entries(docs[order[start:end]], prints.hashes[order[start:end]])
        for start, end in itertools.pairwise(bounds.tolist())
    ]


def _posting_lists(
    entries: Entries, is_new: Bools, total: int, max_df: int
) -> tuple[I64, I64, I64]:
    """The partition's lists that take part: their entries' documents, list starts and sizes."""
    shingle = entries.hashes >> np.uint64(doc_bits(total))
    order = np.lexsort((entries.docs, shingle))
    shingle, docs = shingle[order], entries.docs[order]
    first = np.ones(len(docs), dtype=bool)
    first[1:] = (shingle[1:] != shingle[:-1]) | (docs[1:] != docs[:-1])
    shingle, docs = shingle[first], docs[first]
    change = np.ones(len(docs), dtype=bool)
    change[1:] = shingle[1:] != shingle[:-1]
    starts = np.flatnonzero(change).astype(np.int64)
    sizes = np.diff(np.append(starts, len(docs)))
    if not len(starts):
        return docs, starts, sizes
    new_counts = np.add.reduceat(is_new[docs].astype(np.int64), starts)
    kept = (sizes >= 2) & (sizes <= max_df) & (new_counts > 0)
    return docs, starts[kept], sizes[kept]


def _ragged(starts: I64, lengths: I64) -> I64:
    """Concatenated ranges [start, start + length)."""
    offsets = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return offsets + np.arange(int(lengths.sum()), dtype=np.int64)


def _pair_batches(docs: I64, starts: I64, sizes: I64) -> Iterator[tuple[I64, I64]]:
    """Every pair (a < b) of each list, a batch of lists at a time."""
    per_list = sizes * (sizes - 1) // 2
    through = np.cumsum(per_list)
    begin = 0
    while begin < len(starts):
        done = int(through[begin - 1]) if begin else 0
        end = int(np.searchsorted(through, done + PAIR_BATCH_OCCURRENCES, "right"))
        end = max(end, begin + 1)
        list_starts, list_sizes = starts[begin:end], sizes[begin:end]
        entries = _ragged(list_starts, list_sizes)
        following = np.repeat(list_starts + list_sizes - 1, list_sizes) - entries
        yield np.repeat(docs[entries], following), docs[_ragged(entries + 1, following)]
        begin = end


def _summed(parts: Sequence[PairCounts]) -> PairCounts:
    """Counts of the same pair keys added up."""
    keys = np.concatenate([np.empty(0, np.int64), *(part.keys for part in parts)])
    counts = np.concatenate([np.empty(0, np.int64), *(part.counts for part in parts)])
    if not len(keys):
        return PairCounts(keys, counts)
    order = np.argsort(keys, kind="stable")
    keys, counts = keys[order], counts[order]
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    starts = np.flatnonzero(first)
    return PairCounts(keys[starts], np.add.reduceat(counts, starts))


def partition_pairs(entries: Entries, is_new: Bools, total: int, max_df: int) -> PairCounts:
    """The pairs one partition's posting lists make, each with how many lists it shares there."""
    docs, starts, sizes = _posting_lists(entries, is_new, total, max_df)
    found: list[PairCounts] = []
    for a, b in _pair_batches(docs, starts, sizes):
        wanted = is_new[a] | is_new[b]
        keys, counts = np.unique(a[wanted] * total + b[wanted], return_counts=True)
        found.append(PairCounts(keys, counts.astype(np.int64)))
    return _summed(found)


def split_pairs(counts: PairCounts, total: int, ranges: int) -> list[PairCounts]:
    """Pair counts cut by first-article range (the pair shuffle): ranges pieces, in order."""
    firsts = [(total * r + ranges - 1) // ranges for r in range(ranges + 1)]
    bounds = np.searchsorted(counts.keys, np.array(firsts, dtype=np.int64) * total)
    return [
        PairCounts(counts.keys[start:end], counts.counts[start:end])
        for start, end in itertools.pairwise(bounds.tolist())
    ]


def combine_pairs(parts: Sequence[PairCounts], total: int, min_shared: int) -> I64:
    """One range's pairs (a, b), sorted, whose counts summed over all partitions reach min_shared."""
    summed = _summed(parts)
    keys = summed.keys[summed.counts >= min_shared]
    return np.stack([keys // total, keys % total], axis=1).astype(np.int64)


def sharded_candidate_pairs(
    prints: Prints, is_new: Bools, max_df: int, min_shared: int, partitions: int
) -> I64:
    """candidate_pairs computed partition by partition in this process (the reference for tests)."""
    total = len(prints)
    if total < 2 or not len(prints.hashes):
        return np.empty((0, 2), dtype=np.int64)
    pieces = split_entries(prints, 0, total, partitions)
    ranges = [split_pairs(partition_pairs(p, is_new, total, max_df), total, 3) for p in pieces]
    found = [combine_pairs([r[i] for r in ranges], total, min_shared) for i in range(3)]
    return np.concatenate([np.empty((0, 2), np.int64), *found])
