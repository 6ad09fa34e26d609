"""The watch's status page under `newstrace serve`: sources, cycles and page versions."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from newstrace.store import connect

from .site import FEED, Runner, Site, Static, page_html, rss, sources_toml, story

pytestmark = pytest.mark.usefixtures("fetch_only")


def _page(db: Path) -> str:
    from datasette.app import Datasette

    datasette = Datasette([str(db)])
    asyncio.run(datasette.invoke_startup())
    response = asyncio.run(datasette.client.get("/-/newstrace/watch"))
    assert response.status_code == 200
    return str(response.text)


def test_watch_page_shows_sources_errors_and_versions(site: Site, runner: Runner) -> None:
    site.routes["/feed.xml"] = Static(rss([(1, site.url("/s/1"))]), FEED)
    site.routes["/down.xml"] = Static(b"down", "text/plain", 503)
    site.routes["/notice"] = Static(page_html("Notice", story(3)))
    runner.config(sources_toml([site.url(p) for p in ("/feed.xml", "/down.xml", "/notice")]))
    runner.once()
    site.routes["/notice"] = Static(page_html("Notice", story(3)[:-1]))
    runner.once()
    html = _page(runner.db)
    assert site.url("/down.xml") in html
    assert "2 in a row: HTTP 503" in html  # failed in both cycles (its backoff is 2 ms, then 4)
    assert "paragraph removed" in html
    assert 'href="/-/newstrace/article/3"' in html  # the new version of the notice


def test_watch_page_before_any_watch(tmp_path: Path) -> None:
    connect(tmp_path / "plain.db").conn.close()
    assert "No watch has run on this database" in _page(tmp_path / "plain.db")
