"""Local files: walking, kind detection, gzip, size caps and the bad inputs each get a Failure."""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
import xxhash
from hypothesis import given
from hypothesis import strategies as st

from newstrace.ingest import iter_items
from newstrace.ingest.detect import kind_from_name, sniff_kind
from newstrace.ingest.files import gunzip
from newstrace.models import Document, Failure, Format
from newstrace.settings import Settings

Ingest = Callable[..., list[Document | Failure]]


def only(items: list[Document | Failure]) -> Document | Failure:
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("story.html", Format.HTML),
        ("story.htm", Format.HTML),
        ("story.xhtml", Format.HTML),
        ("story.txt", Format.TEXT),
        ("story.md", Format.MARKDOWN),
        ("story.markdown", Format.MARKDOWN),
        ("story", Format.HTML),  # no extension: sniffed from the doctype
        ("story.page", Format.HTML),
    ],
)
def test_files_detects_page_formats(
    tmp_path: Path, ingest: Ingest, html: Callable[..., str], name: str, fmt: Format
) -> None:
    content = (
        html().encode() if fmt is Format.HTML else b"# Footbridge approved\n\nThe council voted.\n"
    )
    path = tmp_path / name
    path.write_bytes(content)
    document = only(ingest([path]))
    assert isinstance(document, Document)
    assert document.format is fmt
    assert document.source == str(path)
    assert document.content == content
    assert document.content_hash == xxhash.xxh3_128_hexdigest(content)
    assert document.encoding == "utf-8"


@pytest.mark.parametrize("name", ["story.html.gz", "story.gz", "story.html"])
def test_files_reads_gzipped_pages(
    tmp_path: Path, ingest: Ingest, html: Callable[..., str], name: str
) -> None:
    # A page saved gzipped under a plain .html name is common (curl without --compressed).
    content = html().encode()
    (tmp_path / name).write_bytes(gzip.compress(content))
    document = only(ingest([tmp_path / name]))
    assert isinstance(document, Document)
    assert document.format is Format.HTML
    assert document.content == content


def test_files_walks_directories_sorted_skipping_hidden(
    tmp_path: Path, ingest: Ingest, html: Callable[..., str]
) -> None:
    for relative in ["b/two.html", "a/one.html", "a/.draft.html", ".cache/three.html", "c.txt"]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html(title=relative))
    items = ingest([tmp_path])
    assert [item.source for item in items] == [
        str(tmp_path / "a/one.html"),
        str(tmp_path / "b/two.html"),
        str(tmp_path / "c.txt"),
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n ", "empty file"),
        (gzip.compress(b""), "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary file, not a page"),
    ],
)
def test_files_fails_on_empty_or_binary_input(
    tmp_path: Path, ingest: Ingest, content: bytes, reason: str
) -> None:
    path = tmp_path / "item.bin"
    path.write_bytes(content)
    failure = only(ingest([path]))
    assert isinstance(failure, Failure)
    assert failure.source == str(path)
    assert failure.reason == reason


@pytest.mark.parametrize("name", ["page.html", "page.txt"])
def test_files_rejects_binary_content_under_a_page_name(
    tmp_path: Path, ingest: Ingest, name: str
) -> None:
    (tmp_path / name).write_bytes(b"\x00\x01\x02\x03" * 100)
    failure = only(ingest([tmp_path / name]))
    assert isinstance(failure, Failure)
    assert failure.reason == "binary file, not a page"


def test_files_keeps_invalid_utf8_and_detects_the_encoding(tmp_path: Path, ingest: Ingest) -> None:
    content = (
        '<html><head><meta charset="windows-1252"></head>'
        "<body><p>Caf\u00e9 owners in Riverton \u2014 \u201cwe are open\u201d.</p></body></html>"
    )
    path = tmp_path / "legacy.html"
    path.write_bytes(content.encode("cp1252"))
    document = only(ingest([path]))
    assert isinstance(document, Document)
    assert document.content == content.encode("cp1252")  # raw bytes, decoded later
    assert document.encoding == "cp1252"
    assert "Caf\u00e9" in document.content.decode(document.encoding or "")


def test_files_names_a_truncated_gzip(
    tmp_path: Path, ingest: Ingest, html: Callable[..., str]
) -> None:
    data = gzip.compress(html().encode() * 50)
    path = tmp_path / "cut.html.gz"
    path.write_bytes(data[: len(data) // 2])
    failure = only(ingest([path]))
    assert isinstance(failure, Failure)
    assert "truncated gzip" in failure.reason


def test_files_refuses_a_decompression_bomb(tmp_path: Path, ingest: Ingest) -> None:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = bytes(1 << 20)
    bomb = b"".join(compressor.compress(chunk) for _ in range(64)) + compressor.flush()
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(bomb)
    assert path.stat().st_size < 100_000
    failure = only(ingest([path], max_decompressed_bytes=10_000_000))
    assert isinstance(failure, Failure)
    assert "decompresses to more than 10000000 bytes" in failure.reason
    assert "decompression bomb" in failure.reason


@pytest.mark.slow
@pytest.mark.parametrize(("limit", "ingested"), [(40_000_000, False), (60_000_000, True)])
def test_files_caps_one_html_page(
    tmp_path: Path, ingest: Ingest, limit: int, ingested: bool
) -> None:
    paragraph = b"<p>" + b"The canal footbridge debate went on into the night. " * 20 + b"</p>\n"
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.write(b"<!DOCTYPE html><html><body>")
        for _ in range(50_000_000 // len(paragraph)):
            handle.write(paragraph)
        handle.write(b"</body></html>")
    item = only(ingest([path], max_html_bytes=limit))
    assert isinstance(item, Document) is ingested
    if isinstance(item, Failure):
        assert item.reason == "larger than 40000000 bytes (max_html_bytes)"


def test_files_caps_any_file_read_whole(tmp_path: Path, ingest: Ingest) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("A long note about the ferry timetable.\n" * 100)
    failure = only(ingest([path], max_file_bytes=1000))
    assert isinstance(failure, Failure)
    assert failure.reason == "larger than 1000 bytes (max_file_bytes)"


@pytest.mark.parametrize("missing", ["nowhere.html", "nowhere"])
def test_files_names_a_missing_path(tmp_path: Path, ingest: Ingest, missing: str) -> None:
    failure = only(ingest([tmp_path / missing]))
    assert isinstance(failure, Failure)
    assert failure.reason == "no such file or directory"


def test_files_continues_after_a_bad_file(
    tmp_path: Path, ingest: Ingest, html: Callable[..., str]
) -> None:
    (tmp_path / "1.html").write_text(html())
    (tmp_path / "2.html").write_bytes(b"")
    (tmp_path / "3.html.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    (tmp_path / "4.html").write_text(html(title="Second story"))
    items = ingest([tmp_path])
    assert [type(item).__name__ for item in items] == ["Document", "Failure", "Failure", "Document"]


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>', "feed"),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "feed"),
        (b"<!-- saved --><html lang='en'><body></body></html>", "html"),
        (b"\xef\xbb\xbf<!doctype html><html></html>", "html"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        (b'[{"text": "a"}]', "json"),
        (b"Plain words about the ferry.", None),
    ],
)
def test_files_sniffs_content(content: bytes, kind: str | None) -> None:
    assert sniff_kind(content) == kind


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.HTML", ("html", False)),
        ("a.warc.gz", ("warc", True)),
        ("a.arc.gz", ("warc", True)),
        ("a.ndjson", ("jsonl", False)),
        ("a.atom", ("xml", False)),
        ("a.tar", (None, False)),
        ("README", (None, False)),
    ],
)
def test_files_reads_kind_from_name(name: str, expected: tuple[str | None, bool]) -> None:
    assert kind_from_name(name) == expected


def test_files_fails_on_xml_that_is_not_a_feed(tmp_path: Path, ingest: Ingest) -> None:
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><settings><port>80</port></settings>')
    failure = only(ingest([path]))
    assert isinstance(failure, Failure)
    assert "neither an RSS/Atom feed nor an HTML page" in failure.reason


@pytest.mark.parametrize(
    ("fmt", "expected"), [("text", Format.TEXT), ("markdown", Format.MARKDOWN)]
)
def test_files_obeys_a_forced_format(
    tmp_path: Path, ingest: Ingest, html: Callable[..., str], fmt: str, expected: Format
) -> None:
    path = tmp_path / "page.html"
    path.write_text(html())
    document = only(ingest([path], fmt=fmt))
    assert isinstance(document, Document)
    assert document.format is expected


@pytest.mark.parametrize("fmt", ["pdf"])
def test_files_rejects_an_unknown_forced_format(fmt: str) -> None:
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        iter_items(["x"], Settings(), fmt=fmt)


def test_files_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, ingest: Ingest, html: Callable[..., str]
) -> None:
    class FakeStdin:
        buffer = io.BytesIO(html().encode())

    monkeypatch.setattr("sys.stdin", FakeStdin)
    document = only(ingest(["-"]))
    assert isinstance(document, Document)
    assert (document.source, document.format) == ("-", Format.HTML)


@given(st.binary(max_size=2000))
def test_files_gunzip_never_raises(data: bytes) -> None:
    content, problem = gunzip(b"\x1f\x8b" + data, 10_000)
    assert problem is not None or len(content) <= 10_000


@given(st.binary(max_size=500))
def test_files_sniff_never_raises(data: bytes) -> None:
    assert sniff_kind(data) in {None, "html", "feed", "warc", "json", "jsonl"}
