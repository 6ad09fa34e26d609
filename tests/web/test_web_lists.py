"""List pages a page at a time, and JSON answers that follow the store as it changes."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from newstrace.store import connect, transaction
from newstrace.web.lists import PAGE_ROWS, outlet_page

EDGE_SQL = (
    "INSERT INTO outlet_edges (source, target, copies, verbatim_share, median_lag_hours,"
    " attribution_rate) VALUES (?, ?, ?, 0.9, 2.0, 0.5)"
)


@pytest.fixture
def wire_db(tmp_path: Path) -> Path:
    """A store whose one wire outlet is republished by 120 outlets (one copy each)."""
    path = tmp_path / "wire.db"
    db = connect(path)
    with transaction(db) as conn:
        conn.execute("INSERT INTO outlets (name, domain) VALUES ('Wire', 'wire.example')")
        conn.executemany(EDGE_SQL, [("Wire", f"Paper {i:03d}", 1) for i in range(120)])
    db.conn.close()
    return path


@pytest.mark.parametrize(("page", "shown"), [(1, PAGE_ROWS), (3, 20)])
def test_web_outlet_page_pages_the_outlets_republishing_it(
    wire_db: Path, page: int, shown: int
) -> None:
    context = outlet_page(connect(wire_db).conn, "Wire", page)
    assert context is not None
    assert (context["page"], context["pages"]) == (page, 3)
    assert len(context["republished_by"]) == shown
    assert context["edge_counts"]["republished_by"] == 120


def _get(datasette: Any, url: str) -> Any:
    response = asyncio.run(datasette.client.get(url))
    assert response.status_code == 200
    return json.loads(response.text)


@pytest.mark.parametrize("url", ["/-/newstrace/network.json?min_copies=1"])
def test_web_network_json_follows_a_write_to_the_store(wire_db: Path, url: str) -> None:
    from datasette.app import Datasette

    datasette = Datasette([str(wire_db)])
    asyncio.run(datasette.invoke_startup())
    first = _get(datasette, url)
    assert len(first["edges"]) == 120 and _get(datasette, url) == first
    db = connect(wire_db)
    with transaction(db) as conn:
        conn.execute(EDGE_SQL, ("Wire", "Late Paper", 4))
    db.conn.close()
    after = _get(datasette, url)
    assert len(after["edges"]) == 121 and after["edges"][0]["target"] == "Late Paper"


EVENT_SQL = (
    "INSERT INTO events (article_id, event_key, event_type, sub_event_type, disorder_type,"
    " plover, status, attribution_class, sentence, trigger, extracted_at, date_start, date_end)"
    " VALUES (1, ?, 'Protests', 'Peaceful protest', 'Demonstrations', 'PROTEST', 'reported',"
    " 'unattributed', 'Crowds marched.', 'marched', '2024-01-01', ?, ?)"
)


@pytest.mark.parametrize("days", [("2001-03-01", "2003-05-01")])
def test_web_events_timeline_follows_new_events(tmp_path: Path, days: tuple[str, str]) -> None:
    from newstrace.web.events_view import events_page

    db = connect(tmp_path / "events.db")
    with transaction(db) as conn:
        conn.execute("INSERT INTO outlets (name) VALUES ('Paper')")
        conn.execute(
            "INSERT INTO documents (id, source, format, content_hash, ingested_at)"
            " VALUES (1, 'a.txt', 'text', 'h1', '2024-01-01')"
        )
        conn.execute(
            "INSERT INTO articles (id, document_id, outlet_id, body) VALUES (1, 1, 1, 'x')"
        )
        conn.executemany(EVENT_SQL, [(f"k{i}", day, day) for i, day in enumerate(days)])
    filters = {"event_type": ""}
    first = events_page(db.conn, filters, 1)["axis"]
    assert events_page(db.conn, filters, 1)["axis"] == first
    with transaction(db) as conn:
        conn.execute(EVENT_SQL, ("k9", "2010-07-01", "2010-07-01"))
    later = events_page(db.conn, filters, 1)
    assert later["total"] == 3 and later["axis"] != first
    assert max(bar.label for bar in later["axis"].bars) >= "2010"
