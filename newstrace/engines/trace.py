"""The incremental reuse stage: trace new articles against the store and write their links."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

import numpy as np
import numpy.typing as npt
import sqlite_utils

from newstrace import progress
from newstrace.engines.base import Engine, TextItem
from newstrace.engines.registry import make_engine
from newstrace.engines.translations import translation_links
from newstrace.models import ReuseLink
from newstrace.reuse.batches import SliceReader, chunks, scratch_folder
from newstrace.reuse.shingles import U64, fingerprint_bytes, fingerprint_from_bytes
from newstrace.settings import Settings
from newstrace.store.connection import transaction
from newstrace.store.links import sqlite_connection, write_links
from newstrace.store.runs import (
    TracedRow,
    article_texts,
    database_file,
    mark_traced,
    open_read_only,
    traced_fingerprints,
    untraced_ids,
)


@dataclass(frozen=True, slots=True)
class TraceSummary:
    """What one trace run did."""

    articles_traced: int
    new_links: int
    cross_outlet_links: int
    seconds: float


def load_items(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, TextItem]:
    """Id, outlet and body of the given articles."""
    texts = article_texts(conn, ids)
    return {article_id: TextItem(article_id, *text) for article_id, text in texts.items()}


def _traced(conn: sqlite3.Connection, settings: Settings) -> tuple[list[int], list[U64], list[int]]:
    """Ids and stored fingerprints of traced articles, and the ids whose fingerprint is stale."""
    ids: list[int] = []
    prints: list[U64] = []
    stale: list[int] = []
    for article_id, blob in traced_fingerprints(conn):
        found = fingerprint_from_bytes(
            blob, settings.shingle_tokens, settings.shingle_sample_modulus
        )
        if found is None:
            stale.append(article_id)
        else:
            ids.append(article_id)
            prints.append(found)
    return ids, prints, stale


class _StoredBodies(SliceReader[str]):
    """The bodies of stored articles, by id, read from the store a slice at a time as the
    engine asks for them (its workers hash one slice while the next is read)."""

    def __init__(self, conn: sqlite3.Connection, ids: Sequence[int]) -> None:
        self._conn, self._ids = conn, ids

    def __len__(self) -> int:
        return len(self._ids)

    def read(self, part: range) -> list[str]:
        return _bodies(self._conn, self._ids[part.start : part.stop])

    def remote(self, part: range) -> Callable[[], list[str]] | None:
        path = database_file(self._conn)
        if path is None:  # an in-memory database: only this connection sees it
            return None
        return partial(_read_stored_bodies, path, list(self._ids[part.start : part.stop]))


def _bodies(conn: sqlite3.Connection, ids: Sequence[int]) -> list[str]:
    items = load_items(conn, ids)
    return [items[article_id].body for article_id in ids]


def _read_stored_bodies(path: str, ids: list[int]) -> list[str]:
    """In a worker process: the bodies of the given articles, read from the store read-only."""
    conn = open_read_only(path)
    try:
        return _bodies(conn, ids)
    finally:
        conn.close()


def _fingerprint_ids(
    engine: Engine, conn: sqlite3.Connection, ids: Sequence[int], settings: Settings
) -> tuple[list[U64], npt.NDArray[np.int64]]:
    """Fingerprints and token counts of stored articles, hashed in one engine call (worker
    processes for a large batch); the token hashes go to a scratch folder, not to memory."""
    with scratch_folder() as folder, progress.stage("hashing", len(ids), "articles"):
        hashes, prints = engine.hash_articles(_StoredBodies(conn, ids), settings, folder)
        return prints.split(), np.diff(hashes.offsets)


def _verify(
    engine: Engine,
    conn: sqlite3.Connection,
    pairs: list[tuple[int, int]],
    settings: Settings,
) -> list[ReuseLink]:
    """Align candidate pairs of article ids, loading the bodies they need a chunk at a time."""
    links: list[ReuseLink] = []
    with progress.stage("alignment", len(pairs), "pairs"):
        for part in chunks(len(pairs), settings.align_chunk_pairs):
            batch = pairs[part]
            items = load_items(conn, sorted({i for pair in batch for i in pair}))
            links.extend(engine.verify([(items[a], items[b]) for a, b in batch], settings))
            progress.advance(len(batch))
    return sorted(links, key=lambda link: (link.a, link.b))


def _trace_batch(
    engine: Engine, conn: sqlite3.Connection, new_ids: list[int], settings: Settings
) -> list[ReuseLink]:
    """Find and write the links of one batch of new articles against everything traced before."""
    old_ids, old_prints, stale = _traced(conn, settings)
    # Fingerprints made with other shingle settings are rebuilt and stored again.
    refresh = stale + new_ids
    new_prints, lengths = _fingerprint_ids(engine, conn, refresh, settings)
    ids = np.array(old_ids + refresh, dtype=np.int64)
    is_new = np.zeros(len(ids), dtype=bool)
    is_new[len(old_ids) + len(stale) :] = True
    with progress.stage("candidates", None, "pairs"):
        found = engine.candidates(old_prints + new_prints, is_new, settings)
        progress.advance(len(found))
    pairs = [(int(ids[i]), int(ids[j])) for i, j in found.tolist()]
    links = _verify(engine, conn, pairs, settings)
    # Translated copies: only where the store holds more than one language.
    taken = [(link.a, link.b) for link in links]
    translated = translation_links(conn, new_ids, taken, engine=engine)
    links = sorted(links + translated, key=lambda link: (link.a, link.b))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    blobs = [
        fingerprint_bytes(fp, settings.shingle_tokens, settings.shingle_sample_modulus)
        for fp in new_prints
    ]
    traced: list[TracedRow] = [
        (i, now, int(n), blob) for i, n, blob in zip(refresh, lengths, blobs, strict=True)
    ]
    with transaction(sqlite_utils.Database(conn)) as write_conn:
        # Links, their passages and the traced marks land in one transaction.
        write_links(write_conn, links)
        mark_traced(write_conn, traced)
    return links


def trace_links(
    db: sqlite_utils.Database, settings: Settings, engine: Engine | None = None
) -> TraceSummary:
    """Trace the articles not traced yet against all articles; a re-run changes nothing."""
    started = time.perf_counter()
    engine, conn = engine or make_engine("local"), sqlite_connection(db)
    new_ids = untraced_ids(conn)
    links: list[ReuseLink] = []
    try:
        for part in chunks(len(new_ids), settings.reuse_batch_articles):
            links.extend(_trace_batch(engine, conn, new_ids[part], settings))
    finally:
        engine.close()  # the alignment workers, if a large batch started them
    cross = sum(1 for link in links if not link.same_outlet)
    return TraceSummary(len(new_ids), len(links), cross, time.perf_counter() - started)
