"""What the command modules share: the DB argument, --config, the output flags, opening a store.

As in sqlite-utils' CLI, every listing command takes the same `--json / --nl / --csv` flags
through `output_options`, and writes its objects with `write_output`.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from functools import wraps
from itertools import chain
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from newstrace.settings import Settings, load_settings

if TYPE_CHECKING:
    from sqlite_utils import Database

F = TypeVar("F", bound=Callable[..., Any])

db_argument = click.argument("db", type=click.Path(exists=True, dir_okay=False))
"""The store a command reads: an existing newstrace file."""

config_option = click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TOML file with a [newstrace] table of settings.",
)


class Output(StrEnum):
    """How a listing command writes its objects."""

    DEFAULT = "default"  # the command's own form: a table, or a JSON array for JSON-only listings
    JSON = "json"  # one JSON array
    NL = "nl"  # one JSON object per line
    CSV = "csv"  # a header row, then one row per object


def output_options(noun: str) -> Callable[[F], F]:
    """The `--json / --nl / --csv` flags of a listing command, passed on as `output: Output`."""

    def decorate(command: F) -> F:
        flags = [
            click.option("--csv", "as_csv", is_flag=True, help=f"CSV, one row per {noun}."),
            click.option("--nl", is_flag=True, help=f"One JSON object per {noun}, one per line."),
            click.option("--json", "as_json", is_flag=True, help=f"A JSON array of {noun}s."),
        ]
        wrapped = _chosen_output(command)
        for flag in flags:
            wrapped = flag(wrapped)
        return wrapped  # type: ignore[return-value]

    return decorate


def _chosen_output(command: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(command)  # keeps the click parameters declared below the decorator
    def run(*args: Any, as_json: bool, nl: bool, as_csv: bool, **kwargs: Any) -> Any:
        chosen = [
            o for o, on in ((Output.JSON, as_json), (Output.NL, nl), (Output.CSV, as_csv)) if on
        ]
        if len(chosen) > 1:
            raise click.UsageError("give at most one of --json, --nl and --csv")
        return command(*args, output=chosen[0] if chosen else Output.DEFAULT, **kwargs)

    return run


def write_output(
    objects: Iterable[dict[str, Any]], output: Output, out: IO[str] | None = None
) -> None:
    """JSON objects as a JSON array (JSON and DEFAULT), JSON lines, or CSV."""
    out = out or sys.stdout
    if output is Output.NL:
        write_nl(objects, out)
    elif output is Output.CSV:
        write_csv_objects(objects, out)
    else:
        write_json(objects, out)


def write_json(values: Iterable[dict[str, Any]], out: IO[str]) -> None:
    """A JSON array, streamed one object at a time."""
    out.write("[")
    for index, value in enumerate(values):
        out.write(",\n" if index else "\n")
        out.write(json.dumps(value, ensure_ascii=False))
    out.write("\n]\n")


def write_nl(values: Iterable[dict[str, Any]], out: IO[str]) -> None:
    """One JSON object per line."""
    for value in values:
        out.write(json.dumps(value, ensure_ascii=False) + "\n")


def write_csv_objects(values: Iterable[dict[str, Any]], out: IO[str]) -> None:
    """Objects as CSV: the first object's keys are the columns; lists and objects as JSON text."""
    rows: Iterator[dict[str, Any]] = iter(values)
    first = next(rows, None)
    if first is None:
        return
    writer = csv.DictWriter(out, fieldnames=list(first), extrasaction="ignore")
    writer.writeheader()
    for row in chain([first], rows):
        writer.writerow({key: _cell(value) for key, value in row.items()})


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False)
    return value


def settings_from(config: Path | None, **overrides: Any) -> Settings:
    """Settings from a TOML file, the environment and flags; a bad value is a user error."""
    try:
        return load_settings(config, **overrides)
    except (ValueError, OSError) as error:
        raise click.ClickException(f"bad settings: {error}") from error


def mapping_option(spec: str | None) -> dict[str, str] | None:
    """The --map option parsed, or None when not given."""
    from newstrace.ingest import parse_mapping  # reading sources is heavy: only when asked

    try:
        return parse_mapping(spec) if spec else None
    except ValueError as error:
        raise click.ClickException(f"bad --map: {error}") from error


def open_store(db_path: str, create: bool = False) -> Database:
    """Open a newstrace file, saying what to do when it is missing or unreadable."""
    from newstrace.store import connect

    try:
        return connect(db_path, create=create)
    except FileNotFoundError as error:
        raise click.ClickException(
            f"{error}; create it with: newstrace ingest {db_path} PATH"
        ) from error
    except Exception as error:
        raise click.ClickException(f"cannot open {db_path}: {error}") from error
