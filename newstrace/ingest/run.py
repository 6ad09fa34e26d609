"""The ingest run: items stream from the sources, are extracted (in parallel), and stored in batches.

Extraction processes also compress each document and hash its paragraphs, so the writing
process only reads items and writes rows: while the workers extract one batch, it stores the
batch before (one transaction, executemany per table). Site boilerplate is learned at the end
from the articles this run added (ingest/site_boilerplate.py), not from the whole store.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import wait
from multiprocessing.pool import AsyncResult, Pool
from pathlib import PurePath

import sqlite_utils

from newstrace.extract.dispatch import extract
from newstrace.extract.language import load_model
from newstrace.extract.limits import time_limit
from newstrace.ingest import iter_items
from newstrace.ingest.site_boilerplate import learn_new_site_boilerplate
from newstrace.models import Article, Document, Failure, Format
from newstrace.settings import Settings
from newstrace.store import transaction
from newstrace.store.queries import known_hashes
from newstrace.store.writer import (
    Prepared,
    finish_ingest_run,
    prepare,
    start_ingest_run,
    write_failures,
    write_prepared,
)

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


# What a worker sends back: the compressed bytes and codec, the article, its paragraph hashes, the error.
# The document itself stays with the writing process (its text need not travel twice).
WorkerResult = tuple[bytes | None, str | None, Article | None, tuple[int, ...] | None, str | None]


def prepare_one(document: Document, settings: Settings) -> WorkerResult:
    """Extract, compress and hash one document: everything storing it needs but the SQL."""
    result = extract_one(document, settings)
    prepared = prepare(document, result.article, result.error)
    return prepared.content, prepared.codec, prepared.article, prepared.hashes, prepared.error


_WORKER_SETTINGS: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _own_stdio()
    threading.Thread(target=_exit_with_parent, daemon=True).start()


def _own_stdio() -> None:
    """Fresh stdout and stderr objects over the same descriptors: a forked worker inherits the
    parent's, possibly locked by a thread the worker does not have (a progress bar drawing)."""
    sys.stdout = open(1, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115


def _exit_with_parent() -> None:
    """End this worker when the ingest process dies (killed, it cannot close its pool)."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        wait([parent.sentinel])
        os._exit(1)


def _prepare_in_worker(document: Document) -> WorkerResult:
    assert _WORKER_SETTINGS is not None
    return prepare_one(document, _WORKER_SETTINGS)


def _batches(items: Iterable[Document | Failure], size: int) -> Iterator[list[Document | Failure]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _store_batch(
    db: sqlite_utils.Database, results: list[Prepared], failures: list[Failure]
) -> int:
    """Write one batch in one transaction; return the number of articles stored."""
    with transaction(db) as conn:
        write_failures(conn, failures)
        return write_prepared(conn, results)


# Starting worker processes costs about a second each (they import trafilatura), so a batch
# smaller than this is extracted in the main process.
MIN_DOCUMENTS_FOR_POOL = 32


def worker_count(settings: Settings) -> int:
    """How many extraction processes to use: settings.jobs, or one per CPU core when it is 0."""
    return settings.jobs if settings.jobs > 0 else (os.cpu_count() or 1)


# Documents a worker takes at a time: large enough that a task's overhead is small, small enough
# that the workers finish a batch together.
WORKER_CHUNK = 8


class _Done:
    """Results already at hand (extracted in this process)."""

    def __init__(self, results: list[WorkerResult]) -> None:
        self.results = results

    def get(self) -> list[WorkerResult]:
        return self.results


def _start_pool(workers: int, settings: Settings) -> Pool:
    """Worker processes forked where that is safe (Linux), each else started afresh: a forked
    worker has the modules and the language model of this process at once (a fresh one spends
    about two seconds of CPU importing and loading them)."""
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    if context.get_start_method() == "fork":
        load_model()  # loaded once here, shared by the forked workers
    return context.Pool(workers, _init_worker, (settings,))


class _Extractor:
    """Runs extraction in this process or, for large batches, in a pool of worker processes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.workers = worker_count(settings)
        self.pool: Pool | None = None

    def submit(self, documents: list[Document]) -> _Done | AsyncResult[list[WorkerResult]]:
        """Start extracting a batch; the workers go on while the caller stores the last one."""
        if self.workers < 2 or len(documents) < MIN_DOCUMENTS_FOR_POOL:
            return _Done([prepare_one(document, self.settings) for document in documents])
        if self.pool is None:
            self.pool = _start_pool(self.workers, self.settings)
        return self.pool.map_async(_prepare_in_worker, documents, chunksize=WORKER_CHUNK)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()


def _new_documents(
    db: sqlite_utils.Database, documents: list[Document], in_flight: set[str]
) -> list[Document]:
    """Documents not stored yet, nor in the batch being extracted, each content once."""
    known = known_hashes(db.conn, [document.content_hash for document in documents])
    unique: dict[str, Document] = {}
    for document in documents:
        if document.content_hash not in known and document.content_hash not in in_flight:
            unique.setdefault(document.content_hash, document)
    return list(unique.values())


@dataclass(slots=True)
class _InFlight:
    """A batch whose new documents the workers are extracting."""

    batch: list[Document | Failure]
    documents: list[Document]
    handle: _Done | AsyncResult[list[WorkerResult]]


def ingest(
    db: sqlite_utils.Database,
    inputs: Sequence[str],
    settings: Settings,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Ingest every input into the store; bad items are recorded as failures, never fatal."""
    options = options or IngestOptions()
    items = iter_items(
        inputs,
        settings,
        options.mapping,
        options.fmt,
        options.outlet,
    )
    return ingest_items(db, inputs, items, settings, options, progress)


def ingest_items(
    db: sqlite_utils.Database,
    inputs: Sequence[str],
    items: Iterable[Document | Failure],
    settings: Settings,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Ingest items already read (a watch's fetched feeds and pages) from the named inputs."""
    options = options or IngestOptions()
    summary = IngestSummary()
    run_id = _start_run(db, inputs)
    extractor = _Extractor(settings)
    in_flight: _InFlight | None = None
    try:
        for batch in _batches(items, settings.batch_size):
            started = _start_batch(db, batch, extractor, summary, in_flight)
            if in_flight is not None:
                _finish_batch(db, in_flight, summary, progress, options.outlet)
            in_flight = started
        if in_flight is not None:
            _finish_batch(db, in_flight, summary, progress, options.outlet)
    finally:
        extractor.close()
    summary.site_boilerplate_paragraphs = learn_new_site_boilerplate(db, settings)
    _finish_run(db, run_id, summary)
    return summary


def _start_batch(
    db: sqlite_utils.Database,
    batch: list[Document | Failure],
    extractor: _Extractor,
    summary: IngestSummary,
    in_flight: _InFlight | None,
) -> _InFlight:
    """Count a batch's items and hand its new documents to the extractor."""
    for item in batch:
        summary.items_by_kind[item_kind(item)] += 1
    documents = [item for item in batch if isinstance(item, Document)]
    busy = set() if in_flight is None else {d.content_hash for d in in_flight.documents}
    new = _new_documents(db, documents, busy)
    summary.already_stored += len(documents) - len(new)
    return _InFlight(batch, new, extractor.submit(new))


def _with_outlet(article: Article | None, outlet: str | None) -> Article | None:
    if outlet is None or article is None or article.outlet:
        return article
    return article.with_changes(outlet=outlet)


def _finish_batch(
    db: sqlite_utils.Database,
    done: _InFlight,
    summary: IngestSummary,
    progress: Progress | None,
    outlet: str | None,
) -> None:
    """Store a batch once its documents are extracted."""
    results = [
        Prepared(document, content, codec, _with_outlet(article, outlet), hashes, error)
        for document, (content, codec, article, hashes, error) in zip(
            done.documents, done.handle.get(), strict=True
        )
    ]
    failures = [item for item in done.batch if isinstance(item, Failure)]
    summary.failures += failures
    summary.failures += [
        Failure(r.document.source, r.error, r.document.source_id, str(r.document.format))
        for r in results
        if r.error
    ]
    summary.articles_stored += _store_batch(db, results, failures)
    if progress is not None:
        progress(len(done.batch), done.batch[-1].source)


def _start_run(db: sqlite_utils.Database, inputs: Sequence[str]) -> int:
    with transaction(db) as conn:
        return start_ingest_run(conn, inputs)


def _finish_run(db: sqlite_utils.Database, run_id: int, summary: IngestSummary) -> None:
    with transaction(db) as conn:
        finish_ingest_run(
            conn, run_id, summary.items, summary.articles_stored, len(summary.failures)
        )
