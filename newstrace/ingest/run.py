"""The ingest run: items stream from the sources, are extracted (in parallel), and stored in batches."""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.pool import Pool
from pathlib import PurePath

import sqlite_utils

from newstrace.extract.boilerplate import learn_site_boilerplate
from newstrace.extract.dispatch import extract
from newstrace.extract.limits import time_limit
from newstrace.ingest import iter_items
from newstrace.models import Article, Document, Failure, Format
from newstrace.settings import Settings
from newstrace.store import (
    transaction,
    write_article,
    write_document,
    write_failure,
)
from newstrace.store.queries import known_hashes
from newstrace.store.writer import finish_ingest_run, start_ingest_run

Progress = Callable[[int, str], None]  # (items just done, the last source)


@dataclass
class IngestSummary:
    """What an ingest run did: items per kind, articles stored, skipped, and every failure."""

    items_by_kind: Counter[str] = field(default_factory=Counter)
    articles_stored: int = 0
    already_stored: int = 0
    site_boilerplate_paragraphs: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def items(self) -> int:
        """How many items were seen."""
        return sum(self.items_by_kind.values())


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How to read one run's inputs: a table field mapping, a forced format, a default outlet."""

    mapping: Mapping[str, str] | None = None
    fmt: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class Extracted:
    """The outcome of extracting one document."""

    document: Document
    article: Article | None
    error: str | None


def item_kind(item: Document | Failure) -> str:
    """The kind of input an item came from, as the summary counts it (warc, csv, feed, html...)."""
    name = PurePath(item.source.split("?")[0]).name.lower()
    for suffix in (".warc.gz", ".warc", ".jsonl", ".ndjson", ".json", ".csv", ".tsv"):
        if name.endswith(suffix):
            return suffix.split(".")[1]
    if item.format == Format.FEED_ENTRY:
        return "feed"
    return str(item.format or "unknown")


def with_default_outlet(result: Extracted, outlet: str | None) -> Extracted:
    """The result with the run's --outlet filled in where the item named no outlet."""
    if outlet is None or result.article is None or result.article.outlet:
        return result
    return Extracted(result.document, result.article.with_changes(outlet=outlet), None)


def extract_one(document: Document, settings: Settings) -> Extracted:
    """Extract one document, turning any exception into a per-item error message."""
    try:
        with time_limit(settings.extract_timeout_s):
            return Extracted(document, extract(document, settings), None)
    except Exception as error:
        message = str(error) or type(error).__name__
        return Extracted(document, None, f"extraction failed: {message}")


_WORKER_SETTINGS: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings


def _extract_in_worker(document: Document) -> Extracted:
    assert _WORKER_SETTINGS is not None
    return extract_one(document, _WORKER_SETTINGS)


def _batches(items: Iterable[Document | Failure], size: int) -> Iterator[list[Document | Failure]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _store_batch(
    db: sqlite_utils.Database, results: list[Extracted], failures: list[Failure]
) -> int:
    """Write one batch in one transaction; return the number of articles stored."""
    stored = 0
    with transaction(db) as conn:
        for failure in failures:
            write_failure(conn, failure)
        for result in results:
            document_id = write_document(conn, result.document, result.error)
            if result.article is not None:
                write_article(conn, document_id, result.article)
                stored += 1
    return stored


# Starting worker processes costs about a second each (they import trafilatura), so a batch
# smaller than this is extracted in the main process.
MIN_DOCUMENTS_FOR_POOL = 32


def worker_count(settings: Settings) -> int:
    """How many extraction processes to use: settings.jobs, or one per CPU core when it is 0."""
    return settings.jobs if settings.jobs > 0 else (os.cpu_count() or 1)


class _Extractor:
    """Runs extraction in this process or, for large batches, in a pool of worker processes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.workers = worker_count(settings)
        self.pool: Pool | None = None

    def run(self, documents: list[Document]) -> list[Extracted]:
        if self.workers < 2 or len(documents) < MIN_DOCUMENTS_FOR_POOL:
            return [extract_one(document, self.settings) for document in documents]
        if self.pool is None:
            context = multiprocessing.get_context("spawn")
            self.pool = context.Pool(self.workers, _init_worker, (self.settings,))
        return self.pool.map(_extract_in_worker, documents, chunksize=4)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()


def _new_documents(db: sqlite_utils.Database, documents: list[Document]) -> list[Document]:
    known = known_hashes(db.conn, [document.content_hash for document in documents])
    unique: dict[str, Document] = {}
    for document in documents:
        if document.content_hash not in known:
            unique.setdefault(document.content_hash, document)
    return list(unique.values())


def ingest(
    db: sqlite_utils.Database,
    inputs: Sequence[str],
    settings: Settings,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Ingest every input into the store; bad items are recorded as failures, never fatal."""
    options = options or IngestOptions()
    summary = IngestSummary()
    run_id = _start_run(db, inputs)
    items = iter_items(
        inputs,
        settings,
        options.mapping,
        options.fmt,
        options.outlet,
    )
    extractor = _Extractor(settings)
    try:
        for batch in _batches(items, settings.batch_size):
            _ingest_batch(db, batch, extractor, summary, progress, options.outlet)
    finally:
        extractor.close()
    summary.site_boilerplate_paragraphs = learn_site_boilerplate(db, settings)
    _finish_run(db, run_id, summary)
    return summary


def _ingest_batch(
    db: sqlite_utils.Database,
    batch: list[Document | Failure],
    extractor: _Extractor,
    summary: IngestSummary,
    progress: Progress | None,
    outlet: str | None,
) -> None:
    for item in batch:
        summary.items_by_kind[item_kind(item)] += 1
    failures = [item for item in batch if isinstance(item, Failure)]
    documents = [item for item in batch if isinstance(item, Document)]
    new = _new_documents(db, documents)
    summary.already_stored += len(documents) - len(new)
    results = [with_default_outlet(result, outlet) for result in extractor.run(new)]
    summary.failures += failures
    summary.failures += [
        Failure(r.document.source, r.error, r.document.source_id, str(r.document.format))
        for r in results
        if r.error
    ]
    summary.articles_stored += _store_batch(db, results, failures)
    if progress is not None:
        progress(len(batch), batch[-1].source)


def _start_run(db: sqlite_utils.Database, inputs: Sequence[str]) -> int:
    with transaction(db) as conn:
        return start_ingest_run(conn, inputs)


def _finish_run(db: sqlite_utils.Database, run_id: int, summary: IngestSummary) -> None:
    with transaction(db) as conn:
        finish_ingest_run(
            conn, run_id, summary.items, summary.articles_stored, len(summary.failures)
        )
