"""WARC/ARC archives: every HTML page a crawler stored with status 200 becomes an HTML Document."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from newstrace.ingest.base import Item, page_item, read_capped
from newstrace.models import Document, Failure
from newstrace.settings import Settings

TAIL_PROBE_BYTES = 1 << 16
PAGE_RECORD_TYPES = frozenset({"response", "resource"})
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def iter_warc(source: str, stream: IO[bytes], settings: Settings) -> Iterator[Item]:
    """HTML Documents from a WARC/ARC stream (gzipped or not); a Failure where it breaks off."""
    archive = ArchiveIterator(stream, arc2warc=True)
    records = iter(archive)
    while (record := _next_record(archive, records)) is not None:
        if isinstance(record, str):
            yield Failure(source, record, None, "warc")
            return
        item = _record_item(source, record, settings)
        archive.read_to_end()
        if getattr(record.raw_stream, "limit", 0) > 0:
            offset = archive.get_record_offset()
            reason = f"truncated WARC: the record at offset {offset} ends early"
            yield Failure(source, reason, None, "warc")
            return
        if item is not None:
            yield item
    tail = _unread_tail(archive, stream)
    if tail is not None:
        yield Failure(source, f"truncated WARC: unreadable data from offset {tail}", None, "warc")


def _next_record(archive: ArchiveIterator, records: Iterator[Any]) -> Any:
    """The next record, None at the end, or the reason (a str) the archive cannot be read on."""
    try:
        record = next(records)
    except StopIteration:
        return None
    except Exception as exc:  # warcio raises many types on a damaged archive
        return _break_reason(archive, exc)
    if record.rec_type is None or record.length is None:
        # Without a type and length the record framing is lost: nothing after it is reliable.
        return f"corrupt WARC: the record at offset {archive.offset} has no WARC-Type or length"
    return record


def _break_reason(archive: ArchiveIterator, exc: Exception) -> str:
    offset = archive.offset
    if offset == 0:
        return f"not a readable WARC/ARC file: {exc}"
    return f"truncated or corrupt WARC at offset {offset}: {type(exc).__name__}: {exc}"


def _unread_tail(archive: ArchiveIterator, stream: IO[bytes]) -> int | None:
    """The offset of data left after the last whole record (a cut-off gzip member), if any."""
    if not stream.seekable():
        return None
    offset = archive.offset
    stream.seek(offset)
    rest = stream.read(TAIL_PROBE_BYTES)
    return offset if rest.strip(b"\r\n\x00 ") else None


def _record_item(source: str, record: Any, settings: Settings) -> Item | None:
    """The HTML Document a record holds, a Failure for a bad one, None for non-page records."""
    content_type = _page_content_type(record)
    if content_type is None:
        return None
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        payload = read_capped(record.content_stream(), settings.max_html_bytes)
    except Exception as exc:  # bad chunking or content-encoding in one record
        return Failure(
            source, f"record {record_id}: cannot decode payload: {exc}", record_id, "html"
        )
    if len(payload) > settings.max_html_bytes:
        reason = f"record {record_id}: larger than {settings.max_html_bytes} bytes (max_html_bytes)"
        return Failure(source, reason, record_id, "html")
    charset = _CHARSET.search(content_type)
    item = page_item(source, "html", payload, settings, url, charset.group(1) if charset else None)
    if isinstance(item, Document):
        return replace(item, source_id=record_id)
    return replace(item, reason=f"record {record_id}: {item.reason}", source_id=record_id)


def _page_content_type(record: Any) -> str | None:
    """The content type of a record holding an HTML page fetched with status 200, else None."""
    if record.rec_type not in PAGE_RECORD_TYPES:
        return None
    if record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    elif record.http_headers is None or record.http_headers.get_statuscode() != "200":
        return None
    else:
        content_type = record.http_headers.get_header("Content-Type") or ""
    return content_type if content_type.lower().startswith(_HTML_TYPES) else None
