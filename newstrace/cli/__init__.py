"""The newstrace command line: each command is a thin call into the library.

One module per group of commands: `ingest` (ingest, extract), `articles` (articles, show), `reuse`
(trace, links, families, report), `network` (network), `events` (events, export), `geo`
(geoparse), `scale` (trace-shards, load), `run_shards` (run-shards), `outlets` (outlets),
`remove` (remove), `web` (serve), `alerts` (alerts), `watch` (watch); `options` holds what they
share. Each module is imported only when one of its commands runs (`lazy.LazyGroup`), so
`newstrace --help` and light commands start quickly.
"""

from __future__ import annotations

import click

from newstrace.cli.lazy import LazyCommand, LazyGroup

_CLI = "newstrace.cli."
COMMANDS = {
    "ingest": LazyCommand(_CLI + "ingest", "ingest_command", "Ingest pages, archives, feeds, exports and URLs into a SQLite file."),
    "extract": LazyCommand(_CLI + "ingest", "extract_command", "Extract articles without storing them and print them as JSON."),
    "articles": LazyCommand(_CLI + "articles", "articles_command", "List stored articles, all or those matching the filters."),
    "show": LazyCommand(_CLI + "articles", "show_command", "Show one article: body, boilerplate, comments and attributions apart."),
    "outlets": LazyCommand(_CLI + "outlets", "outlets_command", "List outlets with their articles, families originated and copies; describe them."),
    "remove": LazyCommand(_CLI + "remove", "remove_command", "Remove articles ingested by mistake; links, families and the network follow."),
    "trace": LazyCommand(_CLI + "reuse", "trace_command", "Find copies across outlets among the stored articles; group them, choose origins."),
    "links": LazyCommand(_CLI + "reuse", "links_command", "Print every cross-outlet link with its kind and aligned passages."),
    "families": LazyCommand(_CLI + "reuse", "families_command", "Print every copy family: origin, members, parents, evidence and changes."),
    "network": LazyCommand(_CLI + "network", "network_command", "Show which outlets republish which: copies, verbatim share, lag, attribution rate."),
    "report": LazyCommand(_CLI + "reuse", "report_command", "A report a journalist can read: where a story came from, who copied it, what changed."),
    "geoparse": LazyCommand(_CLI + "geo", "geoparse_command", 'Geocode the places in JSON lines: {"text": ..., "spans": [[start, end], ...]}.'),
    "events": LazyCommand(_CLI + "events", "events_command", "Read conflict events from the articles' bodies and list them."),
    "export": LazyCommand(_CLI + "events", "export_command", "Export stored data for other tools (events: ACLED-style CSV or GeoJSON)."),
    "trace-shards": LazyCommand(_CLI + "scale", "trace_shards_command", "Find copies among sharded JSONL or Parquet article files; write links and families as Parquet."),
    "run-shards": LazyCommand(_CLI + "run_shards", "run_shards_command", "Extract articles, read their events and find copies on Ray, one task per shard."),
    "load": LazyCommand(_CLI + "scale", "load_command", "Bring a trace-shards result (or the families you pick) into a newstrace SQLite file."),
    "serve": LazyCommand(_CLI + "web", "serve_command", "Browse a newstrace file: articles, copy families, the outlet network and events."),
    "alerts": LazyCommand(_CLI + "alerts", "alerts_command", "List the alerts a watch raised, newest first, with each delivery's state."),
    "watch": LazyCommand(_CLI + "watch", "watch_command", "Poll the sources of a watch file, ingest what is new, trace it, read its events and check the alert rules."),
}  # fmt: skip


@click.group(cls=LazyGroup, lazy=COMMANDS)
@click.version_option(package_name="newstrace")
def main() -> None:
    """Trace how news travels: extract articles, find copies across outlets, map who copies whom."""


__all__ = ["main"]
