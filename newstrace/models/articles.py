"""Documents and the articles extracted from them, with their parts: comments, boilerplate, credits, media, tags."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any


class Format(StrEnum):
    """What kind of item a document is; decides which extractor reads it."""

    HTML = "html"
    TEXT = "text"
    MARKDOWN = "markdown"
    RECORD = "record"  # one row of JSONL / JSON array / CSV, with mapped fields
    FEED_ENTRY = "feed-entry"  # one RSS/Atom entry with its content


class BoilerplateKind(StrEnum):
    """Why a block of text is not part of the article body."""

    APPEAL = "appeal"  # donation, membership, subscription requests
    DISCLAIMER = "disclaimer"
    COPYRIGHT = "copyright"
    SHARE_PROMPT = "share prompt"  # "please click the share buttons", "follow us on"
    NAVIGATION = "navigation"  # "Articles by:", "Read more", "Advertisement", related links
    CONTACT = "contact"  # "For media inquiries:", "Contact us at"
    ATTRIBUTION = "attribution"  # "The original source of this article is X"
    AUTHOR_BIO = "author bio"  # "About the author", "Jane Doe is a reporter for ..."
    SITE_REPEATED = "site-repeated"  # learned: recurs across one outlet's different stories


@dataclass(frozen=True, slots=True)
class Comment:
    """A reader comment: who wrote it, what, and where it sat among the comments."""

    author: str | None
    text: str
    position: int
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """A block kept apart from the body, with the kind and the evidence that labelled it."""

    text: str
    kind: BoilerplateKind
    evidence: str
    position: int = 0  # order among the page's blocks, body paragraphs included


@dataclass(frozen=True, slots=True)
class Attribution:
    """A statement that the article comes from elsewhere ("The original source of this article is X")."""

    text: str  # the sentence or line it came from
    cue: str  # "original source", "originally published", "first appeared", "source", "byline", "dateline"
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Media:
    """A media link embedded in the page (video, audio, iframe, image)."""

    url: str
    kind: str  # "video", "audio", "iframe", "image", "embed"
    position: int | None = None  # how many body paragraphs come before it; None when unknown


@dataclass(frozen=True, slots=True)
class Tag:
    """A named tag line ("Region: Middle East") or a keyword (name "keyword")."""

    name: str
    value: str


@dataclass(frozen=True, slots=True)
class Document:
    """One input item as ingested: its raw bytes and where it came from."""

    source: str  # file path or URL
    format: Format
    content: bytes
    content_hash: str
    source_id: str | None = None  # record id within a JSONL/CSV/WARC/feed
    url: str | None = None
    # Structured fields that came with the item (mapped table columns, feed entry metadata):
    # keys among text, title, outlet, published, url, author, id, language.
    fields: Mapping[str, str] = field(default_factory=dict)
    encoding: str | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """An item that could not be ingested or extracted, and why."""

    source: str
    reason: str
    source_id: str | None = None
    format: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """An extracted article: clean body and metadata, with boilerplate and comments kept apart."""

    source: str
    format: Format
    paragraphs: tuple[str, ...]
    source_id: str | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    title_label: str | None = None
    byline: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime
    # Where the date was read: jsonld, meta, time, url, dateline, text, record, feed.
    published_source: str | None = None
    published_confidence: float | None = None  # 0..1; None when no date
    language: str | None = None
    comments: tuple[Comment, ...] = ()
    boilerplate: tuple[Boilerplate, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    media: tuple[Media, ...] = ()
    tags: tuple[Tag, ...] = ()
    inferred: Mapping[str, str] = field(default_factory=dict)  # field -> evidence
    id: int | None = None

    @property
    def body(self) -> str:
        """The body: paragraphs joined by a blank line."""
        return "\n\n".join(self.paragraphs)

    def with_changes(self, **changes: Any) -> Article:
        """A copy with some fields replaced."""
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        """The stable article object documented in the README."""
        tags: dict[str, list[str]] = {}
        for tag in self.tags:
            tags.setdefault(tag.name, []).append(tag.value)
        return {
            "id": self.id,
            "source": self.source,
            "source_id": self.source_id,
            "format": str(self.format),
            "outlet": self.outlet,
            "url": self.url,
            "title": self.title,
            "title_label": self.title_label,
            "byline": self.byline,
            "authors": list(self.authors),
            "published": self.published,
            "published_source": self.published_source,
            "published_confidence": self.published_confidence,
            "language": self.language,
            "body": self.body,
            "paragraphs": list(self.paragraphs),
            "comments": [
                {"author": c.author, "text": c.text, "published": c.published}
                for c in self.comments
            ],
            "boilerplate": [
                {"text": b.text, "kind": str(b.kind), "evidence": b.evidence}
                for b in self.boilerplate
            ],
            "attributions": [_attribution_json(a) for a in self.attributions],
            "media": [{"url": m.url, "kind": m.kind, "position": m.position} for m in self.media],
            "tags": tags,
            "inferred": dict(self.inferred),
        }


def _attribution_json(attribution: Attribution) -> dict[str, Any]:
    data = asdict(attribution)
    return {key: data[key] for key in ("outlet", "url", "published", "author", "cue", "text")}


def dumps(value: Any) -> str:
    """JSON text for CLI output: UTF-8 kept readable."""
    return json.dumps(value, ensure_ascii=False)
