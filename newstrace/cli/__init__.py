"""The newstrace command line: each command is a thin call into the library.

One module per group of commands: `articles` (ingest, extract, articles, show), `reuse`
(trace, links, families, network, report), `events` (events, export), `geo` (geoparse),
`scale` (trace-shards, load), `run_shards` (run-shards), `outlets` (outlets), `remove` (remove) and `web` (serve); `options` holds what they share.
"""

from __future__ import annotations

import click

from newstrace.cli import (
    alerts,
    articles,
    events,
    geo,
    network,
    outlets,
    remove,
    reuse,
    run_shards,
    scale,
    watch,
    web,
)


@click.group()
@click.version_option(package_name="newstrace")
def main() -> None:
    """Trace how news travels: extract articles, find copies across outlets, map who copies whom."""


for command in (
    articles.ingest_command,
    articles.extract_command,
    articles.articles_command,
    articles.show_command,
    outlets.outlets_command,
    remove.remove_command,
    reuse.trace_command,
    reuse.links_command,
    reuse.families_command,
    network.network_command,
    reuse.report_command,
    geo.geoparse_command,
    events.events_command,
    events.export_command,
    scale.trace_shards_command,
    run_shards.run_shards_command,
    scale.load_command,
    web.serve_command,
    alerts.alerts_command,
    watch.watch_command,
):
    main.add_command(command)

__all__ = ["main"]
