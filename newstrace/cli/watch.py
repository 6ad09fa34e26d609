"""`newstrace watch`: poll feeds, sitemaps and pages, cycle after cycle, and alert on what is new."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table

from newstrace.cli.options import open_store, settings_from

if TYPE_CHECKING:
    from newstrace.watch.cycle import CycleReport

MIN_WAIT_S = 1.0  # between cycles, however soon a source is due
MAX_WAIT_S = 60.0  # the sleep is cut in pieces so the schedule follows a changed clock


@click.command(name="watch")
@click.argument("db", type=click.Path(dir_okay=False))
@click.option(
    "--config",
    "config_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TOML file with [[source]] and [[alert]] tables (and optionally [watch], [newstrace]).",
)
@click.option("--once", is_flag=True, help="Run one cycle and exit (for cron).")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Also fetch from private and loopback addresses (a local server); refused otherwise.",
)
@click.option("--silent", is_flag=True, help="No status table.")
def watch_command(
    db: str, config_path: Path, once: bool, allow_private: bool, silent: bool
) -> None:
    """Poll the sources of a watch file, ingest what is new, trace it, read its events and
    check the alert rules; again whenever a source is due, until stopped (SIGTERM, Ctrl-C).

    State lives in DB: a stopped or killed watch goes on where it was.

    Example: newstrace watch news.db --config watch.toml --once
    """
    from newstrace.watch.config import load_config
    from newstrace.watch.cycle import Watch, next_due_in
    from newstrace.watch.errors import ConfigError

    try:
        config = load_config(config_path)
    except ConfigError as exc:
        raise click.ClickException(f"{exc}") from None
    settings = settings_from(config_path, allow_private_addresses=allow_private or None)
    stop = threading.Event()
    watch = Watch(open_store(db, create=True), config, settings, stop)
    console = Console(highlight=False)
    with _stopped_by_signals(stop), closing(watch):
        while True:
            report = watch.run_cycle()
            if not silent:
                _print_report(console, report)
            if once or stop.is_set():
                break
            wait = next_due_in(report.sources, datetime.now(UTC))
            stop.wait(min(max(wait, MIN_WAIT_S), MAX_WAIT_S))
            if stop.is_set():
                break


@contextmanager
def _stopped_by_signals(stop: threading.Event) -> Iterator[None]:
    """SIGTERM and SIGINT ask the watch to stop after the current item; a second one exits."""

    def handle(number: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        click.echo("newstrace watch: stopping after the current item", err=True)

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _print_report(console: Console, report: CycleReport) -> None:
    """The status table of every source, and one line of what the cycle did."""
    table = Table(title=f"watch cycle {report.cycle}", title_justify="left")
    table.add_column("source", overflow="fold", ratio=3)
    for column in ("kind", "last fetch (UTC)", "status", "new", "errors", "next due"):
        table.add_column(column, overflow="fold", justify="right" if column == "new" else "left")
    for state in report.sources:
        failures = f"{state.failures}: {state.error}" if state.error else str(state.failures)
        table.add_row(
            state.url,
            state.kind or "",
            _short_time(state.last_fetch),
            state.status,
            str(state.new_items),
            failures,
            _short_time(state.next_due) or "now",
        )
    console.print(table)
    alerts = report.alerts
    console.print(
        f"polled {report.polled}  new items {report.new_items}  versions {report.versions}  "
        f"errors {len(report.errors)}  alerts raised {alerts.raised} sent {alerts.sent} "
        f"failed {alerts.failed}  ({report.seconds:.1f} s)"
        + ("  stopped" if report.stopped else "")
    )
    for error in report.errors:
        console.print(f"error: {error}", soft_wrap=True)
    for error in alerts.errors:
        console.print(f"alert error: {error}", soft_wrap=True)


def _short_time(value: str | None) -> str:
    """An ISO 8601 UTC time as 'MM-DD HH:MM:SS' (the table is read the day it is printed)."""
    return value[5:19].replace("T", " ") if value else ""
