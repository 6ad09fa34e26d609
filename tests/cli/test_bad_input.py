"""Hostile and broken inputs: each one is named with its reason, and every good item beside it is kept."""

from __future__ import annotations

import gzip
import io
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstrace.cli import main

GOOD = "Tide Mill Restored\n\nVolunteers finished restoring the tide mill on the estuary after six years of work.\n\nThe wheel turned again on Saturday in front of a crowd of three hundred people.\n"
PAGE = "<html><head><title>Quarry Lake Opens</title></head><body><article><p>The flooded quarry opened for swimming on Sunday after the council finished new safety barriers along the cliffs.</p><p>Lifeguards will be on duty every afternoon until the end of August, the council said.</p></article></body></html>"


def _warc(pages: int) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for n in range(pages):
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        body = PAGE.replace("Quarry Lake", f"Quarry Lake {n}").encode()
        writer.write_record(
            writer.create_warc_record(
                f"https://example.org/{n}",
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
            )
        )
    return buffer.getvalue()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


BAD_ITEMS = {
    "empty.txt": (b"", "empty file"),
    "binary.html": (bytes(range(256)) * 64, "binary"),
    "truncated.html.gz": (gzip.compress(PAGE.encode() * 50)[:200], "truncated gzip"),
    "huge.html": (
        b"<html><body><p>" + b"word " * 10_500_000 + b"</p></body></html>",
        "max_html_bytes",
    ),
    "scripts.html": (
        b"<html><head><script>"
        + b"var a = 1;" * 2000
        + b"</script></head><body><script>alert(1)</script></body></html>",
        "no article text",
    ),
    "stories.csv": (b"headline,story\nA,B\n", "body_text"),
    "deep.html": (
        b"<html><body>" + b"<div>" * 100_000 + b"<p>Deep.</p>" + b"</div>" * 100_000,
        "max_html_depth",
    ),
    "feed.xml": (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
        b"<rss><channel><item><title>&b;</title></item></channel></rss>",
        "entity-expansion",
    ),
}


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "latin1.txt").write_bytes(GOOD.replace("Volunteers", "Bénévoles").encode("latin-1"))
    warc = _warc(3)
    (folder / "cut.warc").write_bytes(warc[: len(warc) - 150])
    for name, (content, _reason) in BAD_ITEMS.items():
        (folder / name).write_bytes(content)
    return folder


def test_bad_input_each_item_named_and_the_rest_ingested(tmp_path, hostile_folder):
    url = f"http://127.0.0.1:{_closed_port()}/story"
    args = [
        "ingest",
        str(tmp_path / "news.db"),
        str(hostile_folder),
        url,
        "--map",
        "text=body_text",
        "--allow-private",
    ]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    for name, (_content, reason) in {
        **BAD_ITEMS,
        "cut.warc": (b"", "truncated WARC"),
        url: (b"", "connection"),
    }.items():
        assert any(name in line and reason in line for line in lines), (
            f"{name}: no '{reason}' in {result.stderr}"
        )
    # good.txt, latin1.txt and the two WARC records before the cut
    assert "articles stored: 4" in result.stderr


def test_bad_input_invalid_utf8_is_decoded_not_lost(tmp_path, hostile_folder):
    result = CliRunner().invoke(main, ["extract", str(hostile_folder / "latin1.txt")])
    assert "Bénévoles finished restoring" in result.stdout
