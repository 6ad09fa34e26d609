"""Token hashes of many bodies at once, in NumPy: the same values as hashing `words(body)`.

`text.words` tokenises one body with a regex and normalises each token in Python; at a
million articles that per-token Python work is most of the shingling stage. Here a batch of
bodies is joined into one string and read as an array of code points, and:

1. token edges come from a table of which code points are letters or digits (the regex's
   `[^\\W_]`, which is `str.isalnum`);
2. each token's code points are folded by a table to their normalised form (NFKC, then
   case folded), and the folded code points give each token a 64-bit grouping key, a
   polynomial over its code points computed a character position at a time over all tokens;
3. each distinct key is hashed once with xxh3 from the token's normalised text, exactly as
   `shingles.token_hashes` does, so the values are those of the per-token path.

Code points whose normal form depends on their neighbours (combining marks, the second half of
a canonical composition, conjoining Hangul jamo) or maps to several characters (the ligature
"ﬁ", the German sharp s) have no table entry: a token holding one is normalised by
`text.normalise_token` in Python, as are tokens longer than VECTOR_TOKEN_CHARS.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt
import xxhash

from newstrace.cache import cache_dir, write_atomically
from newstrace.reuse.text import normalise_token

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
CODE_POINTS = 0x110000
TABLE_VERSION = 1  # bump when the table's meaning changes: cached tables are then rebuilt
_KEY_MULTIPLIER = np.uint64(0x100000001B3)  # the 64-bit FNV prime: odd, spreads each character
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
VECTOR_TOKEN_CHARS = 64  # longer tokens (rare in text) are hashed one by one
CHARS_PER_WORD = 4  # folded code points below 2^16 read four at a time as one 64-bit word
# Keeps the first n characters of a word (n = 0..4).
_WORD_MASKS = np.array([(1 << (16 * n)) - 1 for n in range(CHARS_PER_WORD + 1)], dtype=np.uint64)
UNFOLDABLE = np.uint32(0x80000000)
_WIDEST_FOLDED = np.uint32(0xFFFF)  # table flag: a letter or digit with no one-character fold


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


def _keys(folded: npt.NDArray[np.uint32], starts: I64, sizes: I64) -> U64:
    """A key for each token from its folded code points (each below 2^16, the token at most
    VECTOR_TOKEN_CHARS long): its code points read four at a time as one 64-bit word, the
    words combined by a polynomial. A token of four characters or fewer is its own key.

    Tokens are ordered by their number of words, most first, so the tokens still running at
    word k are a prefix and each word is one vector step over them. (Per character, or by a
    running sum over the whole text, costs two to three times as much.)
    """
    text = np.zeros(len(folded) + CHARS_PER_WORD, dtype="<u2")
    text[: len(folded)] = folded
    # Every four consecutive characters as one word, starting at each character.
    windows = np.ndarray((len(folded),), dtype="<u8", buffer=text, strides=(text.itemsize,))
    words = (sizes + (CHARS_PER_WORD - 1)).astype(np.int32) >> 2  # ceil(size / 4)
    most = int(words.max()) if len(words) else 0
    order = np.argsort((most - words).astype(np.uint8), kind="stable")
    ordered_starts = starts.astype(np.int32)[order]
    # Characters in each token's last word (1..4), and where the tokens of each word count end.
    last_chars = (sizes.astype(np.int32) - (words - 1) * CHARS_PER_WORD)[order]
    running = np.searchsorted(most - words[order], np.arange(most)[::-1], "right")
    keys = np.zeros(len(order), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for word in range(most):
            now = int(running[word])
            ending = int(running[word + 1]) if word + 1 < most else 0  # tokens ending here
            value = windows[ordered_starts[:now] + word * CHARS_PER_WORD]
            value[ending:now] &= _WORD_MASKS[last_chars[ending:now]]
            keys[:now] = keys[:now] * _KEY_MULTIPLIER + value
    out = np.empty(len(order), dtype=np.uint64)
    out[order] = keys
    return out


def _groups(keys: U64) -> tuple[I64, I64]:
    """One example position per distinct key, and each key's group: np.unique's index and
    inverse, from an unstable sort (any example will do; several times faster)."""
    order = np.argsort(keys)
    ordered = keys[order]
    new = np.ones(len(keys), dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    group = np.empty(len(keys), dtype=np.int64)
    group[order] = np.cumsum(new) - 1
    return order[new], group


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
    folded = table()[np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), np.uint32)]
    starts, ends = _edges(folded != NOT_WORD)
    body_starts = np.cumsum(lengths + 1) - (lengths + 1)
    counts = np.bincount(np.searchsorted(body_starts, starts, "right") - 1, minlength=len(bodies))
    # Tokens holding a code point the table cannot fold alone or one past 16 bits, and very
    # long tokens: normalised one by one.
    sizes = ends - starts
    slow = sizes > VECTOR_TOKEN_CHARS
    odd = np.flatnonzero(folded > _WIDEST_FOLDED)  # unfoldable, or beyond 16 bits
    if len(odd):
        slow[np.searchsorted(starts, odd, "right") - 1] = True
    fast = np.flatnonzero(~slow)
    hashes = np.empty(len(starts), dtype=np.uint64)
    digest = xxhash.xxh3_64_intdigest
    examples, group = _groups(_keys(folded, starts[fast], sizes[fast]))
    examples = fast[examples]
    hashes[fast] = np.fromiter(
        (
            digest(normalise_token(joined[start:end]).encode())
            for start, end in zip(starts[examples].tolist(), ends[examples].tolist(), strict=True)
        ),
        np.uint64,
        len(examples),
    )[group]
    for index in np.flatnonzero(slow).tolist():
        hashes[index] = digest(normalise_token(joined[starts[index] : ends[index]]).encode())
    return hashes, counts.astype(np.int64)
