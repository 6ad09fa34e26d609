"""Polling one source: a conditional request, its kind found from the answer, its new items.

A feed gives its entries (an entry without content has its page fetched, once); a sitemap or
a sitemap index gives the pages it lists that the watch has not stored yet; a page gives
itself, each time its bytes change. Every request goes through the ingest fetcher (size
limits, timeouts, robots.txt, no private addresses unless allowed, every redirect checked)
and waits for its turn at the host (HostLimiter).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from newstrace.ingest.base import PAGE_KINDS, Context, Item, page_item
from newstrace.ingest.feeds import iter_feed
from newstrace.ingest.web import Fetched, Fetcher, FetchError, kind_for
from newstrace.models import Document, Failure
from newstrace.models.watch import SourceState
from newstrace.settings import Settings
from newstrace.watch.config import SourceConfig
from newstrace.watch.sitemaps import SitemapError, is_sitemap, parse_sitemap, xml_problem

MAX_BACKOFF_S = 86_400.0  # a failing source is tried at least once a day
MAX_NEW_PAGES = 200  # pages fetched from one sitemap per poll; the rest wait for the next
MAX_CHILD_SITEMAPS = 50  # sitemaps of an index read per poll
_ALREADY_TAKEN = "already stored by this watch"
_FEED_ERRORS = ("not a readable RSS/Atom feed", "feed declares XML entities")

Seen = Callable[[Sequence[str]], set[str]]


class Stopped(BaseException):
    """The watch was asked to stop while a source was being polled.

    A BaseException so that the feed reader, which turns each entry's errors into a Failure,
    lets it through: a source interrupted is dropped whole and polled again next time."""


class HostLimiter:
    """At least min_interval_s between the starts of two requests to one host, across threads."""

    def __init__(self, min_interval_s: float, stop: threading.Event) -> None:
        self._interval = min_interval_s
        self._stop = stop
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, url: str) -> None:
        """Sleep until this URL's host may be asked again; Stopped if the watch stops meanwhile."""
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + self._interval
        if self._stop.wait(max(0.0, slot - now)) or self._stop.is_set():
            raise Stopped


@dataclass
class Polled:
    """One source polled: its state to save and the items to ingest (and links to remember)."""

    source: SourceConfig
    state: SourceState
    items: list[Item] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


def iso(moment: datetime) -> str:
    """A UTC time as ISO 8601 to the second."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def conditional_headers(previous: SourceState | None) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from the last good answer of a source."""
    if previous is None or previous.status not in ("ok", "not modified"):
        return {}
    headers = {}
    if previous.etag:
        headers["If-None-Match"] = previous.etag
    if previous.last_modified:
        headers["If-Modified-Since"] = previous.last_modified
    return headers


def succeeded(
    source: SourceConfig, previous: SourceState | None, now: datetime, fetched: Fetched | None
) -> SourceState:
    """The state after a good answer (fetched None: 304 Not Modified)."""
    base = previous or SourceState(source.url)
    validators = (base.etag, base.last_modified)
    if fetched is not None:
        validators = (fetched.etag, fetched.last_modified)
    return replace(
        base,
        etag=validators[0],
        last_modified=validators[1],
        last_fetch=iso(now),
        status="ok" if fetched is not None else "not modified",
        new_items=0,
        error=None,
        failures=0,
        next_due=iso(now + timedelta(seconds=source.every_s)),
    )


def failed(
    source: SourceConfig, previous: SourceState | None, now: datetime, error: str
) -> SourceState:
    """The state after a failed poll: the next try backs off, doubling with each failure."""
    base = previous or SourceState(source.url)
    failures = base.failures + 1
    delay = min(source.every_s * 2**failures, max(MAX_BACKOFF_S, source.every_s))
    return replace(
        base,
        last_fetch=iso(now),
        status="error",
        new_items=0,
        error=error,
        failures=failures,
        next_due=iso(now + timedelta(seconds=delay)),
    )


def source_kind(fetched: Fetched) -> str | None:
    """ "sitemap", "feed" or a page kind, from the answer's content (its type only confirms)."""
    if is_sitemap(fetched.content):
        return "sitemap"
    kind = kind_for(fetched.content_type, fetched.content)
    return "page" if kind in PAGE_KINDS else kind


class Poller:
    """Polls sources with one fetcher, one host limiter and the watch's memory of links taken."""

    def __init__(
        self, fetcher: Fetcher, settings: Settings, limiter: HostLimiter, seen: Seen
    ) -> None:
        self._fetcher = fetcher
        self._settings = settings
        self._limiter = limiter
        self._seen = seen

    def poll(self, source: SourceConfig, previous: SourceState | None) -> Polled:
        """Fetch a source and read its new items; errors are recorded, never raised."""
        now = datetime.now(UTC)
        try:
            fetched = self._get(source.url, conditional_headers(previous))
        except FetchError as exc:
            if exc.status == 304:
                return Polled(source, succeeded(source, previous, now, None))
            return Polled(source, failed(source, previous, now, str(exc)))
        kind = source_kind(fetched)
        state = replace(succeeded(source, previous, now, fetched), kind=kind)
        try:
            items, links, complete = self._read(source.url, kind, fetched)
        except (SitemapError, FetchError) as exc:
            return Polled(source, replace(failed(source, previous, now, str(exc)), kind=kind))
        if not complete:
            # Pages left for later: the next poll must not be answered 304 Not Modified.
            state = replace(state, etag=None, last_modified=None)
        return Polled(source, state, items, links)

    def _get(self, url: str, headers: dict[str, str] | None = None) -> Fetched:
        self._limiter.wait(url)
        return self._fetcher.fetch(url, headers)

    def _read(
        self, url: str, kind: str | None, fetched: Fetched
    ) -> tuple[list[Item], list[str], bool]:
        """Items, links to remember once stored, and whether every linked page was taken."""
        if kind == "sitemap":
            return self._sitemap(url, fetched.content)
        if kind == "feed":
            return self._feed(url, fetched)
        if kind == "page":
            page_kind = kind_for(fetched.content_type, fetched.content) or "html"
            item = page_item(
                url, page_kind, fetched.content, self._settings, fetched.url, fetched.charset
            )
            return [item], [], True
        label = fetched.content_type or "(none)"
        raise FetchError(f"neither a feed, a sitemap nor a page: content type {label}")

    def _feed(self, url: str, fetched: Fetched) -> tuple[list[Item], list[str], bool]:
        context = Context(self._settings, fetch_page=self._entry_page)
        items = [
            item
            for item in iter_feed(url, fetched.content, context)
            if not (isinstance(item, Failure) and item.reason.endswith(_ALREADY_TAKEN))
        ]
        if len(items) == 1 and isinstance(items[0], Failure) and items[0].source_id is None:
            if items[0].reason.startswith(_FEED_ERRORS):
                raise FetchError(items[0].reason)
            return [], [], True  # a feed with no entries
        if not any(isinstance(item, Document) for item in items):
            problem = xml_problem(fetched.content)
            if problem:  # what feedparser made of broken XML is no news
                raise FetchError(f"malformed feed XML: {problem}")
        links = [item.url for item in items if isinstance(item, Document) and item.url]
        return items, links, not any(isinstance(item, Failure) for item in items)

    def _entry_page(self, link: str) -> Item:
        """A feed entry's page, fetched only the first time the entry is seen."""
        if self._seen([link]):
            return Failure(link, _ALREADY_TAKEN)
        self._limiter.wait(link)
        return self._fetcher.fetch_page(link)

    def _sitemap(self, url: str, content: bytes) -> tuple[list[Item], list[str], bool]:
        sitemap = parse_sitemap(content)
        pages = list(sitemap.pages)
        for child in sitemap.sitemaps[:MAX_CHILD_SITEMAPS]:
            pages.extend(parse_sitemap(self._get(child).content).pages)
        taken = self._seen(pages)
        new = [page for page in dict.fromkeys(pages) if page not in taken]
        items: list[Item] = []
        for page in new[:MAX_NEW_PAGES]:
            self._limiter.wait(page)
            items.append(self._fetcher.fetch_page(page))
        links = [item.source for item in items if isinstance(item, Document)]
        complete = len(new) <= MAX_NEW_PAGES and len(links) == len(items)
        return items, links, complete
