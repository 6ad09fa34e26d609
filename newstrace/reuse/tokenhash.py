"""Token hashes of many bodies at once, compiled with Numba: the same values as hashing `words(body)`.

`text.words` tokenises one body with a regex and normalises each token in Python; at a
million articles that per-token Python work is most of the shingling stage. Here a batch of
bodies is joined into one string and read as an array of code points, and:

1. each code point is folded by a table to its normalised form (NFKC, then case folded), or
   to 0 when it is no letter or digit (the regex's `[^\\W_]`, which is `str.isalnum`);
2. one compiled pass finds the tokens (runs of non-zero values) and gives each a 64-bit key
   from its folded code points, grouping equal keys with a hash table;
3. each distinct key is hashed with xxh3 from the token's normalised text, exactly as
   `shingles.token_hashes` does, so the values are those of the per-token path. A process
   remembers the hashes of the keys it has seen (a news vocabulary repeats from batch to
   batch), so most batches hash few tokens in Python.

Code points whose normal form depends on their neighbours (combining marks, the second half of
a canonical composition, conjoining Hangul jamo) or maps to several characters (the ligature
"ﬁ", the German sharp s) have no table entry: a token holding one is normalised by
`text.normalise_token` in Python.
"""

from __future__ import annotations

import io
import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt
import xxhash
from numba import njit

from newstrace.cache import cache_dir, write_atomically
from newstrace.reuse.tokens import normalise_token

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
CODE_POINTS = 0x110000
TABLE_VERSION = 1  # bump when the table's meaning changes: cached tables are then rebuilt
# Conjoining Hangul vowels and trailing consonants compose algorithmically, with no entry in
# the decomposition data: they depend on the jamo before them.
_HANGUL_FOLLOWERS = (*range(0x1161, 0x1176), *range(0x11A8, 0x11C3))


@cache
def _composing_seconds() -> frozenset[int]:
    """Code points that may compose with the character before them under NFKC."""
    seconds = set(_HANGUL_FOLLOWERS)
    for code in range(CODE_POINTS):
        decomposition = unicodedata.decomposition(chr(code))
        if decomposition and not decomposition.startswith("<"):
            parts = decomposition.split()
            if len(parts) == 2:
                seconds.add(int(parts[1], 16))
    return frozenset(seconds)


NOT_WORD = np.uint32(0)  # table value of a code point that is no letter or digit
UNFOLDABLE = 0x80000000  # table flag: a letter or digit with no one-character fold


@cache
def table() -> npt.NDArray[np.uint32]:
    """Per code point: NOT_WORD; its folded code point (never 0); or UNFOLDABLE | itself.

    Built once (under a second) and kept in the user cache for this Unicode version, so worker
    processes load it instead of building it again.
    """
    path = cache_dir() / f"tokenhash-{TABLE_VERSION}-unicode-{unicodedata.unidata_version}.npy"
    try:
        cached = np.load(path, allow_pickle=False)
        if cached.shape == (CODE_POINTS,) and cached.dtype == np.uint32:
            return cached
    except (OSError, ValueError):
        pass
    built = _build_table()
    buffer = io.BytesIO()
    np.save(buffer, built, allow_pickle=False)
    write_atomically(path, buffer.getvalue())
    return built


def _build_table() -> npt.NDArray[np.uint32]:
    """The table of table(), from the unicodedata module of this Python."""
    word = np.fromiter((chr(code).isalnum() for code in range(CODE_POINTS)), bool, CODE_POINTS)
    values = np.where(word, UNFOLDABLE | np.arange(CODE_POINTS, dtype=np.uint32), NOT_WORD)
    seconds = _composing_seconds()
    for code in np.flatnonzero(word).tolist():
        char = chr(code)
        if code in seconds or unicodedata.combining(char):
            continue
        folded = normalise_token(char)
        if len(folded) != 1 or ord(folded) in seconds or unicodedata.combining(folded):
            continue
        values[code] = ord(folded)
    return values.astype(np.uint32)


def _edges(word: npt.NDArray[np.bool_]) -> tuple[I64, I64]:
    """Start and end (exclusive) of every run of word characters."""
    change = np.flatnonzero(word[1:] != word[:-1]) + 1
    if len(word) and word[0]:
        change = np.concatenate(([0], change))
    if len(word) and word[-1]:
        change = np.concatenate((change, [len(word)]))
    return change[0::2].astype(np.int64), change[1::2].astype(np.int64)


_EMPTY = np.uint64(0)
_FNV_OFFSET = 0xCBF29CE484222325
_FNV_PRIME = 0x100000001B3
_FIRST_GROUPS = 1 << 17  # table slots for a batch's distinct tokens (more when needed)


@njit(cache=True, nogil=True)
def _token_key(
    points: npt.NDArray[np.uint32], folds: npt.NDArray[np.uint32], start: int, end: int
) -> np.uint64:
    """A 64-bit key of a token's folded code points: FNV-1a over them, then splitmix64's
    finaliser with the length, so equal tokens get equal keys and others almost surely not."""
    key = np.uint64(_FNV_OFFSET)
    for position in range(start, end):
        key = (key ^ np.uint64(folds[points[position]])) * np.uint64(_FNV_PRIME)
    key ^= np.uint64(end - start) << np.uint64(56)
    key = (key ^ (key >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    key = (key ^ (key >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return key ^ (key >> np.uint64(31))


@njit(cache=True, nogil=True)
def _find(keys: U64, filled: npt.NDArray[np.bool_], key: np.uint64) -> np.int64:
    """The slot of key in an open-addressing table (linear probing), or the empty slot it
    would go to."""
    mask = np.int64(len(keys) - 1)
    slot = np.int64(key & np.uint64(mask))
    while filled[slot] and keys[slot] != key:
        slot = (slot + np.int64(1)) & mask
    return slot


@njit(cache=True, nogil=True)
def _tokens(
    points: npt.NDArray[np.uint32], folds: npt.NDArray[np.uint32], body_starts: I64
) -> tuple[I64, I64, I64, U64, BoolArray]:
    """One pass over a batch's code points (bodies joined by a non-word character), each
    folded by the table folds.

    Returns token starts and ends, each body's token count, each token's key, and which
    tokens Python must normalise (those holding a code point the table cannot fold).
    """
    total = 0
    inside = False
    for position in range(len(points)):
        word = folds[points[position]] != 0
        if word and not inside:
            total += 1
        inside = word
    starts = np.empty(total, np.int64)
    ends = np.empty(total, np.int64)
    keys = np.zeros(total, np.uint64)
    slow = np.zeros(total, np.bool_)
    counts = np.zeros(len(body_starts), np.int64)
    token = 0
    body = 0
    position = 0
    size = len(points)
    while position < size:
        if folds[points[position]] == 0:
            position += 1
            continue
        start = position
        odd = False
        while position < size and folds[points[position]] != 0:
            odd |= folds[points[position]] >= UNFOLDABLE
            position += 1
        while body + 1 < len(body_starts) and body_starts[body + 1] <= start:
            body += 1
        counts[body] += 1
        starts[token], ends[token] = start, position
        if odd:
            slow[token] = True
        else:
            keys[token] = _token_key(points, folds, start, position)
        token += 1
    return starts, ends, counts, keys, slow


@njit(cache=True, nogil=True)
def _group(keys: U64, slow: BoolArray, capacity: int) -> tuple[I64, U64, I64, bool]:
    """Each token's group (the index of its distinct key, -1 for a slow token), the distinct
    keys and one example token of each, in a table of capacity slots; False when more than
    half of them would be needed (call again with more)."""
    table_keys = np.empty(capacity, np.uint64)
    table_groups = np.empty(capacity, np.int64)
    filled = np.zeros(capacity, np.bool_)
    distinct = np.empty(capacity // 2, np.uint64)
    examples = np.empty(capacity // 2, np.int64)
    group = np.full(len(keys), -1, np.int64)
    groups = 0
    for token in range(len(keys)):
        if slow[token]:
            continue
        key = keys[token]
        slot = _find(table_keys, filled, key)
        if not filled[slot]:
            if groups == capacity // 2:
                return group, distinct, examples, False
            filled[slot] = True
            table_keys[slot] = key
            table_groups[slot] = groups
            distinct[groups] = key
            examples[groups] = token
            groups += 1
        group[token] = table_groups[slot]
    return group, distinct[:groups], examples[:groups], True


@njit(cache=True, nogil=True)
def _grown(
    keys: U64, values: npt.NDArray[Any], filled: npt.NDArray[np.bool_]
) -> tuple[U64, npt.NDArray[Any], npt.NDArray[np.bool_]]:
    """A table twice the size holding the same entries."""
    new_keys = np.empty(2 * len(keys), np.uint64)
    new_values = np.empty(2 * len(keys), values.dtype)
    new_filled = np.zeros(2 * len(keys), np.bool_)
    for slot in range(len(keys)):
        if filled[slot]:
            target = _find(new_keys, new_filled, keys[slot])
            new_filled[target] = True
            new_keys[target] = keys[slot]
            new_values[target] = values[slot]
    return new_keys, new_values, new_filled


@njit(cache=True, nogil=True)
def _recall(keys: U64, values: U64, filled: npt.NDArray[np.bool_], wanted: U64) -> tuple[U64, I64]:
    """The remembered hash of each wanted key, and the indices of the keys not remembered."""
    found = np.empty(len(wanted), np.uint64)
    missing = np.empty(len(wanted), np.int64)
    misses = 0
    for index in range(len(wanted)):
        slot = _find(keys, filled, wanted[index])
        if filled[slot]:
            found[index] = values[slot]
        else:
            missing[misses] = index
            misses += 1
    return found, missing[:misses]


@njit(cache=True, nogil=True)
def _remember(
    keys: U64, values: U64, filled: npt.NDArray[np.bool_], new_keys: U64, new_values: U64
) -> tuple[U64, U64, npt.NDArray[np.bool_], int]:
    """The table with the new keys' hashes added (grown as needed), and its entries."""
    used = int(filled.sum())
    while 2 * (used + len(new_keys)) > len(keys):  # at most half full once all are in
        keys, values, filled = _grown(keys, values, filled)
    for index in range(len(new_keys)):
        slot = _find(keys, filled, new_keys[index])
        if not filled[slot]:
            filled[slot] = True
            keys[slot] = new_keys[index]
            used += 1
        values[slot] = new_values[index]
    return keys, values, filled, used


class _Memory:
    """This process's token hashes by key, kept across batches (a news vocabulary repeats), up
    to MEMORY_TOKENS distinct tokens (about 17 bytes a slot), then started afresh."""

    def __init__(self) -> None:
        self.lock = threading.Lock()  # threads of one process share it
        self.clear()

    def clear(self) -> None:
        self.keys = np.empty(_FIRST_GROUPS, np.uint64)
        self.values = np.empty(_FIRST_GROUPS, np.uint64)
        self.filled = np.zeros(_FIRST_GROUPS, np.bool_)
        self.used = 0

    def hashes(self, keys: U64, missing_hashes: Callable[[I64], U64]) -> U64:
        """The hash of each key: remembered, or from missing_hashes(indices of the others)."""
        with self.lock:
            found, missing = _recall(self.keys, self.values, self.filled, keys)
            if len(missing):
                computed = missing_hashes(missing)
                found[missing] = computed
                if self.used + len(missing) > MEMORY_TOKENS:
                    self.clear()
                self.keys, self.values, self.filled, self.used = _remember(
                    self.keys, self.values, self.filled, keys[missing], computed
                )
            return found


MEMORY_TOKENS = 2_000_000
_MEMORY = _Memory()


@dataclass(frozen=True, slots=True)
class TokenOffsets:
    """Where a body's tokens are: [start, end) character offsets, as text.tokenise gives them."""

    starts: I64
    ends: I64

    def __len__(self) -> int:
        return len(self.starts)


def offsets(body: str) -> TokenOffsets:
    """The character offsets of a body's tokens, without normalising them (for passages)."""
    points = np.frombuffer(body.encode("utf-32-le", "surrogatepass"), np.uint32)
    return TokenOffsets(*_edges(table()[points] != NOT_WORD))


def hash_bodies(bodies: Sequence[str]) -> tuple[U64, I64]:
    """Every body's token hashes (xxh3 of each normalised token), concatenated, and each body's
    token count: equal to `token_hashes(words(body))` body by body."""
    lengths = np.fromiter(map(len, bodies), np.int64, len(bodies))
    if not len(bodies):
        return np.empty(0, np.uint64), lengths
    joined = "\n".join(bodies)  # a newline is no word character: no token spans two bodies
    points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), np.uint32)
    body_starts = np.cumsum(lengths + 1) - (lengths + 1)
    starts, ends, counts, token_keys, slow = _tokens(points, table(), body_starts)
    capacity = _FIRST_GROUPS
    while True:  # a batch's distinct tokens: about 50,000 in 5,000 news articles
        group, keys, examples, complete = _group(token_keys, slow, capacity)
        if complete:
            break
        capacity *= 4
    digest = xxhash.xxh3_64_intdigest

    def hashed(tokens: I64) -> U64:
        return np.fromiter(
            (
                digest(normalise_token(joined[start:end]).encode())
                for start, end in zip(starts[tokens].tolist(), ends[tokens].tolist(), strict=True)
            ),
            np.uint64,
            len(tokens),
        )

    by_group = _MEMORY.hashes(keys, lambda missing: hashed(examples[missing]))
    # A token left to Python has group -1: it reads the extra last entry until hashed below.
    hashes = np.append(by_group, np.uint64(0))[group]
    odd = np.flatnonzero(slow)
    if len(odd):
        hashes[odd] = hashed(odd)
    return hashes, counts
