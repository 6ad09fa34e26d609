"""A public-looking host that redirects to a private address is refused without --allow-private.

As tests/ingest does for the fetcher, name resolution is faked: news.example resolves to
127.0.0.2, which the test lets pass for a public address; 127.0.0.1 stays what it is.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import pytest

from newstrace.ingest import web

from .site import FEED, Runner, Site, Static, rss, sources_toml

pytestmark = pytest.mark.usefixtures("fetch_only")
_REAL_PROBLEM = web.address_problem


@pytest.fixture
def news_example(monkeypatch: pytest.MonkeyPatch) -> None:
    """news.example resolves to 127.0.0.2, taken for a public address."""
    real = socket.getaddrinfo

    def resolve(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        if host == "news.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.2", port))]
        return real(host, port, *args, **kwargs)

    def problem(address: web.IPAddress) -> str | None:
        return None if address == ipaddress.ip_address("127.0.0.2") else _REAL_PROBLEM(address)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setattr(web, "address_problem", problem)


@pytest.mark.usefixtures("news_example")
@pytest.mark.parametrize("allow_private", [False, True])
def test_watch_refuses_a_redirect_to_a_private_address(
    site: Site, public_site: Site, runner: Runner, allow_private: bool
) -> None:
    port = public_site.base.rsplit(":", 1)[1]
    source = f"http://news.example:{port}/feed.xml"
    secret = site.url("/internal/feed.xml")
    public_site.routes["/feed.xml"] = Static(b"", "text/plain", 302, headers={"Location": secret})
    site.routes["/internal/feed.xml"] = Static(rss([(1, site.url("/s/1"))]), FEED)
    runner.config(sources_toml([source]))
    runner.once(allow_private=allow_private)
    state = runner.source(source)
    if allow_private:
        assert state["status"] == "ok"
        assert "/internal/feed.xml" in site.paths()
        return
    assert "/internal/feed.xml" not in site.paths()
    assert state["status"] == "error"
    assert state["error"].startswith("refused: 127.0.0.1 resolves to loopback address 127.0.0.1")
    assert f"redirected from {source}" in state["error"]
    assert runner.rows("SELECT count(*) FROM articles") == [(0,)]


def test_watch_refuses_loopback_sources_without_allow_private(site: Site, runner: Runner) -> None:
    site.routes["/feed.xml"] = Static(rss([(1, site.url("/s/1"))]), FEED)
    runner.config(sources_toml([site.url("/feed.xml")]))
    runner.once(allow_private=False)
    assert site.paths() == []
    assert "loopback" in runner.source(site.url("/feed.xml"))["error"]
