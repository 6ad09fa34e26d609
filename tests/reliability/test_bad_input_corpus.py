"""A corpus of hostile inputs built at test time: each is refused or read within its limit, by name.

Big inputs are written lazily into tmp_path (a 100 MB page costs disk, not memory: it is refused
from its size before it is read). Every good item beside the bad ones must still be stored.
"""

from __future__ import annotations

import gzip
import io
import os
import random
import time
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstrace.ingest import run as pipeline
from newstrace.ingest.run import IngestSummary, ingest
from newstrace.settings import load_settings
from newstrace.store import connect

from .support import count

MB = 1_000_000
GOOD_TEXT = (
    "Ferry Service Returns\n\nThe ferry between the two harbour towns sailed again on Monday after"
    " a winter of repairs to its engines and ramps.\n\nThe operator said crossings would run every"
    " hour until the end of October.\n"
)
GOOD_HTML = (
    "<!DOCTYPE html><html><head><title>Orchard Reopens</title></head><body><article>"
    "<h1>Orchard Reopens</h1><p>The community orchard on the hill reopened on Saturday after"
    " volunteers replanted forty apple trees lost in the autumn storms.</p><p>Pickers are"
    " welcome every weekend until the harvest ends, the orchard trust said.</p>"
    "</article></body></html>"
)
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + ']><rss version="2.0"><channel><title>Laughs</title><item><title>&lol9;</title>'
    "<description>&lol9;</description></item></channel></rss>"
)
XXE = (
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    '<rss version="2.0"><channel><title>Leak</title><item><title>&secret;</title>'
    "<description>&secret;</description></item></channel></rss>"
)


def gzip_stream(chunks: Iterable[bytes]) -> bytes:
    """One gzip member of the chunks, compressed as they come (a bomb never exists unpacked)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return b"".join(compressor.compress(chunk) for chunk in chunks) + compressor.flush()


def zeros(total: int, chunk: int = MB) -> Iterable[bytes]:
    block = b"\0" * chunk
    for _ in range(total // chunk):
        yield block


def warc_bomb(payload_bytes: int) -> bytes:
    """A .warc.gz whose one response record unpacks to payload_bytes of page, then a good record."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    length = len(http) + payload_bytes
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:bomb>\r\n"
        "WARC-Target-URI: https://bomb.example/\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode()
    page = b"<html><body><p>" + b"a" * 1000 + b"</p>"
    body = (page + b" " * (MB - len(page)) for _ in range(payload_bytes // MB))
    bomb = gzip_stream([head, http, *body, b"\r\n\r\n"])
    return bomb + good_warc(gzipped=True)


def good_warc(gzipped: bool, name: str = "Vineyard") -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    page = GOOD_HTML.replace("Orchard", name).encode()
    writer.write_record(
        writer.create_warc_record(
            f"https://good.example/{name.lower()}",
            "response",
            payload=io.BytesIO(page),
            http_headers=headers,
        )
    )
    return buffer.getvalue()


def write_big(path: Path, head: bytes, filler: bytes, total: int, tail: bytes = b"") -> None:
    with path.open("wb") as handle:
        handle.write(head)
        for _ in range(total // len(filler)):
            handle.write(filler)
        handle.write(tail)


# name -> what the failure reason must say
EXPECTED_FAILURES = {
    "binary.html": "binary",
    "random.bin": "binary",
    "zero.txt": "empty file",
    "zero.html": "empty file",
    "bomb.html.gz": "decompression bomb",
    "bomb.warc.gz": "max_html_bytes",
    "page-100mb.html": "max_html_bytes",
    "dump-100mb.txt": "max_text_bytes",
    "deep.html": "max_html_depth",
    "truncated.html.gz": "truncated gzip",
    "truncated.warc.gz": "truncated",
    "laughs.xml": "entity-expansion",
    "xxe.rss": "entity-expansion",
    "big-field.csv": "max_record_field_bytes",
    "big-line.jsonl": "max_record_field_bytes",
}
# good items: good.txt, good.html, latin1.txt, mixed.html, utf16.txt, the good record of each
# WARC (bomb, clean, and the one before the cut), two good rows in each of the CSV and JSONL files
GOOD_ITEMS = 12


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    rng = random.Random(7)
    (folder / "good.txt").write_text(GOOD_TEXT)
    (folder / "good.html").write_text(GOOD_HTML)
    (folder / "latin1.txt").write_bytes(GOOD_TEXT.replace("Ferry", "Fähre").encode("latin-1"))
    mixed = GOOD_HTML.replace("Orchard", "Café Orchard").encode("utf-8")
    (folder / "mixed.html").write_bytes(mixed.replace(b"autumn", "automne à".encode("latin-1")))
    (folder / "utf16.txt").write_bytes(GOOD_TEXT.replace("Ferry", "Fjord").encode("utf-16"))
    (folder / "binary.html").write_bytes(bytes(rng.randrange(256) for _ in range(50_000)))
    (folder / "random.bin").write_bytes(os.urandom(20_000))
    (folder / "zero.txt").write_bytes(b"")
    (folder / "zero.html").write_bytes(b"")
    (folder / "bomb.html.gz").write_bytes(gzip_stream(zeros(300 * MB)))
    (folder / "bomb.warc.gz").write_bytes(warc_bomb(40 * MB))
    (folder / "clean.warc").write_bytes(good_warc(gzipped=False, name="Meadow"))
    write_big(folder / "page-100mb.html", b"<html><body><p>", b"news " * 20_000, 100 * MB)
    write_big(folder / "dump-100mb.txt", b"Title\n\n", b"Words of a story. " * 5_000, 100 * MB)
    depth = 100_000
    (folder / "deep.html").write_text(
        "<html><body>" + "<div>" * depth + "<p>Deep.</p>" + "</div>" * depth + "</body></html>"
    )
    (folder / "truncated.html.gz").write_bytes(gzip.compress(GOOD_HTML.encode() * 40)[:300])
    warc = good_warc(True, "Allotment") + good_warc(True, "Greenhouse")
    (folder / "truncated.warc.gz").write_bytes(warc[: len(warc) - 120])
    (folder / "laughs.xml").write_text(LAUGHS)
    (folder / "xxe.rss").write_text(XXE)
    write_big(
        folder / "big-field.csv",
        b"id,text\nc1,The first row is a short story about the harbour.\nc2,",
        b"x" * MB,
        50 * MB,
        b"\nc3,The third row is another short story about the orchard.\n",
    )
    write_big(
        folder / "big-line.jsonl",
        b'{"id": "j1", "text": "A first record about the ferry crossing."}\n{"id": "j2", "text": "',
        b"y" * MB,
        50 * MB,
        b'"}\n{"id": "j3", "text": "A third record about the vineyard harvest."}\n',
    )
    return folder


@pytest.fixture(scope="module")
def outcome(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[IngestSummary, int]:
    # Decompression is capped at 20 MB here (200 MB by default) to keep the test's memory small.
    settings = load_settings(max_decompressed_bytes=20 * MB, jobs=1)
    db = connect(tmp_path_factory.mktemp("db") / "news.db")
    summary = ingest(db, [str(corpus)], settings)
    stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    mixed = db.execute("SELECT title FROM articles WHERE title LIKE 'Caf%'").fetchone()[0]
    assert mixed == "Café Orchard Reopens"  # mixed encodings: the UTF-8 part read as UTF-8
    db.conn.close()
    return summary, stored


@pytest.mark.parametrize("name", sorted(EXPECTED_FAILURES))
def test_bad_input_is_named_with_its_reason(outcome: tuple[IngestSummary, int], name: str) -> None:
    summary, _stored = outcome
    reasons = [f.reason for f in summary.failures if Path(f.source).name == name]
    assert reasons, f"{name} was not reported: {[(f.source, f.reason) for f in summary.failures]}"
    assert any(EXPECTED_FAILURES[name] in reason for reason in reasons), reasons
    count(f"bad inputs:{name.split('.', 1)[-1]}")


def test_bad_input_every_good_item_is_kept(outcome: tuple[IngestSummary, int]) -> None:
    summary, stored = outcome
    assert stored == GOOD_ITEMS, [(f.source, f.reason) for f in summary.failures]
    unexpected = [
        (f.source, f.reason)
        for f in summary.failures
        if Path(f.source).name not in EXPECTED_FAILURES
    ]
    assert unexpected == []
    count("good items beside bad ones", GOOD_ITEMS)
    count("items lost", GOOD_ITEMS - stored)


def test_bad_input_extraction_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # An extraction that would hang (not one that is merely slow on this machine: that would
    # make the test depend on the machine's speed) is cut off by the limit, by name.
    real_extract = pipeline.extract

    def hanging_on_one(document: Any, settings: Any) -> Any:
        if str(document.source).endswith("slow.txt"):
            time.sleep(60)
        return real_extract(document, settings)

    monkeypatch.setattr(pipeline, "extract", hanging_on_one)
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "slow.txt").write_text("Slow Dump\n\n" + "A sentence of a page dump. " * 50)
    (pages / "quick.txt").write_text(GOOD_TEXT)
    db = connect(tmp_path / "news.db")
    started = time.monotonic()
    summary = ingest(db, [str(pages)], load_settings(extract_timeout_s=0.5, jobs=1))
    reasons = {Path(f.source).name: f.reason for f in summary.failures}
    assert reasons == {"slow.txt": "extraction failed: took longer than 0.5 s (extract_timeout_s)"}
    assert summary.articles_stored == 1
    assert time.monotonic() - started < 60  # cut off, not waited out
