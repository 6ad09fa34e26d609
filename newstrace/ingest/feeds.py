"""RSS/Atom feeds: each entry with its full content becomes a FEED_ENTRY Document."""

from __future__ import annotations

import calendar
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import feedparser

from newstrace.ingest.base import Context, Item, content_hash
from newstrace.models import Document, Failure, Format

# A summary this long (tags stripped) is the article itself, not a teaser.
MIN_SUMMARY_CHARS = 400
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z]")
_TAG = re.compile(r"<[^>]*>")
_NO_CONTENT = "feed entry has no content; use --fetch to fetch linked pages"


def declares_entities(data: bytes) -> bool:
    """Whether the document type declares entities, the vehicle of entity-expansion attacks."""
    if b"\x00" in data[:4]:
        data = data.replace(b"\x00", b"")  # UTF-16/32: look at the ASCII bytes alone
    # Declarations can only sit in the prolog, before the root element starts.
    root = _FIRST_ELEMENT.search(data)
    prolog = data[: root.start()] if root else data
    return _ENTITY_DECLARATION.search(prolog) is not None


def iter_feed(source: str, data: bytes, context: Context) -> Iterator[Item]:
    """One item per feed entry: a Document with its content, or a Failure saying why not."""
    if declares_entities(data):
        reason = (
            "feed declares XML entities (<!ENTITY>); refused as a possible entity-expansion attack"
        )
        yield Failure(source, reason, None, "feed")
        return
    # A stream, not bytes: feedparser would try bytes as a file name, and a string as a URL.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        yield Failure(source, _empty_reason(parsed), None, "feed")
        return
    meta = _feed_meta(parsed.feed, context.outlet)
    for position, entry in enumerate(parsed.entries, start=1):
        try:
            yield _entry_item(source, entry, position, meta, context)
        except Exception as exc:  # one malformed entry must not hide the others
            entry_id = _entry_id(entry, position)
            yield Failure(source, f"feed entry {entry_id}: {exc}", entry_id, "feed")


def _empty_reason(parsed: Any) -> str:
    if parsed.get("bozo") and not parsed.feed:
        return f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}"
    return "feed has no entries"


def _feed_meta(feed: Mapping[str, Any], outlet: str | None) -> dict[str, str]:
    meta = {"outlet": _clean(feed.get("title")) or outlet, "language": _clean(feed.get("language"))}
    return {key: value for key, value in meta.items() if value}


def _entry_item(
    source: str, entry: Any, position: int, meta: Mapping[str, str], context: Context
) -> Item:
    entry_id = _entry_id(entry, position)
    fields = {**meta, **_entry_fields(entry, entry_id)}
    html = entry_html(entry)
    if html is not None:
        content = html.encode("utf-8")
        digest = content_hash(content)
        url = fields.get("url")
        return Document(source, Format.FEED_ENTRY, content, digest, entry_id, url, fields, "utf-8")
    return _linked_page(source, entry_id, fields, context)


def _linked_page(source: str, entry_id: str, fields: dict[str, str], context: Context) -> Item:
    """The entry's linked page fetched in place of the missing content, when fetching is on."""
    link = fields.get("url")
    if context.fetch_page is None:
        return Failure(source, f"{_NO_CONTENT} (entry {entry_id})", entry_id, "feed")
    if not link:
        return Failure(
            source, f"feed entry {entry_id} has no content and no link", entry_id, "feed"
        )
    page = context.fetch_page(link)
    if isinstance(page, Failure):
        reason = f"feed entry {entry_id}: linked page {link}: {page.reason}"
        return Failure(source, reason, entry_id, page.format)
    return replace(page, source_id=entry_id, fields=fields)


def entry_html(entry: Mapping[str, Any]) -> str | None:
    """The entry's full HTML: the longest content element, else a summary long enough to be one."""
    contents = [item.get("value") or "" for item in entry.get("content") or ()]
    best = max(contents, key=len, default="")
    if best.strip():
        return best
    summary = entry.get("summary") or ""
    if len(_TAG.sub("", summary).strip()) >= MIN_SUMMARY_CHARS:
        return summary
    return None


def _entry_id(entry: Mapping[str, Any], position: int) -> str:
    return _clean(entry.get("id")) or _clean(entry.get("link")) or f"#{position}"


def _entry_fields(entry: Mapping[str, Any], entry_id: str) -> dict[str, str]:
    fields = {
        "title": _clean(entry.get("title")),
        "url": _clean(entry.get("link")),
        "published": entry_published(entry),
        "author": _clean(entry.get("author")),
        "id": entry_id,
        "language": _clean((entry.get("title_detail") or {}).get("language")),
        # Categories, one per line (a Document's fields are strings).
        "tags": "\n".join(filter(None, (_clean(t.get("term")) for t in entry.get("tags") or []))),
    }
    return {key: value for key, value in fields.items() if value}


def entry_published(entry: Mapping[str, Any]) -> str | None:
    """The entry's publication (else update) time as ISO 8601 UTC, or the raw unparsed text."""
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    return _clean(entry.get("published")) or _clean(entry.get("updated"))


def _clean(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None
