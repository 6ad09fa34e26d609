"""One watch cycle: poll the sources that are due, ingest what is new, record page versions,
trace, read events and check the alert rules.

Each step is incremental and keeps its progress in the store, so a cycle killed at any point
is finished by the next one: a source's validators and its links are saved only after its items
are stored (a crash refetches it, and content hashes drop what was stored already); versions,
provenance and alerts move their own marks in the transaction that writes their results.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import sqlite_utils

from newstrace.ingest.run import ingest_items
from newstrace.ingest.web import Fetcher
from newstrace.models import Document
from newstrace.models.watch import SourceState
from newstrace.settings import Settings
from newstrace.store import watch as store
from newstrace.store.connection import transaction
from newstrace.watch.config import SourceConfig, WatchConfig
from newstrace.watch.memory import release_free_memory
from newstrace.watch.poll import HostLimiter, Polled, Poller, Stopped, iso
from newstrace.watch.stages import Alerts, run_alerts_step, run_analysis
from newstrace.watch.versions import record_versions, start_checking


@dataclass
class CycleReport:
    """What one cycle did, and every configured source's state after it."""

    cycle: int
    sources: list[SourceState]
    polled: int = 0
    new_items: int = 0
    versions: int = 0
    errors: list[str] = field(default_factory=list)
    alerts: Alerts = field(default_factory=Alerts)
    stopped: bool = False
    seconds: float = 0.0

    def counts(self) -> dict[str, int]:
        """The counts watch_cycles keeps."""
        return {
            "sources": self.polled,
            "new_items": self.new_items,
            "versions": self.versions,
            "errors": len(self.errors),
            "alerts_raised": self.alerts.raised,
            "alerts_sent": self.alerts.sent,
            "alerts_failed": self.alerts.failed,
        }


def is_due(source: SourceConfig, state: SourceState | None, now: datetime) -> bool:
    """Whether a source should be polled now: never polled, its next_due passed, or (unless it
    is backing off) a shorter `every` written in the file since its last fetch has passed."""
    if state is None or state.next_due is None:
        return True
    every = timedelta(seconds=source.every_s)
    if state.status != "error" and state.last_fetch:
        return min(datetime.fromisoformat(state.last_fetch) + every, _time(state.next_due)) <= now
    return _time(state.next_due) <= now


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value)


def next_due_in(sources: Sequence[SourceState], now: datetime) -> float:
    """Seconds until the first source is due again (0 when one is due now)."""
    waits = [
        (datetime.fromisoformat(s.next_due) - now).total_seconds() if s.next_due else 0.0
        for s in sources
    ]
    return max(0.0, min(waits, default=0.0))


class Watch:
    """A watch over one store: its configuration, settings and stop flag, cycle after cycle."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        config: WatchConfig,
        settings: Settings,
        stop: threading.Event | None = None,
    ) -> None:
        self.db = db
        self.config = config
        self.settings = settings
        self.stop = stop or threading.Event()
        self._lock = threading.Lock()
        # Kept for the watch's life: threads made afresh each cycle grow memory (malloc arenas).
        self._pool = ThreadPoolExecutor(config.fetchers, thread_name_prefix="watch-fetch")

    def close(self) -> None:
        """End the fetch threads (after the cycle in progress)."""
        self._pool.shutdown(wait=True)

    def run_cycle(self) -> CycleReport:
        """Run one cycle; a stop request abandons the sources not stored yet."""
        started = time.perf_counter()
        start_checking(self.db)
        with transaction(self.db) as conn:
            cycle = store.start_cycle(conn, iso(datetime.now(UTC)))
        polled = self._poll_due()
        report = CycleReport(cycle, [], polled=len(polled), stopped=self.stop.is_set())
        report.new_items, report.versions = self._ingest(polled)
        report.errors = [f"{p.source.url}: {p.state.error}" for p in polled if p.state.error]
        if not self.stop.is_set():
            run_analysis(self.db, self.settings)
            report.alerts = run_alerts_step(self.db.conn, self.config, self.settings, cycle)
        report.stopped = self.stop.is_set()
        report.seconds = time.perf_counter() - started
        report.sources = self.states()
        with transaction(self.db) as conn:
            store.finish_cycle(conn, cycle, iso(datetime.now(UTC)), report.counts())
        release_free_memory()  # else the resident size creeps up cycle after cycle
        return report

    def states(self) -> list[SourceState]:
        """Every configured source's stored state, in the file's order."""
        urls = [source.url for source in self.config.sources]
        found = store.load_sources(self.db.conn, urls)
        return [found.get(url, SourceState(url)) for url in urls]

    def _poll_due(self) -> list[Polled]:
        """Poll the due sources, hosts in parallel, each host's sources one after another."""
        states = store.load_sources(self.db.conn, [s.url for s in self.config.sources])
        now = datetime.now(UTC)
        by_host: dict[str, list[SourceConfig]] = defaultdict(list)
        for source in self.config.sources:
            if is_due(source, states.get(source.url), now):
                by_host[(urlsplit(source.url).hostname or "").lower()].append(source)
        limiter = HostLimiter(self.config.host_interval_s, self.stop)
        with Fetcher(self.settings) as fetcher:
            poller = Poller(fetcher, self.settings, limiter, self._seen)
            groups = self._pool.map(
                lambda group: self._poll_group(poller, group, states), by_host.values()
            )
            return [polled for group in groups for polled in group]

    def _poll_group(
        self, poller: Poller, sources: list[SourceConfig], states: dict[str, SourceState]
    ) -> list[Polled]:
        done: list[Polled] = []
        for source in sources:
            if self.stop.is_set():
                break
            try:
                done.append(poller.poll(source, states.get(source.url)))
            except Stopped:
                break  # this source is dropped whole: it stays due
        return done

    def _seen(self, links: Sequence[str]) -> set[str]:
        with self._lock:
            return store.seen_links(self.db.conn, links)

    def _ingest(self, polled: list[Polled]) -> tuple[int, int]:
        """Store the polled items and the versions they make, then each source's new state and
        links; return the new items and the versions."""
        before = store.last_article_id(self.db.conn)
        items = [item for p in polled for item in p.items]
        if items:
            inputs = [p.source.url for p in polled if p.items]
            ingest_items(self.db, inputs, items, self.settings)
        versions = record_versions(self.db)
        stored = store.new_article_hashes(self.db.conn, before)
        states = [replace(p.state, new_items=_stored_count(p, stored)) for p in polled]
        now = iso(datetime.now(UTC))
        with transaction(self.db) as conn:
            store.save_sources(conn, states)
            store.mark_seen(conn, [(link, p.source.url) for p in polled for link in p.links], now)
        return sum(state.new_items for state in states), versions


def _stored_count(polled: Polled, stored: set[str]) -> int:
    hashes = {item.content_hash for item in polled.items if isinstance(item, Document)}
    return len(hashes & stored)
