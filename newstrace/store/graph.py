"""The network graph's JSON written by SQLite itself: 20,000 edges and 2,000 outlets as one text.

The graph page asks for every edge at once. Reading them into Python objects and encoding them
again costs about half a second at that scale; SQLite's JSON functions build the same text
(the shape `web.network_view.network_data` gives) in one statement, a few times faster, so the
first request after a write is answered quickly too. Edges come strongest first, outlets by
name, as in the Python form.
"""

from __future__ import annotations

import sqlite3

AttributeValue = tuple[str, str] | None

# Edges kept by a filter: a minimum of copies, and an attribute value each end must have.
_EDGES = """
SELECT source, target, copies, verbatim_share, median_lag_hours, attribution_rate
FROM outlet_edges
WHERE copies >= :min_copies
  AND (:origin_key IS NULL OR source IN (
        SELECT o.name FROM outlet_attributes t JOIN outlets o ON o.id = t.outlet_id
        WHERE t.key = :origin_key AND lower(t.value) = lower(:origin_value)))
  AND (:republisher_key IS NULL OR target IN (
        SELECT o.name FROM outlet_attributes t JOIN outlets o ON o.id = t.outlet_id
        WHERE t.key = :republisher_key AND lower(t.value) = lower(:republisher_value)))
"""

_GRAPH_JSON = f"""
WITH kept AS ({_EDGES}),
ends AS (
  SELECT name, sum(copied) AS copied, sum(copying) AS copying FROM (
    SELECT source AS name, copies AS copied, 0 AS copying FROM kept
    UNION ALL SELECT target, 0, copies FROM kept)
  GROUP BY name),
ordered_nodes AS (
  SELECT e.name, o.id AS outlet_ref, o.domain, e.copied, e.copying
  FROM ends e LEFT JOIN outlets o ON o.name = e.name ORDER BY e.name),
ordered_edges AS (SELECT * FROM kept ORDER BY copies DESC, source, target)
SELECT json_object(
  'nodes', (SELECT json_group_array(json_object(
      'name', name, 'domain', domain,
      'articles', (SELECT count(*) FROM articles a WHERE a.outlet_id = outlet_ref),
      'copied', copied, 'copying', copying,
      'attributes', coalesce(
        (SELECT json_group_object(key, value) FROM (
           SELECT key, value FROM outlet_attributes WHERE outlet_id = outlet_ref ORDER BY key)),
        json_object())))
    FROM ordered_nodes),
  'edges', (SELECT json_group_array(json_object(
      'source', source, 'target', target, 'copies', copies, 'verbatim_share', verbatim_share,
      'median_lag_hours', median_lag_hours, 'attribution_rate', attribution_rate))
    FROM ordered_edges),
  'attribute_keys', (SELECT json_group_array(key) FROM (
     SELECT DISTINCT key FROM outlet_attributes ORDER BY key)))
"""


def graph_json(
    conn: sqlite3.Connection,
    min_copies: int = 1,
    origin: AttributeValue = None,
    republisher: AttributeValue = None,
) -> str:
    """The stored network's nodes and edges as JSON text, filtered by a minimum of copies and
    by an attribute value ("type", "state-affiliated") of the origin and of the republisher."""
    origin_key, origin_value = _parts(origin)
    republisher_key, republisher_value = _parts(republisher)
    row = conn.execute(
        _GRAPH_JSON,
        {
            "min_copies": min_copies,
            "origin_key": origin_key,
            "origin_value": origin_value,
            "republisher_key": republisher_key,
            "republisher_value": republisher_value,
        },
    ).fetchone()
    return str(row[0])


def _parts(wanted: AttributeValue) -> tuple[str | None, str | None]:
    if wanted is None:
        return None, None
    key, value = wanted
    return key.strip().lower(), value.strip()
