"""Ingest fixtures: invented pages, a WARC builder, and a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import io
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstrace.ingest import iter_items
from newstrace.models import Document, Failure
from newstrace.settings import Settings

PARAGRAPHS = (
    "The Riverton council voted on Tuesday to build a footbridge over the Wend canal.",
    "Work is due to start in the spring, the council's planning office said in a statement.",
    "Residents of the east bank have asked for a crossing since the old ferry stopped running.",
)


def page_html(title: str = "Footbridge approved", paragraphs: tuple[str, ...] = PARAGRAPHS) -> str:
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>"


@pytest.fixture
def html() -> Callable[..., str]:
    """A builder of small invented HTML pages."""
    return page_html


@pytest.fixture
def ingest() -> Callable[..., list[Document | Failure]]:
    """Run iter_items over paths with optional Settings overrides and return every item."""

    def run(inputs: list[str | Path], **options: object) -> list[Document | Failure]:
        names = {item.name for item in fields(Settings)}
        overrides = {key: value for key, value in options.items() if key in names}
        rest = {key: value for key, value in options.items() if key not in overrides}
        settings = Settings(**overrides)  # type: ignore[arg-type]
        return list(iter_items([str(path) for path in inputs], settings, **rest))  # type: ignore[arg-type]

    return run


@dataclass
class WarcRecord:
    """One record to write into a test WARC."""

    url: str
    body: bytes
    status: str = "200 OK"
    content_type: str = "text/html; charset=utf-8"
    record_type: str = "response"
    extra_headers: list[tuple[str, str]] = field(default_factory=list)


def build_warc(specs: list[dict[str, Any]], gzipped: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    for record in (WarcRecord(**spec) for spec in specs):
        if record.record_type == "resource":
            warc_record = writer.create_warc_record(
                record.url,
                "resource",
                payload=io.BytesIO(record.body),
                warc_content_type=record.content_type,
            )
        else:
            headers = [("Content-Type", record.content_type), *record.extra_headers]
            http_headers = StatusAndHeaders(record.status, headers, protocol="HTTP/1.1")
            warc_record = writer.create_warc_record(
                record.url,
                record.record_type,
                payload=io.BytesIO(record.body),
                http_headers=http_headers,
            )
        writer.write_record(warc_record)
    return buffer.getvalue()


@pytest.fixture
def warc_bytes() -> Callable[[list[dict[str, Any]], bool], bytes]:
    """A builder of WARC files (gzipped or not) from records given as WarcRecord keywords."""
    return build_warc


SERVER_POLL_S = 0.02
Route = tuple[int, dict[str, str], bytes] | Callable[[BaseHTTPRequestHandler], None]


@dataclass
class LocalServer:
    """A local HTTP server whose responses each test sets in routes (path -> response)."""

    base: str
    routes: dict[str, Route]
    requests: list[str]


def _handler(
    routes: dict[str, Route], requests: list[str], hosts: list[str] | None = None
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            if hosts is not None:
                hosts.append(self.headers["Host"])
            route = routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"not here"))
            if callable(route):
                route(self)
                return
            status, headers, body = route
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A threaded HTTP server on 127.0.0.1 with an empty route table."""
    routes: dict[str, Route] = {}
    requests: list[str] = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(routes, requests))
    httpd.daemon_threads = True
    httpd.block_on_close = False
    thread = threading.Thread(target=httpd.serve_forever, args=(SERVER_POLL_S,), daemon=True)
    thread.start()
    yield LocalServer(f"http://127.0.0.1:{httpd.server_address[1]}", routes, requests)
    httpd.shutdown()
    httpd.server_close()


def slow_response(delay_s: float) -> Callable[[BaseHTTPRequestHandler], None]:
    """A route that waits before answering, to trip a short timeout."""

    def respond(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(delay_s)
        try:
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html")
            handler.end_headers()
            handler.wfile.write(page_html().encode())
        except OSError:
            pass  # the client gave up, as the test wants

    return respond


@pytest.fixture
def slow() -> Callable[[float], Callable[[BaseHTTPRequestHandler], None]]:
    """A builder of routes that answer only after a delay."""
    return slow_response


@dataclass
class TlsServer:
    """A local HTTPS server with a self-signed certificate for news.example."""

    port: int
    cafile: Path
    hosts: list[str]


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[TlsServer]:
    """An HTTPS server on 127.0.0.1 whose certificate names news.example; needs openssl."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subject = ["-subj", "/CN=news.example", "-addext", "subjectAltName=DNS:news.example"]
    command = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
    command += ["-keyout", str(key), "-out", str(cert), *subject]
    subprocess.run(command, check=True, capture_output=True)
    hosts: list[str] = []
    routes: dict[str, Route] = {
        "/story": (200, {"Content-Type": "text/html"}, page_html().encode())
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(routes, [], hosts))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, args=(SERVER_POLL_S,), daemon=True).start()
    yield TlsServer(httpd.server_address[1], cert, hosts)
    httpd.shutdown()
    httpd.server_close()
