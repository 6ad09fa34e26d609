"""The heavy reuse stages behind one small interface: fingerprint, candidates, verify (local runner)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newstrace.models import ReuseLink
from newstrace.reuse.align import align_pair, token_codes
from newstrace.reuse.candidates import candidate_pairs
from newstrace.reuse.shingles import U64, fingerprints
from newstrace.reuse.text import Tokens, tokenise
from newstrace.settings import Settings

FINGERPRINT_CHUNK_ARTICLES = 10_000  # bodies hashed together: bounds the flat token arrays


@dataclass(frozen=True, slots=True)
class TextItem:
    """An article as the reuse engine sees it: id, outlet (None = unknown) and body."""

    id: int
    outlet: str | None
    body: str


def same_outlet(a: str | None, b: str | None) -> bool:
    """Whether two articles come from one named outlet; an unknown outlet matches none."""
    return a is not None and a == b


def chunks(count: int, size: int) -> Iterator[slice]:
    """Consecutive slices of at most size items covering range(count)."""
    for start in range(0, count, max(1, size)):
        yield slice(start, min(count, start + size))


class LocalEngine:
    """Runs the reuse stages in this process (a Ray engine runs the same pure stages elsewhere)."""

    def fingerprints(
        self, bodies: Sequence[str], settings: Settings
    ) -> tuple[list[U64], npt.NDArray[np.int64]]:
        """Sampled shingle hashes and token counts of each body."""
        prints: list[U64] = []
        lengths: list[npt.NDArray[np.int64]] = [np.empty(0, np.int64)]
        for part in chunks(len(bodies), FINGERPRINT_CHUNK_ARTICLES):
            found, counts = fingerprints(
                bodies[part], settings.shingle_tokens, settings.shingle_sample_modulus
            )
            prints.extend(found)
            lengths.append(counts)
        return prints, np.concatenate(lengths)

    def candidates(
        self, prints: Sequence[U64], is_new: npt.NDArray[np.bool_], settings: Settings
    ) -> npt.NDArray[np.int64]:
        """Index pairs (i < j, one of them new) worth aligning."""
        return candidate_pairs(
            prints,
            is_new,
            settings.max_doc_frequency,
            settings.min_shared_shingles,
            settings.candidate_chunk_pairs,
        )

    def verify(
        self, pairs: Sequence[tuple[TextItem, TextItem]], settings: Settings
    ) -> list[ReuseLink]:
        """Align each candidate pair; keep those meeting the definition of a copy."""
        cache: dict[int, tuple[Tokens, list[int]]] = {}
        vocabulary: dict[str, int] = {}
        links = []
        for first, second in pairs:
            a, b = (first, second) if first.id < second.id else (second, first)
            a_tokens, a_codes = _encoded(cache, vocabulary, a)
            b_tokens, b_codes = _encoded(cache, vocabulary, b)
            link = align_pair(
                (a.id, b.id),
                (a_tokens, b_tokens),
                same_outlet(a.outlet, b.outlet),
                settings.passage_max_gap_tokens,
                (a_codes, b_codes),
            )
            if link is not None:
                links.append(link)
        return links

    def find_links(
        self, items: Sequence[TextItem], settings: Settings, new_ids: set[int] | None = None
    ) -> list[ReuseLink]:
        """All links among items with at least one side in new_ids (all when None), sorted by (a, b)."""
        prints, _ = self.fingerprints([item.body for item in items], settings)
        is_new = np.array([new_ids is None or item.id in new_ids for item in items], dtype=bool)
        pairs = self.candidates(prints, is_new, settings)
        links: list[ReuseLink] = []
        for part in chunks(len(pairs), settings.align_chunk_pairs):
            batch = [(items[i], items[j]) for i, j in pairs[part].tolist()]
            links.extend(self.verify(batch, settings))
        return sorted(links, key=lambda link: (link.a, link.b))


def _encoded(
    cache: dict[int, tuple[Tokens, list[int]]], vocabulary: dict[str, int], item: TextItem
) -> tuple[Tokens, list[int]]:
    """An item's tokens and token codes, computed once per verify call."""
    found = cache.get(item.id)
    if found is None:
        tokens = tokenise(item.body)
        found = cache[item.id] = (tokens, token_codes(tokens.words, vocabulary))
    return found


def find_links(
    items: Sequence[TextItem], settings: Settings, new_ids: set[int] | None = None
) -> list[ReuseLink]:
    """All reuse links among items (see LocalEngine.find_links)."""
    return LocalEngine().find_links(items, settings, new_ids)
