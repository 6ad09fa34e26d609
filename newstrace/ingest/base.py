"""What every reader shares: the item type, the reading context, content hashes, page documents."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO

import xxhash

from newstrace.extract.encoding import decode
from newstrace.models import Document, Failure, Format
from newstrace.settings import Settings

Item = Document | Failure
FetchPage = Callable[[str], Item]

# Input kinds: the formats a user can force, plus "tsv" (read like "csv").
PAGE_KINDS: Mapping[str, Format] = {
    "html": Format.HTML,
    "text": Format.TEXT,
    "markdown": Format.MARKDOWN,
}
TABLE_KINDS = frozenset({"jsonl", "json", "csv", "tsv"})
KINDS = frozenset({*PAGE_KINDS, "warc", "feed", *TABLE_KINDS})

BINARY_SNIFF_BYTES = 8192
READ_CHUNK_BYTES = 1 << 16
# Share of control bytes above which a file is binary rather than text in a legacy encoding.
MAX_CONTROL_BYTE_RATIO = 0.1
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b\x1b")
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True, slots=True)
class Context:
    """How to read one run's inputs: settings, table mapping, forced kind, page fetcher."""

    settings: Settings
    mapping: Mapping[str, str] | None = None
    outlet: str | None = None
    kind: str | None = None  # forced input kind, one of KINDS
    fetch_page: FetchPage | None = None  # set when feed entries without content may be fetched


def content_hash(content: bytes) -> str:
    """The content hash that deduplicates documents: xxh3-128 as hex."""
    return xxhash.xxh3_128_hexdigest(content)


def canonical_json(fields: Mapping[str, str]) -> bytes:
    """Record fields as canonical JSON bytes, so equal records always hash alike."""
    text = json.dumps(dict(fields), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def is_binary(head: bytes) -> bool:
    """Whether the first bytes of a file look binary (NUL bytes or many control bytes)."""
    sample = head[:BINARY_SNIFF_BYTES]
    if sample.startswith(_WIDE_BOMS):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROLS)
    return bool(sample) and controls / len(sample) > MAX_CONTROL_BYTE_RATIO


def page_limit(kind: str) -> str:
    """The setting that caps the size of a page of this kind (HTML or a text/Markdown dump)."""
    return "max_html_bytes" if kind == "html" else "max_text_bytes"


def page_item(
    source: str,
    kind: str,
    data: bytes,
    settings: Settings,
    url: str | None = None,
    declared: str | None = None,
) -> Item:
    """An HTML/text/Markdown Document from a page's bytes, or the Failure saying why not."""
    fmt = PAGE_KINDS[kind]
    if not data or data.isspace():
        return Failure(source, "empty file" if url is None else "empty page", None, kind)
    setting = page_limit(kind)
    limit = getattr(settings, setting)
    if len(data) > limit:
        return Failure(source, f"larger than {limit} bytes ({setting})", None, kind)
    if is_binary(data):
        return Failure(source, "binary file, not a page", None, kind)
    _text, encoding = decode(data, declared)
    return Document(source, fmt, data, content_hash(data), url=url, encoding=encoding)


def guarded(source: str, items: Iterator[Item]) -> Iterator[Item]:
    """Items of one source; an unexpected error becomes a Failure instead of ending the run."""
    try:
        yield from items
    except Exception as exc:  # the last line of defence: one bad input must not stop the rest
        yield Failure(source, f"unexpected error: {type(exc).__name__}: {exc}")


def read_capped(stream: IO[bytes], limit: int) -> bytes:
    """Up to limit + 1 bytes of a stream: enough to tell that it is over the limit."""
    parts: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(READ_CHUNK_BYTES, limit + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)
