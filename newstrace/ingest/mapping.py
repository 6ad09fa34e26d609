"""Which table column feeds which Document field: given as "text=body,id=attrs.newid" or guessed."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from typing import Any

FIELD_NAMES = ("text", "title", "outlet", "published", "url", "author", "id", "language")
# Column names tried, in order, for each field a mapping does not name (compared lower-cased).
AUTO_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "text": ("text", "body", "body_text", "content", "article", "story"),
    "title": ("title", "headline"),
    "outlet": ("outlet", "publisher", "source", "site", "site_name"),
    # Never a scrape time: when a page was collected says nothing of when it was published, and
    # the page's own dateline (read from the text) is better than a wrong date.
    "published": ("published", "date", "publish_date", "pubdate", "published_at"),
    "url": ("url", "link"),
    "id": ("id", "news_id", "newid", "uuid"),
    "author": ("author", "authors", "byline"),
    "language": ("language", "lang"),
}
OUTLET_PREFIX = "outlet."  # mapping fields naming outlet attribute columns
MAX_LISTED_COLUMNS = 40
MAX_NESTED_DEPTH = 3
MISSING: Any = object()


def parse_mapping(spec: str) -> dict[str, str]:
    """Parse "text=body_text,outlet=publisher,id=attrs.newid" into {field: column}."""
    mapping: dict[str, str] = {}
    for part in (piece.strip() for piece in spec.split(",")):
        if not part:
            continue
        target, sep, column = (text.strip() for text in part.partition("="))
        if not sep or not target or not column:
            raise ValueError(f"mapping entry {part!r} is not FIELD=COLUMN")
        if target.lower() in mapping:
            raise ValueError(f"mapping names the field {target!r} twice")
        mapping[target.lower()] = column
    if not mapping:
        raise ValueError("the mapping is empty; expected FIELD=COLUMN pairs such as text=body")
    return check_mapping(mapping)


def check_mapping(mapping: Mapping[str, str]) -> dict[str, str]:
    """The mapping as a dict, or ValueError naming fields that are not Document fields."""
    # "outlet.KEY" columns carry an attribute of the record's outlet (reliability, bias, ...).
    unknown = sorted(f for f in set(mapping) - set(FIELD_NAMES) if not f.startswith(OUTLET_PREFIX))
    if unknown:
        expected = ", ".join(FIELD_NAMES)
        raise ValueError(
            f"unknown field(s) in mapping: {', '.join(unknown)}; fields are {expected}"
        )
    return dict(mapping)


def resolve_mapping(explicit: Mapping[str, str] | None, columns: Collection[str]) -> dict[str, str]:
    """The explicit mapping, plus guessed columns for the fields it does not name."""
    resolved = dict(explicit or {})
    used = {column.lower() for column in resolved.values()}
    by_name: dict[str, str] = {}
    for column in columns:
        by_name.setdefault(column.strip().lower(), column)
    # A nested key ("attrs.newid") is a candidate by its last part, after every top-level one.
    for column in columns:
        by_name.setdefault(column.rsplit(".", 1)[-1].strip().lower(), column)
    for target, candidates in AUTO_COLUMNS.items():
        if target in resolved:
            continue
        found = next((by_name[name] for name in candidates if name in by_name), None)
        if found is not None and found.lower() not in used:
            resolved[target] = found
            used.add(found.lower())
    return resolved


def lookup(record: Mapping[str, Any], path: str) -> Any:
    """The value at a column name or dotted path ("attrs.newid", "authors.0"), else MISSING."""
    if path in record:
        return record[path]
    value: Any = record
    for part in path.split("."):
        if isinstance(value, Mapping) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return MISSING
    return value


def column_names(records: Iterable[Mapping[str, Any]]) -> list[str]:
    """Column names and dotted paths into nested objects, in first-seen order."""
    names: dict[str, None] = {}
    for record in records:
        _add_paths(record, "", 1, names)
    return list(names)


def _add_paths(record: Mapping[str, Any], prefix: str, depth: int, names: dict[str, None]) -> None:
    for key, value in record.items():
        path = f"{prefix}{key}"
        names.setdefault(path)
        if isinstance(value, Mapping) and depth < MAX_NESTED_DEPTH:
            _add_paths(value, f"{path}.", depth + 1, names)


def describe_columns(columns: Collection[str]) -> str:
    """The columns for an error message, shortened when there are many."""
    shown = list(columns)[:MAX_LISTED_COLUMNS]
    more = len(columns) - len(shown)
    return (", ".join(shown) or "none") + (f" and {more} more" if more > 0 else "")


def field_text(value: Any) -> str | None:
    """A value as text: strings raw, lists of names joined, objects as JSON; None if empty."""
    if value is None or value is MISSING:
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list) and all(isinstance(item, str | int | float) for item in value):
        return ", ".join(str(item) for item in value) or None
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
