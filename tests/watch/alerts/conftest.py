"""Fixtures of the alert tests: a small traced store (an original, its copy, an unrelated
story, all invented), and real receivers on the loopback interface (a webhook, an SMTP server)."""

from __future__ import annotations

import json
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from newstrace.engines.trace import trace_links
from newstrace.reuse.provenance import build_provenance
from newstrace.settings import Settings

from .alert_stories import COPY_INTRO, COPY_OUTRO, COPY_URL, FERRY, MARKET, MARKET_URL, ORIGINAL_URL

StoreArticle = Callable[..., int]


@pytest.fixture
def stories(db: sqlite_utils.Database, store_article: StoreArticle) -> dict[str, int]:
    """An original (Riverside Tribune), its copy (Valley Post) and an unrelated story (Hill
    Gazette), traced: linked, classified and in a family."""
    ids = {
        "original": store_article(
            list(FERRY), source="tribune/ferry.html", outlet="Riverside Tribune",
            url=ORIGINAL_URL, title="Ferry crews strike", published="2026-03-01",
        ),
        "copy": store_article(
            [COPY_INTRO, *FERRY, COPY_OUTRO], source="valley/ferry.html", outlet="Valley Post",
            url=COPY_URL, title="Ferry strike strands islanders", published="2026-03-02",
        ),
        "market": store_article(
            list(MARKET), source="hill/market.html", outlet="Hill Gazette", url=MARKET_URL,
            title="Market reopens", published="2026-03-01",
        ),
    }  # fmt: skip
    retrace(db)
    return ids


def retrace(db: sqlite_utils.Database) -> None:
    """Trace what is new and rebuild provenance, as a watch cycle does."""
    settings = Settings(jobs=1)
    trace_links(db, settings)
    build_provenance(db, settings)


@dataclass
class Receiver:
    """What a webhook receiver got: (path, headers, JSON body) per POST; paths that answer 500
    a given number of times before succeeding; a hook run on each POST (before answering)."""

    url: str
    posts: list[tuple[str, dict[str, str], dict[str, Any]]] = field(default_factory=list)
    failures: dict[str, int] = field(default_factory=dict)
    on_post: Callable[[], None] | None = None

    def bodies(self, path: str) -> list[dict[str, Any]]:
        """The JSON bodies POSTed to a path, in order."""
        return [body for p, _, body in self.posts if p == path]


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            receiver.posts.append((self.path, dict(self.headers), body))
            if receiver.on_post is not None:
                receiver.on_post()
            failing = receiver.failures.get(self.path, 0)
            receiver.failures[self.path] = max(0, failing - 1)
            self.send_response(500 if failing else 200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

    return Handler


@pytest.fixture
def webhook() -> Iterator[Receiver]:
    """A webhook receiver on 127.0.0.1, a free port, recording every POST."""
    receiver = Receiver("")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(receiver))
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield receiver
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


class _Inbox:
    """An aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class SecureSmtp:
    """An SMTP server that takes mail only over TLS from a logged-in client: its port, the
    CA file that trusts its certificate, the messages and the logins it received."""

    security: str  # "starttls" or "tls"
    port: int
    cafile: Path
    inbox: list[Message]
    logins: list[tuple[str, str]]


SMTP_USER, SMTP_PASSWORD = "desk", "s3cret-for-tests-only"


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key, made by the openssl command."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def _authenticator(logins: list[tuple[str, str]]) -> Callable[..., AuthResult]:
    def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        if not isinstance(data, LoginPassword):
            return AuthResult(success=False)
        login = (data.login.decode(), data.password.decode())
        logins.append(login)
        return AuthResult(success=login == (SMTP_USER, SMTP_PASSWORD))

    return check


@pytest.fixture(params=["starttls", "tls"])
def secure_smtp(
    request: pytest.FixtureRequest, certificate: tuple[Path, Path]
) -> Iterator[SecureSmtp]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 requiring a login over TLS: STARTTLS on a
    plain connection, or TLS from the first byte (the param)."""
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server = SecureSmtp(request.param, _free_port(), cert, [], [])
    inbox = _Inbox()
    server.inbox = inbox.messages
    security: dict[str, Any] = (
        {"tls_context": context, "require_starttls": True, "auth_require_tls": True}
        if request.param == "starttls"
        # aiosmtpd counts only STARTTLS as TLS for AUTH; this connection is TLS throughout.
        else {"ssl_context": context, "auth_require_tls": False}
    )
    controller = Controller(
        inbox, hostname="127.0.0.1", port=server.port, authenticator=_authenticator(server.logins),
        auth_required=True, **security,
    )  # fmt: skip
    controller.start()
    yield server
    controller.stop()


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, list[Message]]]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1: its port and the messages it received."""
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller.port, inbox.messages
    controller.stop()
