"""One interface for the heavy reuse stages, two engines: local (in-process) and Ray (a cluster).

The stages are shingling (hash_articles, fingerprints), candidate generation through the
shingle index (candidates) and alignment (align, then links for character offsets); verify
and find_links compose them. `newstrace trace` talks to an Engine only, so the same driver
runs on a laptop or against a Ray cluster and gets the same links.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from newstrace.engines.local import LocalEngine, SpanRow, TextItem
from newstrace.models import ReuseLink
from newstrace.reuse.batches import TokenHashes
from newstrace.reuse.shingles import U64, Prints
from newstrace.settings import Settings

ENGINES = ("local", "ray")
I64 = npt.NDArray[np.int64]


class Engine(Protocol):
    """The heavy reuse stages; every engine gives the same answers as LocalEngine."""

    def hash_articles(
        self, bodies: Sequence[str], settings: Settings, spill: Path | None = None
    ) -> tuple[TokenHashes, Prints]:
        """Every body's token hashes and sampled fingerprint."""
        ...

    def fingerprints(
        self, bodies: Sequence[str], settings: Settings
    ) -> tuple[list[U64], npt.NDArray[np.int64]]:
        """Sampled shingle hashes and token counts of each body."""
        ...

    def candidates(
        self, prints: Prints | Sequence[U64], is_new: npt.NDArray[np.bool_], settings: Settings
    ) -> I64:
        """Index pairs (i < j, one of them new) worth aligning, sorted."""
        ...

    def align(
        self, hashes: TokenHashes, pairs: I64, settings: Settings
    ) -> list[tuple[int, list[SpanRow]]]:
        """The rows of the pairs that link, with their passages in token positions, in order."""
        ...

    def verify(
        self, pairs: Sequence[tuple[TextItem, TextItem]], settings: Settings
    ) -> list[ReuseLink]:
        """Align pairs of articles; keep those meeting the definition of a copy."""
        ...

    def find_links(
        self, items: Sequence[TextItem], settings: Settings, new_ids: set[int] | None = None
    ) -> list[ReuseLink]:
        """All links among items with one side in new_ids (all when None), sorted by (a, b)."""
        ...

    def close(self) -> None:
        """Release workers or the cluster connection this engine started."""
        ...


def make_engine(name: str, address: str | None = None, workers: int | None = None) -> LocalEngine:
    """The engine called name: "local", or "ray" on the cluster at address (a local one if None).

    Typed as LocalEngine because the Ray engine extends it (it reuses the driver-side steps).
    """
    if name == "local":
        return LocalEngine()
    if name == "ray":
        from newstrace.engines.ray import RayEngine

        return RayEngine(address=address, workers=workers)
    raise ValueError(f"unknown engine {name!r}: use one of {', '.join(ENGINES)}")
