"""The seed gate: every extraction field under `articles` in ../shared/seeds/expected.json."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newstrace.extract.dispatch import extract
from newstrace.extract.normalize import comparison_key
from newstrace.ingest import iter_items
from newstrace.models import Article, Document
from newstrace.settings import Settings

Check = tuple[str, bool, str]  # (what, passed, detail)
# Fields the reuse stage fills in; the extraction gate leaves them to that stage's gate.
REUSE_FIELDS = {"outlet_after_reuse", "published_after_reuse"}
NOTES = {"comments_note", "outlet_note"}


def _key(text: str | None) -> str:
    return comparison_key(text or "")


def _body_checks(article: Article, field: str, value: Any) -> Iterator[Check]:
    body = _key(article.body)
    if field == "body_paragraphs":
        yield field, len(article.paragraphs) == value, f"{len(article.paragraphs)} paragraphs"
    elif field == "body_starts":
        yield field, body.startswith(_key(value)), body[:80]
    elif field == "body_ends":
        yield field, body.endswith(_key(value)), body[-80:]
    elif field == "body_contains":
        for text in value:
            yield f"body contains {text[:40]!r}", _key(text) in body, ""
    elif field == "body_excludes":
        for text in value:
            yield f"body excludes {text!r}", _key(text) not in body, ""


def _comment_checks(article: Article, expected: list[dict[str, str]]) -> Iterator[Check]:
    found = [(c.author, _key(c.text)) for c in article.comments]
    yield "comment count", len(found) >= len(expected), f"{len(found)} comments"
    for want in expected:
        ok = any(_key(author) == _key(want["author"]) and text.startswith(_key(want["starts"])) for author, text in found)
        yield f"comment by {want['author']}", ok, ""
    body = _key(article.body)
    leaked = [text[:40] for _, text in found if len(text) > 20 and text[:60] in body]
    yield "no comment text in the body", not leaked, "; ".join(leaked)


def _meta_checks(article: Article, field: str, value: Any) -> Iterator[Check]:
    if field in {"title", "title_label", "outlet", "byline"}:
        got = getattr(article, field)
        yield field, _key(got) == _key(value) if value else got is None, repr(got)
    elif field == "published":
        yield field, (article.published or "")[:10] == value, repr(article.published)
    elif field == "original":
        ok = any(_key(a.outlet) == _key(value["outlet"]) and (a.published or "")[:10] == value["published"] for a in article.attributions)
        yield "original outlet and date", ok, repr([(a.outlet, a.published) for a in article.attributions])
    elif field == "tags":
        got: dict[str, list[str]] = {}
        for tag in article.tags:
            got.setdefault(tag.name, []).append(tag.value)
        yield "tags", all(got.get(name) == values for name, values in value.items()), repr(got)
    elif field == "media":
        urls = [m.url for m in article.media]
        yield "media", all(url in urls for url in value), repr(urls)
    elif field == "boilerplate_contains":
        blocks = [_key(b.text) for b in article.boilerplate]
        for text in value:
            yield f"boilerplate holds {text[:40]!r}", any(_key(text) in block for block in blocks), ""


_CHECKERS: list[Callable[[Article, str, Any], Iterator[Check]]] = [_body_checks, _meta_checks]


def check_article(article: Article, expected: dict[str, Any]) -> list[Check]:
    """Every check of one seed article against its expected fields."""
    checks: list[Check] = []
    for field, value in expected.items():
        if field in REUSE_FIELDS | NOTES:
            continue
        if field == "comments":
            checks += _comment_checks(article, value)
            continue
        for checker in _CHECKERS:
            checks += checker(article, field, value)
    return checks


def extract_seed(path: Path, settings: Settings) -> Article:
    """Extract one seed file the way `newstrace ingest` would."""
    (item,) = list(iter_items([str(path)], settings))
    if not isinstance(item, Document):
        raise RuntimeError(f"{path}: {item.reason}")
    return extract(item, settings)


def measure(shared: Path, settings: Settings | None = None) -> dict[str, Any]:
    """Run every seed check; the figure is the share of checks passed."""
    seeds = shared / "seeds"
    expected = json.loads((seeds / "expected.json").read_text())["articles"]
    settings = settings or Settings()
    results: list[dict[str, Any]] = []
    for name, fields in expected.items():
        article = extract_seed(seeds / name, settings)
        for what, passed, detail in check_article(article, fields):
            results.append({"seed": name, "check": what, "passed": passed, "detail": detail})
    passed = sum(r["passed"] for r in results)
    return {"checks": len(results), "passed": passed, "share": passed / len(results), "results": results}
