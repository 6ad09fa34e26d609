"""`newstrace load`: bring a trace-shards result, or a filtered part of it, into a SQLite file.

The chosen families' articles are stored as records (body kept byte for byte, so passage
offsets still point at the same text), their links and passages copied, each article marked
traced with its fingerprint (a later `newstrace trace` compares only new articles against
them), and then families, origins, changes and the outlet network are built from the links
as `newstrace trace` builds them. Loading the same result twice adds nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import sqlite_utils

from newstrace import progress
from newstrace.engines.local import LocalEngine
from newstrace.ingest.base import content_hash
from newstrace.models import Article, Document, Format, ReuseLink
from newstrace.reuse.provenance import build_provenance
from newstrace.reuse.shingles import fingerprint_bytes
from newstrace.settings import Settings
from newstrace.shards.corpus import BODY_FIELDS, ShardCorpus
from newstrace.shards.output import iter_links, read_table
from newstrace.store import transaction, write_article, write_document
from newstrace.store.links import write_link
from newstrace.store.runs import mark_traced
from newstrace.store.shards import article_by_content, link_exists
from newstrace.store.writer import now_iso

LOAD_BATCH_ARTICLES = 5_000  # articles written per transaction


@dataclass(frozen=True, slots=True)
class LoadFilter:
    """Which part of a result to load: families by id, by outlet, by size (all when empty)."""

    families: tuple[int, ...] = ()
    outlets: tuple[str, ...] = ()
    min_members: int = 2
    same_outlet: bool = True  # also links within one outlet between chosen articles


@dataclass(frozen=True, slots=True)
class LoadSummary:
    """What a load stored."""

    articles: int
    links: int
    families: int


def chosen_articles(output: Path, wanted: LoadFilter) -> set[int]:
    """Article numbers of the families the filter keeps."""
    members: dict[int, list[tuple[int, str | None]]] = {}
    for row in read_table(output, "families").to_pylist():
        members.setdefault(row["family"], []).append((row["article"], row["outlet"]))
    chosen: set[int] = set()
    for family, rows in members.items():
        if wanted.families and family not in wanted.families:
            continue
        if wanted.outlets and not any(outlet in wanted.outlets for _, outlet in rows):
            continue
        if len(rows) >= wanted.min_members:
            chosen.update(article for article, _ in rows)
    return chosen


def _article(record: dict[str, Any], source: str, body: str) -> Article:
    """A shard record as an Article whose body is the record's body exactly."""
    return Article(
        source=source,
        format=Format.RECORD,
        paragraphs=tuple(body.split("\n\n")),
        source_id=str(record.get("id")) if record.get("id") is not None else None,
        outlet=str(record["outlet"]) if record.get("outlet") else None,
        url=record.get("url"),
        title=record.get("title"),
        published=str(record["published"]) if record.get("published") else None,
    )


def _store_articles(
    conn: sqlite3.Connection, corpus: ShardCorpus, numbers: Sequence[int], settings: Settings
) -> dict[int, int]:
    """Store the articles (or find them stored); their store ids by article number."""
    ids: dict[int, int] = {}
    records = list(corpus.records(numbers))
    bodies = [next(str(r[f] or "") for f in BODY_FIELDS if f in r) for _, r in records]
    prints, lengths = LocalEngine().fingerprints(bodies, settings)
    traced = []
    for (number, record), body, fingerprint, tokens in zip(
        records, bodies, prints, lengths, strict=True
    ):
        content = json.dumps(record, ensure_ascii=False, sort_keys=True).encode()
        digest = content_hash(content)
        found = article_by_content(conn, digest)
        if found is not None:
            ids[number] = found
            continue
        source = corpus.segments(slice(number, number + 1))[0].path
        document = Document(source, Format.RECORD, content, digest, ids_of(record))
        ids[number] = write_article(
            conn, write_document(conn, document, None), _article(record, source, body)
        )
        blob = fingerprint_bytes(
            fingerprint, settings.shingle_tokens, settings.shingle_sample_modulus
        )
        traced.append((ids[number], now_iso(), int(tokens), blob))
    mark_traced(conn, traced)
    return ids


def ids_of(record: dict[str, Any]) -> str | None:
    """The record's own id, as the store keeps source ids."""
    return str(record["id"]) if record.get("id") is not None else None


def _store_link(conn: sqlite3.Connection, link: ReuseLink, a: int, b: int) -> bool:
    """Insert a link between stored articles a and b (sides swapped if needed); False if there."""
    if a > b:  # store ids need not follow article numbers: keep a < b, passages turned too
        a, b = b, a
        link = _swapped(link)
    if link_exists(conn, a, b):
        return False
    write_link(conn, replace(link, a=a, b=b))  # store ids in place of article numbers
    return True


def _swapped(link: ReuseLink) -> ReuseLink:
    passages = tuple(
        replace(p, a_start=p.b_start, a_end=p.b_end, b_start=p.a_start, b_end=p.a_end)
        for p in sorted(link.passages, key=lambda p: p.b_start)
    )
    return replace(
        link,
        a=link.b,
        b=link.a,
        coverage_a=link.coverage_b,
        coverage_b=link.coverage_a,
        passages=passages,
    )


def load_results(
    db: sqlite_utils.Database, output: Path, wanted: LoadFilter, settings: Settings
) -> LoadSummary:
    """Store the chosen part of the result under output in db and build its provenance."""
    manifest = json.loads((output / "_checkpoints" / "manifest.json").read_text())
    corpus = ShardCorpus([Path(entry[0]) for entry in manifest["inputs"]])
    chosen = chosen_articles(output, wanted)
    every = list(iter_links(output))
    if not wanted.families and not wanted.outlets and wanted.min_members <= 2:
        # No filter: everything linked, same-outlet pairs outside any family included.
        chosen.update(side for link in every for side in (link.a, link.b))
    links = [
        link
        for link in every
        if link.a in chosen and link.b in chosen and (wanted.same_outlet or not link.same_outlet)
    ]
    numbers = sorted(chosen)
    ids: dict[int, int] = {}
    with progress.stage("articles", len(numbers), "articles"):
        for start in range(0, len(numbers), LOAD_BATCH_ARTICLES):
            with transaction(db) as conn:
                part = numbers[start : start + LOAD_BATCH_ARTICLES]
                ids.update(_store_articles(conn, corpus, part, settings))
            progress.advance(len(part))
    with progress.stage("links", len(links), "links"), transaction(db) as conn:
        stored = 0
        for link in links:
            stored += _store_link(conn, link, ids[link.a], ids[link.b])
            progress.advance()
    provenance = build_provenance(db, settings)
    return LoadSummary(len(numbers), stored, provenance.families)
