"""The watch's status page: every source polled, the latest cycles and page versions.

It reads the store only (store/watch.py), never the watch itself: the page shows what the
last cycles of `newstrace watch` recorded in the database Datasette serves.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from datasette.utils.asgi import Request, Response

from newstrace.store import browse
from newstrace.store import watch as store
from newstrace.web import security

LATEST_CYCLES = 10
LATEST_VERSIONS = 20


def watch_context(conn: sqlite3.Connection) -> dict[str, Any]:
    """What the page shows: sources, the latest cycles and versions (empty before any cycle)."""
    if not store.is_watched(conn):
        return {"watched": False, "sources": [], "cycles": [], "versions": []}
    return {
        "watched": True,
        "sources": [state.to_json() for state in store.all_sources(conn)],
        "cycles": store.last_cycles(conn, LATEST_CYCLES),
        "versions": [
            {**version.to_json(), "change_kinds": sorted({c.kind for c in version.changes})}
            for version in store.recent_versions(conn, LATEST_VERSIONS)
        ],
    }


def _newstrace_database(datasette: Any) -> str | None:
    """The first attached database holding newstrace's tables (as the plugin finds it)."""
    for name, database in datasette.databases.items():
        path = getattr(database, "path", None)
        if not name.startswith("_") and path and browse.is_newstrace_file(path):
            return str(name)
    return None


async def watch_page(datasette: Any, request: Request) -> Response:
    """The watch's status: sources with last fetch, status, new items, errors and next due."""
    name = _newstrace_database(datasette)
    context: dict[str, Any] = {"watched": False, "sources": [], "cycles": [], "versions": []}
    if name is not None:
        context = await datasette.get_database(name).execute_fn(watch_context)
    context = {
        **context,
        "db": name,
        "prefix": security.PLUGIN_PREFIX,
        "static": lambda path: datasette.urls.static_plugins("newstrace", path),
        "safe_href": security.safe_href,
    }
    html = await datasette.render_template("newstrace/watch.html", context, request=request)
    return Response.html(html)
