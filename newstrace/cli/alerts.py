"""The alerts command: what a watch's rules raised, and the state of each delivery."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import click
from rich.table import Table

from newstrace.cli import render
from newstrace.cli.options import Output, db_argument, open_store, output_options, write_output
from newstrace.models.alerts import StoredAlert
from newstrace.store.alerts import last_cycle, list_alerts
from newstrace.watch.alerts import parse_rule
from newstrace.watch.errors import ConfigError


def _deliveries(stored: StoredAlert) -> str:
    counts = Counter(delivery.state for delivery in stored.deliveries)
    return ", ".join(f"{n} {state}" for state, n in sorted(counts.items())) or "no targets"


def _alerts_table(alerts: list[StoredAlert]) -> Table:
    table = Table("id", "raised", "kind", "what", "deliveries", show_lines=False)
    for stored in alerts:
        alert = stored.alert
        table.add_row(
            str(stored.id),
            alert.raised_at[:16].replace("T", " "),
            alert.kind,
            alert.summary,
            _deliveries(stored),
        )
    return table


def _rule_key(rule: str | None, config: Path | None) -> str | None:
    """The key of the rule asked for: given as a key, or as its number in the watch file."""
    if rule is None or not rule.isdigit():
        return rule
    if config is None:
        raise click.UsageError("--rule N names the Nth [[alert]] of a watch file: give --config")
    try:
        tables = tomllib.loads(config.read_text(encoding="utf-8")).get("alert", [])
        if not 1 <= int(rule) <= len(tables):
            raise click.ClickException(f"{config} has {len(tables)} [[alert]] tables, not {rule}")
        return parse_rule(tables[int(rule) - 1], int(rule)).key
    except (tomllib.TOMLDecodeError, ConfigError) as error:
        raise click.ClickException(f"{config}: {error}") from error


@click.command(name="alerts")
@db_argument
@output_options("alert")
@click.option(
    "--rule",
    metavar="KEY|N",
    help='Only this rule\'s alerts: its key ("story:12"), or its number N in --config.',
)
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The watch's TOML file, to name a rule by its number.",
)
@click.option("--since", metavar="ISO", help="Only alerts raised at or after this date/time.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many, newest first.")
def alerts_command(
    db: str, output: Output, rule: str | None, config: Path | None, since: str | None,
    limit: int | None,
) -> None:  # fmt: skip
    """List the alerts a watch raised, newest first, with each delivery's state
    (pending, sent, failed with its error, unknown after an interrupted send).

    \b
    Example: newstrace alerts news.db
    Example: newstrace alerts news.db --rule "outlet:Riverside Tribune" --nl
    Example: newstrace alerts news.db --config watch.toml --rule 2 --since 2026-03-01
    """
    rule = _rule_key(rule, config)
    store = open_store(db)
    if last_cycle(store.conn) is None:
        raise click.ClickException(
            f"no watch has checked alerts in {db} yet; start one with:"
            f" newstrace watch {db} --config watch.toml"
        )
    alerts = list_alerts(store.conn, rule=rule, since=since, limit=limit)
    if output is Output.DEFAULT:
        if not alerts:
            click.echo("no alerts" + (f" for rule {rule}" if rule else ""), err=True)
        render.print_view(_alerts_table(alerts))
    else:
        write_output((stored.to_json() for stored in alerts), output)
