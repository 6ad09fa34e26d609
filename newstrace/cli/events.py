"""Event commands: read conflict events from the stored articles, list them, export them."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newstrace.cli import options, render
from newstrace.cli.options import Output, config_option, db_argument, output_options
from newstrace.models.events import StoredEvent, unique_names


def _run(db: str, config: Path | None, silent: bool, bar: bool = True) -> Any:
    """Open the store and read the events of articles not processed yet: a bar and the closing
    stage time on stderr unless `bar` is off, the counts unless `silent`."""
    from newstrace import progress
    from newstrace.events.stage import run_events

    store = options.open_store(db)
    counted = [0]

    def advance(done: int, total: int) -> None:
        progress.advance(done - counted[0])
        counted[0] = done

    shown = bar and Console(stderr=True).is_terminal  # piped stderr stays clean, as before
    with progress.shown(enabled=shown), progress.stage("events", None, "articles"):
        summary = run_events(store, options.settings_from(config), progress=advance)
    if not silent:
        Console(stderr=True, highlight=False).print(
            Text(
                f"articles read: {summary.articles}  new events: {summary.events}  "
                f"found again in copies: {summary.linked}  corroborated: {summary.corroborations}"
            )
        )
    return store


@click.command(name="events")
@db_argument
@output_options("event")
@click.option("--silent", is_flag=True, help="No progress bar and no run summary on stderr.")
@config_option
@click.option("--full", is_flag=True, help="Every row, however long the table.")
def events_command(db: str, output: Output, silent: bool, config: Path | None, full: bool) -> None:
    """Read conflict events from the articles' bodies and list them.

    Incremental: only articles not read before are processed; a re-run changes nothing.

    Example: newstrace events news.db --nl
    """
    from newstrace.store.events import stored_events

    quiet = silent or output is not Output.DEFAULT
    conn = _run(db, config, quiet, bar=not silent).conn
    _say_why_empty(conn)
    events = stored_events(conn)
    if output is Output.DEFAULT:
        listed = list(events)
        table_of = partial(_events_table, total=len(listed))
        render.print_view(render.fitted(table_of, listed, "events", full))
    else:
        options.write_output((e.to_json() for e in events), output)


_COLUMNS = (
    "id",
    "date",
    "event",
    "actors → recipients",
    "places",
    "deaths",
    "source",
    "status",
    "families",
)


def _events_table(events: Sequence[StoredEvent], total: int) -> Table:
    table = Table(header_style="bold", title=f"{total} events", title_justify="left")
    for column in _COLUMNS:
        table.add_column(column, overflow="fold")
    for stored in events:
        event, attribution = stored.event, stored.event.attribution
        source = attribution.source_class + (
            f": {attribution.source}" if attribution.source else ""
        )
        source += f" ({attribution.hedge})" if attribution.hedge else ""
        recipients = unique_names(event.recipients)
        parties = ", ".join(unique_names(event.actors)) + (
            " → " + ", ".join(recipients) if recipients else ""
        )
        table.add_row(
            str(stored.id),
            Text(_dates(event.date_start, event.date_end)),
            Text(f"{event.event_type} / {event.sub_event_type}"),
            Text(parties),
            Text(", ".join(p.name for p in event.places) or "—"),
            str(event.fatalities.best if event.fatalities else ""),
            Text(source),
            event.status,
            str(stored.corroborating_families),
        )
    return table


def _dates(start: str | None, end: str | None) -> str:
    if not start:
        return "—"
    return start if start == end else f"{start} – {end}"


@click.command(name="export")
@db_argument
@click.option("--events", "what", flag_value="events", help="Export the conflict events.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV with ACLED's column names.")
@click.option("--geojson", is_flag=True, help="GeoJSON FeatureCollection of the events' places.")
@config_option
def export_command(
    db: str, what: str | None, as_csv: bool, geojson: bool, config: Path | None
) -> None:
    """Export stored data for other tools (events: ACLED-style CSV or GeoJSON).

    Example: newstrace export news.db --events --csv > events.csv
    """
    from newstrace.events.export import write_csv, write_geojson
    from newstrace.store.events import stored_events

    if what != "events":
        raise click.ClickException("say what to export, e.g.: newstrace export DB --events --csv")
    if as_csv == geojson:
        raise click.ClickException("choose one format: --csv or --geojson")
    conn = _run(db, config, silent=True, bar=False).conn
    _say_why_empty(conn)
    (write_csv if as_csv else write_geojson)(stored_events(conn), sys.stdout)


def _say_why_empty(conn: Any) -> None:
    """On stderr, why there are no events to list (nothing when there are)."""
    from newstrace.store.browse import stage_counts

    counts = stage_counts(conn)
    if counts["events"]:
        return
    if counts["articles"] == 0:
        click.echo("no events: the database holds no articles (newstrace ingest DB PATH)", err=True)
    else:
        click.echo(
            f"no events: none found in the {counts['events_read']} articles read "
            "(conflict events: attacks, battles, protests, ... with a place or a date)",
            err=True,
        )
