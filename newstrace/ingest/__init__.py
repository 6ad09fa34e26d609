"""Ingest: turn paths and URLs into a stream of Documents, with a Failure for every bad item."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from newstrace.ingest.base import KINDS, Context, Item, guarded
from newstrace.ingest.files import iter_path
from newstrace.ingest.mapping import FIELD_NAMES, check_mapping, parse_mapping
from newstrace.ingest.web import Fetcher, is_url
from newstrace.models import Document, Failure
from newstrace.settings import Settings

__all__ = ["FIELD_NAMES", "KINDS", "Document", "Failure", "iter_items", "parse_mapping"]


def iter_items(
    inputs: Sequence[str],
    settings: Settings,
    mapping: Mapping[str, str] | None = None,
    fmt: str | None = None,
    outlet: str | None = None,
) -> Iterator[Document | Failure]:
    """Documents from files, directories, "-" (stdin) and http(s) URLs; a Failure for each bad item.

    Raises ValueError at once for an unknown fmt or a mapping naming unknown fields.
    """
    if fmt is not None and fmt not in KINDS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(sorted(KINDS))}")
    checked = check_mapping(mapping) if mapping else None
    return _iter_items(inputs, settings, checked, fmt, outlet)


def _iter_items(
    inputs: Sequence[str],
    settings: Settings,
    mapping: Mapping[str, str] | None,
    kind: str | None,
    outlet: str | None,
) -> Iterator[Item]:
    with Fetcher(settings) as fetcher:
        fetch_page = fetcher.fetch_page if settings.fetch_linked_pages else None
        context = Context(settings, mapping, outlet, kind, fetch_page)
        for source in inputs:
            items = (
                fetcher.iter_url(source, context) if is_url(source) else iter_path(source, context)
            )
            yield from guarded(source, items)
