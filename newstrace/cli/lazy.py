"""A click group that imports a command's module only when that command is run or asked for
its help: `newstrace --help` and a light command do not pay for the heavy modules (trafilatura,
spaCy, numba, Ray, ...) that other commands import."""

from __future__ import annotations

import importlib
from typing import Any, NamedTuple

import click


class LazyCommand(NamedTuple):
    """Where a command lives, and the one line `newstrace --help` shows for it."""

    module: str
    attribute: str
    summary: str


class LazyGroup(click.Group):
    """A group whose commands are imported the first time they are looked up."""

    def __init__(self, *args: Any, lazy: dict[str, LazyCommand], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, the lazy ones included."""
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, its module imported now if it was not before."""
        if cmd_name in self.lazy and cmd_name not in self.commands:
            where = self.lazy[cmd_name]
            command = getattr(importlib.import_module(where.module), where.attribute)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of --help from the summaries, without importing any command."""
        rows = []
        for name in self.list_commands(ctx):
            lazy = self.lazy.get(name)
            command = None if lazy else self.get_command(ctx, name)
            summary = lazy.summary if lazy else command.get_short_help_str() if command else ""
            rows.append((name, summary))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
