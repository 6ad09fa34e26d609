"""Fixtures of the web UI tests: the example corpus and a hostile corpus, served, and a browser.

Each database is built the way `make demo` builds it (ingest, trace, events through the
command line); the server is Datasette with the newstrace plugin on a free local port.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newstrace.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from web_store import build_large_store

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
EXAMPLE_INPUTS = [
    REPO / "examples" / "pages",
    REPO / "examples" / "archives",
    REPO / "examples" / "feeds",
    REPO / "examples" / "exports",
    DATA / "conflict",  # invented conflict reports, so the map has places to show
]
CHROMIUM = Path("/usr/bin/chromium")
# As the machine notes say: no sandbox as root, and no background traffic on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_S = 20.0


def _run(*args: str) -> None:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output


def build_store(path: Path, inputs: list[Path]) -> Path:
    """Ingest, trace and read events into a new newstrace file."""
    _run("ingest", str(path), *map(str, inputs), "--silent")
    _run("trace", str(path), "--silent")
    _run("events", str(path), "--nl")
    return path


# Invented descriptions of two example outlets, so pages can show and filter by attributes.
OUTLET_ATTRIBUTES = {
    "Kestrel Wire": ("type=wire", "country=XA"),
    "Riverside Tribune": ("type=local", "reliability=high"),
}


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example corpus (plus the invented conflict reports), traced, with events,
    two of its outlets described."""
    path = build_store(tmp_path_factory.mktemp("example") / "news.db", EXAMPLE_INPUTS)
    for name, pairs in OUTLET_ATTRIBUTES.items():
        _run("outlets", str(path), "--set", name, *pairs)
    return path


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pages with script-injection payloads in titles, bodies, comments, outlets, URLs, credits."""
    return build_store(tmp_path_factory.mktemp("hostile") / "news.db", [DATA / "hostile"])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(db: Path) -> Iterator[str]:
    import uvicorn
    from datasette.app import Datasette

    datasette = Datasette([str(db)], metadata={"plugins": {"newstrace": {"home": True}}})
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(datasette.app(), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + SERVER_START_S
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "Datasette did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def example_server(example_db: Path) -> Iterator[str]:
    """Base URL of Datasette serving the example corpus."""
    yield from _serve(example_db)


@pytest.fixture(scope="session")
def hostile_server(hostile_db: Path) -> Iterator[str]:
    """Base URL of Datasette serving the hostile corpus."""
    yield from _serve(hostile_db)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless chromium driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records dialogs (alert, confirm) and console errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs = []
    page.errors = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


@pytest.fixture(scope="session")
def large_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The invented 100k-article store."""
    return build_large_store(tmp_path_factory.mktemp("large") / "large.db")


@pytest.fixture(scope="session")
def large_server(large_db: Path) -> Iterator[str]:
    """Base URL of Datasette serving the 100k-article store."""
    yield from _serve(large_db)
