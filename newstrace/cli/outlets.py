"""The outlets command: list outlets with what they published and originated, describe them."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from functools import partial
from pathlib import Path

import click
import sqlite_utils
from rich.table import Table
from rich.text import Text

from newstrace.cli import changes, options, render
from newstrace.cli.options import Output, config_option, db_argument, output_options
from newstrace.store import transaction
from newstrace.store.outlets import (
    NAME_KEYS,
    OutletSummary,
    find_outlet,
    find_outlet_by_domain,
    outlet_summaries,
    set_attributes,
)


def key_value(text: str, what: str = "KEY=VALUE") -> tuple[str, str]:
    """A `key=value` pair from the command line, or a usage error naming it."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise click.UsageError(f"{text!r} is not {what}")
    return key.strip().lower(), value.strip()


def _matches(outlet: OutletSummary, wanted: list[tuple[str, str]]) -> bool:
    return all(outlet.attributes.get(key, "").lower() == value.lower() for key, value in wanted)


@click.command(name="outlets")
@db_argument
@click.argument("assignments", nargs=-1, metavar="[KEY=VALUE]...")
@output_options("outlet")
@click.option("--set", "name", metavar="NAME", help="Set the KEY=VALUE attributes of this outlet.")
@click.option(
    "--load",
    "table",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A CSV of outlet attributes: a name (or domain) column and any others "
    "(country, type, reliability, bias, aliases separated by ';').",
)
@click.option(
    "--where", multiple=True, metavar="KEY=VALUE", help="Only outlets with this attribute."
)
@config_option
@click.option("--full", is_flag=True, help="Every row, however long the table.")
def outlets_command(
    db: str, assignments: tuple[str, ...], output: Output, name: str | None, table: Path | None,
    where: tuple[str, ...], config: Path | None, full: bool,
) -> None:  # fmt: skip
    """List outlets with their articles, families originated and copies; describe them.

    Attributes are free KEY=VALUE pairs (type, country, reliability, bias, ...); `domain` and
    `aliases` (names separated by ';') make other names of one outlet merge into it.

    \b
    Example: newstrace outlets news.db --set "State Voice" type=state-affiliated country=XA
    Example: newstrace outlets news.db --load outlets.csv --where type=state-affiliated
    """
    store = options.open_store(db)
    if assignments and name is None:
        raise click.UsageError("KEY=VALUE pairs need --set NAME")
    # Only merged names or a new domain change what provenance reads: then it is rebuilt.
    rebuild = _set(store, db, name, [key_value(a) for a in assignments]) if name else False
    if table is not None:
        rebuild = _load(store, table) or rebuild
    if rebuild:
        changes.say(changes.rebuild(store, options.settings_from(config)))
    if name is not None or table is not None:
        return
    wanted = [key_value(w) for w in where]
    outlets = [o for o in outlet_summaries(store.conn) if _matches(o, wanted)]
    if not outlets:
        changes.say(_nothing(db, wanted))
    if output is Output.DEFAULT:
        table_of = partial(_outlets_table, total=len(outlets))
        render.print_view(render.fitted(table_of, outlets, "outlets", full))
    else:
        options.write_output((outlet.to_json() for outlet in outlets), output)


def _nothing(db: str, wanted: list[tuple[str, str]]) -> str:
    if wanted:
        return "no outlet has " + ", ".join(f"{k}={v}" for k, v in wanted)
    return f"no outlets in {db} yet: add articles with: newstrace ingest {db} PATH"


def _set(store: sqlite_utils.Database, db: str, name: str, values: list[tuple[str, str]]) -> bool:
    """Store one outlet's attributes; whether names merged or a domain was set."""
    from newstrace.store.outlets import merge_outlets

    if not values:
        raise click.UsageError("--set NAME needs KEY=VALUE pairs, e.g. type=state-affiliated")
    with transaction(store) as conn:
        outlet_id = find_outlet(conn, name)
        if outlet_id is None:
            raise click.ClickException(
                f"no outlet {name!r} in {db}; list them with: newstrace outlets {db}"
            )
        set_attributes(conn, outlet_id, dict(values))
        merged = merge_outlets(conn)
    changes.say(f"{name}: " + ", ".join(f"{k}={v}" for k, v in values))
    if merged:
        changes.say(f"outlet names merged into it or others: {merged}")
    return bool(merged) or any(key == "domain" for key, _ in values)


def _load(store: sqlite_utils.Database, table: Path) -> bool:
    """Store a table of outlet attributes; whether names merged or a domain was set."""
    from newstrace.store.outlets import merge_outlets

    with table.open(newline="", encoding="utf-8-sig") as stream:
        rows = list(csv.DictReader(stream))
    described, unknown, domains = 0, [], False
    with transaction(store) as conn:
        for row in rows:
            values = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            label = next((values[k] for k in NAME_KEYS if values.get(k)), "")
            outlet_id = find_outlet(conn, label) if label else None
            if outlet_id is None and values.get("domain"):
                outlet_id = find_outlet_by_domain(conn, values["domain"])
            if outlet_id is None:
                unknown.append(label or values.get("domain") or "(a row with no name)")
                continue
            set_attributes(conn, outlet_id, values)
            described += 1
            domains = domains or bool(values.get("domain"))
        merged = merge_outlets(conn)
    changes.say(f"outlets described: {described}  names merged: {merged}")
    if unknown:
        shown = ", ".join(unknown[:10]) + (
            f" and {len(unknown) - 10} more" if len(unknown) > 10 else ""
        )
        changes.say(f"not in the store (skipped): {shown}")
    if not described:
        raise click.ClickException(f"no row of {table} names a stored outlet (by name or domain)")
    return bool(merged) or domains


def _outlets_table(outlets: Sequence[OutletSummary], total: int) -> Table:
    noun = "outlet" if total == 1 else "outlets"
    table = Table(header_style="bold", title=f"{total} {noun}", title_justify="left")
    for column in ("outlet", "articles", "originated", "copies made of it", "copies it made"):
        table.add_column(column, justify="left" if column == "outlet" else "right")
    table.add_column("attributes", overflow="fold")
    for outlet in outlets:
        described = ", ".join(f"{k}={v}" for k, v in outlet.attributes.items())
        table.add_row(
            Text(outlet.name),
            str(outlet.articles),
            str(outlet.families_originated),
            str(outlet.copies),
            str(outlet.republished),
            Text(described or "—"),
        )
    return table
