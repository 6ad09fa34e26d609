"""One interface for the heavy reuse stages, two engines: local (in-process) and Ray (a cluster).

The stages are shingling (hash_articles, fingerprints), candidate generation through the
shingle index (candidates) and alignment (align, then links for character offsets); verify
and find_links compose them. `newstrace trace` talks to an Engine only, so the same driver
runs on a laptop or against a Ray cluster and gets the same links. The value types the stages
exchange live here too, so a caller needs no engine module to name them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from newstrace.models import ReuseLink
from newstrace.reuse.batches import TokenHashes
from newstrace.reuse.shingles import U64, Prints
from newstrace.settings import Settings

I64 = npt.NDArray[np.int64]
SpanRow = tuple[int, int, int, int, int]  # a passage: a_start, a_end, b_start, b_end, matched
Aligned = list[tuple[int, list[SpanRow]]]  # the rows of the pairs that link, with passages


@dataclass(frozen=True, slots=True)
class TextItem:
    """An article as the reuse engine sees it: id, outlet (None = unknown) and body."""

    id: int
    outlet: str | None
    body: str


class Engine(Protocol):
    """The heavy reuse stages; every engine gives the same answers as the local one."""

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

    def align(self, hashes: TokenHashes, pairs: I64, settings: Settings) -> Aligned:
        """The rows of the pairs that link, with their passages in token positions, in order."""
        ...

    def links(self, items: Sequence[TextItem], pairs: I64, aligned: Aligned) -> list[ReuseLink]:
        """ReuseLinks for the aligned pairs that link, with passages in character offsets."""
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
