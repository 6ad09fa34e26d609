"""Events for other tools: CSV with ACLED's column names (plus attribution), and GeoJSON."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import datetime
from typing import IO, Any

from newstrace.models.events import Event, StoredEvent, unique_names
from newstrace.models.places import Place

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


def _location(place: Place | None) -> dict[str, Any]:
    """ACLED's location columns of an event's first place (blank without one)."""
    if place is None:
        return {"country": "", "location": "", "latitude": "", "longitude": "", "geo_precision": ""}
    return {
        "country": place.country or "",
        "location": place.name,
        "latitude": place.lat,
        "longitude": place.lon,
        "geo_precision": place.geo_precision,
    }


def _parties(event: Event) -> dict[str, Any]:
    """ACLED's actor columns: the first actor and recipient, the rest associated."""
    actors, recipients = unique_names(event.actors), unique_names(event.recipients)
    inter1 = _first([a.inter for a in event.actors])
    inter2 = _first([a.inter for a in event.recipients])
    return {
        "actor1": _first(actors),
        "assoc_actor_1": "; ".join(actors[1:]),
        "inter1": inter1,
        "actor2": _first(recipients),
        "assoc_actor_2": "; ".join(recipients[1:]),
        "inter2": inter2,
        "interaction": f"{inter1 or 0}{inter2 or 0}" if inter1 != "" else "",
        "civilian_targeting": (
            "Civilian targeting" if any(a.inter == 7 for a in event.recipients) else ""
        ),
    }


def csv_row(stored: StoredEvent) -> dict[str, Any]:
    """One event as an ACLED-shaped row; the first place is the event's location."""
    event = stored.event
    location = _location(_first(list(event.places), None))
    return {
        "event_id_cnty": f"{location['country'] or 'XX'}{stored.id}",
        "event_date": event.date_start or "",
        "year": (event.date_start or "")[:4],
        "time_precision": event.time_precision or "",
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        **_parties(event),
        "iso": "",
        "region": "",
        "country": location["country"],
        "admin1": "",
        "admin2": "",
        "admin3": "",
        "location": location["location"],
        "latitude": location["latitude"],
        "longitude": location["longitude"],
        "geo_precision": location["geo_precision"],
        "source": stored.outlets or stored.source,
        "source_scale": "",
        "notes": event.sentence,
        "fatalities": event.fatalities.best if event.fatalities else 0,
        "tags": f"status={event.status}",
        "timestamp": _timestamp(stored.extracted_at),
        **_newstrace_columns(stored),
    }


def _newstrace_columns(stored: StoredEvent) -> dict[str, Any]:
    """The columns newstrace adds after ACLED's: its status, dates, attribution and links."""
    event, fatalities, attribution = stored.event, stored.event.fatalities, stored.event.attribution
    return {
        "newstrace_id": stored.id,
        "status": event.status,
        "plover": event.plover,
        "date_start": event.date_start or "",
        "date_end": event.date_end or "",
        "fatalities_low": fatalities.low if fatalities else "",
        "fatalities_high": fatalities.high if fatalities and fatalities.high is not None else "",
        "attribution_cue": attribution.cue or "",
        "attribution_source": attribution.source or "",
        "attribution_class": attribution.source_class,
        "hedge": attribution.hedge or "",
        "equipment": "; ".join(event.equipment),
        "corroborating_families": stored.corroborating_families,
        "articles": " ".join(str(a) for a in stored.articles),
    }


def write_csv(events: Iterable[StoredEvent], out: IO[str]) -> None:
    """Events as CSV with ACLED's columns first, then newstrace's."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for event in events:
        writer.writerow(csv_row(event))


def _feature(stored: StoredEvent, place: Place) -> dict[str, Any]:
    """One geocoded place of an event as a GeoJSON Point."""
    event = stored.event
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": {
            "event": stored.id,
            "event_type": event.event_type,
            "sub_event_type": event.sub_event_type,
            "status": event.status,
            "date_start": event.date_start,
            "date_end": event.date_end,
            "actors": unique_names(event.actors),
            "recipients": unique_names(event.recipients),
            "place": place.name,
            "geonameid": place.geonameid,
            "country": place.country,
            "geo_precision": place.geo_precision,
            "fatalities": event.fatalities.best if event.fatalities else None,
            "attribution": event.attribution.to_json(),
        },
    }


def geojson(events: Iterable[StoredEvent]) -> dict[str, Any]:
    """A FeatureCollection with one Point per geocoded place of each event."""
    features = [
        _feature(stored, place)
        for stored in events
        for place in stored.event.places
        if place.lat is not None and place.lon is not None
    ]
    return {"type": "FeatureCollection", "features": features}


def write_geojson(events: Iterable[StoredEvent], out: IO[str]) -> None:
    """The GeoJSON FeatureCollection of the events' places."""
    json.dump(geojson(events), out, ensure_ascii=False)
    out.write("\n")
