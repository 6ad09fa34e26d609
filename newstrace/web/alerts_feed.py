"""The watch's alerts as an Atom feed (`/-/newstrace/alerts.atom`), newest first.

Each entry's id is derived from the alert's key, so a feed reader sees an alert once however
often the feed is fetched; its link opens the family page on the copy (the article page when
the alert has no family).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree

from datasette.utils.asgi import Request, Response

from newstrace.models.alerts import StoredAlert
from newstrace.store.alerts import list_alerts
from newstrace.store.browse import is_newstrace
from newstrace.web.security import PLUGIN_PREFIX

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 100
CONTENT_TYPE = "application/atom+xml; charset=utf-8"


def _child(parent: ElementTree.Element, tag: str, text: str | None = None, **attrs: str) -> None:
    element = ElementTree.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text


def _entry_link(stored: StoredAlert, base: str) -> str:
    alert = stored.alert
    if alert.family_id is not None:
        copy = f"?copy={alert.copy.id}" if alert.copy else ""
        return f"{base}{PLUGIN_PREFIX}/family/{alert.family_id}{copy}"
    if alert.copy is not None:
        return f"{base}{PLUGIN_PREFIX}/article/{alert.copy.id}"
    return f"{base}{PLUGIN_PREFIX}/"


def _entry(feed: ElementTree.Element, stored: StoredAlert, base: str) -> None:
    alert = stored.alert
    entry = ElementTree.SubElement(feed, "entry")
    _child(entry, "id", f"urn:newstrace:alert:{alert.digest}")
    _child(entry, "title", alert.summary)
    _child(entry, "updated", alert.raised_at)
    _child(entry, "link", href=_entry_link(stored, base), rel="alternate")
    _child(entry, "category", term=alert.kind)
    _child(entry, "content", alert.plain_text(), type="text")


def atom_feed(alerts: list[StoredAlert], base: str, name: str) -> str:
    """The Atom document of the given alerts (newest first), links under `base`."""
    feed = ElementTree.Element("feed", {"xmlns": ATOM})
    _child(feed, "id", f"urn:newstrace:alerts:{name}")
    _child(feed, "title", f"newstrace alerts: {name}")
    newest = alerts[0].alert.raised_at if alerts else datetime.now(UTC).isoformat()
    _child(feed, "updated", newest)
    _child(feed, "link", href=f"{base}{PLUGIN_PREFIX}/alerts.atom", rel="self")
    author = ElementTree.SubElement(feed, "author")
    _child(author, "name", "newstrace watch")
    for stored in alerts:
        _entry(feed, stored, base)
    body = ElementTree.tostring(feed, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"


def _read(conn: sqlite3.Connection) -> list[StoredAlert] | None:
    return list_alerts(conn, limit=FEED_ENTRIES) if is_newstrace(conn) else None


async def alerts_atom(datasette: Any, request: Request) -> Response:
    """The alerts of the served newstrace database as Atom (empty before a watch raised any)."""
    base = f"{request.scheme}://{request.host}"
    for name, database in datasette.databases.items():
        if name.startswith("_"):
            continue
        alerts = await database.execute_fn(_read)
        if alerts is not None:
            return Response(atom_feed(alerts, base, name), content_type=CONTENT_TYPE)
    return Response(atom_feed([], base, "none"), content_type=CONTENT_TYPE)
