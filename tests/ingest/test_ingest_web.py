"""Fetching URLs against a local server: caps, redirects, robots.txt, refused addresses."""

from __future__ import annotations

import gzip
import ipaddress
import socket
import ssl
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from newstrace.ingest import web
from newstrace.ingest.web import address_problem, is_url, kind_for, pinned_target
from newstrace.models import Document, Failure, Format
from newstrace.settings import Settings

Ingest = Callable[..., list[Document | Failure]]
HTML = {"Content-Type": "text/html; charset=utf-8"}
LOCAL = {"allow_private_addresses": True}


def one(items: list[Document | Failure]) -> Document | Failure:
    assert len(items) == 1, items
    return items[0]


def test_web_fetches_a_page(server: Any, ingest: Ingest, html: Callable[..., str]) -> None:
    server.routes["/story"] = (200, HTML, html().encode())
    document = one(ingest([f"{server.base}/story"], **LOCAL))
    assert isinstance(document, Document)
    assert document.format is Format.HTML
    assert document.source == document.url == f"{server.base}/story"
    assert document.content == html().encode()
    assert document.encoding == "utf-8"


def test_web_sends_the_user_agent_and_reads_robots_once(
    server: Any, ingest: Ingest, html: Callable[..., str]
) -> None:
    seen: list[str] = []

    def page(handler: Any) -> None:
        seen.append(handler.headers["User-Agent"])
        body = html().encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    server.routes["/a"] = server.routes["/b"] = page
    ingest([f"{server.base}/a", f"{server.base}/b"], user_agent="newstrace-test/1.0", **LOCAL)
    assert seen == ["newstrace-test/1.0", "newstrace-test/1.0"]
    assert server.requests == ["/robots.txt", "/a", "/b"]


def test_web_refuses_loopback_without_permission(
    server: Any, ingest: Ingest, html: Callable[..., str]
) -> None:
    server.routes["/story"] = (200, HTML, html().encode())
    failure = one(ingest([f"{server.base}/story"]))
    assert isinstance(failure, Failure)
    assert "refused: 127.0.0.1 resolves to loopback address 127.0.0.1" in failure.reason
    assert server.requests == []


def test_web_follows_redirects_checking_each_hop(
    server: Any, ingest: Ingest, html: Callable[..., str]
) -> None:
    server.routes["/old"] = (301, {"Location": "/middle"}, b"")
    server.routes["/middle"] = (302, {"Location": f"{server.base}/new"}, b"")
    server.routes["/new"] = (200, HTML, html().encode())
    document = one(ingest([f"{server.base}/old"], **LOCAL))
    assert isinstance(document, Document)
    assert (document.source, document.url) == (f"{server.base}/old", f"{server.base}/new")


def test_web_fails_on_too_many_redirects(server: Any, ingest: Ingest) -> None:
    for hop in range(5):
        server.routes[f"/hop{hop}"] = (302, {"Location": f"/hop{hop + 1}"}, b"")
    failure = one(ingest([f"{server.base}/hop0"], fetch_max_redirects=3, **LOCAL))
    assert isinstance(failure, Failure)
    assert failure.reason == "more than 3 redirects (fetch_max_redirects)"


@pytest.mark.parametrize("location", ["ftp://files.example/story", "file:///etc/passwd"])
def test_web_refuses_a_redirect_to_another_scheme(
    server: Any, ingest: Ingest, location: str
) -> None:
    server.routes["/jump"] = (302, {"Location": location}, b"")
    failure = one(ingest([f"{server.base}/jump"], **LOCAL))
    assert isinstance(failure, Failure)
    scheme = location.split(":", 1)[0]
    assert f"unsupported URL scheme {scheme!r}" in failure.reason
    assert "redirected from" in failure.reason


@pytest.mark.parametrize(
    ("robots", "path", "allowed"),
    [
        (
            (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"),
            "/private/x",
            False,
        ),
        (
            (200, {"Content-Type": "text/plain"}, b"User-agent: newstrace\nDisallow: /\n"),
            "/story",
            False,
        ),
        (
            (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"),
            "/story",
            True,
        ),
        ((403, {}, b""), "/story", False),
        ((401, {}, b""), "/story", False),
        ((404, {}, b""), "/story", True),
        ((500, {}, b""), "/story", True),
    ],
)
def test_web_obeys_robots_txt(
    server: Any, ingest: Ingest, html: Callable[..., str], robots: Any, path: str, allowed: bool
) -> None:
    server.routes["/robots.txt"] = robots
    server.routes[path] = (200, HTML, html().encode())
    item = one(ingest([f"{server.base}{path}"], **LOCAL))
    assert isinstance(item, Document) is allowed
    if isinstance(item, Failure):
        assert item.reason == "disallowed by robots.txt"
        assert path not in server.requests


def test_web_ignores_robots_when_told(
    server: Any, ingest: Ingest, html: Callable[..., str]
) -> None:
    server.routes["/robots.txt"] = (200, {}, b"User-agent: *\nDisallow: /\n")
    server.routes["/story"] = (200, HTML, html().encode())
    assert isinstance(
        one(ingest([f"{server.base}/story"], respect_robots=False, **LOCAL)), Document
    )


@pytest.mark.parametrize("declared", [True, False])
def test_web_caps_the_size(server: Any, ingest: Ingest, declared: bool) -> None:
    body = b"<html><body>" + b"<p>ferry</p>" * 10_000 + b"</body></html>"

    def chunked(handler: Any) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()  # no Content-Length: the cap must hold while streaming
        handler.wfile.write(body)

    server.routes["/big"] = (200, HTML, body) if declared else chunked
    failure = one(ingest([f"{server.base}/big"], fetch_max_bytes=50_000, **LOCAL))
    assert isinstance(failure, Failure)
    assert failure.reason == "larger than 50000 bytes"


def test_web_caps_the_decompressed_size(server: Any, ingest: Ingest) -> None:
    bomb = gzip.compress(b"<html>" + b" " * 5_000_000)
    server.routes["/bomb"] = (200, {**HTML, "Content-Encoding": "gzip"}, bomb)
    failure = one(ingest([f"{server.base}/bomb"], fetch_max_bytes=100_000, **LOCAL))
    assert isinstance(failure, Failure)
    assert failure.reason == "larger than 100000 bytes"


def test_web_times_out(server: Any, ingest: Ingest, slow: Callable[[float], Any]) -> None:
    server.routes["/slow"] = slow(1.0)
    failure = one(ingest([f"{server.base}/slow"], fetch_timeout_s=0.2, **LOCAL))
    assert isinstance(failure, Failure)
    assert failure.reason == "timed out after 0.2 s"


@pytest.mark.parametrize(
    ("status", "reason"), [(404, "HTTP 404"), (500, "HTTP 500"), (204, "HTTP 204")]
)
def test_web_names_http_errors(server: Any, ingest: Ingest, status: int, reason: str) -> None:
    server.routes["/x"] = (status, {}, b"")
    failure = one(ingest([f"{server.base}/x"], **LOCAL))
    assert isinstance(failure, Failure)
    assert (failure.source, failure.reason) == (f"{server.base}/x", reason)


def test_web_fails_on_a_closed_port(ingest: Ingest) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    failure = one(ingest([f"http://127.0.0.1:{port}/story"], **LOCAL))
    assert isinstance(failure, Failure)
    assert failure.reason.startswith("connection failed")


@pytest.mark.parametrize(
    "url", ["ftp://files.example/story.html", "file:///etc/passwd", "gopher://x/1"]
)
def test_web_refuses_other_schemes(ingest: Ingest, url: str) -> None:
    failure = one(ingest([url]))
    assert isinstance(failure, Failure)
    assert "unsupported URL scheme" in failure.reason


def test_web_reads_a_feed_by_content_type(server: Any, ingest: Ingest) -> None:
    feed = (
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>Courier</title><item>"
        b"<title>Quay</title><link>https://courier.example/q</link>"
        b"<description><![CDATA[<p>" + b"The north quay reopened. " * 30 + b"</p>]]></description>"
        b"</item></channel></rss>"
    )
    server.routes["/feed"] = (200, {"Content-Type": "text/html"}, feed)  # mislabelled on purpose
    entry = one(ingest([f"{server.base}/feed"], **LOCAL))
    assert isinstance(entry, Document)
    assert entry.format is Format.FEED_ENTRY
    assert entry.source == f"{server.base}/feed"


def test_web_fetches_linked_pages_for_feed_entries(
    server: Any, ingest: Ingest, html: Callable[..., str]
) -> None:
    feed = (
        f"<rss version='2.0'><channel><title>Courier</title><item><title>Quay</title>"
        f"<link>{server.base}/quay</link><guid>q1</guid><description>Teaser.</description></item></channel></rss>"
    )
    server.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"}, feed.encode())
    server.routes["/quay"] = (200, HTML, html(title="Quay").encode())
    page = one(ingest([f"{server.base}/feed.xml"], fetch_linked_pages=True, **LOCAL))
    assert isinstance(page, Document)
    assert (page.format, page.source_id, page.fields["outlet"]) == (Format.HTML, "q1", "Courier")


def test_web_fails_on_unsupported_content(server: Any, ingest: Ingest) -> None:
    server.routes["/report.pdf"] = (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7 ...")
    failure = one(ingest([f"{server.base}/report.pdf"], **LOCAL))
    assert isinstance(failure, Failure)
    assert failure.reason == "unsupported content type application/pdf"


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("10.0.0.5", "private"),
        ("127.0.0.1", "loopback"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::1", "loopback"),
        ("::ffff:192.168.1.1", "private"),
        ("100.64.0.1", "non-public"),
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
    ],
)
def test_web_classifies_addresses(address: str, problem: str | None) -> None:
    assert address_problem(ipaddress.ip_address(address)) == problem


@pytest.mark.parametrize(("resolved", "refused"), [("93.184.216.34", False), ("10.0.0.5", True)])
def test_web_pins_the_checked_address(
    monkeypatch: pytest.MonkeyPatch, resolved: str, refused: bool
) -> None:
    def fake_getaddrinfo(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (resolved, port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    url = httpx.URL("https://news.example:8443/story")
    if refused:
        with pytest.raises(
            Exception, match=r"refused: news\.example resolves to private address 10\.0\.0\.5"
        ):
            pinned_target(url, allow_private=False)
        return
    target, headers, extensions = pinned_target(url, allow_private=False)
    assert str(target) == "https://93.184.216.34:8443/story"
    assert headers == {"Host": "news.example:8443"}
    assert extensions == {"sni_hostname": "news.example"}


@pytest.mark.parametrize(
    ("content_type", "content", "kind"),
    [
        ("text/html; charset=utf-8", b"<html></html>", "html"),
        ("application/rss+xml", b"<rss></rss>", "feed"),
        ("application/xml", b"<html></html>", "html"),
        ("application/xml", b"<config/>", None),
        ("text/plain", b"Plain words.", "text"),
        ("", b"<!doctype html><html></html>", "html"),
        ("image/png", b"\x89PNG", None),
    ],
)
def test_web_kind_follows_content_type(content_type: str, content: bytes, kind: str | None) -> None:
    assert kind_for(content_type, content) == kind


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("https://x.example/", True),
        ("ftp://x/", True),
        ("pages/a.html", False),
        ("C:\\a.html", False),
    ],
)
def test_web_tells_urls_from_paths(text: str, url: bool) -> None:
    assert is_url(text) is url


def test_web_names_a_broken_content_encoding(server: Any, ingest: Ingest) -> None:
    broken = gzip.compress(b"<html></html>")[:10] + b"\xff" * 40
    server.routes["/broken"] = (200, {**HTML, "Content-Encoding": "gzip"}, broken)
    failure = one(ingest([f"{server.base}/broken"], **LOCAL))
    assert isinstance(failure, Failure)
    assert failure.reason.startswith("cannot decode the response body")


@pytest.mark.parametrize(("host", "verified"), [("news.example", True), ("other.example", False)])
def test_web_pinned_https_still_verifies_the_host_name(
    monkeypatch: pytest.MonkeyPatch, tls_server: Any, host: str, verified: bool
) -> None:
    def fake_getaddrinfo(name: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    monkeypatch.setattr(
        web, "address_problem", lambda address: None
    )  # let 127.0.0.1 pass as public
    fetcher = web.Fetcher(Settings(respect_robots=False))
    # The test's own CA: the fetcher's client with only verify changed.
    fetcher._client = httpx.Client(
        verify=ssl.create_default_context(cafile=str(tls_server.cafile)),
        trust_env=False,
        limits=httpx.Limits(max_keepalive_connections=0),
    )
    url = f"https://{host}:{tls_server.port}/story"
    if verified:
        assert fetcher.fetch(url).content.startswith(b"<!DOCTYPE html>")
        assert tls_server.hosts == [f"news.example:{tls_server.port}"]
    else:
        with pytest.raises(web.FetchError, match="certificate verify failed"):
            fetcher.fetch(url)
    fetcher.close()
