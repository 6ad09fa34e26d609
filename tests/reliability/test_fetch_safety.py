"""Fetching safely: no other schemes, no loopback/private/link-local/multicast targets (also after
redirects and DNS resolution) unless --allow-private, capped, polite, identified.

More fetcher cases (size, time and redirect caps, robots.txt, TLS with pinned addresses) are in
tests/ingest/test_ingest_web.py; these add the attacker's view, end to end.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newstrace.cli import main
from newstrace.ingest import web
from newstrace.ingest.web import Fetcher, FetchError
from newstrace.settings import USER_AGENT, Settings

from .support import count

PAGE = (
    b"<!DOCTYPE html><html><head><title>Lighthouse Relit</title></head><body><article><p>The old"
    b" lighthouse on the point was relit on Friday after a year of repairs to its lantern.</p>"
    b"<p>Keepers will open the tower to visitors on weekends, the harbour trust said.</p>"
    b"</article></body></html>"
)


class Site(ThreadingHTTPServer):
    """A local web server: routes map a path to (status, headers, body); requests are logged."""

    routes: dict[str, tuple[int, dict[str, str], bytes]]
    requests: list[tuple[str, str]]


class Handler(BaseHTTPRequestHandler):
    server: Site

    def do_GET(self) -> None:
        self.server.requests.append((self.path, self.headers.get("User-Agent", "")))
        status, headers, body = self.server.routes.get(self.path, (404, {}, b""))
        self.send_response(status)
        for name, value in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site(("127.0.0.1", 0), Handler)
    server.routes = {"/story": (200, {"Content-Type": "text/html"}, PAGE)}
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def base(site: Site) -> str:
    return f"http://127.0.0.1:{site.server_address[1]}"


@pytest.mark.parametrize("allow", [False, True])
def test_fetch_loopback_only_with_allow_private(tmp_path: Path, site: Site, allow: bool) -> None:
    args = ["ingest", str(tmp_path / "news.db"), f"{base(site)}/story"]
    result = CliRunner().invoke(main, args + (["--allow-private"] if allow else []))
    if allow:
        assert result.exit_code == 0, result.output
        assert "articles stored: 1" in result.stderr
        assert [path for path, _agent in site.requests] == ["/robots.txt", "/story"]
        assert {agent for _path, agent in site.requests} == {USER_AGENT}
    else:
        assert result.exit_code == 1
        assert "refused: 127.0.0.1 resolves to loopback address 127.0.0.1" in result.stderr
        assert site.requests == []
    count("fetch: refusals checked" if not allow else "fetch: allowed fetches checked")


@pytest.fixture
def public_site(site: Site, monkeypatch: pytest.MonkeyPatch) -> Site:
    """The local site treated as a public server: only 127.0.0.1 itself passes the address check."""
    checked = web.address_problem

    def problem(address: web.IPAddress) -> str | None:
        return None if address == ipaddress.ip_address("127.0.0.1") else checked(address)

    monkeypatch.setattr(web, "address_problem", problem)
    real_getaddrinfo = socket.getaddrinfo

    def resolve(host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        # Names an attacker controls, pointing inside the network.
        address = {"intranet.example": "10.1.2.3", "loop.example": "127.0.0.5"}.get(host)
        if address is None:
            return real_getaddrinfo(host, port, *args, **kwargs)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    return site


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("http://127.0.0.2:{port}/secret", "loopback address 127.0.0.2"),
        ("http://loop.example:{port}/secret", "loop.example resolves to loopback address"),
        ("http://intranet.example/secret", "intranet.example resolves to private address"),
        ("http://[::1]:{port}/secret", "loopback address ::1"),
        ("http://10.0.0.7/secret", "private address 10.0.0.7"),
        ("http://169.254.169.254/latest/meta-data/", "link-local address 169.254.169.254"),
        ("http://224.0.0.1/secret", "multicast address 224.0.0.1"),
        ("http://2130706434/secret", "loopback address 127.0.0.2"),
        ("file:///etc/passwd", "unsupported URL scheme 'file'"),
        ("gopher://127.0.0.1:70/_secret", "unsupported URL scheme 'gopher'"),
    ],
)
def test_fetch_refuses_a_redirect_to_a_forbidden_target(
    public_site: Site, target: str, problem: str
) -> None:
    port = public_site.server_address[1]
    public_site.routes["/jump"] = (302, {"Location": target.format(port=port)}, b"")
    public_site.routes["/secret"] = (200, {"Content-Type": "text/html"}, PAGE)
    with Fetcher(Settings(respect_robots=False)) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(f"{base(public_site)}/jump")
    assert problem in str(caught.value) and "redirected from" in str(caught.value)
    assert [path for path, _agent in public_site.requests] == ["/jump"]
    count("fetch: refusals checked")


@pytest.mark.parametrize(
    "url",
    [
        "http://0x7f000001/",
        "http://127.1/",
        "http://0.0.0.0/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fe80::1]/",
        "http://192.168.0.1/",
        "ftp://127.0.0.1/",
        "file:///etc/passwd",
        "javascript://alert(1)",
    ],
)
def test_fetch_refuses_disguised_addresses_and_schemes(url: str) -> None:
    with Fetcher(Settings()) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    assert "refused" in str(caught.value) or "unsupported URL scheme" in str(caught.value)
    count("fetch: refusals checked")


def test_fetch_refuses_a_name_with_any_private_address(monkeypatch: pytest.MonkeyPatch) -> None:
    # A name answering with a public and a private address (a rebinding setup) is refused whole.
    def resolve(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.168.1.20", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with Fetcher(Settings()) as fetcher, pytest.raises(FetchError, match="private address"):
        fetcher.fetch("http://rebind.example/story")
    count("fetch: refusals checked")
