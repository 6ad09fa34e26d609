"""Which kind of input a file holds: by its name first, then by its first bytes."""

from __future__ import annotations

import re

from newstrace.ingest.base import is_binary

GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 4096

# "xml" is not a kind: an .xml/.rss/.atom file is read as whatever its content sniffs as.
_SUFFIX_KINDS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".warc": "warc",
    ".arc": "warc",
    ".xml": "xml",
    ".rss": "xml",
    ".atom": "xml",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
}
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "rdf"})
_HTML_TAGS = re.compile(r"<(?:html|head|body|div|p|article|title|meta)[\s>/]")
_FIRST_ELEMENT = re.compile(r"<([a-z][\w:.-]*)")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def kind_from_name(name: str) -> tuple[str | None, bool]:
    """The kind a file name announces ("xml": sniff for a feed; None: unknown), and if gzipped."""
    lower = name.lower()
    gzipped = lower.endswith(".gz")
    if gzipped:
        lower = lower[:-3]
    dot = lower.rfind(".")
    return (_SUFFIX_KINDS.get(lower[dot:]) if dot > 0 else None), gzipped


def _head_text(head: bytes) -> str:
    """The first bytes as lower-case text, enough to recognise markup in any common encoding."""
    sample = head[:SNIFF_BYTES]
    if sample.startswith(_BOMS[1:]):
        return sample.decode("utf-16", errors="ignore").lower().lstrip()
    return sample.removeprefix(_BOMS[0]).decode("latin-1").lower().lstrip()


def _sniff_json(text: str) -> str:
    """JSON Lines when the first line is a whole object and another object follows, else JSON."""
    first, _newline, rest = text.partition("\n")
    if first.rstrip().endswith("}") and rest.lstrip().startswith("{"):
        return "jsonl"
    return "json"


def sniff_kind(head: bytes) -> str | None:
    """The kind the first bytes of a file reveal, or None when they look like plain text."""
    text = _head_text(head)
    if text.startswith(("warc/1.", "warc/0.", "filedesc://")):
        return "warc"
    if text.startswith(("[", "{")):
        return _sniff_json(text)
    if not text.startswith("<"):
        return None
    if text.startswith("<!doctype html"):
        return "html"
    first = _FIRST_ELEMENT.search(text)
    name = first.group(1) if first else ""
    if name in _FEED_ROOTS:
        return "feed"
    if name == "html":
        return "html"
    return "html" if _HTML_TAGS.search(text) else None


def resolve_kind(named: str | None, data: bytes) -> str | None:
    """The kind of data whose name did not settle it: sniffed, else plain text unless binary."""
    sniffed = sniff_kind(data)
    if named == "xml":
        return sniffed if sniffed in ("feed", "html") else None
    if sniffed is not None:
        return sniffed
    return None if is_binary(data) else "text"
