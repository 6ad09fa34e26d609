"""Event commands: read conflict events from the stored articles, list them, export them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newstrace.cli import render
from newstrace.cli.options import open_store, settings_from

_config_option = click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TOML file with a [newstrace] table of settings.",
)
_db_argument = click.argument("db", type=click.Path(exists=True, dir_okay=False))


def _run(db: str, config: Path | None, silent: bool) -> Any:
    """Open the store and read the events of articles not processed yet."""
    from newstrace.events.stage import run_events

    store = open_store(db)
    summary = run_events(store, settings_from(config))
    if not silent:
        Console(stderr=True, highlight=False).print(
            Text(
                f"articles read: {summary.articles}  new events: {summary.events}  "
                f"found again in copies: {summary.linked}  corroborated: {summary.corroborations}"
            )
        )
    return store


@click.command(name="events")
@_db_argument
@click.option("--nl", is_flag=True, help="One JSON object per event per line.")
@click.option("--json", "as_json", is_flag=True, help="A JSON array of event objects.")
@click.option("--silent", is_flag=True, help="No run summary on stderr.")
@_config_option
def events_command(db: str, nl: bool, as_json: bool, silent: bool, config: Path | None) -> None:
    """Read conflict events from the articles' bodies and list them.

    Incremental: only articles not read before are processed; a re-run changes nothing.

    Example: newstrace events news.db --nl
    """
    from newstrace.store.events import iter_events

    events = iter_events(_run(db, config, silent or nl or as_json).conn)
    if nl:
        render.write_nl(events, sys.stdout)
    elif as_json:
        render.write_json(events, sys.stdout)
    else:
        render.print_view(_events_table(list(events)))


def _events_table(events: list[dict[str, Any]]) -> Table:
    table = Table(header_style="bold", title=f"{len(events)} events", title_justify="left")
    for column in (
        "id",
        "date",
        "event",
        "actors → recipients",
        "places",
        "deaths",
        "source",
        "status",
        "families",
    ):
        table.add_column(column, overflow="fold")
    for event in events:
        attribution = event["attribution"]
        source = attribution["class"] + (
            f": {attribution['source']}" if attribution["source"] else ""
        )
        source += f" ({attribution['hedge']})" if attribution["hedge"] else ""
        parties = ", ".join(event["actors"]) + (
            " → " + ", ".join(event["recipients"]) if event["recipients"] else ""
        )
        table.add_row(
            str(event["id"]),
            Text(_dates(event)),
            Text(f"{event['event_type']} / {event['sub_event_type']}"),
            Text(parties),
            Text(", ".join(p["name"] for p in event["places"]) or "—"),
            str((event["fatalities"] or {}).get("best", "")),
            Text(source),
            event["status"],
            str(event["corroborating_families"]),
        )
    return table


def _dates(event: dict[str, Any]) -> str:
    start, end = event["date_start"], event["date_end"]
    if not start:
        return "—"
    return start if start == end else f"{start} – {end}"


@click.command(name="export")
@_db_argument
@click.option("--events", "what", flag_value="events", help="Export the conflict events.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV with ACLED's column names.")
@click.option("--geojson", is_flag=True, help="GeoJSON FeatureCollection of the events' places.")
@_config_option
def export_command(
    db: str, what: str | None, as_csv: bool, geojson: bool, config: Path | None
) -> None:
    """Export stored data for other tools (events: ACLED-style CSV or GeoJSON).

    Example: newstrace export news.db --events --csv > events.csv
    """
    from newstrace.events.export import write_csv, write_geojson
    from newstrace.store.events import iter_events

    if what != "events":
        raise click.ClickException("say what to export, e.g.: newstrace export DB --events --csv")
    if as_csv == geojson:
        raise click.ClickException("choose one format: --csv or --geojson")
    events = iter_events(_run(db, config, silent=True).conn)
    (write_csv if as_csv else write_geojson)(events, sys.stdout)
