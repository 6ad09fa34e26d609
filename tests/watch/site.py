"""Helpers of the watch tests: a local HTTP site whose feeds and pages change between cycles,
invented feeds and pages, and a runner of `newstrace watch --once` over a test's config."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from newstrace.cli import main

SERVER_POLL_S = 0.02
SLOW_S = 2.0
Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Static:
    """A response that honours If-None-Match and If-Modified-Since with 304 Not Modified."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def __call__(self, handler: BaseHTTPRequestHandler) -> None:
        if self.status == 200 and self._not_modified(handler):
            handler.send_response(304)
            handler.end_headers()
            return
        handler.send_response(self.status)
        handler.send_header("Content-Type", self.content_type)
        handler.send_header("Content-Length", str(len(self.body)))
        for name, value in self._validators().items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(self.body)

    def _validators(self) -> dict[str, str]:
        found = dict(self.headers)
        if self.etag:
            found["ETag"] = self.etag
        if self.last_modified:
            found["Last-Modified"] = self.last_modified
        return found

    def _not_modified(self, handler: BaseHTTPRequestHandler) -> bool:
        if self.etag and handler.headers.get("If-None-Match") == self.etag:
            return True
        since = handler.headers.get("If-Modified-Since")
        return bool(self.last_modified and since == self.last_modified)


@dataclass
class Site:
    """A local site: routes (path -> response) a test changes between cycles, requests seen."""

    base: str
    routes: dict[str, Handler]
    requests: list[tuple[str, dict[str, str]]]
    posts: list[bytes] = field(default_factory=list)  # bodies POSTed (a webhook receiver)
    on_post: Callable[[], None] | None = None  # called before a POST is answered

    def paths(self) -> list[str]:
        """The paths requested, in order."""
        return [path for path, _ in self.requests]

    def url(self, path: str) -> str:
        """The absolute URL of a path on this site."""
        return self.base + path


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class RouteHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, dict(self.headers.items())))
            route = site.routes.get(self.path) or Static(b"not here", "text/plain", 404)
            with contextlib.suppress(OSError):  # the client gave up (a timeout test)
                route(self)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            site.posts.append(self.rfile.read(length))
            if site.on_post is not None:
                site.on_post()
            with contextlib.suppress(OSError):
                Static(b"", "text/plain", 204)(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return RouteHandler


def serve(host: str = "127.0.0.1") -> Iterator[Site]:
    """A threaded HTTP server on host with an empty route table, for one test."""
    site = Site("", {}, [])
    httpd = ThreadingHTTPServer((host, 0), _handler(site))
    httpd.daemon_threads = True
    httpd.block_on_close = False
    site.base = f"http://{host}:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(SERVER_POLL_S,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        httpd.shutdown()
        httpd.server_close()


# --- Invented feeds and pages ---------------------------------------------------------------------

STORY_WORDS = (
    "council",
    "harbour",
    "ferry",
    "orchard",
    "library",
    "bridge",
    "market",
    "school",
    "river",
    "festival",
)


def story(number: int, sentences: int = 4) -> list[str]:
    """Invented paragraphs for story `number`: distinct from every other story's."""
    word = STORY_WORDS[number % len(STORY_WORDS)]
    return [
        f"Story {number} paragraph {i}: the {word} committee of district {number * 7 + i} met on "
        f"day {i + 1} and agreed {number + i} measures, said spokesperson number {number * 3 + i}."
        for i in range(sentences)
    ]


def page_html(
    title: str,
    paragraphs: list[str],
    site_name: str = "Riverside Tribune",
    published: str | None = None,
) -> bytes:
    """A small article page (published: an ISO 8601 time in article:published_time)."""
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    head = f'<title>{title}</title><meta property="og:site_name" content="{site_name}">'
    if published:
        head += f'<meta property="article:published_time" content="{published}">'
    html = f"<!DOCTYPE html><html><head>{head}</head><body><article><h1>{title}</h1>{body}"
    return (html + "</article></body></html>").encode()


def rss(
    entries: list[tuple[int, str]], title: str = "Riverside Tribune", content: bool = True
) -> bytes:
    """An RSS feed of (story number, link) entries, with each story's text or without it."""
    items = []
    for number, link in entries:
        text = "".join(f"<p>{p}</p>" for p in story(number))
        body = f"<content:encoded><![CDATA[{text}]]></content:encoded>" if content else ""
        items.append(
            f"<item><title>Story {number}</title><link>{link}</link><guid>story-{number}</guid>"
            f"<pubDate>{formatdate(1741000000 + number * 3600, usegmt=True)}</pubDate>{body}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>http://example.org/</link>"
        f"{''.join(items)}</channel></rss>"
    ).encode()


def sitemap(urls: list[str], index: bool = False) -> bytes:
    """A sitemap of page URLs, or a sitemap index of sitemap URLs."""
    if index:
        inner = "".join(f"<sitemap><loc>{url}</loc></sitemap>" for url in urls)
        root = "sitemapindex"
    else:
        inner = "".join(f"<url><loc>{url}</loc></url>" for url in urls)
        root = "urlset"
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    return f'<?xml version="1.0" encoding="utf-8"?><{root} {ns}>{inner}</{root}>'.encode()


FEED = "application/rss+xml"
XML = "application/xml"


# --- Running the watch ----------------------------------------------------------------------------


@dataclass
class Runner:
    """Runs `newstrace watch DB --config FILE --once` in this process and reads the store."""

    folder: Path
    db: Path

    def config(self, text: str) -> Path:
        """Write the watch file for the next runs."""
        path = self.folder / "watch.toml"
        path.write_text(text, encoding="utf-8")
        return path

    def once(self, *flags: str, allow_private: bool = True) -> Result:
        """One cycle through the CLI; private addresses allowed unless told otherwise."""
        args = ["watch", str(self.db), "--config", str(self.folder / "watch.toml"), "--once"]
        args += ["--allow-private"] if allow_private else []
        return CliRunner().invoke(main, [*args, *flags], catch_exceptions=False)

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        """Rows of a query on the store."""
        conn = sqlite3.connect(self.db)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def source(self, url: str) -> dict[str, Any]:
        """The stored state of one source."""
        conn = sqlite3.connect(self.db)
        conn.row_factory = sqlite3.Row
        try:
            row = conn.execute("SELECT * FROM watch_sources WHERE url = ?", (url,)).fetchone()
            return dict(row) if row else {}
        finally:
            conn.close()


def sources_toml(urls: list[str], every: str = "1ms", extra: str = "") -> str:
    """A watch file polling these URLs (every 1 ms: due again at the next --once)."""
    blocks = [f'[[source]]\nurl = "{url}"\nevery = "{every}"\n' for url in urls]
    return "\n".join(blocks) + ("\n" + extra if extra else "")


def wait_for(check: Callable[[], bool], timeout_s: float = 60.0) -> bool:
    """Poll check until it holds or the time is up; whether it held."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()
