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
import hashlib
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


Edit = tuple[str, list[str], list[int]]  # title, paragraphs, carried source paragraph indices


def outlet_boilerplate(template: str, outlet: str, tokens: list[str]) -> str:
    """The outlet's own wording of a boilerplate template: fixed per outlet, different across outlets."""
    # Shared wording across outlets would itself be a cross-outlet copy by the definition.
    rng = random.Random(f"{template}|{outlet}")
    words = template.format(outlet=outlet).split()
    return " ".join(rng.choice(tokens) if rng.random() < SUBSTITUTION_RATE else w for w in words)


def edit_verbatim(builder: Builder, source: Article) -> Edit | None:
    """The whole article, unchanged."""
    return source.title, list(source.paragraphs), list(range(len(source.paragraphs)))


def edit_excerpt(builder: Builder, source: Article) -> Edit | None:
    """Two or three consecutive paragraphs of a long article inside the republisher's own text."""
    if len(source.paragraphs) < 5:
        return None
    count = builder.rng.choice((2, 3))
    start = builder.rng.randrange(len(source.paragraphs) - count + 1)
    carried = list(range(start, start + count))
    if _word_count([source.paragraphs[i] for i in carried]) < MIN_COPY_WORDS:
        return None
    host = builder.rng.choice(list(COLLECTION_WEIGHTS))
    before = _fresh_paragraphs(builder, host, builder.rng.randint(2, 4))
    after = _fresh_paragraphs(builder, host, builder.rng.randint(1, 3))
    title = _fresh_paragraphs(builder, host, 1)[0]
    return title, [*before, *(source.paragraphs[i] for i in carried), *after], carried


def edit_boilerplate(builder: Builder, source: Article) -> Edit | None:
    """The whole article with the republisher's appeal or disclaimer appended (outlet filled in later)."""
    extra = builder.rng.sample(BOILERPLATE, builder.rng.randint(1, len(BOILERPLATE)))
    carried = list(range(len(source.paragraphs)))
    return source.title, [*source.paragraphs, *extra], carried


def edit_title_label(builder: Builder, source: Article) -> Edit | None:
    """The whole article under a labelled title ("VIDEO: ...")."""
    title = f"{builder.rng.choice(TITLE_LABELS)} {source.title}"
    return title, list(source.paragraphs), list(range(len(source.paragraphs)))


def edit_dropped(builder: Builder, source: Article) -> Edit | None:
    """The article with one or two paragraphs left out."""
    if len(source.paragraphs) < 3:
        return None
    drop = set(
        builder.rng.sample(range(len(source.paragraphs)), min(2, len(source.paragraphs) - 2))
    )
    carried = [i for i in range(len(source.paragraphs)) if i not in drop]
    if _word_count([source.paragraphs[i] for i in carried]) < MIN_COPY_WORDS:
        return None
    return source.title, [source.paragraphs[i] for i in carried], carried


def edit_sentences(builder: Builder, source: Article) -> Edit | None:
    """The article with one sentence in each of one or two paragraphs reworded."""
    paragraphs = list(source.paragraphs)
    for index in builder.rng.sample(range(len(paragraphs)), min(2, len(paragraphs))):
        sentences = re.split(r"(?<=[.!?])\s+", paragraphs[index])
        which = builder.rng.randrange(len(sentences))
        collection = builder.collections[source.collection]
        sentences[which] = perturb(sentences[which], builder, collection, SENTENCE_EDIT_RATE)
        paragraphs[index] = " ".join(sentences)
    return source.title, paragraphs, list(range(len(paragraphs)))


SENTENCE_EDIT_RATE = 0.3  # share of an edited sentence's words that change
EDITORS = {
    "verbatim": edit_verbatim,
    "excerpt": edit_excerpt,
    "boilerplate": edit_boilerplate,
    "title-label": edit_title_label,
    "dropped": edit_dropped,
    "edited": edit_sentences,
}
SOURCE_TRIES = 50  # waiting sources tried before giving up on a copy for this slot


def inject(builder: Builder, copy_id: int) -> tuple[Article, dict[str, object]] | None:
    """A copy of a waiting source with a random edit, and its truth record; None if none fits."""
    kind = builder.rng.choice(EDITS)
    for _ in range(min(SOURCE_TRIES, len(builder.waiting))):
        index = builder.rng.randrange(len(builder.waiting))
        source = builder.waiting[index]
        edited = EDITORS[kind](builder, source)
        if edited is None:
            continue
        builder.waiting[index] = builder.waiting[-1]
        builder.waiting.pop()
        title, paragraphs, carried = edited
        outlet = _outlet(builder, other_than=source.outlet)
        paragraphs = [
            outlet_boilerplate(p, outlet, builder.collections["reuters"].tokens)
            if p in BOILERPLATE
            else p
            for p in paragraphs
        ]
        copy = Article(copy_id, outlet, title, paragraphs, source.collection)
        truth = {"source": source.id, "copy": copy_id, "edit": kind, "carried": carried}
        return copy, truth
    return None


def _keep_waiting(builder: Builder, article: Article) -> None:
    if _word_count(article.paragraphs) < MIN_COPY_WORDS:
        return
    builder.waiting.append(article)
    if len(builder.waiting) > SOURCE_POOL:
        index = builder.rng.randrange(len(builder.waiting))
        builder.waiting[index] = builder.waiting[-1]
        builder.waiting.pop()


def generate(builder: Builder, size: int) -> Iterator[tuple[Article, dict[str, object] | None]]:
    """Articles 1..size in publication order, each with its truth record when it is a copy."""
    for article_id in range(1, size + 1):
        if builder.waiting and builder.rng.random() < builder.copy_share:
            injected = inject(builder, article_id)
            if injected is not None:
                yield injected
                continue
        article = background(builder, article_id)
        _keep_waiting(builder, article)
        yield article, None


def record(article: Article) -> dict[str, object]:
    """The JSONL record of an article."""
    published = START + timedelta(seconds=STEP_S * article.id)
    return {
        "id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "published": published.isoformat(),
        "body": "\n\n".join(article.paragraphs),
    }


def read_bodies(path: Path, start: int, end: int) -> list[str]:
    """The bodies of a corpus file's lines between two byte offsets."""
    with path.open("rb") as handle:
        handle.seek(start)
        return [json.loads(line)["body"] for line in handle.read(end - start).splitlines()]


def corpus_paths(size: int, out: Path = OUT) -> tuple[Path, Path]:
    """Where the corpus of `size` articles and its truth are written."""
    return out / f"reuse-{size}.jsonl", out / f"reuse-{size}-truth.jsonl"


def build(
    shared: Path, size: int, seed: int = SEED, copy_share: float = COPY_SHARE, out: Path = OUT
) -> tuple[Path, Path]:
    """Write the corpus of `size` articles and its truth as JSONL, streaming; return the paths."""
    collections = {name: load_collection(name, shared) for name in COLLECTION_WEIGHTS}
    builder = Builder(collections, random.Random(seed), np.random.default_rng(seed), copy_share)
    articles_path, truth_path = corpus_paths(size, out)
    out.mkdir(parents=True, exist_ok=True)
    with articles_path.open("w", encoding="utf-8") as articles, truth_path.open("w") as truth:
        for article, injected in generate(builder, size):
            articles.write(json.dumps(record(article), ensure_ascii=False) + "\n")
            if injected is not None:
                truth.write(json.dumps(injected) + "\n")
    return articles_path, truth_path


def ensure(shared: Path, size: int, out: Path = OUT) -> tuple[Path, Path]:
    """The corpus of `size` articles with the default seed, built unless already on disk."""
    articles_path, truth_path = corpus_paths(size, out)
    stamp = articles_path.with_suffix(".done")
    # The builder's own source is part of the key: a changed builder rebuilds the corpora.
    key = f"{SEED} {hashlib.sha256(Path(__file__).read_bytes()).hexdigest()}"
    if stamp.exists() and stamp.read_text() == key:
        return articles_path, truth_path
    build(shared, size, out=out)
    stamp.write_text(key)
    return articles_path, truth_path


def main() -> int:
    """Build one corpus and say where it is."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    articles_path, truth_path = build(args.shared, args.size, args.seed)
    print(articles_path, truth_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
