"""The events and export commands, through CliRunner."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from click.testing import CliRunner

from newstrace.cli import main
from newstrace.events import stage
from newstrace.events.export import ACLED_COLUMNS

EVENT_KEYS = {
    "event_type", "sub_event_type", "plover", "actors", "recipients", "places", "date_start",
    "date_end", "time_precision", "fatalities", "equipment", "attribution", "status", "sentence",
    "article", "source", "source_id",
}  # fmt: skip


@pytest.fixture
def events_db(
    db: sqlite_utils.Database,
    store_article: Callable[..., int],
    geocoder: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """A store with one article of two events; the commands use the fake geocoder."""
    store_article(
        [
            "Houthi forces fired two missiles at a ship near Marib on Sunday, officials said.",
            "Thousands of protesters marched through Lagos on Monday.",
        ],
        published="2024-01-15",
    )
    monkeypatch.setattr(stage, "default_geocoder", lambda: geocoder)
    return Path(db.conn.execute("PRAGMA database_list").fetchone()[2])


def test_cli_events_nl_prints_the_documented_keys(events_db: Path) -> None:
    result = CliRunner().invoke(main, ["events", str(events_db), "--nl"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.output.splitlines()]
    assert len(events) == 2
    assert all(set(e) >= EVENT_KEYS for e in events)
    assert set(events[0]["attribution"]) == {"cue", "source", "class", "hedge"}


def test_cli_events_table_by_default(events_db: Path) -> None:
    result = CliRunner().invoke(main, ["events", str(events_db), "--silent"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 events")


def test_cli_export_csv_has_acled_columns(events_db: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(events_db), "--events", "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert list(rows[0])[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert {"attribution_class", "hedge", "attribution_source"} <= set(rows[0])
    assert rows[0]["actor1"] == "Ansar Allah"
    assert rows[0]["location"] == "Marib"


def test_cli_export_geojson_is_a_feature_collection(events_db: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(events_db), "--events", "--geojson"])
    assert result.exit_code == 0, result.output
    collection = json.loads(result.output)
    assert collection["type"] == "FeatureCollection"
    points = [f["geometry"] for f in collection["features"]]
    assert {"type": "Point", "coordinates": [45.33, 15.46]} in points


@pytest.mark.parametrize("flags", [["--csv"], ["--events"], ["--events", "--csv", "--geojson"]])
def test_cli_export_says_what_is_missing(events_db: Path, flags: list[str]) -> None:
    result = CliRunner().invoke(main, ["export", str(events_db), *flags])
    assert result.exit_code != 0
    assert "Error:" in result.output


def test_cli_events_csv_has_one_row_per_event(events_db: Path) -> None:
    result = CliRunner().invoke(main, ["events", str(events_db), "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2 and rows[0]["id"] == "1"
    assert json.loads(rows[0]["attribution"])["class"]
