"""The plugin's own state: which database it serves, kept beside Datasette, not on it."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import sqlite_utils
from datasette.app import Datasette

from newstrace.web import plugin


def test_web_plugin_finds_its_database_without_touching_datasette(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    other = tmp_path / "other.db"
    sqlite_utils.Database(other).table("notes").insert({"text": "not newstrace"})

    async def serve() -> tuple[Datasette, int, object]:
        datasette = Datasette([str(other), path])
        await datasette.invoke_startup()
        response = await datasette.client.get("/-/newstrace/events.json")
        return datasette, response.status_code, response.json()

    # A thread of its own: the browser tests leave an event loop running in this one.
    with ThreadPoolExecutor(1) as pool:
        datasette, status, data = pool.submit(asyncio.run, serve()).result()
    assert (status, data) == (200, {"events": [], "total": 0})
    assert plugin.served_database(datasette) == "news"
    assert not hasattr(datasette, "_newstrace_db")
