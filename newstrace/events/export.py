"""Events for other tools: CSV with ACLED's column names (plus attribution), and GeoJSON."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import datetime
from typing import IO, Any

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]  # fmt: skip
OUR_COLUMNS = [
    "newstrace_id", "status", "plover", "date_start", "date_end", "fatalities_low",
    "fatalities_high", "attribution_cue", "attribution_source", "attribution_class", "hedge",
    "equipment", "corroborating_families", "articles",
]  # fmt: skip
CSV_COLUMNS = ACLED_COLUMNS + OUR_COLUMNS


def _first(values: list[Any], default: Any = "") -> Any:
    return values[0] if values else default


def _timestamp(iso: str | None) -> int | str:
    if not iso:
        return ""
    return int(datetime.fromisoformat(iso).timestamp())


def csv_row(event: dict[str, Any], outlets: str = "") -> dict[str, Any]:
    """One event as an ACLED-shaped row; the first place is the event's location."""
    place = _first(event["places"], {})
    inter1 = _first(event.get("actor_inter", []))
    inter2 = _first(event.get("recipient_inter", []))
    fatalities = event["fatalities"] or {}
    country = place.get("country") or ""
    return {
        "event_id_cnty": f"{country or 'XX'}{event['id']}",
        "event_date": event["date_start"] or "",
        "year": (event["date_start"] or "")[:4],
        "time_precision": event["time_precision"] or "",
        "disorder_type": event["disorder_type"],
        "event_type": event["event_type"],
        "sub_event_type": event["sub_event_type"],
        "actor1": _first(event["actors"]),
        "assoc_actor_1": "; ".join(event["actors"][1:]),
        "inter1": inter1,
        "actor2": _first(event["recipients"]),
        "assoc_actor_2": "; ".join(event["recipients"][1:]),
        "inter2": inter2,
        "interaction": f"{inter1 or 0}{inter2 or 0}" if inter1 != "" else "",
        "civilian_targeting": "Civilian targeting" if 7 in event.get("recipient_inter", []) else "",
        "iso": "",
        "region": "",
        "country": country,
        "admin1": "",
        "admin2": "",
        "admin3": "",
        "location": place.get("name", ""),
        "latitude": place.get("lat", ""),
        "longitude": place.get("lon", ""),
        "geo_precision": place.get("geo_precision", ""),
        "source": outlets or event["source"],
        "source_scale": "",
        "notes": event["sentence"]["text"],
        "fatalities": fatalities.get("best", 0),
        "tags": f"status={event['status']}",
        "timestamp": _timestamp(event["extracted_at"]),
        **_newstrace_columns(event, fatalities),
    }


def _newstrace_columns(event: dict[str, Any], fatalities: dict[str, Any]) -> dict[str, Any]:
    """The columns newstrace adds after ACLED's: its status, dates, attribution and links."""
    return {
        "newstrace_id": event["id"],
        "status": event["status"],
        "plover": event["plover"],
        "date_start": event["date_start"] or "",
        "date_end": event["date_end"] or "",
        "fatalities_low": fatalities.get("low", ""),
        "fatalities_high": fatalities.get("high", "") if fatalities.get("high") is not None else "",
        "attribution_cue": event["attribution"]["cue"] or "",
        "attribution_source": event["attribution"]["source"] or "",
        "attribution_class": event["attribution"]["class"],
        "hedge": event["attribution"]["hedge"] or "",
        "equipment": "; ".join(event["equipment"]),
        "corroborating_families": event["corroborating_families"],
        "articles": " ".join(str(a) for a in event["articles"]),
    }


def write_csv(events: Iterable[dict[str, Any]], out: IO[str]) -> None:
    """Events as CSV with ACLED's columns first, then newstrace's."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for event in events:
        writer.writerow(csv_row(event, event.get("outlets", "")))


def geojson(events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection with one Point per geocoded place of each event."""
    features = []
    for event in events:
        for place in event["places"]:
            if place.get("lat") is None or place.get("lon") is None:
                continue
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                    "properties": {
                        "event": event["id"],
                        "event_type": event["event_type"],
                        "sub_event_type": event["sub_event_type"],
                        "status": event["status"],
                        "date_start": event["date_start"],
                        "date_end": event["date_end"],
                        "actors": event["actors"],
                        "recipients": event["recipients"],
                        "place": place["name"],
                        "geonameid": place.get("geonameid"),
                        "country": place.get("country"),
                        "geo_precision": place.get("geo_precision"),
                        "fatalities": (event["fatalities"] or {}).get("best"),
                        "attribution": event["attribution"],
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}


def write_geojson(events: Iterable[dict[str, Any]], out: IO[str]) -> None:
    """The GeoJSON FeatureCollection of the events' places."""
    json.dump(geojson(events), out, ensure_ascii=False)
    out.write("\n")
