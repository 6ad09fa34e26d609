"""Watch fixtures: a local site (127.0.0.1, and 127.0.0.2 for the refusal test), a runner of
`newstrace watch --once`, and cycles without trace and events for tests about polling alone."""

from __future__ import annotations

import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from .site import SLOW_S, Handler, Runner, Site, Static, page_html, serve, story


@pytest.fixture
def site() -> Iterator[Site]:
    """A local site on 127.0.0.1."""
    yield from serve()


@pytest.fixture
def slow_route() -> Handler:
    """A route that answers only after SLOW_S seconds, to trip a short fetch timeout."""

    def respond(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(SLOW_S)
        Static(page_html("Late", story(9)))(handler)

    return respond


@pytest.fixture
def public_site() -> Iterator[Site]:
    """A second site on 127.0.0.2, which the refusal test makes pass for a public address."""
    yield from serve("127.0.0.2")


@pytest.fixture
def runner(tmp_path: Path) -> Runner:
    """A watch over a fresh store in tmp_path."""
    return Runner(tmp_path, tmp_path / "watch.db")


@pytest.fixture
def fetch_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cycles without trace and events, for tests about polling alone (they take seconds each)."""
    from newstrace.watch import cycle

    monkeypatch.setattr(cycle, "run_analysis", lambda db, settings: None)
