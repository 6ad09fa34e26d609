"""Comparison form of a body: normalised word tokens, each with its character span in the body."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

# Letters and digits only: punctuation, quotes, dashes and underscores separate tokens.
_WORD = re.compile(r"[^\W_]+")
ASCII_CODES = 128  # code points below this are ASCII
# For ASCII text the same rule as a lookup table: which byte values are letters or digits.
_ASCII_WORD = np.array([chr(code).isascii() and chr(code).isalnum() for code in range(ASCII_CODES)])


@dataclass(frozen=True, slots=True)
class Tokens:
    """Normalised tokens of a body with [start, end) character offsets into the original body."""

    words: list[str]
    starts: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.starts)


def normalise_token(token: str) -> str:
    """One token in comparison form: NFKC and case folded (ASCII takes the quick path)."""
    if token.isascii():
        return token.lower()
    return unicodedata.normalize("NFKC", token).casefold()


def words(body: str) -> list[str]:
    """The normalised tokens of a body, without offsets (the fast path for fingerprints)."""
    if body.isascii():
        # For ASCII, lower() keeps every token boundary, so this equals tokenise(body).words.
        return _WORD.findall(body.lower())
    tokens = _WORD.findall(body)
    joined = " ".join(tokens)
    if joined.isascii():  # only punctuation (curly quotes, dashes) was not ASCII
        return joined.lower().split()
    return [token.lower() if token.isascii() else normalise_token(token) for token in tokens]


def _ascii_tokens(body: str) -> Tokens:
    """tokenise for an ASCII body: token edges from a byte lookup table instead of match objects."""
    word = _ASCII_WORD[np.frombuffer(body.encode("ascii"), np.uint8)]
    edges = np.diff(np.concatenate(([False], word, [False])).astype(np.int8))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return Tokens(_WORD.findall(body.lower()), starts.astype(np.int64), ends.astype(np.int64))


def tokenise(body: str) -> Tokens:
    """The normalised tokens of a body with their character offsets in the body as given."""
    if body.isascii():
        return _ascii_tokens(body)
    matches = list(_WORD.finditer(body))
    spans = np.array([match.span() for match in matches], dtype=np.int64).reshape(-1, 2)
    tokens = [normalise_token(match.group()) for match in matches]
    return Tokens(tokens, spans[:, 0].copy(), spans[:, 1].copy())


def normalise(body: str) -> str:
    """A body in comparison form: its normalised tokens joined by single spaces."""
    return " ".join(words(body))
