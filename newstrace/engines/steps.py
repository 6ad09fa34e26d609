"""The steps every engine shares: aligning pairs from token hashes, and the light driver-side
work around the heavy stages (turning pairs, character offsets, verify, fingerprints).

Plain functions over the Engine interface, so the local and the Ray engine call the same code
without one extending the other (datatrove's executors share their pipeline the same way).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from newstrace.engines.base import I64, Aligned, Engine, SpanRow, TextItem
from newstrace.models import ReuseLink
from newstrace.reuse.align import Encoded, Span, align_spans, encode_hashes, link_from_spans
from newstrace.reuse.batches import TokenHashes
from newstrace.reuse.definition import MIN_SHARED_TOKENS
from newstrace.reuse.shingles import U64
from newstrace.reuse.tokenhash import TokenOffsets, offsets
from newstrace.settings import Settings

ENCODED_CACHE_ARTICLES = 20_000  # encoded or tokenised articles kept at once (bounds memory)


def same_outlet(a: str | None, b: str | None) -> bool:
    """Whether two articles come from one named outlet; an unknown outlet matches none."""
    return a is not None and a == b


def align_rows(hashes: TokenHashes, pairs: I64) -> Aligned:
    """Align pairs (i, j) of article indices; for each pair that links: its row and passages."""
    encoded: dict[int, Encoded] = {}
    found: list[tuple[int, list[SpanRow]]] = []
    for row, (i, j) in enumerate(pairs.tolist()):
        if len(encoded) >= ENCODED_CACHE_ARTICLES - 1:  # room for both sides of this pair
            encoded.clear()
        for index in (i, j):
            if index not in encoded:
                encoded[index] = encode_hashes(hashes.article(index))
        spans = align_spans(encoded[i], encoded[j])
        if sum(span.matched for span in spans) >= MIN_SHARED_TOKENS:
            found.append(
                (row, [(s.a_start, s.a_end, s.b_start, s.b_end, s.matched) for s in spans])
            )
    return found


def links_of(items: Sequence[TextItem], pairs: I64, aligned: Aligned) -> list[ReuseLink]:
    """ReuseLinks for the aligned pairs that link, with passages in character offsets."""
    tokens: dict[int, TokenOffsets] = {}
    links = []
    for row, rows in aligned:
        i, j = pairs[row].tolist()
        if len(tokens) >= ENCODED_CACHE_ARTICLES:  # bounded: a million links would not fit
            tokens.clear()
        for index in (i, j):
            if index not in tokens:
                tokens[index] = offsets(items[index].body)
        a, b = items[i], items[j]
        link = link_from_spans(
            (a.id, b.id),
            (tokens[i], tokens[j]),
            [Span(*span) for span in rows],
            same_outlet(a.outlet, b.outlet),
        )
        if link is not None:
            links.append(link)
    return links


def new_flags(items: Sequence[TextItem], new_ids: set[int] | None) -> npt.NDArray[np.bool_]:
    """Which items are new: those in new_ids (all when None)."""
    return np.array([new_ids is None or item.id in new_ids for item in items], bool)


def smaller_id_first(pairs: I64, items: Sequence[TextItem]) -> I64:
    """Pairs (i < j by position) turned, in place, so the article with the smaller id is side a."""
    if not len(pairs):
        return pairs
    ids = np.array([item.id for item in items], dtype=np.int64)
    swap = ids[pairs[:, 0]] > ids[pairs[:, 1]]
    pairs[swap] = pairs[swap][:, ::-1]
    return pairs


def by_ids(links: list[ReuseLink]) -> list[ReuseLink]:
    """Links sorted by (a, b), the order every engine returns them in."""
    return sorted(links, key=lambda link: (link.a, link.b))


def pair_rows(pairs: Sequence[tuple[TextItem, TextItem]]) -> tuple[list[TextItem], I64]:
    """The distinct articles of pairs, and each pair as row numbers into them (smaller id first)."""
    index: dict[int, int] = {}
    items: list[TextItem] = []
    rows = []
    for first, second in pairs:
        a, b = (first, second) if first.id < second.id else (second, first)
        for item in (a, b):
            if item.id not in index:
                index[item.id] = len(items)
                items.append(item)
        rows.append((index[a.id], index[b.id]))
    return items, np.array(rows, dtype=np.int64).reshape(-1, 2)


def verify(
    engine: Engine, pairs: Sequence[tuple[TextItem, TextItem]], settings: Settings
) -> list[ReuseLink]:
    """Align pairs of articles with engine; keep those meeting the definition of a copy."""
    items, rows = pair_rows(pairs)
    hashes, _ = engine.hash_articles([item.body for item in items], settings)
    return engine.links(items, rows, engine.align(hashes, rows, settings))


def fingerprints(
    engine: Engine, bodies: Sequence[str], settings: Settings
) -> tuple[list[U64], npt.NDArray[np.int64]]:
    """Sampled shingle hashes and token counts of each body, hashed by engine."""
    hashes, prints = engine.hash_articles(bodies, settings)
    return prints.split(), np.diff(hashes.offsets)
