"""An invented store at the scale of the web UI's targets, written straight into SQLite.

100k articles, 2,000 outlets described by type, 20,000 network edges, 10k two-article families
on republications, 100k events from 1942 to 2020 with places. No text of any real corpus:
ingesting 100k items would take minutes, and the pages' cost depends on the tables' sizes.
Used by the browser tests on scale (tests/web) and by `web_latency.py --synthetic`.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

LARGE_ARTICLES = 100_000
LARGE_OUTLETS = 2_000
LARGE_EDGES = 20_000
LARGE_EVENTS = 100_000
OUTLET_TYPES = ("state-affiliated", "proxy", "independent", "local")
QUOTATION_CLUSTERS = 3_000  # clusters of three articles quoting one of SPEAKERS
SPEAKERS = ("Mara Quell", "Tomas Brandt", "Ines Varga", "Olek Duma")
FIRST_YEAR, LAST_YEAR = 1942, 2020  # events spread over decades, as in older archives


def _large_rows() -> dict[str, list[tuple[Any, ...]]]:
    """Rows of an invented store at the scale of the web UI's targets (no text of any corpus)."""
    outlets = [(i, f"Outlet {i:04d}", f"outlet{i}.example") for i in range(1, LARGE_OUTLETS + 1)]
    documents, articles = [], []
    for i in range(1, LARGE_ARTICLES + 1):
        documents.append((i, "synthetic.jsonl", str(i), "record", f"h{i}", "2024-01-01"))
        day = date(2020, 1, 1) + timedelta(days=i % 1500)
        body = f"Council report number {i} on the budget of ward {i % 97}."
        articles.append((i, i, 1 + i % LARGE_OUTLETS, f"Report {i}", day.isoformat(), "en", body))
    return {"outlets": outlets, "documents": documents, "articles": articles}


def _large_edges() -> list[tuple[Any, ...]]:
    edges = []
    for i in range(LARGE_EDGES):
        source = i % LARGE_OUTLETS
        target = (source + 1 + 7 * (i // LARGE_OUTLETS)) % LARGE_OUTLETS
        edges.append(
            (f"Outlet {source + 1:04d}", f"Outlet {target + 1:04d}", 1 + i % 9, 0.9, 5.0, 0.5)
        )
    return edges


def _large_events(rng: random.Random) -> list[tuple[Any, ...]]:
    rows = []
    span = (date(LAST_YEAR, 12, 31) - date(FIRST_YEAR, 1, 1)).days
    for i in range(1, LARGE_EVENTS + 1):
        day = (date(FIRST_YEAR, 1, 1) + timedelta(days=rng.randrange(span))).isoformat()
        actors = json.dumps([{"name": f"Actor {i % 40}", "mention": "", "inter": 1}])
        place = {
            "name": f"Place {i % 300}", "mention": f"Place {i % 300}", "start": 0, "end": 9,
            "lat": rng.uniform(-50, 60), "lon": rng.uniform(-120, 140), "geonameid": None,
            "country": None, "geo_precision": 2,
        }  # fmt: skip
        rows.append(
            (i, i, f"k{i}", ("Battles", "Protests", "Riots")[i % 3], "Armed clash", "Political violence",
             "FIGHT", "reported", actors, json.dumps([place]), day, day, 1, "official",
             f"Sentence of event {i}.", "clash", "2024-01-01")
        )  # fmt: skip
    return rows


def build_large_store(path: Path) -> Path:
    """A store of 100k articles, 2,000 described outlets, 20,000 edges, 10k families and links,
    100k events from 1942 to 2020, written directly (ingesting 100k items would take minutes)."""
    from newstrace.store import connect, transaction

    rng = random.Random(19)
    rows = _large_rows()
    db = connect(path)
    with transaction(db) as conn:
        conn.executemany("INSERT INTO outlets (id, name, domain) VALUES (?, ?, ?)", rows["outlets"])
        conn.executemany(
            "INSERT INTO outlet_attributes (outlet_id, key, value) VALUES (?, 'type', ?)",
            [(i, OUTLET_TYPES[i % len(OUTLET_TYPES)]) for i, _, _ in rows["outlets"]],
        )
        conn.executemany(
            "INSERT INTO documents (id, source, source_id, format, content_hash, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            rows["documents"],
        )
        conn.executemany(
            "INSERT INTO articles (id, document_id, outlet_id, title, published, language, body)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows["articles"],
        )
        _large_families(conn)
        _large_quotations(conn)
        conn.executemany(
            "INSERT INTO outlet_edges (source, target, copies, verbatim_share, median_lag_hours,"
            " attribution_rate) VALUES (?, ?, ?, ?, ?, ?)",
            _large_edges(),
        )
        conn.executemany(
            "INSERT INTO events (id, article_id, event_key, event_type, sub_event_type,"
            " disorder_type, plover, status, actors, places, date_start, date_end,"
            " time_precision, attribution_class, sentence, trigger, extracted_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _large_events(rng),
        )
    db.conn.close()
    return path


def _large_families(conn: Any) -> None:
    """Families of two articles (2k-1 the origin, 2k its copy), each on one republication."""
    pairs = [(2 * k - 1, 2 * k) for k in range(1, LARGE_ARTICLES // 10 + 1)]
    conn.executemany(
        "INSERT INTO families (id, origin_article, origin_outlet, external, size)"
        " SELECT ?, ?, o.name, 0, 2 FROM articles a JOIN outlets o ON o.id = a.outlet_id"
        " WHERE a.id = ?",
        [(a, a, a) for a, _ in pairs],
    )
    conn.executemany(
        "INSERT INTO family_members (family_id, article_id, parent_id, coverage, confidence)"
        " VALUES (?, ?, ?, 1.0, 0.9)",
        [row for a, b in pairs for row in ((a, a, None), (a, b, a))],
    )
    conn.executemany(
        "INSERT INTO reuse_links (id, a, b, shared_tokens, coverage_a, coverage_b,"
        " verbatim_ratio) VALUES (?, ?, ?, 12, 1.0, 1.0, 1.0)",
        [(a, a, b) for a, b in pairs],
    )
    conn.executemany(
        "INSERT INTO link_kinds (link_id, kind, reporting_tokens, quoted_tokens,"
        " boilerplate_tokens, evidence) VALUES (?, 'republication', 12, 0, 0, 'shares its report')",
        [(a,) for a, _ in pairs],
    )


def _large_quotations(conn: Any) -> None:
    """Clusters of three articles (past those in families) joined by shared-quotation links."""
    first = LARGE_ARTICLES // 5 + 1
    links = []
    for n in range(QUOTATION_CLUSTERS):
        a = first + 3 * n
        links += [
            (a, a + 1, SPEAKERS[n % len(SPEAKERS)]),
            (a + 1, a + 2, SPEAKERS[n % len(SPEAKERS)]),
        ]
    start = LARGE_ARTICLES + 1  # link ids past the families' links
    conn.executemany(
        "INSERT INTO reuse_links (id, a, b, shared_tokens, coverage_a, coverage_b,"
        " verbatim_ratio) VALUES (?, ?, ?, 9, 0.2, 0.2, 1.0)",
        [(start + i, a, b) for i, (a, b, _) in enumerate(links)],
    )
    conn.executemany(
        "INSERT INTO link_kinds (link_id, kind, reporting_tokens, quoted_tokens,"
        " boilerplate_tokens, speaker, evidence) VALUES (?, 'shared quotation', 0, 9, 0, ?, ?)",
        [
            (start + i, speaker, f"quotation “words of {speaker}”")
            for i, (_, _, speaker) in enumerate(links)
        ],
    )
