"""Concurrent use: a Datasette server over the store keeps answering while ingest and trace write.

The store is in WAL mode with short write transactions, so readers never wait for the writer:
every request made during the write-heavy run must succeed, with no "database is locked".
"""

from __future__ import annotations

import multiprocessing
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from newstrace.store import connect

from .crash_corpus import write_corpus
from .support import count
from .test_crash_safety import run_stages

MAX_REQUESTS = 200
SERVER_START_S = 60.0
PATHS = (
    "/news.json",
    "/news/articles.json?_size=5&_shape=objects",
    "/news/article_overview.json?_size=10",
    "/news/articles.json?_search=council&_size=3",
    "/news/reuse_links.json?_size=5",
    "/news/family_members.json?_size=5",
    "/news.json?sql=select+count(*)+from+paragraphs",
    "/news/failed_documents.json",
    # newstrace's own pages (the web UI), which read families, the network and events
    "/-/newstrace/",
    "/-/newstrace/network.json",
    "/-/newstrace/events.json",
    "/-/newstrace/search?q=council",
)
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"datasette exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/-/versions.json", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("datasette did not start")


class Requests(threading.Thread):
    """Sends up to MAX_REQUESTS requests in turn until stopped, noting which came during writes."""

    def __init__(self, base: str, writing: threading.Event) -> None:
        super().__init__(daemon=True)
        self.base, self.writing, self.stop = base, writing, threading.Event()
        self.results: list[tuple[str, int, bool, str]] = []

    def run(self) -> None:
        with httpx.Client(timeout=30) as client:
            while not self.stop.is_set() and len(self.results) < MAX_REQUESTS:
                path = PATHS[len(self.results) % len(PATHS)]
                during = self.writing.is_set()
                try:
                    response = client.get(self.base + path)
                    status, text = response.status_code, response.text[:300]
                except httpx.HTTPError as exc:
                    status, text = 0, f"{type(exc).__name__}: {exc}"
                self.results.append((path, status, during and self.writing.is_set(), text))
                time.sleep(0.01)


@pytest.mark.slow
def test_concurrent_reads_during_ingest_and_trace(tmp_path: Path) -> None:
    db_path = tmp_path / "news.db"
    connect(db_path).conn.close()
    inputs = write_corpus(tmp_path / "corpus", stories=150)
    port = _free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "newstrace"), "serve", str(db_path), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(base, server)
        writing = threading.Event()
        requests = Requests(base, writing)
        writer = multiprocessing.get_context("fork").Process(
            target=run_stages, args=(db_path, inputs)
        )
        # Forked before the request thread starts, so the writer inherits no running thread.
        writing.set()
        writer.start()
        requests.start()
        writer.join()
        writing.clear()
        requests.stop.set()
        requests.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert writer.exitcode == 0
    failed = [
        (path, status, text) for path, status, _during, text in requests.results if status != 200
    ]
    assert failed == []
    during = sum(1 for _path, _status, was_writing, _text in requests.results if was_writing)
    assert during > 0
    count("requests served during writes", during)
    count("requests failed during writes", len(failed))
