"""Aligning the gap between two anchors token by token, compiled: what difflib.SequenceMatcher
(without its junk heuristic) finds there, after a cheaper upper bound.

The chaining of anchors into passages (reuse/align.py) runs compiled, so the gap between two
anchors is aligned here rather than by calling difflib and rapidfuzz from Python for each gap
(about 40 µs a pair at 100k articles, more than the rest of the alignment). Both functions
are held to those libraries' results on random sequences by tests/reuse/test_align.py:

- `_common_subsequence` is the length of the longest common subsequence (rapidfuzz's
  LCSseq.similarity), bit-parallel, an upper bound on what the matcher aligns;
- `_sequence_matches` is the total size of SequenceMatcher.get_matching_blocks(): the longest
  matching block first (earliest on ties), then the same on each side of it.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numba import njit

I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]
LCS_BLOCK_WORDS = 64  # a gap's common subsequence is counted 4,096 tokens of a at a time


# Tokens are slotted by the top bits of their product with this (Fibonacci hashing): masked
# tokens differ in their low bits only.
_SLOT_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


@njit(cache=True, nogil=True)
def _symbols(a: U64, b: U64) -> tuple[I64, I64, int]:
    """a and b as small integers: each distinct token of a numbered by its first occurrence,
    tokens of b found nowhere in a as -1; and how many distinct tokens a has."""
    bits = 1
    while (1 << bits) < 2 * len(a):
        bits += 1
    shift, wrap = np.uint64(64 - bits), (1 << bits) - 1
    keys = np.empty(1 << bits, np.uint64)
    numbers = np.full(1 << bits, -1, np.int64)  # open addressing, linear probing
    symbols = np.empty(len(a) + len(b), np.int64)
    distinct = 0
    for index, token in enumerate(np.concatenate((a, b))):
        slot = np.int64((token * _SLOT_MULTIPLIER) >> shift)
        while numbers[slot] >= 0 and keys[slot] != token:
            slot = (slot + 1) & wrap
        if numbers[slot] < 0 and index < len(a):
            keys[slot], numbers[slot] = token, distinct
            distinct += 1
        symbols[index] = numbers[slot]
    return symbols[: len(a)], symbols[len(a) :], distinct


@njit(cache=True, nogil=True)
def _ones(word: np.uint64) -> int:
    """The set bits of a 64-bit word."""
    word = word - ((word >> np.uint64(1)) & np.uint64(0x5555555555555555))
    word = (word & np.uint64(0x3333333333333333)) + (
        (word >> np.uint64(2)) & np.uint64(0x3333333333333333)
    )
    word = (word + (word >> np.uint64(4))) & np.uint64(0x0F0F0F0F0F0F0F0F)
    return int((word * np.uint64(0x0101010101010101)) >> np.uint64(56))


@njit(cache=True, nogil=True)
def _common_subsequence(a_symbols: I64, b_symbols: I64, distinct: int) -> int:
    """The length of the longest common subsequence (what rapidfuzz's LCSseq.similarity gives),
    by the bit-parallel algorithm (Allison and Dix; Hyyrö) over a's positions, taken
    LCS_BLOCK_WORDS words at a time so that memory stays bounded on long gaps."""
    carries = np.zeros(len(b_symbols), np.uint64)  # per token of b: the carry out of the block
    rows = np.full(distinct, -1, np.int64)  # a symbol's row in the block's bits, -1 if absent
    length = 0
    for low in range(0, len(a_symbols), 64 * LCS_BLOCK_WORDS):
        block = a_symbols[low : low + 64 * LCS_BLOCK_WORDS]
        count = 0
        for symbol in block:
            if rows[symbol] < 0:
                rows[symbol], count = count, count + 1
        words = (len(block) + 63) // 64
        where = np.zeros((count + 1, words), np.uint64)  # each symbol's positions; then none
        for position, symbol in enumerate(block):
            where[rows[symbol], position // 64] |= np.uint64(1) << np.uint64(position % 64)
        state = np.full(words, np.uint64(0xFFFFFFFFFFFFFFFF))  # a zero bit per matched position
        for index, symbol in enumerate(b_symbols):
            if symbol < 0:
                continue  # found nowhere in a: no match, and so no carry, in any block
            row = rows[symbol] if rows[symbol] >= 0 else count
            carry = carries[index]
            for word in range(words):
                value = state[word]
                matches = value & where[row, word]
                total = value + matches
                with_carry = total + carry
                carry = np.uint64(1) if total < value or with_carry < total else np.uint64(0)
                state[word] = with_carry | (value - matches)
            carries[index] = carry
        for value in state:
            length += _ones(~value)
        rows[block] = -1
    return length


@njit(cache=True, nogil=True)
def _longest_match(
    a_symbols: I64, positions: I64, first: I64, box: tuple[int, int, int, int], lengths: I64
) -> tuple[int, int, int]:
    """SequenceMatcher.find_longest_match without junk: the longest block in the box, earliest
    in a then b on ties. positions[first[s]:first[s + 1]] are where symbol s occurs in b;
    lengths (two rows of zeros, len(b) + 1 wide) is scratch space, left zeroed."""
    low_a, high_a, low_b, high_b = box
    best_i, best_j, best_size = low_a, low_b, 0
    touched = np.empty((2, high_b - low_b), np.int64)  # where each row of lengths is set
    count = np.zeros(2, np.int64)
    for i in range(low_a, high_a):
        row, previous = i & 1, 1 - (i & 1)
        symbol = a_symbols[i]
        if symbol >= 0:
            for j in positions[first[symbol] : first[symbol + 1]]:
                if j < low_b:
                    continue
                if j >= high_b:
                    break
                size = lengths[previous, j] + 1  # the block ending at (i - 1, j - 1), one longer
                lengths[row, j + 1] = size
                touched[row, count[row]] = j + 1
                count[row] += 1
                if size > best_size:
                    best_i, best_j, best_size = i - size + 1, j - size + 1, size
        for index in touched[previous, : count[previous]]:
            lengths[previous, index] = 0
        count[previous] = 0
    for row in range(2):
        for index in touched[row, : count[row]]:
            lengths[row, index] = 0
    return best_i, best_j, best_size


@njit(cache=True, nogil=True)
def _sequence_matches(a_symbols: I64, b_symbols: I64, distinct: int) -> int:
    """The identical tokens of SequenceMatcher(None, a, b, autojunk=False)'s matching blocks:
    the longest block, then the same on each side of it."""
    first = np.zeros(distinct + 1, np.int64)  # b's positions grouped by symbol, ascending
    for symbol in b_symbols:
        if symbol >= 0:
            first[symbol + 1] += 1
    first = np.cumsum(first)
    positions = np.empty(first[-1], np.int64)
    filled = first[:-1].copy()
    for j, symbol in enumerate(b_symbols):
        if symbol >= 0:
            positions[filled[symbol]] = j
            filled[symbol] += 1
    lengths = np.zeros((2, len(b_symbols) + 1), np.int64)
    boxes = [(0, len(a_symbols), 0, len(b_symbols))]
    matched = 0
    while boxes:
        low_a, high_a, low_b, high_b = boxes.pop()
        i, j, size = _longest_match(
            a_symbols, positions, first, (low_a, high_a, low_b, high_b), lengths
        )
        if size:
            matched += size
            if low_a < i and low_b < j:
                boxes.append((low_a, i, low_b, j))
            if i + size < high_a and j + size < high_b:
                boxes.append((i + size, high_a, j + size, high_b))
    return matched


@njit(cache=True, nogil=True)
def gap_matches(a_gap: U64, b_gap: U64, least: int) -> int:
    """Identical tokens SequenceMatcher aligns in the gap between two anchors, or 0 when even
    the longest common subsequence (an upper bound: the matcher's blocks form a common
    subsequence, and it is much faster to count) is under least."""
    a_symbols, b_symbols, distinct = _symbols(a_gap, b_gap)
    if _common_subsequence(a_symbols, b_symbols, distinct) < least:
        return 0
    return _sequence_matches(a_symbols, b_symbols, distinct)
