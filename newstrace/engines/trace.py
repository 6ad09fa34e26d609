"""The incremental reuse stage: trace new articles against the store, write links, read them back."""

from __future__ import annotations

import itertools
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import sqlite_utils

from newstrace.engines.local import LocalEngine, TextItem
from newstrace.models import Passage, ReuseLink
from newstrace.reuse.batches import SliceReader, chunks, scratch_folder
from newstrace.reuse.shingles import U64, fingerprint_bytes, fingerprint_from_bytes
from newstrace.settings import Settings
from newstrace.store.connection import transaction

SQL_IDS_PER_QUERY = 5_000  # ids bound in one IN (...) query, under SQLite's variable limit

_ITEMS_SQL = """SELECT a.id, o.name, a.body FROM articles a
LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id IN ({})"""


@dataclass(frozen=True, slots=True)
class TraceSummary:
    """What one trace run did."""

    articles_traced: int
    new_links: int
    cross_outlet_links: int
    seconds: float


def _connection(conn: sqlite_utils.Database | sqlite3.Connection) -> sqlite3.Connection:
    return conn.conn if isinstance(conn, sqlite_utils.Database) else conn


def load_items(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, TextItem]:
    """Id, outlet and body of the given articles."""
    items: dict[int, TextItem] = {}
    for part in chunks(len(ids), SQL_IDS_PER_QUERY):
        batch = list(ids[part])
        sql = _ITEMS_SQL.format(",".join("?" * len(batch)))
        for article_id, outlet, body in conn.execute(sql, batch):
            items[article_id] = TextItem(article_id, outlet, body or "")
    return items


def _traced(conn: sqlite3.Connection, settings: Settings) -> tuple[list[int], list[U64], list[int]]:
    """Ids and stored fingerprints of traced articles, and the ids whose fingerprint is stale."""
    ids: list[int] = []
    prints: list[U64] = []
    stale: list[int] = []
    rows = conn.execute("SELECT article_id, fingerprint FROM traced_articles ORDER BY article_id")
    for article_id, blob in rows:
        found = fingerprint_from_bytes(
            blob or b"", settings.shingle_tokens, settings.shingle_sample_modulus
        )
        if found is None:
            stale.append(article_id)
        else:
            ids.append(article_id)
            prints.append(found)
    return ids, prints, stale


def _untraced(conn: sqlite3.Connection) -> list[int]:
    rows = conn.execute(
        "SELECT a.id FROM articles a LEFT JOIN traced_articles t ON t.article_id = a.id"
        " WHERE t.article_id IS NULL ORDER BY a.id"
    )
    return [row[0] for row in rows]


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
        path = self._conn.execute("PRAGMA database_list").fetchone()[2]
        if not path:  # an in-memory database: only this connection sees it
            return None
        return partial(_read_stored_bodies, path, list(self._ids[part.start : part.stop]))


def _bodies(conn: sqlite3.Connection, ids: Sequence[int]) -> list[str]:
    items = load_items(conn, ids)
    return [items[article_id].body for article_id in ids]


def _read_stored_bodies(path: str, ids: list[int]) -> list[str]:
    """In a worker process: the bodies of the given articles, read from the store read-only."""
    conn = sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True)
    try:
        return _bodies(conn, ids)
    finally:
        conn.close()


def _fingerprint_ids(
    engine: LocalEngine, conn: sqlite3.Connection, ids: Sequence[int], settings: Settings
) -> tuple[list[U64], npt.NDArray[np.int64]]:
    """Fingerprints and token counts of stored articles, hashed in one engine call (worker
    processes for a large batch); the token hashes go to a scratch folder, not to memory."""
    with scratch_folder() as folder:
        hashes, prints = engine.hash_articles(_StoredBodies(conn, ids), settings, folder)
        return prints.split(), np.diff(hashes.offsets)


def _verify(
    engine: LocalEngine,
    conn: sqlite3.Connection,
    pairs: list[tuple[int, int]],
    settings: Settings,
) -> list[ReuseLink]:
    """Align candidate pairs of article ids, loading the bodies they need a chunk at a time."""
    links: list[ReuseLink] = []
    for part in chunks(len(pairs), settings.align_chunk_pairs):
        batch = pairs[part]
        items = load_items(conn, sorted({i for pair in batch for i in pair}))
        links.extend(engine.verify([(items[a], items[b]) for a, b in batch], settings))
    return sorted(links, key=lambda link: (link.a, link.b))


def _link_row(link: ReuseLink) -> tuple[int, int, int, float, float, float, int]:
    return (
        link.a,
        link.b,
        link.shared_tokens,
        link.coverage_a,
        link.coverage_b,
        link.verbatim_ratio,
        int(link.same_outlet),
    )


def _write(
    conn: sqlite3.Connection,
    links: list[ReuseLink],
    traced: list[tuple[int, str, int, bytes]],
) -> None:
    """Links, their passages and the traced articles, in one transaction."""
    for link in links:
        cursor = conn.execute(
            "INSERT INTO reuse_links (a, b, shared_tokens, coverage_a, coverage_b,"
            " verbatim_ratio, same_outlet) VALUES (?, ?, ?, ?, ?, ?, ?)",
            _link_row(link),
        )
        conn.executemany(
            "INSERT INTO passages (link_id, a_start, a_end, b_start, b_end, tokens, verbatim)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (cursor.lastrowid, p.a_start, p.a_end, p.b_start, p.b_end, p.tokens, p.verbatim)
                for p in link.passages
            ],
        )
    conn.executemany(
        "INSERT OR REPLACE INTO traced_articles (article_id, traced_at, tokens, fingerprint)"
        " VALUES (?, ?, ?, ?)",
        traced,
    )


def _trace_batch(
    engine: LocalEngine, conn: sqlite3.Connection, new_ids: list[int], settings: Settings
) -> list[ReuseLink]:
    """Find and write the links of one batch of new articles against everything traced before."""
    old_ids, old_prints, stale = _traced(conn, settings)
    # Fingerprints made with other shingle settings are rebuilt and stored again.
    refresh = stale + new_ids
    new_prints, lengths = _fingerprint_ids(engine, conn, refresh, settings)
    ids = np.array(old_ids + refresh, dtype=np.int64)
    is_new = np.zeros(len(ids), dtype=bool)
    is_new[len(old_ids) + len(stale) :] = True
    found = engine.candidates(old_prints + new_prints, is_new, settings)
    pairs = [(int(ids[i]), int(ids[j])) for i, j in found.tolist()]
    links = _verify(engine, conn, pairs, settings)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    blobs = [
        fingerprint_bytes(fp, settings.shingle_tokens, settings.shingle_sample_modulus)
        for fp in new_prints
    ]
    traced = [(i, now, int(n), blob) for i, n, blob in zip(refresh, lengths, blobs, strict=True)]
    with transaction(sqlite_utils.Database(conn)) as write_conn:
        _write(write_conn, links, traced)
    return links


def trace_links(
    db: sqlite_utils.Database, settings: Settings, engine: LocalEngine | None = None
) -> TraceSummary:
    """Trace the articles not traced yet against all articles; a re-run changes nothing."""
    started = time.perf_counter()
    engine, conn = engine or LocalEngine(), _connection(db)
    new_ids = _untraced(conn)
    links: list[ReuseLink] = []
    try:
        for part in chunks(len(new_ids), settings.reuse_batch_articles):
            links.extend(_trace_batch(engine, conn, new_ids[part], settings))
    finally:
        engine.close()  # the alignment workers, if a large batch started them
    cross = sum(1 for link in links if not link.same_outlet)
    return TraceSummary(len(new_ids), len(links), cross, time.perf_counter() - started)


_LINKS_SQL = """SELECT l.id, l.a, l.b, l.shared_tokens, l.coverage_a, l.coverage_b, l.verbatim_ratio,
l.same_outlet, p.a_start, p.a_end, p.b_start, p.b_end, p.tokens, p.verbatim
FROM reuse_links l LEFT JOIN passages p ON p.link_id = l.id {where}
ORDER BY l.a, l.b, p.a_start, p.id"""


def iter_links(
    conn: sqlite_utils.Database | sqlite3.Connection, cross_outlet_only: bool = True
) -> Iterator[ReuseLink]:
    """Stored links with their passages, ordered by (a, b); cross-outlet ones only by default."""
    where = "WHERE l.same_outlet = 0" if cross_outlet_only else ""
    rows = _connection(conn).execute(_LINKS_SQL.format(where=where))
    for _, group in itertools.groupby(rows, key=lambda row: row[0]):
        records = list(group)
        first = records[0]
        passages = tuple(Passage(*row[8:14]) for row in records if row[8] is not None)
        yield ReuseLink(
            a=first[1],
            b=first[2],
            shared_tokens=first[3],
            coverage_a=first[4],
            coverage_b=first[5],
            verbatim_ratio=first[6],
            passages=passages,
            same_outlet=bool(first[7]),
        )


_SIDE_SQL = """SELECT a.id, d.source, d.source_id, o.name, a.body FROM articles a
JOIN documents d ON d.id = a.document_id LEFT JOIN outlets o ON o.id = a.outlet_id
WHERE a.id IN (?, ?)"""


def links_json(conn: sqlite_utils.Database | sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Each cross-outlet link in the documented output shape, with the passages' text."""
    connection = _connection(conn)
    for link in iter_links(connection):
        sides = {row[0]: row[1:] for row in connection.execute(_SIDE_SQL, (link.a, link.b))}
        yield _link_json(link, sides[link.a], sides[link.b])


def _link_json(link: ReuseLink, a: tuple[Any, ...], b: tuple[Any, ...]) -> dict[str, Any]:
    return {
        "a": link.a,
        "b": link.b,
        "a_source": a[0],
        "a_source_id": a[1],
        "b_source": b[0],
        "b_source_id": b[1],
        "a_outlet": a[2],
        "b_outlet": b[2],
        "shared_tokens": link.shared_tokens,
        "coverage_a": link.coverage_a,
        "coverage_b": link.coverage_b,
        "verbatim_ratio": link.verbatim_ratio,
        "passages": [
            {
                **p.as_dict(),
                "a_text": a[3][p.a_start : p.a_end],
                "b_text": b[3][p.b_start : p.b_end],
            }
            for p in link.passages
        ],
    }
