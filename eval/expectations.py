"""Compare an extracted article with expected fields, in the shape of the seeds' expected.json.

Used by the quality gate on ../shared/seeds and by the tests on the bundled examples.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newstrace.models import Article
from newstrace.normalize import comparison_key

Check = tuple[str, bool, str]  # (what, passed, detail)
# Fields the reuse stage fills in; the extraction gate leaves them to that stage's gate.
REUSE_FIELDS = {"outlet_after_reuse", "published_after_reuse"}
# Notes for people, and fields that describe the input file rather than the article.
NOTES = {"comments_note", "outlet_note", "note", "excerpt", "published_at", "format"}


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
        ok = any(
            _key(author) == _key(want["author"]) and text.startswith(_key(want["starts"]))
            for author, text in found
        )
        yield f"comment by {want['author']}", ok, ""
    body = _key(article.body)
    leaked = [text[:40] for _, text in found if len(text) > 20 and text[:60] in body]
    yield "no comment text in the body", not leaked, "; ".join(leaked)


def _meta_checks(
    article: Article, field: str, value: Any, aliases: Mapping[str, list[str]]
) -> Iterator[Check]:
    if field in {"title", "title_label", "outlet", "byline"}:
        got = getattr(article, field)
        yield field, _key(got) == _key(value) if value else got is None, repr(got)
    elif field == "published":
        got = article.published[:10] if article.published else None
        yield field, got == value, repr(article.published)
    elif field == "original":
        ok = any(
            _key(a.outlet) == _key(value["outlet"])
            and (a.published or "")[:10] == value["published"]
            for a in article.attributions
        )
        yield (
            "original outlet and date",
            ok,
            repr([(a.outlet, a.published) for a in article.attributions]),
        )
    elif field == "tags":
        tags: dict[str, list[str]] = {}
        for tag in article.tags:
            tags.setdefault(tag.name, []).append(tag.value)
        # Every expected tag must be found, in any order; finding more is allowed.
        ok = all(set(values) <= set(tags.get(name, [])) for name, values in value.items())
        yield "tags", ok, repr(tags)
    elif field == "media":
        urls = [m.url for m in article.media]
        yield "media", all(url in urls for url in value), repr(urls)
    elif field == "attributions":
        named = {_key(a.outlet) for a in article.attributions}
        for want in value:
            names = {
                _key(want["outlet"]),
                *(_key(alias) for alias in aliases.get(want["outlet"], ())),
            }
            yield f"attribution to {want['outlet']}", bool(named & names), repr(sorted(named))
    elif field == "url":
        yield field, article.url == value, repr(article.url)
    elif field == "boilerplate_contains":
        blocks = [_key(b.text) for b in article.boilerplate]
        for text in value:
            yield (
                f"boilerplate holds {text[:40]!r}",
                any(_key(text) in block for block in blocks),
                "",
            )


def check_article(
    article: Article, expected: Mapping[str, Any], aliases: Mapping[str, list[str]] | None = None
) -> list[Check]:
    """Every check of one article against its expected fields: (what, passed, detail)."""
    checks: list[Check] = []
    for field, value in expected.items():
        if field in REUSE_FIELDS | NOTES:
            continue
        if field == "comments":
            checks += _comment_checks(article, value)
            continue
        checks += _body_checks(article, field, value)
        checks += _meta_checks(article, field, value, aliases or {})
    return checks
