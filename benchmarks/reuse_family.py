"""One wire family of many copies, timed: provenance must grow linearly with a family's copies.

A wire story (invented text, ten paragraphs) and N republications of it by N outlets, each
dated later, dropping one paragraph, editing one sentence and adding a line of its own; a third
of them credit the wire. Each copy's link to the story is aligned by the local engine and
stored, then provenance is rebuilt from the links: link kinds, the family's tree, changes and
evidence, the outlet network. The family alone (`family_provenance` on the articles in memory)
is timed too. CPU seconds of this process, best of --repeat.

Usage: python benchmarks/reuse_family.py [--copies 50 500] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import xxhash

from newstrace.engines import make_engine
from newstrace.engines.base import TextItem
from newstrace.models import Article, Document, Format
from newstrace.reuse.provenance import build_provenance, family_provenance, family_tasks
from newstrace.settings import Settings
from newstrace.store import connect, transaction, write_article, write_document
from newstrace.store.links import iter_links, write_links

WIRE = "Meridian Press Agency"
VOCABULARY = (
    "council harbour ferry budget engineers bridge quay piers detour traffic residents mayor",
    "report repairs inspection cracks winter transport passengers delays museum library",
    "schools water supply storm river valley farmers harvest market prices",
)
WORDS = tuple(" ".join(VOCABULARY).split())


def _paragraph(seed: int, words: int = 40) -> str:
    """An invented paragraph, different for each seed."""
    picked = [WORDS[(seed * 13 + k * 7 + k * k) % len(WORDS)] for k in range(words)]
    return (
        f"Paragraph {seed}: " + " ".join(picked).capitalize() + f", officials said on day {seed}."
    )


def story(copies: int) -> list[Article]:
    """The wire story and its copies."""
    wire = tuple(_paragraph(k) for k in range(10))
    found = [Article("wire.txt", Format.TEXT, wire, outlet=WIRE, published="2024-05-01T06:00:00")]
    for k in range(1, copies + 1):
        body = [p for index, p in enumerate(wire) if index != k % 10]
        body[0] = body[0].replace("officials said", "officials told reporters")
        body.append(f"Outlet {k} adds a line of its own about the local angle, number {k}.")
        if k % 3 == 0:
            body.insert(0, f"({WIRE}) —")
        published = f"2024-05-{1 + k // 100:02d}T{7 + k % 12:02d}:{k % 60:02d}:00"
        found.append(
            Article(f"{k}.txt", Format.TEXT, tuple(body), outlet=f"Outlet {k}", published=published)
        )
    return found


def _stored(path: Path, articles: list[Article]) -> list[int]:
    """Store the articles; their ids in order."""
    db = connect(path)
    ids = []
    with transaction(db) as conn:
        for article in articles:
            content = "\n\n".join(article.paragraphs).encode() + (article.outlet or "").encode()
            document = Document(
                article.source, Format.TEXT, content, xxhash.xxh3_128_hexdigest(content)
            )
            ids.append(write_article(conn, write_document(conn, document, None), article))
    engine = make_engine("local")
    try:
        items = [
            TextItem(i, a.outlet, "\n\n".join(a.paragraphs))
            for i, a in zip(ids, articles, strict=True)
        ]
        links = engine.verify([(items[0], item) for item in items[1:]], Settings())
    finally:
        engine.close()
    with transaction(db) as conn:
        write_links(conn, links)
    return ids


def _best(function: Callable[[], object], repeat: int) -> float:
    """The least CPU seconds of this process over repeat calls."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        function()
        best = min(best, time.process_time() - started)
    return best


def measure(copies: int, repeat: int) -> dict[str, float]:
    """CPU seconds of provenance over a store holding one family of `copies` copies."""
    settings = Settings(jobs=1)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "family.db"
        ids = _stored(path, story(copies))
        db = connect(path)
        rebuilt = _best(lambda: build_provenance(db, settings), repeat)
        family = db.conn.execute("SELECT count(*) FROM family_members").fetchone()[0]
        links = {(link.a, link.b): link for link in iter_links(db.conn, cross_outlet_only=False)}
        [(task,)] = [batch for batch in family_tasks(db.conn, {1: tuple(ids)}, {1: links})]
        alone = _best(lambda: family_provenance(*task), repeat)
    return {
        "copies": copies,
        "members": family,
        "provenance_s": round(rebuilt, 3),
        "family_s": round(alone, 3),
    }


def main() -> int:
    """Time each family size and print one JSON line per size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, nargs="+", default=[50, 500])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for copies in args.copies:
        print(json.dumps(measure(copies, args.repeat)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
