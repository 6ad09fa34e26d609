"""The events stage on ACLED's own coded event reports (../shared/events/acled-dev.csv).

Procedure (../shared/events/README.md): every record's `notes` is given to newstrace as an
article (JSONL with `id`, `published` = `event_date`, `text` = `notes`, no title), the events
stage runs, and the first event read from each report (the earliest sentence) is compared with
ACLED's coding. Every share is of all reports, so a report with no event counts as wrong on
every measure; fatalities are scored where ACLED records deaths. Nothing from the file is kept.
"""

from __future__ import annotations

import csv
import json
import math
import re
import tempfile
import time
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from newstrace.events.actors import COUNTRY_SUFFIXED, alias_table, normalise
from newstrace.events.stage import run_events
from newstrace.ingest import parse_mapping
from newstrace.ingest.run import IngestOptions, ingest
from newstrace.settings import Settings
from newstrace.store import connect
from newstrace.store.events import stored_events

ACLED_FILE = Path("events") / "acled-dev.csv"
ACLED_MAP = "text=text,published=published,id=id"
PLACE_RADIUS_KM = 161.0  # ACLED's own tolerance for a place's coordinates (100 miles)
MEASURES = ("found", "event_type", "sub_event_type", "actor1", "place_161km", "geo_precision",
            "date")  # fmt: skip
# Published anchor: ACLED sub-event classification, a BERT model trained on ACLED notes.
PISKORSKI_2020_MICRO_F1 = 0.94
_COUNTRY = re.compile(r"\s*\([^()]*\)$")
_PERIOD = re.compile(r"\s*\((?:\d{4})?-?(?:\d{4})?\)")  # "(2016-)", "(2012-)": a government's era


def read_records(shared: Path, limit: int | None = None) -> list[dict[str, str]]:
    """The ACLED records, in file order (the first `limit` when given)."""
    with (shared / ACLED_FILE).open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return rows[:limit] if limit else rows


def _iso(day: str) -> str:
    """ACLED's "9-May-20" as 2020-05-09."""
    return datetime.strptime(day, "%d-%b-%y").date().isoformat()


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _actor_key(name: str) -> str:
    """An actor name compared without ACLED's era suffix, through newstrace's alias table; a
    named group's country ("Islamic State (Iraq)") is dropped, a crowd's ("Protesters (Chile)")
    is part of the name."""
    bare = " ".join(_PERIOD.sub("", name).split())
    group = _COUNTRY.sub("", bare)
    if group != bare and group not in COUNTRY_SUFFIXED and group.casefold() in alias_table().forms:
        bare = group
    return normalise(bare).casefold()


def _first_events(shared: Path, rows: list[dict[str, str]]) -> tuple[dict[str, Any], float]:
    """The first event of each report, keyed by record id, and the events stage's seconds."""
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "acled.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for row in rows:
                record = {"id": row["event_id_cnty"], "published": _iso(row["event_date"]),
                          "text": row["notes"]}  # fmt: skip
                out.write(json.dumps(record) + "\n")
        db = connect(Path(scratch) / "acled.db")
        settings = Settings()
        ingest(db, [str(source)], settings, IngestOptions(parse_mapping(ACLED_MAP)))
        started = time.perf_counter()
        run_events(db, settings)
        seconds = time.perf_counter() - started
        events = [event.to_json() for event in stored_events(db.conn)]
        db.conn.close()
    first: dict[str, Any] = {}
    for event in sorted(events, key=lambda e: e["sentence"]["start"]):
        first.setdefault(event["source_id"], event)
    return first, seconds


def _checks(row: dict[str, str], event: dict[str, Any] | None) -> dict[str, bool | None]:
    """Each measure for one report: True, False, or None where it does not apply."""
    deaths = int(row["fatalities"] or 0) if (row["fatalities"] or "0").isdigit() else 0
    if event is None:
        return {**dict.fromkeys(MEASURES, False), "fatalities": False if deaths else None}
    place = event["places"][0] if event["places"] else None
    near = (
        place is not None
        and place.get("lat") is not None
        and bool(row["latitude"])
        and _km(float(row["latitude"]), float(row["longitude"]), place["lat"], place["lon"])
        <= PLACE_RADIUS_KM
    )
    actor = event["actors"][0] if event["actors"] else ""
    found_deaths = (event["fatalities"] or {}).get("best")
    return {
        "found": True,
        "event_type": event["event_type"] == row["event_type"],
        "sub_event_type": event["sub_event_type"] == row["sub_event_type"],
        "actor1": bool(actor) and _actor_key(actor) == _actor_key(row["actor1"]),
        "place_161km": near,
        "geo_precision": place is not None and str(place.get("geo_precision")) == row["geo_precision"],
        "date": event["date_start"] == _iso(row["event_date"]),
        "fatalities": (found_deaths == deaths) if deaths else None,
    }  # fmt: skip


def _shares(checks: list[dict[str, bool | None]]) -> dict[str, float]:
    shares = {}
    for measure in (*MEASURES, "fatalities"):
        values = [c[measure] for c in checks if c[measure] is not None]
        shares[measure] = round(sum(bool(v) for v in values) / len(values), 3) if values else 1.0
    return shares


def measure_acled(shared: Path, limit: int | None = None) -> dict[str, Any]:
    """Shares of ACLED reports read right, overall and per ACLED event type."""
    rows = read_records(shared, limit)
    if not rows:
        return {}
    first, seconds = _first_events(shared, rows)
    by_type: dict[str, list[dict[str, bool | None]]] = defaultdict(list)
    confusion: Counter[tuple[str, str]] = Counter()
    for row in rows:
        event = first.get(row["event_id_cnty"])
        by_type[row["event_type"]].append(_checks(row, event))
        confusion[(row["event_type"], event["event_type"] if event else "none")] += 1
    every = [c for checks in by_type.values() for c in checks]
    return {
        "reports": len(rows),
        "seconds": round(seconds, 1),
        "shares": _shares(every),
        "by_type": {name: {"reports": len(c), **_shares(c)} for name, c in sorted(by_type.items())},
        "confusion": {f"{gold} -> {ours}": n for (gold, ours), n in confusion.most_common()},
        "anchor_sub_event_micro_f1": PISKORSKI_2020_MICRO_F1,
    }


def report_lines(acled: dict[str, Any]) -> list[str]:
    """The quality page's ACLED table: every share overall and per event type, with the anchor."""
    if not acled:
        return []
    names = (*MEASURES, "fatalities")
    lines = [
        "",
        f"ACLED's own coded reports (`../shared/events/acled-dev.csv`, {acled['reports']:,} notes"
        " given as title-less articles; the first event of each compared with ACLED's coding;",
        "shares of all reports, fatalities of those where ACLED records deaths; place within"
        f" {PLACE_RADIUS_KM:.0f} km; events stage {acled['seconds']} s).",
        f"Published anchor: sub-event classification by a BERT model trained on ACLED, micro-F1"
        f" {acled['anchor_sub_event_micro_f1']:.2f} (Piskorski et al. 2020); newstrace learns"
        f" nothing from ACLED: sub-event type {acled['shares']['sub_event_type']:.3f}.",
        "",
        "| reports | n | " + " | ".join(names) + " |",
        "|---|---:|" + "---:|" * len(names),
        "| all | "
        + f"{acled['reports']:,} | "
        + " | ".join(f"{acled['shares'][m]:.3f}" for m in names)
        + " |",
    ]
    for name, shares in acled["by_type"].items():
        values = " | ".join(f"{shares[m]:.3f}" for m in names)
        lines.append(f"| {name} | {shares['reports']:,} | {values} |")
    return lines
