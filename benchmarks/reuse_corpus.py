"""Benchmark corpora for the reuse engine: real paragraphs recycled to N articles, with injected copies.

Background articles are mosaics: paragraphs drawn at random from one collection's real
articles (Reuters-21578, Helsinki, ReCOVery; exact duplicate paragraphs removed first), with
SUBSTITUTION_RATE of their words replaced by words drawn from the same collection's token
stream (so by frequency). Paragraph lengths, article lengths and vocabulary stay real, while
a paragraph drawn twice keeps only ~(1 - SUBSTITUTION_RATE)² ≈ 42 % identical tokens, far below
the 80 % identity of a copy (newstrace.reuse.definition): the recycling creates no accidental
copies and the collections' natural duplicates (Reuters' repeated bodies, Helsinki's wire
syndication) do not survive as copies either. Injected copies are then the only copies, so
recall and precision are scored against them alone.

Each injected copy takes one background article (its source) and applies one EDITS kind; it is
published later by another outlet. One copy per source, so the ground truth has no sibling pairs.
Output: JSONL of articles (id, outlet, title, published, body) and JSONL of truth
(source, copy, edit, carried = indices of the source paragraphs the copy carries).
Usage: python benchmarks/reuse_corpus.py --size 10000 [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
SEED = 20261121
SUBSTITUTION_RATE = 0.35  # share of words replaced in recycled paragraphs
COPY_SHARE = 0.05  # share of articles that are injected copies
OUTLETS = 300
MIN_PARAGRAPH_WORDS = 5  # shorter segments are page chrome ("Advertisement", bylines)
MIN_COPY_WORDS = 80  # text a copy carries: well above the definition's 40 shared tokens
MAX_PARAGRAPHS = 30
SOURCE_POOL = 2000  # recent uncopied background articles a copy may take as its source
# Mix of background articles by collection; the long Helsinki/ReCOVery stories feed excerpts.
COLLECTION_WEIGHTS = {"reuters": 0.6, "helsinki": 0.15, "recovery": 0.25}
EDITS = ("verbatim", "excerpt", "boilerplate", "title-label", "dropped", "edited")
TITLE_LABELS = ("VIDEO:", "BREAKING:", "WATCH:", "EXCLUSIVE:", "UPDATE:")
# Written for this benchmark: appended to copies the way outlets append appeals and notices.
BOILERPLATE = (
    "Support independent journalism at {outlet}: readers like you keep our reporting free for "
    "everyone, so please consider a monthly donation today.",
    "The views expressed in this article are those of the original author and do not "
    "necessarily reflect the editorial policy of {outlet}. Share this story with your friends.",
)
START = datetime(2020, 1, 1)
STEP_S = 30  # publication time between consecutive articles


@dataclass
class Collection:
    """One source collection: unique real paragraphs, article shapes, titles and its token stream."""

    paragraphs: list[str]
    lengths: list[int]  # paragraphs per real article
    titles: list[str]
    tokens: list[str]


@dataclass
class Article:
    """A generated article, before it is written out."""

    id: int
    outlet: str
    title: str
    paragraphs: list[str]
    collection: str


@dataclass
class Builder:
    """The generator's state: random sources, collections, and sources waiting to be copied."""

    collections: dict[str, Collection]
    rng: random.Random
    np_rng: np.random.Generator
    copy_share: float
    waiting: list[Article] = field(default_factory=list)


def _segments(paragraphs: list[str]) -> list[str]:
    cleaned = [" ".join(p.split()) for p in paragraphs]
    return [p for p in cleaned if len(p.split()) >= MIN_PARAGRAPH_WORDS]


def _reuters(shared: Path) -> Iterator[tuple[str, list[str]]]:
    for path in sorted((shared / "corpora" / "reuters21578").glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            body = re.sub(r"\s*Reuter\s*\x03?\s*$", "", record.get("body") or "")
            yield record.get("title") or "", _segments(re.split(r"\n\s{2,}", body))


def _helsinki(shared: Path) -> Iterator[tuple[str, list[str]]]:
    for path in sorted((shared / "corpora" / "helsinki").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                parts = row["text"].split(" ### ")
                yield parts[0], _segments(parts[1:])


def _recovery(shared: Path) -> Iterator[tuple[str, list[str]]]:
    csv.field_size_limit(sys.maxsize)
    for path in sorted((shared / "corpora" / "recovery").glob("*/*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                yield row["title"], _segments(row["body_text"].split("\n"))


READERS = {"reuters": _reuters, "helsinki": _helsinki, "recovery": _recovery}


def load_collection(name: str, shared: Path) -> Collection:
    """Read one collection: unique paragraphs (exact duplicates dropped), shapes, titles, tokens."""
    seen: set[str] = set()
    collection = Collection([], [], [], [])
    for title, paragraphs in READERS[name](shared):
        if not paragraphs:
            continue
        collection.lengths.append(min(len(paragraphs), MAX_PARAGRAPHS))
        if title.strip():
            collection.titles.append(" ".join(title.split()))
        for paragraph in paragraphs:
            key = paragraph.lower()
            if key not in seen:
                seen.add(key)
                collection.paragraphs.append(paragraph)
                collection.tokens.extend(paragraph.split())
    return collection


def perturb(text: str, builder: Builder, collection: Collection, rate: float) -> str:
    """The text with `rate` of its words replaced by words from the collection's token stream."""
    words = text.split()
    chosen = np.flatnonzero(builder.np_rng.random(len(words)) < rate)
    picks = builder.np_rng.integers(0, len(collection.tokens), len(chosen))
    for index, pick in zip(chosen.tolist(), picks.tolist(), strict=True):
        words[index] = collection.tokens[pick]
    return " ".join(words)


def _outlet(builder: Builder, other_than: str | None = None) -> str:
    while True:
        outlet = f"outlet-{builder.rng.randrange(OUTLETS):03d}"
        if outlet != other_than:
            return outlet


def _fresh_paragraphs(builder: Builder, name: str, count: int) -> list[str]:
    collection = builder.collections[name]
    drawn = (builder.rng.choice(collection.paragraphs) for _ in range(count))
    return [perturb(p, builder, collection, SUBSTITUTION_RATE) for p in drawn]


def background(builder: Builder, article_id: int) -> Article:
    """A recycled article: a real article's shape filled with perturbed paragraphs of its collection."""
    names = list(COLLECTION_WEIGHTS)
    name = builder.rng.choices(names, weights=[COLLECTION_WEIGHTS[n] for n in names])[0]
    collection = builder.collections[name]
    count = builder.rng.choice(collection.lengths)
    title = perturb(builder.rng.choice(collection.titles), builder, collection, SUBSTITUTION_RATE)
    return Article(
        article_id, _outlet(builder), title, _fresh_paragraphs(builder, name, count), name
    )


def _word_count(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)
