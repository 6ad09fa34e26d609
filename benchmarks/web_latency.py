"""Web UI page latency: median and p95 of every page (article, family, outlet, network, events,
links, outlets, search, quotation clusters) and of the graph's and the map's JSON: the graph's JSON again, with
filters in turn, and right after the store changed (nothing kept from before can be used).

The database is the reuse benchmark's 100k-article corpus (benchmarks/reuse_corpus.py, real
text with injected copies), ingested and traced; events are read from a sample of its articles
(reading all 100k would take hours and the page cost depends on the events table, not on how
it was filled). Built once and cached under benchmarks/out/. With --synthetic the database is
the invented store of web_store.py instead (100k articles, 2,000 outlets, 20,000 edges, 100k
events from 1942 to 2020): the scale the UI's targets name, built in seconds.
Pages are requested through Datasette's in-process client, so the figures are the server's
time to answer, no network.
Usage: python benchmarks/web_latency.py --shared ../shared [--size 100000] [--requests 100]
       python benchmarks/web_latency.py --synthetic
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import reuse_corpus  # noqa: E402
import reuse_run  # noqa: E402
import web_store  # noqa: E402

EVENT_SAMPLE = 1_000  # articles events are read from
SEED = 5


RESULTS = Path(__file__).resolve().parent / "out" / "web-latency.json"
# The graph's JSON right after the store changed (its modification time moved before each
# request), when nothing computed before can be reused; and filters a user tries in turn.
COLD_NETWORK = "network JSON, store just changed"
NETWORK_FILTERS = (
    "origin=type%3Dproxy",
    "republisher=type%3Dstate-affiliated",
    "min_copies=5",
    "from=2020-01-01&to=2020-03-31",
    "origin=type%3Dproxy&min_copies=9",
)


def build_database(shared: Path, size: int) -> Path:
    """The cached benchmark database: ingested, traced, events from a sample."""
    from newstrace.engines.trace import trace_links
    from newstrace.events.stage import run_events
    from newstrace.reuse.provenance import build_provenance
    from newstrace.settings import Settings
    from newstrace.store import connect, transaction

    path = reuse_corpus.OUT / f"web-{size}.db"
    if path.exists():
        return path
    articles, _ = reuse_corpus.ensure(shared, size)
    scratch = path.with_suffix(".building")
    scratch.unlink(missing_ok=True)
    db = connect(scratch)
    print(f"ingest {reuse_run.ingest_corpus(db, articles):.0f} s", file=sys.stderr)
    trace_links(db, Settings())
    build_provenance(db, Settings())
    ids = [row[0] for row in db.execute("SELECT id FROM articles")]
    sample = set(random.Random(SEED).sample(ids, min(EVENT_SAMPLE, len(ids))))
    with transaction(db) as conn:
        conn.executemany(
            "INSERT INTO events_processed (article_id, processed_at, events) VALUES (?, '', 0)",
            [(i,) for i in ids if i not in sample],
        )
    print(run_events(db, Settings()), file=sys.stderr)
    db.conn.close()
    scratch.rename(path)
    return path


def synthetic_database() -> Path:
    """The cached invented store of web_store.py."""
    path = reuse_corpus.OUT / "web-synthetic.db"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_suffix(".building")
        scratch.unlink(missing_ok=True)
        web_store.build_large_store(scratch)
        scratch.rename(path)
    return path


def _paths(db: Path, requests: int) -> dict[str, list[str]]:
    import sqlite3

    conn = sqlite3.connect(db)
    pick = random.Random(SEED)
    articles = [r[0] for r in conn.execute("SELECT id FROM articles")]
    families = [r[0] for r in conn.execute("SELECT id FROM families")]
    outlets = [r[0] for r in conn.execute("SELECT name FROM outlets")]
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    conn.close()
    pages = max(1, events // 50)
    return {
        "article": [f"/-/newstrace/article/{pick.choice(articles)}" for _ in range(requests)],
        "family": [f"/-/newstrace/family/{pick.choice(families)}" for _ in range(requests)],
        "outlet": [
            f"/-/newstrace/outlet?name={quote(pick.choice(outlets))}" for _ in range(requests)
        ],
        "outlets (a page)": ["/-/newstrace/outlets"] * requests,
        "links (a page)": ["/-/newstrace/links"] * requests,
        "network page": ["/-/newstrace/network"] * requests,
        "network JSON (graph data)": ["/-/newstrace/network.json"] * requests,
        COLD_NETWORK: ["/-/newstrace/network.json"] * max(5, requests // 10),
        "network JSON, filters in turn": [
            f"/-/newstrace/network.json?{pick.choice(NETWORK_FILTERS)}" for _ in range(requests)
        ],
        "events page": ["/-/newstrace/events"] * requests,
        "events page, a later page": [
            f"/-/newstrace/events?page={pick.randrange(1, pages + 1)}" for _ in range(requests)
        ],
        "events JSON (map data)": ["/-/newstrace/events.json"] * requests,
        "search (a page)": ["/-/newstrace/search?q=report"] * requests,
        "quotation clusters (a page)": ["/-/newstrace/quotations"] * requests,
    }


async def _measure(db: Path, paths: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    from datasette.app import Datasette

    datasette = Datasette([str(db)])
    await datasette.invoke_startup()
    results = {}
    for page, urls in paths.items():
        seconds = []
        for url in urls:
            if page == COLD_NETWORK:
                os.utime(db)
            started = time.perf_counter()
            response = await datasette.client.get(url)
            seconds.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        results[page] = {
            "requests": len(urls),
            "median_ms": round(1000 * statistics.median(seconds), 1),
            "p95_ms": round(1000 * statistics.quantiles(seconds, n=20)[-1], 1),
        }
    return results


def markdown(results: dict[str, Any]) -> str:
    """The docs/performance.md section."""
    synthetic = results.get("synthetic", False)
    how = (
        "the invented store of benchmarks/web_store.py"
        if synthetic
        else f"events read from a sample of {EVENT_SAMPLE:,} articles"
    )
    lines = [
        "## Web UI: page latency" + (" (invented 100k store)" if synthetic else ""),
        "",
        "    .venv/bin/python benchmarks/web_latency.py "
        + ("--synthetic" if synthetic else "--shared ../shared"),
        "",
        f"{results['articles']:,} articles, {results.get('outlets', 0):,} outlets, "
        f"{results.get('outlet_edges', 0):,} network edges, {results['families']:,} families, "
        f"{results['events']:,} events ({how}); "
        "pages requested through Datasette's in-process client, on the shared machine.",
        "",
        "| page | requests | median ms | p95 ms |",
        "|---|---:|---:|---:|",
    ]
    for page, figures in results["pages"].items():
        lines.append(
            f"| {page} | {figures['requests']} | {figures['median_ms']} | {figures['p95_ms']} |"
        )
    return "\n".join(lines)


def main() -> int:
    """Build or reuse the database, measure, save benchmarks/out/web-latency.json, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument(
        "--synthetic", action="store_true", help="Measure on web_store.py's invented 100k store."
    )
    args = parser.parse_args()
    db = synthetic_database() if args.synthetic else build_database(args.shared, args.size)
    import sqlite3

    conn = sqlite3.connect(db)
    counts = {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("articles", "outlets", "outlet_edges", "families", "events")
    }
    conn.close()
    pages = asyncio.run(_measure(db, _paths(db, args.requests)))
    results = {**counts, "synthetic": args.synthetic, "pages": pages}
    out = RESULTS.with_name("web-latency-synthetic.json") if args.synthetic else RESULTS
    out.write_text(json.dumps(results, indent=2))
    print(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
