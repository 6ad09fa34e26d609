"""The cross-language stage of `trace-shards`: translated copies among the shard articles, found
as `newstrace trace` finds them (newstrace/xling), their candidate pairs aligned in Ray tasks.

A record's `language` is taken as it is (as `newstrace extract --nl` writes it); a record
without the field has its language identified from its body (else its title) here. The links
found are checkpointed, so a resumed run does not find them again.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newstrace.engines.ray import RayEngine
from newstrace.engines.translations import found_translations, with_similarities
from newstrace.extract.language import article_language
from newstrace.models import Article, Format, ReuseLink
from newstrace.shards.corpus import BODY_FIELDS, ShardCorpus

CHECKPOINT = "translations.pkl"


def _article(number: int, record: dict[str, Any]) -> Article:
    """A shard record as the stage reads it: the body as one paragraph (offsets fall in it)."""
    body = next((str(record[name] or "") for name in BODY_FIELDS if name in record), "")
    article = Article(
        "shard",
        Format.TEXT,
        (body,),
        title=record.get("title"),
        outlet=record.get("outlet"),
        published=record.get("published"),
        language=record.get("language"),
        id=number,
    )
    if "language" in record:
        return article
    return article.with_changes(language=article_language(article))


def shard_articles(corpus: ShardCorpus) -> list[Article]:
    """Every article of the corpus with its language, date and outlet, numbered as in links."""
    return [_article(number, record) for number, record in corpus.records(range(len(corpus)))]


def shard_translations(
    corpus: ShardCorpus, engine: RayEngine, taken: Iterable[tuple[int, int]], folder: Path
) -> list[ReuseLink]:
    """The translation links among the corpus's articles, leaving out pairs already linked;
    read back from folder when a run before found them."""
    saved = folder / CHECKPOINT
    if saved.exists():
        links: list[ReuseLink] = pickle.loads(saved.read_bytes())
        return links
    articles = shard_articles(corpus)
    skip = set(taken)
    links = []
    if len({a.language for a in articles if a.language}) > 1:
        found = found_translations(articles, None, engine)
        links = [with_similarities(t) for t in found if (t.link.a, t.link.b) not in skip]
    partial = saved.with_suffix(".partial")
    partial.write_bytes(pickle.dumps(links))
    partial.replace(saved)
    return links
