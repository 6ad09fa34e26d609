"""Comparison form of a body: normalised word tokens, each with its character span in the body."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

# Letters and digits only: punctuation, quotes, dashes and underscores separate tokens.
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Tokens:
    """Normalised tokens of a body with [start, end) character offsets into the original body."""

    words: list[str]
    starts: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.words)


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
    return [normalise_token(token) for token in _WORD.findall(body)]


def tokenise(body: str) -> Tokens:
    """The normalised tokens of a body with their character offsets in the body as given."""
    matches = list(_WORD.finditer(body))
    spans = np.array([match.span() for match in matches], dtype=np.int64).reshape(-1, 2)
    tokens = [normalise_token(match.group()) for match in matches]
    return Tokens(tokens, spans[:, 0].copy(), spans[:, 1].copy())


def normalise(body: str) -> str:
    """A body in comparison form: its normalised tokens joined by single spaces."""
    return " ".join(words(body))
