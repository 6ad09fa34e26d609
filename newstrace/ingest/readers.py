"""Hand bytes of a known kind to the reader for that kind."""

from __future__ import annotations

import io
from collections.abc import Iterator

from newstrace.ingest import feeds, tables, warc
from newstrace.ingest.base import PAGE_KINDS, TABLE_KINDS, Context, Item, page_item
from newstrace.models import Failure


def iter_bytes(
    kind: str,
    source: str,
    data: bytes,
    context: Context,
    url: str | None = None,
    declared: str | None = None,
) -> Iterator[Item]:
    """Documents and Failures from the whole bytes of one input of the given kind."""
    if kind in PAGE_KINDS:
        yield page_item(source, kind, data, context.settings, url, declared)
    elif kind == "feed":
        yield from feeds.iter_feed(source, data, context)
    elif kind == "warc":
        yield from warc.iter_warc(source, io.BytesIO(data), context.settings)
    elif kind in TABLE_KINDS:
        yield from tables.iter_table(kind, source, io.BytesIO(data), context)
    else:
        yield Failure(source, f"unknown input kind {kind!r}")
