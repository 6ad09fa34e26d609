"""The web command: `newstrace serve` (Datasette with the newstrace plugin in newstrace.web)."""

from __future__ import annotations

import click

from newstrace.cli.options import db_argument, open_store

DEFAULT_PORT = 8001


@click.command(name="serve")
@db_argument
@click.option(
    "--port", type=int, default=DEFAULT_PORT, show_default=True, help="Port to listen on."
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
def serve_command(db: str, port: int, host: str) -> None:
    """Browse a newstrace file: articles, copy families, the outlet network and events.

    Starts Datasette with the newstrace pages; everything is served locally, with no network.
    The overview opens at http://HOST:PORT/ (search, facets, SQL, JSON and CSV come with it).

    Example: newstrace serve news.db --port 8001
    """
    import uvicorn
    from datasette.app import Datasette

    open_store(db).conn.close()  # migrate to the current schema before serving read-only pages
    datasette = Datasette(
        [db],
        metadata={"title": "newstrace", "plugins": {"newstrace": {"home": True}}},
        settings={"sql_time_limit_ms": 5000, "facet_time_limit_ms": 500},
    )
    click.echo(f"newstrace: serving {db} at http://{host}:{port}/  (Ctrl+C stops)", err=True)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")
