"""WARC archives: HTML pages with status 200 come out; truncation keeps the records before it."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newstrace.models import Document, Failure, Format

Ingest = Callable[..., list[Document | Failure]]
WarcBytes = Callable[[list[dict[str, Any]], bool], bytes]


def pages(html: Callable[..., str], count: int) -> list[dict[str, Any]]:
    return [
        {
            "url": f"http://riverton.example/news/{number}",
            "body": html(title=f"Story {number}").encode(),
        }
        for number in range(count)
    ]


@pytest.mark.parametrize(
    ("name", "gzipped"), [("crawl.warc.gz", True), ("crawl.warc", False), ("crawl.bin", True)]
)
def test_warc_yields_html_responses(
    tmp_path: Path,
    ingest: Ingest,
    html: Callable[..., str],
    warc_bytes: WarcBytes,
    name: str,
    gzipped: bool,
) -> None:
    path = tmp_path / name
    path.write_bytes(warc_bytes(pages(html, 3), gzipped))
    items = ingest([path])
    documents = [item for item in items if isinstance(item, Document)]
    assert documents == items
    assert [item.url for item in documents] == [
        f"http://riverton.example/news/{n}" for n in range(3)
    ]
    first = documents[0]
    assert isinstance(first, Document)
    assert first.format is Format.HTML
    assert first.source == str(path)
    assert first.source_id and first.source_id.startswith("<urn:uuid:")
    assert first.content == html(title="Story 0").encode()
    assert first.encoding == "utf-8"


def test_warc_skips_records_that_are_not_html_pages(
    tmp_path: Path, ingest: Ingest, html: Callable[..., str], warc_bytes: WarcBytes
) -> None:
    site = "http://riverton.example"
    request_type = "application/http; msgtype=request"
    records = [
        {"url": f"{site}/logo.png", "body": b"\x89PNG\r\n", "content_type": "image/png"},
        {"url": f"{site}/gone", "body": b"<html>gone</html>", "status": "404 Not Found"},
        {"url": f"{site}/moved", "body": b"", "status": "301 Moved Permanently"},
        {"url": f"{site}/ok", "body": html().encode()},
        {
            "url": f"{site}/req",
            "body": b"GET / HTTP/1.1\r\n\r\n",
            "record_type": "request",
            "content_type": request_type,
        },
        {
            "url": f"{site}/saved",
            "body": html().encode(),
            "record_type": "resource",
            "content_type": "text/html",
        },
    ]
    (tmp_path / "mixed.warc.gz").write_bytes(warc_bytes(records, True))
    items = ingest([tmp_path / "mixed.warc.gz"])
    assert [item.url for item in items if isinstance(item, Document)] == [
        f"{site}/ok",
        f"{site}/saved",
    ]
    assert all(isinstance(item, Document) for item in items)


def test_warc_decodes_gzip_content_encoding(
    tmp_path: Path, ingest: Ingest, html: Callable[..., str], warc_bytes: WarcBytes
) -> None:
    body = gzip.compress(html().encode())
    record = {
        "url": "http://riverton.example/z",
        "body": body,
        "extra_headers": [("Content-Encoding", "gzip")],
    }
    (tmp_path / "enc.warc").write_bytes(warc_bytes([record], False))
    [document] = ingest([tmp_path / "enc.warc"])
    assert isinstance(document, Document)
    assert document.content == html().encode()


@pytest.mark.parametrize("gzipped", [True, False])
@pytest.mark.parametrize("fraction", [0.55, 0.8, 0.97])
def test_warc_truncated_keeps_good_records_then_fails(
    tmp_path: Path,
    ingest: Ingest,
    html: Callable[..., str],
    warc_bytes: WarcBytes,
    gzipped: bool,
    fraction: float,
) -> None:
    data = warc_bytes(pages(html, 4), gzipped)
    path = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
    path.write_bytes(data[: int(len(data) * fraction)])
    items = ingest([path])
    *good, failure = items
    documents = [item for item in good if isinstance(item, Document)]
    assert documents and documents == good
    assert len(documents) < 4
    assert [item.content for item in documents] == [
        html(title=f"Story {n}").encode() for n in range(len(documents))
    ]
    assert isinstance(failure, Failure)
    assert failure.source == str(path)
    assert "truncated" in failure.reason and "offset" in failure.reason


def test_warc_caps_one_page(
    tmp_path: Path, ingest: Ingest, html: Callable[..., str], warc_bytes: WarcBytes
) -> None:
    records = [
        {"url": "http://riverton.example/big", "body": html(paragraphs=("word " * 5000,)).encode()}
    ]
    records += pages(html, 1)
    (tmp_path / "big.warc.gz").write_bytes(warc_bytes(records, True))
    failure, document = ingest([tmp_path / "big.warc.gz"], max_html_bytes=10_000)
    assert isinstance(failure, Failure)
    assert "larger than 10000 bytes" in failure.reason
    assert failure.source_id is not None
    assert isinstance(document, Document)


@pytest.mark.parametrize(
    "content", [b"WARC/1.0\r\nthis is not a header block", b"\x1f\x8b\x08\x00\x00\x00\x00\x00"]
)
def test_warc_fails_on_a_broken_archive(tmp_path: Path, ingest: Ingest, content: bytes) -> None:
    (tmp_path / "broken.warc.gz").write_bytes(content)
    items = ingest([tmp_path / "broken.warc.gz"])
    assert len(items) == 1 and isinstance(items[0], Failure)
