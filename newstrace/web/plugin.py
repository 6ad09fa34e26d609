"""The Datasette plugin: newstrace's pages as routes, the security headers, the menu links.

Each route reads through the store's and the reuse stage's functions on Datasette's own
read connection (`execute_fn`) and renders an autoescaped template; the graph and the map get
their data as JSON from endpoints, never from inline script.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Awaitable, Callable, Hashable
from functools import partial
from typing import Any
from weakref import WeakKeyDictionary

from datasette import hookimpl
from datasette.utils import escape_fts
from datasette.utils.asgi import Request, Response

from newstrace.store import browse
from newstrace.web import lists, security
from newstrace.web.alerts_feed import alerts_atom
from newstrace.web.answers import Answers
from newstrace.web.article_view import article_page
from newstrace.web.events_view import events_data, events_page
from newstrace.web.family_view import family_page
from newstrace.web.network_view import (
    NetworkFilter,
    attribute_choices,
    network_answer,
    outlet_ranking,
)
from newstrace.web.quotes_view import quotation_page, quotations_page
from newstrace.web.watch_view import watch_page

PREFIX = security.PLUGIN_PREFIX
HOME_FAMILIES = 10
HOME_OUTLETS = 8

Asgi = Callable[..., Awaitable[None]]

# The newstrace database each running Datasette serves, found once at startup. Kept here, not
# as an attribute on Datasette's own object; weak keys let a finished server go.
_DATABASES: WeakKeyDictionary[Any, str | None] = WeakKeyDictionary()
# The graph's and the map's JSON, kept while the database is unchanged (web/answers.py).
_ANSWERS: Answers[bytes] = Answers()


def _database_name(datasette: Any) -> str | None:
    """The first attached database that holds newstrace's tables."""
    for name, database in datasette.databases.items():
        if name.startswith("_"):
            continue
        path = getattr(database, "path", None)
        if path and browse.is_newstrace_file(path):
            return str(name)
    return None


def served_database(datasette: Any) -> str | None:
    """The name of the newstrace database this Datasette serves (None when it has none)."""
    return _DATABASES.get(datasette)


async def _read(datasette: Any, fn: Callable[[sqlite3.Connection], Any]) -> Any:
    name = served_database(datasette)
    if name is None:
        return None
    return await datasette.get_database(name).execute_fn(fn)


async def _page(
    datasette: Any, request: Request, template: str, context: dict[str, Any], status: int = 200
) -> Response:
    context = {
        **context,
        "db": served_database(datasette),
        "prefix": PREFIX,
        "static": lambda path: datasette.urls.static_plugins("newstrace", path),
        "safe_href": security.safe_href,
    }
    html = await datasette.render_template(f"newstrace/{template}", context, request=request)
    return Response.html(html, status=status)


async def _missing(datasette: Any, request: Request, what: str) -> Response:
    return await _page(datasette, request, "missing.html", {"what": what}, status=404)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value not in (None, "") else default
    except ValueError:
        return default


async def home(datasette: Any, request: Request) -> Response:
    """The corpus at a glance."""

    def read(conn: sqlite3.Connection) -> dict[str, Any]:
        return {
            "counts": browse.headline_counts(conn),
            "families": browse.largest_families(conn, HOME_FAMILIES),
            **outlet_ranking(conn, HOME_OUTLETS),
        }

    context = await _read(datasette, read)
    if context is None:
        return await _missing(datasette, request, "a newstrace database")
    return await _page(datasette, request, "home.html", context)


async def article(datasette: Any, request: Request) -> Response:
    """One article: body with copied passages, boilerplate and comments apart, events."""
    article_id, wanted = int(request.url_vars["id"]), _int(request.args.get("page"), 1)
    context = await _read(datasette, lambda conn: article_page(conn, article_id, wanted))
    if context is None:
        return await _missing(datasette, request, f"article {article_id}")
    pager = lists.page_links(request, context["counterpart_page"], context["counterpart_pages"])
    return await _page(datasette, request, "article.html", {**context, "pager": pager})


async def family(datasette: Any, request: Request) -> Response:
    """One copy family: timeline, origin evidence, side-by-side diff of a copy."""
    family_id = int(request.url_vars["id"])
    copy_id = _int(request.args.get("copy"), -1)
    wanted = _int(request.args.get("page"), 0)  # 0: the page that lists the chosen copy
    context = await _read(datasette, lambda conn: family_page(conn, family_id, copy_id, wanted))
    if context is None:
        return await _missing(datasette, request, f"family {family_id}")
    pager = lists.page_links(request, context["copy_page"], context["copy_pages"])
    return await _page(
        datasette, request, "family.html", {**context, "page": context, "pager": pager}
    )


async def _paged(
    datasette: Any,
    request: Request,
    template: str,
    read: Callable[[sqlite3.Connection], dict[str, Any] | None],
    missing: str = "a newstrace database",
) -> Response:
    """A list page: its context read from the store, with the pager of its "page" of "pages"."""
    context = await _read(datasette, read)
    if context is None:
        return await _missing(datasette, request, missing)
    pager = lists.page_links(request, context["page"], context["pages"])
    return await _page(datasette, request, template, {**context, "pager": pager})


async def outlet(datasette: Any, request: Request) -> Response:
    """One outlet: its attributes, what it originates, what it republishes and from whom."""
    name = request.args.get("name") or ""
    wanted = _int(request.args.get("page"), 1)
    return await _paged(
        datasette,
        request,
        "outlet.html",
        partial(lists.outlet_page, name=name, page=wanted),
        f"outlet {name!r}",
    )


async def outlets(datasette: Any, request: Request) -> Response:
    """Every outlet with its counts and attributes, a page at a time, filtered by attribute."""
    filters = {key: request.args.get(key, "") for key in ("key", "value")}
    wanted = _int(request.args.get("page"), 1)
    return await _paged(
        datasette,
        request,
        "outlets.html",
        partial(lists.outlets_page, filters=filters, page=wanted),
    )


async def links(datasette: Any, request: Request) -> Response:
    """Cross-outlet links with their kinds, longest first, a page at a time."""
    kind = request.args.get("kind") or None
    wanted = _int(request.args.get("page"), 1)
    return await _paged(
        datasette, request, "links.html", partial(lists.links_page, kind=kind, page=wanted)
    )


async def network_page(datasette: Any, request: Request) -> Response:
    """The interactive graph of who republishes whom, filtered and coloured by attributes."""
    choices = await _read(datasette, attribute_choices) or {}
    context = {"args": _network_args(request), "choices": choices}
    return await _page(datasette, request, "network.html", context)


def _pair(text: str | None) -> tuple[str, str] | None:
    key, sep, value = (text or "").partition("=")
    return (key.strip().lower(), value.strip()) if sep and key.strip() and value.strip() else None


def _network_args(request: Request) -> dict[str, Any]:
    return {
        "date_from": request.args.get("from") or None,
        "date_to": request.args.get("to") or None,
        "min_copies": max(1, _int(request.args.get("min_copies"), 1)),
        "origin": request.args.get("origin") or "",
        "republisher": request.args.get("republisher") or "",
        "colour": request.args.get("colour") or "",
    }


def _network_filter(args: dict[str, Any]) -> NetworkFilter:
    return NetworkFilter(
        args["date_from"], args["date_to"], args["min_copies"],
        _pair(args["origin"]), _pair(args["republisher"]),
    )  # fmt: skip


def _json(data: Any) -> Response:
    return Response(
        json.dumps(data, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )


async def _cached_json(
    datasette: Any, asked: Hashable, fn: Callable[[sqlite3.Connection], Any], empty: Any
) -> Response:
    """The JSON answer to a request, computed once per request while the store is unchanged."""
    name = served_database(datasette)
    path = getattr(datasette.get_database(name), "path", None) if name else None
    if path is None:
        return _json(empty)
    key = _ANSWERS.key(str(path), asked)
    body = _ANSWERS.get(key)
    if body is None:
        data = await _read(datasette, fn)
        # Some answers come as JSON text already (SQLite wrote them): sent as they are.
        text = (
            data
            if isinstance(data, str)
            else json.dumps(data or empty, ensure_ascii=False, default=str)
        )
        body = text.encode()
        _ANSWERS.put(key, body)
    return Response(body, content_type="application/json; charset=utf-8")


async def network_json(datasette: Any, request: Request) -> Response:
    """Nodes and edges for the graph, filtered by dates, minimum copies and attributes."""
    wanted = _network_filter(_network_args(request))
    empty: dict[str, list[Any]] = {"nodes": [], "edges": [], "attribute_keys": []}
    return await _cached_json(
        datasette, ("network", wanted), lambda conn: network_answer(conn, wanted), empty
    )


async def events(datasette: Any, request: Request) -> Response:
    """Events on a map and a timeline, with filters, listed a page at a time."""
    filters = _event_filters(request)
    wanted = _int(request.args.get("page"), 1)
    return await _paged(
        datasette, request, "events.html", partial(events_page, filters=filters, page=wanted)
    )


def _event_filters(request: Request) -> dict[str, str]:
    keys = ("event_type", "actor", "date_from", "date_to", "attribution_class", "hedge")
    return {key: request.args.get(key, "") for key in keys}


async def events_json(datasette: Any, request: Request) -> Response:
    """The filtered events with their places, for the map and the timeline."""
    filters = _event_filters(request)
    asked = ("events", tuple(sorted(filters.items())))
    empty = {"events": [], "total": 0}
    return await _cached_json(datasette, asked, lambda conn: events_data(conn, filters), empty)


async def quotations(datasette: Any, request: Request) -> Response:
    """The quotation clusters, most articles first, a page at a time, filtered by speaker."""
    speaker, wanted = request.args.get("speaker") or "", _int(request.args.get("page"), 1)
    return await _paged(
        datasette,
        request,
        "quotations.html",
        partial(quotations_page, speaker=speaker, page=wanted),
    )


async def quotation(datasette: Any, request: Request) -> Response:
    """One quotation cluster: who is quoted, the words, a page of the articles quoting them."""
    cluster_id, wanted = int(request.url_vars["id"]), _int(request.args.get("page"), 1)
    return await _paged(
        datasette,
        request,
        "quotation.html",
        partial(quotation_page, cluster_id=cluster_id, page=wanted),
        f"quotation cluster {cluster_id}",
    )


async def search(datasette: Any, request: Request) -> Response:
    """Full-text search over titles and bodies (FTS5), a page of results at a time."""
    text = (request.args.get("q") or "").strip()
    context: dict[str, Any] = {"results": [], "page": 1, "pages": 1}
    if text:
        fts_query, wanted = escape_fts(text), _int(request.args.get("page"), 1)
        found = await _read(datasette, lambda conn: lists.search_page(conn, fts_query, wanted))
        context = found or context
    for result in context["results"]:
        result["snippet_parts"] = lists.snippet_parts(result["snippet"] or "")
    pager = lists.page_links(request, context["page"], context["pages"])
    return await _page(datasette, request, "search.html", {**context, "q": text, "pager": pager})


@hookimpl
def register_routes() -> list[tuple[str, Callable[..., Any]]]:
    """newstrace's pages and their JSON endpoints, all under /-/newstrace."""
    return [
        (rf"^{PREFIX}/?$", home),
        (rf"^{PREFIX}/article/(?P<id>\d+)$", article),
        (rf"^{PREFIX}/family/(?P<id>\d+)$", family),
        (rf"^{PREFIX}/outlet$", outlet),
        (rf"^{PREFIX}/outlets$", outlets),
        (rf"^{PREFIX}/links$", links),
        (rf"^{PREFIX}/network$", network_page),
        (rf"^{PREFIX}/network\.json$", network_json),
        (rf"^{PREFIX}/events$", events),
        (rf"^{PREFIX}/events\.json$", events_json),
        (rf"^{PREFIX}/search$", search),
        (rf"^{PREFIX}/quotations$", quotations),
        (rf"^{PREFIX}/quotation/(?P<id>\d+)$", quotation),
        (rf"^{PREFIX}/watch$", watch_page),
        (rf"^{PREFIX}/alerts\.atom$", alerts_atom),
    ]


@hookimpl
def startup(datasette: Any) -> None:
    """Find the newstrace database once, when the server starts."""
    _DATABASES[datasette] = _database_name(datasette)


@hookimpl
def menu_links(datasette: Any) -> list[dict[str, str]]:
    """Links to newstrace's pages in Datasette's menu."""
    return [
        {"href": datasette.urls.path(f"{PREFIX}/"), "label": "newstrace: overview"},
        {"href": datasette.urls.path(f"{PREFIX}/network"), "label": "newstrace: network"},
        {"href": datasette.urls.path(f"{PREFIX}/outlets"), "label": "newstrace: outlets"},
        {"href": datasette.urls.path(f"{PREFIX}/links"), "label": "newstrace: links"},
        {"href": datasette.urls.path(f"{PREFIX}/events"), "label": "newstrace: events"},
    ]


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[Asgi], Asgi]:
    """Security headers on every response; '/' opens the overview under `newstrace serve`."""

    def wrap(app: Asgi) -> Asgi:
        async def wrapped(scope: dict[str, Any], receive: Asgi, send: Asgi) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            config = datasette.plugin_config("newstrace") or {}
            if scope["path"] == "/" and config.get("home"):
                await Response.redirect(f"{PREFIX}/").asgi_send(send)
                return
            policy = security.policy_for(scope["path"]).encode("ascii")

            async def send_with_headers(message: dict[str, Any]) -> None:
                if message["type"] == "http.response.start":
                    headers = [
                        h
                        for h in message.get("headers", [])
                        if h[0].lower() != b"content-security-policy"
                    ]
                    message = {
                        **message,
                        "headers": [
                            *headers,
                            (b"content-security-policy", policy),
                            *security.EXTRA_HEADERS,
                        ],
                    }
                await send(message)

            await app(scope, receive, send_with_headers)

        return wrapped

    return wrap
