"""A watch process stopped by a signal, or killed, in the middle of a cycle: nothing is lost."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from .site import FEED, Runner, Site, Static, page_html, rss, sources_toml, story

pytestmark = pytest.mark.slow
ENTRIES = (1, 2, 3, 4)
HELD = "/story/2"  # the page the site holds back until the test has signalled the watch
WAIT_S = 60.0


class Held:
    """A route that tells when it is asked, then answers only once released."""

    def __init__(self) -> None:
        self.asked = threading.Event()
        self.released = threading.Event()

    def __call__(self, handler: BaseHTTPRequestHandler) -> None:
        self.asked.set()
        self.released.wait(WAIT_S)
        Static(page_html("Story 2", story(2)))(handler)


@pytest.fixture
def held(site: Site, runner: Runner) -> Iterator[Held]:
    """A feed of entries without content whose second page is held back."""
    route = Held()
    for number in ENTRIES:
        site.routes[f"/story/{number}"] = Static(page_html(f"Story {number}", story(number)))
    site.routes[HELD] = route
    entries = [(n, site.url(f"/story/{n}")) for n in ENTRIES]
    site.routes["/feed.xml"] = Static(rss(entries, content=False), FEED, etag='"one"')
    runner.config(sources_toml([site.url("/feed.xml")], every="1h"))
    yield route
    route.released.set()


def _start(runner: Runner) -> subprocess.Popen[str]:
    code = "from newstrace.cli import main; main()"
    args = ["watch", str(runner.db), "--config", str(runner.folder / "watch.toml")]
    return subprocess.Popen(
        [sys.executable, "-c", code, *args, "--allow-private"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _stored_titles(runner: Runner) -> list[str]:
    return sorted(row[0] for row in runner.rows("SELECT title FROM articles"))


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
def test_watch_stops_cleanly_on_a_signal(
    site: Site, runner: Runner, held: Held, signal_number: int
) -> None:
    process = _start(runner)
    try:
        assert held.asked.wait(WAIT_S), "the watch never reached the held page"
        process.send_signal(signal_number)
        held.released.set()
        _out, err = process.communicate(timeout=WAIT_S)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "stopping after the current item" in err
    assert runner.rows("SELECT count(*) FROM watch_cycles WHERE finished_at IS NULL") == [(0,)]
    # The interrupted feed was not marked as read: the next cycle takes every entry.
    assert runner.once().exit_code == 0
    assert _stored_titles(runner) == [f"Story {n}" for n in ENTRIES]


def test_watch_killed_mid_cycle_loses_no_item(site: Site, runner: Runner, held: Held) -> None:
    process = _start(runner)
    try:
        assert held.asked.wait(WAIT_S), "the watch never reached the held page"
        process.kill()
        process.wait(WAIT_S)
    finally:
        held.released.set()
    assert process.returncode == -signal.SIGKILL
    result = runner.once()
    assert result.exit_code == 0, result.output
    assert _stored_titles(runner) == [f"Story {n}" for n in ENTRIES]  # each once
    assert runner.source(site.url("/feed.xml"))["status"] == "ok"
    runner.config(sources_toml([site.url("/feed.xml")], every="1ms"))
    runner.once()  # answered 304: nothing new, nothing twice
    assert _stored_titles(runner) == [f"Story {n}" for n in ENTRIES]
    assert runner.source(site.url("/feed.xml"))["status"] == "not modified"


def test_watch_killed_while_alerting_sends_no_alert_twice(site: Site, runner: Runner) -> None:
    """The whole watch: a Tribune story copied by the Courier raises an outlet alert; the watch
    is killed while the webhook receives it, and the next cycles neither resend nor lose it."""
    site.routes["/feed.xml"] = Static(rss([(1, site.url("/tribune/1"))]), FEED)
    copy = page_html("Copied", story(1), "Valley Courier", "2025-03-09T12:00:00+00:00")
    site.routes["/courier/1"] = Static(copy)
    out = runner.folder / "alerts.jsonl"
    alert = f'[[alert]]\noutlet = "Riverside Tribune"\nto = ["{out}", "{site.url("/hook")}"]\n'
    sources = [site.url("/feed.xml"), site.url("/courier/1")]
    runner.config(sources_toml(sources, every="1h", extra=alert))
    process = _start(runner)
    site.on_post = process.kill  # the receiver has the alert; the watch dies before the answer
    try:
        assert process.wait(WAIT_S * 3) == -signal.SIGKILL, "the watch never sent the alert"
    finally:
        process.kill()
    site.on_post = None
    for _ in range(2):
        assert runner.once().exit_code == 0
    keys = [json.loads(line)["key"] for line in out.read_text().splitlines()]
    assert len(keys) == len(set(keys)) >= 1
    assert len(site.posts) == 1
    assert sorted(row[0] for row in runner.rows("SELECT title FROM articles")) == [
        "Copied",
        "Story 1",
    ]
