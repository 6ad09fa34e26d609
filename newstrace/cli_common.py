"""What the command modules share: settings from flags, opening a store, the table mapping."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import sqlite_utils

from newstrace.ingest import parse_mapping
from newstrace.settings import Settings, load_settings
from newstrace.store import connect


def settings_from(config: Path | None, **overrides: Any) -> Settings:
    """Settings from a TOML file, the environment and flags; a bad value is a user error."""
    try:
        return load_settings(config, **overrides)
    except (ValueError, OSError) as error:
        raise click.ClickException(f"bad settings: {error}") from error


def mapping_option(spec: str | None) -> dict[str, str] | None:
    """The --map option parsed, or None when not given."""
    try:
        return parse_mapping(spec) if spec else None
    except ValueError as error:
        raise click.ClickException(f"bad --map: {error}") from error


def open_store(db_path: str, create: bool = False) -> sqlite_utils.Database:
    """Open a newstrace file, saying what to do when it is missing or unreadable."""
    try:
        return connect(db_path, create=create)
    except FileNotFoundError as error:
        raise click.ClickException(
            f"{error}; create it with: newstrace ingest {db_path} PATH"
        ) from error
    except Exception as error:
        raise click.ClickException(f"cannot open {db_path}: {error}") from error
