"""The list pages, a page at a time: links with their kinds, outlets with their attributes, one
outlet's articles and families, search results. Each returns its template's context."""

from __future__ import annotations

import sqlite3
from typing import Any, TypeVar
from urllib.parse import urlencode

from datasette.utils.asgi import Request

from newstrace.store import browse
from newstrace.store import outlets as outlet_store
from newstrace.store.outlets import outlet_summaries
from newstrace.web.network_view import outlet_edges_of

PAGE_ROWS = 50  # rows of a list page
LINK_KINDS = ("republication", "shared quotation", "boilerplate")
T = TypeVar("T")


def page_count(total: int, size: int = PAGE_ROWS) -> int:
    """How many pages `total` rows fill (at least one)."""
    return max(1, -(-total // size))


def clamp(page: int, pages: int) -> int:
    """A requested page number within 1..pages."""
    return min(max(1, page), pages)


def page_of(rows: list[T], page: int, size: int = PAGE_ROWS) -> tuple[list[T], int, int]:
    """The rows of one page of a list already read, that page's number (clamped) and the
    number of pages."""
    pages = page_count(len(rows), size)
    page = clamp(page, pages)
    return rows[(page - 1) * size : page * size], page, pages


def links_page(conn: sqlite3.Connection, kind: str | None, page: int) -> dict[str, Any]:
    """A page of the cross-outlet links of one kind (or every kind), longest first."""
    counts = browse.link_kind_counts(conn)
    kind = kind if kind in LINK_KINDS else None
    total = counts.get(kind, 0) if kind else sum(counts.values())
    pages = page_count(total)
    page = clamp(page, pages)
    rows = browse.link_rows(conn, kind, PAGE_ROWS, (page - 1) * PAGE_ROWS)
    return {
        "kind": kind, "kinds": LINK_KINDS, "counts": counts, "total": total,
        "links": rows, "page": page, "pages": pages,
    }  # fmt: skip


def _attribute_filter(filters: dict[str, str]) -> tuple[str, str] | None:
    key, value = (filters.get("key") or "").strip().lower(), (filters.get("value") or "").strip()
    return (key, value) if key and value else None


def outlets_page(conn: sqlite3.Connection, filters: dict[str, str], page: int) -> dict[str, Any]:
    """A page of the outlets, most articles first, optionally those with one attribute value."""
    every = outlet_summaries(conn)
    outlets = sorted(every, key=lambda o: (-o.articles, o.name))
    wanted = _attribute_filter(filters)
    if wanted:
        key, value = wanted
        outlets = [o for o in outlets if o.attributes.get(key, "").lower() == value.lower()]
    keys = sorted({key for o in every for key in o.attributes})
    pages = page_count(len(outlets))
    page = clamp(page, pages)
    shown = outlets[(page - 1) * PAGE_ROWS : page * PAGE_ROWS]
    return {
        "outlets": [o.to_json() for o in shown], "total": len(outlets), "keys": keys,
        "filters": filters, "page": page, "pages": pages,
    }  # fmt: skip


def outlet_page(conn: sqlite3.Connection, name: str, page: int) -> dict[str, Any] | None:
    """One outlet: attributes, a page of its articles, of the families it originated, of the
    outlets it republishes and of those republishing it; None when the name is unknown."""
    row = browse.outlet_row(conn, name)
    edges = outlet_edges_of(conn, name)
    if row is None and not edges["republishes_from"] and not edges["republished_by"]:
        return None
    counts = outlet_store.outlet_counts(conn, name)
    longest = max(counts["articles"], counts["originated"], *map(len, edges.values()))
    pages = page_count(longest)
    page = clamp(page, pages)
    offset = (page - 1) * PAGE_ROWS
    summary = next(iter(outlet_summaries(conn, name)), None)
    shown = {side: found[offset : offset + PAGE_ROWS] for side, found in edges.items()}
    return {
        "name": name,
        "outlet": row,
        "attributes": summary.attributes if summary else {},
        "aliases": summary.aliases if summary else (),
        "counts": counts,
        "articles": browse.outlet_articles(conn, name, PAGE_ROWS, offset),
        "originated": browse.originated_families(conn, name, PAGE_ROWS, offset),
        "edge_counts": {side: len(found) for side, found in edges.items()},
        "page": page,
        "pages": pages,
        **shown,
    }


def search_page(conn: sqlite3.Connection, fts_query: str, page: int) -> dict[str, Any]:
    """A page of full-text search results (one more row is read to know if a next page exists)."""
    page = max(1, page)
    rows = browse.search_articles(conn, fts_query, PAGE_ROWS + 1, (page - 1) * PAGE_ROWS)
    more = len(rows) > PAGE_ROWS
    return {"results": rows[:PAGE_ROWS], "page": page, "pages": page + 1 if more else page}


def page_links(request: Request, page: int, pages: int) -> dict[str, Any]:
    """The pager of a list page: its page, the count, and the links to the pages beside it,
    keeping every other argument of the request."""

    def url(number: int) -> str:
        args = [(k, v) for k in request.args if k != "page" for v in request.args.getlist(k)]
        args.append(("page", str(number)))
        return f"{request.path}?{urlencode(args)}"

    return {
        "page": page,
        "pages": pages,
        "previous": url(page - 1) if page > 1 else None,
        "next": url(page + 1) if page < pages else None,
        "first": url(1) if page > 2 else None,
        "last": url(pages) if page < pages - 1 else None,
    }


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet as (text, matched) pieces, so the page escapes every piece."""
    parts: list[tuple[str, bool]] = []
    for chunk in snippet.split(browse.SEARCH_MARK_START):
        matched, _, rest = chunk.rpartition(browse.SEARCH_MARK_END)
        if matched:
            parts.append((matched, True))
        if rest:
            parts.append((rest, False))
    return parts
