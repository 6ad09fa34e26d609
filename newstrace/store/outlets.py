"""Outlets described: attributes (country, type, reliability, bias, ...), aliases, merged names.

An outlet's attributes are free key=value pairs a user sets or loads from a table. An alias is
another name of one outlet; a declared domain makes every outlet named after that domain (or
stored with it) the same outlet. Merging moves the articles to the one outlet; the caller then
rebuilds provenance, whose families and network name outlets.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from newstrace.normalize import normalize_line
from newstrace.store.browse import dict_rows
from newstrace.store.reader import document_content

# The tables of outlet attributes and aliases (schema migration 7, issue 19).
OUTLET_TABLES = """
CREATE TABLE outlet_attributes (
    outlet_id INTEGER NOT NULL REFERENCES outlets(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (outlet_id, key)
);
CREATE INDEX outlet_attributes_key ON outlet_attributes(key, value);
CREATE TABLE outlet_aliases (
    alias TEXT PRIMARY KEY,  -- another name (or a URL-like name) of the outlet
    outlet_id INTEGER NOT NULL REFERENCES outlets(id) ON DELETE CASCADE
);
CREATE INDEX events_date_start ON events(date_start);  -- the events timeline's day counts
CREATE TABLE source_mappings (
    source TEXT PRIMARY KEY,  -- an ingested file or folder, its absolute path
    mapping TEXT NOT NULL,  -- the --map it was read with, as canonical JSON ('{}' for none)
    ingested_at TEXT NOT NULL
);
"""

ALIASES_KEY = "aliases"  # a table column listing other names, separated by ALIAS_SEPARATOR
ALIAS_SEPARATOR = ";"
DOMAIN_KEY = "domain"
NAME_KEYS = ("name", "outlet")

_SUMMARY_SQL = """
WITH arts AS (SELECT outlet_id, count(*) AS n FROM articles GROUP BY outlet_id),
fams AS (SELECT origin_outlet AS name, count(*) AS n FROM families GROUP BY origin_outlet),
made AS (SELECT source AS name, sum(copies) AS n FROM outlet_edges GROUP BY source),
took AS (SELECT target AS name, sum(copies) AS n FROM outlet_edges GROUP BY target)
SELECT o.id, o.name, o.domain, coalesce(arts.n, 0), coalesce(fams.n, 0), coalesce(made.n, 0),
       coalesce(took.n, 0)
FROM outlets o LEFT JOIN arts ON arts.outlet_id = o.id LEFT JOIN fams ON fams.name = o.name
LEFT JOIN made ON made.name = o.name LEFT JOIN took ON took.name = o.name
WHERE {where} ORDER BY o.name
"""


@dataclass(frozen=True, slots=True)
class OutletSummary:
    """One outlet with what it published, originated and was copied, and its attributes."""

    name: str
    domain: str | None
    articles: int
    families_originated: int
    copies: int  # copies other outlets made of its articles
    republished: int  # copies it made of other outlets' articles
    attributes: dict[str, str] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The outlet as `newstrace outlets --json` prints it."""
        return {
            "name": self.name,
            "domain": self.domain,
            "articles": self.articles,
            "families_originated": self.families_originated,
            "copies": self.copies,
            "republished": self.republished,
            "attributes": dict(self.attributes),
            "aliases": list(self.aliases),
        }


def host_of(text: str | None) -> str | None:
    """The host a name or URL denotes ("https://www.x.org/a" → "x.org"), lower-cased."""
    if not text:
        return None
    host = text.strip().lower().split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    host = host.removeprefix("www.")
    return host if "." in host and " " not in host else None


def attributes_by_outlet(conn: sqlite3.Connection) -> dict[str, dict[str, str]]:
    """Every outlet's attributes, by outlet name."""
    found: dict[str, dict[str, str]] = {}
    rows = conn.execute(
        "SELECT o.name, t.key, t.value FROM outlet_attributes t JOIN outlets o ON o.id = t.outlet_id"
        " ORDER BY o.name, t.key"
    )
    for name, key, value in rows:
        found.setdefault(name, {})[key] = value
    return found


def _aliases(conn: sqlite3.Connection) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for alias, outlet_id in conn.execute("SELECT alias, outlet_id FROM outlet_aliases ORDER BY 1"):
        found.setdefault(outlet_id, []).append(alias)
    return {key: tuple(names) for key, names in found.items()}


def outlet_summaries(conn: sqlite3.Connection, name: str | None = None) -> list[OutletSummary]:
    """Every stored outlet (or the one of this name) with its counts, attributes and aliases."""
    attributes, aliases = attributes_by_outlet(conn), _aliases(conn)
    where, params = ("o.name = ?", (name,)) if name is not None else ("1 = 1", ())
    summaries = []
    for row in conn.execute(_SUMMARY_SQL.format(where=where), params).fetchall():
        outlet_id, outlet = row[0], row[1]
        summaries.append(
            OutletSummary(
                outlet,
                row[2],
                row[3],
                row[4],
                row[5],
                row[6],
                attributes.get(outlet, {}),
                aliases.get(outlet_id, ()),
            )
        )
    return summaries


def find_outlet(conn: sqlite3.Connection, name: str) -> int | None:
    """The id of the outlet with this name or alias, or None."""
    row = conn.execute("SELECT id FROM outlets WHERE name = ?", (name,)).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT outlet_id FROM outlet_aliases WHERE alias = ?", (name,)
        ).fetchone()
    return int(row[0]) if row else None


def find_outlet_by_domain(conn: sqlite3.Connection, domain: str) -> int | None:
    """The outlet stored with this domain or named after it (the one with most articles when
    several are: declaring the domain merges the others into it), or None."""
    host = host_of(domain)
    if host is None:
        return None
    rows = conn.execute(
        "SELECT o.id, o.name, o.domain, count(a.id) FROM outlets o"
        " LEFT JOIN articles a ON a.outlet_id = o.id GROUP BY o.id ORDER BY count(a.id) DESC, o.id"
    ).fetchall()
    return next((row[0] for row in rows if host in (host_of(row[2]), host_of(row[1]))), None)


def set_attributes(conn: sqlite3.Connection, outlet_id: int, values: Mapping[str, str]) -> None:
    """Store attributes of an outlet (an empty value removes one); aliases and the domain are
    kept apart. The caller holds the transaction."""
    for key, value in values.items():
        key = key.strip().lower()
        value = value.strip()
        if key in NAME_KEYS:
            continue
        if key == ALIASES_KEY:
            for alias in filter(None, (a.strip() for a in value.split(ALIAS_SEPARATOR))):
                add_alias(conn, outlet_id, alias)
            continue
        if key == DOMAIN_KEY and value:
            conn.execute(
                "UPDATE outlets SET domain = ? WHERE id = ?", (host_of(value) or value, outlet_id)
            )
        if value:
            conn.execute(
                "INSERT INTO outlet_attributes (outlet_id, key, value) VALUES (?, ?, ?)"
                " ON CONFLICT (outlet_id, key) DO UPDATE SET value = excluded.value",
                (outlet_id, key, value),
            )
        else:
            conn.execute(
                "DELETE FROM outlet_attributes WHERE outlet_id = ? AND key = ?", (outlet_id, key)
            )


def add_alias(conn: sqlite3.Connection, outlet_id: int, alias: str) -> None:
    """Record another name of an outlet; the caller holds the transaction."""
    conn.execute(
        "INSERT INTO outlet_aliases (alias, outlet_id) VALUES (?, ?)"
        " ON CONFLICT (alias) DO UPDATE SET outlet_id = excluded.outlet_id",
        (alias, outlet_id),
    )


def _merge(conn: sqlite3.Connection, keep: int, other: int) -> None:
    """Make outlet `other` part of `keep`: its articles, attributes and name move over."""
    name = conn.execute("SELECT name FROM outlets WHERE id = ?", (other,)).fetchone()[0]
    conn.execute("UPDATE articles SET outlet_id = ? WHERE outlet_id = ?", (keep, other))
    conn.execute(
        "INSERT OR IGNORE INTO outlet_attributes (outlet_id, key, value)"
        " SELECT ?, key, value FROM outlet_attributes WHERE outlet_id = ?",
        (keep, other),
    )
    conn.execute("UPDATE outlet_aliases SET outlet_id = ? WHERE outlet_id = ?", (keep, other))
    conn.execute("DELETE FROM outlets WHERE id = ?", (other,))
    add_alias(conn, keep, name)


def _merge_pairs(conn: sqlite3.Connection) -> list[tuple[int, int]]:
    """(keep, other) outlet pairs one outlet's aliases or declared domain make one outlet."""
    pairs = conn.execute(
        "SELECT x.outlet_id, o.id FROM outlet_aliases x JOIN outlets o ON o.name = x.alias"
        " WHERE o.id != x.outlet_id"
    ).fetchall()
    declared = conn.execute(
        "SELECT outlet_id, value FROM outlet_attributes WHERE key = ?", (DOMAIN_KEY,)
    ).fetchall()
    outlets = conn.execute("SELECT id, name, domain FROM outlets").fetchall()
    for keep, domain in declared:
        host = host_of(domain)
        pairs += [
            (keep, outlet_id)
            for outlet_id, name, stored in outlets
            if outlet_id != keep and host is not None and host in (host_of(name), host_of(stored))
        ]
    return pairs


def merge_outlets(conn: sqlite3.Connection) -> int:
    """Merge every outlet that is an alias or on a declared domain of another; return how many.
    Links between merged outlets become same-outlet. The caller holds the transaction."""
    merged = 0
    for keep, other in _merge_pairs(conn):
        if conn.execute("SELECT 1 FROM outlets WHERE id = ?", (other,)).fetchone():
            _merge(conn, keep, other)
            merged += 1
    if merged:
        conn.execute(
            "UPDATE reuse_links SET same_outlet = 1 WHERE same_outlet = 0 AND"
            " (SELECT outlet_id FROM articles WHERE id = a) IS"
            " (SELECT outlet_id FROM articles WHERE id = b)"
        )
    return merged


def matching_outlets(conn: sqlite3.Connection, key: str, value: str) -> set[str]:
    """Names of the outlets whose attribute `key` is `value` (compared case-insensitively)."""
    rows = conn.execute(
        "SELECT o.name FROM outlet_attributes t JOIN outlets o ON o.id = t.outlet_id"
        " WHERE t.key = ? AND lower(t.value) = lower(?)",
        (key.strip().lower(), value.strip()),
    )
    return {row[0] for row in rows}


def canonical_mapping(mapping: Mapping[str, str] | None) -> str:
    """A mapping as the text stored beside a source: sorted JSON, '{}' for none."""
    return json.dumps(dict(sorted((mapping or {}).items())), ensure_ascii=False)


def source_mapping(conn: sqlite3.Connection, source: str) -> str | None:
    """The mapping a source was last ingested with, or None when it never was."""
    row = conn.execute("SELECT mapping FROM source_mappings WHERE source = ?", (source,)).fetchone()
    return str(row[0]) if row else None


def record_source_mapping(conn: sqlite3.Connection, source: str, mapping: str) -> None:
    """Remember the mapping a source was ingested with; the caller holds the transaction."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    conn.execute(
        "INSERT INTO source_mappings (source, mapping, ingested_at) VALUES (?, ?, ?)"
        " ON CONFLICT (source) DO UPDATE SET mapping = excluded.mapping,"
        " ingested_at = excluded.ingested_at",
        (source, mapping, now),
    )


def record_attributes(
    conn: sqlite3.Connection, sources: list[str], columns: Mapping[str, str]
) -> int:
    """Outlet attributes read from the stored records of table sources: each `outlet.KEY`
    field (see `attribute_fields`) set on the record's outlet; return the outlets described."""
    described: set[int] = set()
    for source in sources:
        rows = conn.execute(
            "SELECT id FROM documents WHERE format = 'record' AND content IS NOT NULL"
            " AND (source = ? OR source LIKE ? ESCAPE '\\')",
            (source, _prefix_pattern(source)),
        ).fetchall()
        for (document_id,) in rows:
            fields = json.loads(document_content(conn, document_id) or b"{}")
            outlet_id = find_outlet(conn, normalize_line(fields.get("outlet") or ""))
            values = {key: fields.get(f"outlet.{key}") or "" for key in columns}
            if outlet_id is not None and any(values.values()):
                set_attributes(conn, outlet_id, {k: v for k, v in values.items() if v})
                described.add(outlet_id)
    return len(described)


def _prefix_pattern(source: str) -> str:
    escaped = source.rstrip("/").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "/%"


def outlet_counts(conn: sqlite3.Connection, name: str) -> dict[str, int]:
    """How many articles an outlet has and how many families it originated."""
    articles = conn.execute(
        "SELECT count(*) FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE o.name = ?",
        (name,),
    ).fetchone()[0]
    families = conn.execute(
        "SELECT count(*) FROM families WHERE origin_outlet = ?", (name,)
    ).fetchone()[0]
    return {"articles": int(articles), "originated": int(families)}


_EDGES_SQL = """SELECT source, target, copies, verbatim_share, median_lag_hours, attribution_rate
FROM outlet_edges WHERE {where} ORDER BY copies DESC, source, target"""


def outlet_edges(conn: sqlite3.Connection, name: str | None = None) -> list[dict[str, Any]]:
    """The stored network edges (from or to one outlet when a name is given), strongest first,
    in the shape of OutletEdge.to_json: the graph page reads 20,000 of them at once."""
    if name is None:
        return dict_rows(conn, _EDGES_SQL.format(where="1 = 1"))
    return dict_rows(conn, _EDGES_SQL.format(where="source = ? OR target = ?"), (name, name))


def top_outlets(conn: sqlite3.Connection, end: str, limit: int) -> list[dict[str, Any]]:
    """The outlets with the most copies at one end of the network's edges ("source": copied
    most, "target": copying most), with their copies."""
    column = {"source": "source", "target": "target"}[end]
    return dict_rows(
        conn,
        f"SELECT {column} AS name, sum(copies) AS copies FROM outlet_edges GROUP BY {column}"
        " ORDER BY copies DESC, name LIMIT ?",
        (limit,),
    )
