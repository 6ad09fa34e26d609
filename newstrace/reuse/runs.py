"""Every maximal verbatim run two token sequences share, compiled (Numba): the first step of
aligning a candidate pair (reuse/align.py).

Each side's grams (hashes of ANCHOR_TOKENS consecutive tokens) come with a bitmap of their
top bits. The grams whose bit is set in the other side's bitmap (every shared gram and a few
more) meet in a hash table, and each run is followed along its diagonal from its first
shared gram.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numba import njit

from newstrace.reuse.definition import ANCHOR_TOKENS

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
# A gram repeated so often on both sides that pairing its occurrences would pass this many
# seeds is left out (a line repeated hundreds of times in both): a bound on one pair's cost.
MAX_SEEDS_PER_GRAM = 10_000
# An article's bitmap has at least this many bits per gram (a power of two in all): a gram the
# article lacks finds its bit set with a chance of 1 in 16 at most.


@njit(cache=True, nogil=True)
def top_bits(bitmap: U64) -> int:
    """How many top bits of a gram's hash pick its bit in a bitmap of this many words."""
    bits = 6
    while (1 << bits) < 64 * len(bitmap):
        bits += 1
    return bits


@njit(cache=True, nogil=True)
def _free(count: int, masked: I64) -> BoolArray:
    """Which of count grams (by start) hold no token of the masked [start, end) ranges."""
    free = np.ones(count, np.bool_)
    for start, end in masked:
        if start < end:
            free[max(0, start - ANCHOR_TOKENS + 1) : min(count, end)] = False
    return free


@njit(cache=True, nogil=True)
def _candidates(grams: U64, bitmap: U64) -> I64:
    """The starts of the grams whose bit is set in another article's bitmap: every gram the
    two share, and a few more."""
    shift = np.uint64(64 - top_bits(bitmap))
    starts = np.empty(len(grams), np.int64)
    count = 0
    for start, gram in enumerate(grams):
        bit = gram >> shift
        starts[count] = start
        count += (bitmap[bit >> np.uint64(6)] >> (bit & np.uint64(63))) & np.uint64(1)
    return starts[:count]


@njit(cache=True, nogil=True)
def _slots(
    a_grams: U64, a_starts: I64, b_grams: U64, b_starts: I64
) -> tuple[I64, I64, I64, I64, I64, I64]:
    """The hash table of run_rows: a slot per distinct gram of a at a_starts, with the last of
    its starts (-1: a free slot) and, per start, the one before it; each gram's slot on both
    sides (-1: none); and how often each slot's gram occurs on each side."""
    bits = 1
    while (1 << bits) < 2 * len(a_starts):
        bits += 1
    shift, wrap = np.uint64(64 - bits), (1 << bits) - 1  # grams are well mixed: top bits for slots
    keys = np.empty(1 << bits, np.uint64)
    last = np.full(1 << bits, -1, np.int64)
    a_counts, b_counts = np.zeros(1 << bits, np.int64), np.zeros(1 << bits, np.int64)
    a_slots, earlier = np.full(len(a_grams), -1, np.int64), np.empty(len(a_grams), np.int64)
    for i in a_starts:
        gram, slot = a_grams[i], np.int64(a_grams[i] >> shift)
        while last[slot] >= 0 and keys[slot] != gram:
            slot = (slot + 1) & wrap
        keys[slot], earlier[i], last[slot] = gram, last[slot], i
        a_counts[slot] += 1
        a_slots[i] = slot
    b_slots = np.full(len(b_grams), -1, np.int64)
    for j in b_starts:
        gram, slot = b_grams[j], np.int64(b_grams[j] >> shift)
        while last[slot] >= 0 and keys[slot] != gram:
            slot = (slot + 1) & wrap
        if last[slot] >= 0:
            b_counts[slot] += 1
            b_slots[j] = slot
    return last, earlier, a_slots, b_slots, a_counts, b_counts


@njit(cache=True, nogil=True)
def run_rows(
    a_grams: U64,
    a_bitmap: U64,
    b_grams: U64,
    b_bitmap: U64,
    masked: tuple[I64, I64],
    capacity: int,
) -> tuple[I64, int]:
    """maximal_runs' runs, at most capacity of them, and how many there are.

    Each distinct gram of a that b's bitmap may hold gets a slot of a hash table, its starts
    chained there; each gram of b that a's bitmap may hold looks its slot up. A seed is a pair
    of grams in one slot, both unmasked, of a gram not left out as too often repeated. A seed
    starts a run when the pair before it on its diagonal is no seed, and the run extends while
    the next pair is one.
    """
    a_free, b_free = _free(len(a_grams), masked[0]), _free(len(b_grams), masked[1])
    a_starts, b_starts = _candidates(a_grams, b_bitmap), _candidates(b_grams, a_bitmap)
    last, earlier, a_slots, b_slots, a_counts, b_counts = _slots(
        a_grams, a_starts, b_grams, b_starts
    )

    def seed(i: int, j: int) -> bool:
        return (
            i < len(a_grams)
            and j < len(b_grams)
            and b_slots[j] >= 0
            and a_slots[i] == b_slots[j]
            and a_free[i]
            and b_free[j]
            and a_counts[b_slots[j]] * b_counts[b_slots[j]] <= MAX_SEEDS_PER_GRAM
        )

    runs = np.empty((capacity, 3), np.int64)
    found = 0
    for j in b_starts:
        slot = b_slots[j]
        if slot < 0 or not b_free[j] or a_counts[slot] * b_counts[slot] > MAX_SEEDS_PER_GRAM:
            continue
        i = last[slot]
        while i >= 0:
            if a_free[i] and not (i and j and seed(i - 1, j - 1)):  # else inside a run
                seeds = 1
                while seed(i + seeds, j + seeds):
                    seeds += 1
                if found < capacity:
                    runs[found] = (i, j, seeds + ANCHOR_TOKENS - 1)
                found += 1
            i = earlier[i]
    return runs[: min(found, capacity)], found
