"""What a page says about itself: JSON-LD article objects first, then meta tags and microdata."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

from newstrace.extract.dates import normalize_date
from newstrace.extract.jsonld_parse import jsonld_objects, types_of
from newstrace.normalize import normalize_line

MAX_META_TAGS = 3000
MAX_AUTHOR_CHARS = 100
MAX_AUTHORS = 20
MAX_HEADLINE_CHARS = 400

_ARTICLE_TYPE = re.compile(r"(?:Article|BlogPosting|Report)$")
_PAGE_TYPES = frozenset({"WebPage", "ItemPage", "AboutPage", "CollectionPage"})
_ARTICLE_WORD = re.compile(r"Article|Posting|Report")
# A meta name that says "published date" in a form no list can hold: "w-published-date".
_PUBLISHED_NAME = re.compile(r"(?:^|[-_.:])pub(?:lish(?:ed)?)?[-_.:]?(?:date|time|on)$")

PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "article.published",
    "datepublished", "parsely-pub-date", "sailthru.date", "citation_publication_date",
    "citation_date", "citation_online_date", "dc.date.issued", "dcterms.issued", "dc.date",
    "dcterms.date", "dc:date", "pubdate", "publishdate", "publish-date", "publish_date",
    "article_date_original", "og:published_time", "date", "datecreated", "published",
    "publication_date", "pub_date", "original-publish-date", "article:published",
)  # fmt: skip
MODIFIED_META = (
    "article:modified_time", "og:updated_time", "datemodified", "dc.date.modified",
    "dcterms.modified", "last-modified", "lastmod", "article.updated",
)  # fmt: skip
AUTHOR_META = (
    "author", "article:author", "parsely-author", "sailthru.author", "citation_author",
    "citation_authors", "dc.creator", "dc:creator", "dcterms.creator", "byl", "authors", "creator",
)  # fmt: skip
HEADLINE_META = (
    "og:title", "twitter:title", "parsely-title", "sailthru.title", "citation_title",
    "headline", "dc.title", "dcterms.title",
)  # fmt: skip
PUBLISHER_META = ("og:site_name", "application-name", "citation_journal_title", "dc.publisher")
KEYWORD_META = ("article:tag", "news_keywords", "keywords", "parsely-tags", "citation_keywords")

_BY_PREFIX = re.compile(r"^\s*(?:written\s+|posted\s+|reported\s+)?by[:\s]+", re.I)
_NAME_SEPARATORS = re.compile(r"\s*(?:;|,|&|\band\b|\|)\s*", re.I)
_NOT_A_NAME = re.compile(r"https?:|www\.|@|\.com\b|^\W*$|^\d")
Meta = Mapping[str, list[str]]
JsonObject = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """The article facts a page declares in JSON-LD, meta tags and microdata."""

    titles: tuple[str, ...] = ()
    published: str | None = None
    modified: str | None = None
    authors: tuple[str, ...] = ()
    author_organisations: tuple[str, ...] = ()  # authors the page types as Organization
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    article_body: str | None = None
    keywords: tuple[str, ...] = ()
    evidence: Mapping[str, str] = field(default_factory=dict)


def _is_article(obj: Mapping[str, Any]) -> bool:
    return any(_ARTICLE_TYPE.search(name) for name in types_of(obj))


def _text(value: Any) -> str | None:
    """A clean single-line string from a JSON-LD value (string, list or {name}/{@value})."""
    if isinstance(value, list):
        value = next((item for item in value if item), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    line = normalize_line(value)
    return line or None


def clean_author(value: str) -> str | None:
    """A person's name from an author value: "By " removed, URLs, handles and junk rejected."""
    name = _BY_PREFIX.sub("", normalize_line(value)).strip(" ,;|-")
    if not name or len(name) > MAX_AUTHOR_CHARS or _NOT_A_NAME.search(name):
        return None
    return name


def split_authors(value: str) -> list[str]:
    """Names from one author string; split on separators only when every part is a full name."""
    cleaned = clean_author(value)
    if cleaned is None:
        return []
    parts = [part for part in _NAME_SEPARATORS.split(cleaned) if part]
    if len(parts) > 1 and all(len(part.split()) >= 2 for part in parts):
        return [name for part in parts if (name := clean_author(part))]
    return [cleaned]


def _author_names(value: Any, index: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Names from a JSON-LD author value: a string, a Person, an @id reference or a list."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items[:MAX_AUTHORS]:
        if isinstance(item, dict) and "name" not in item and item.get("@id") in index:
            item = index[item["@id"]]
        if isinstance(item, dict):
            given, family = _text(item.get("givenName")), _text(item.get("familyName"))
            item = item.get("name") or (f"{given} {family}" if given and family else None)
        text = _text(item)
        if text:
            names.extend(split_authors(text))
    return _unique(names)


def _organisation_authors(value: Any, index: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Names of the JSON-LD authors typed Organization (a publisher named as author)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items[:MAX_AUTHORS]:
        if isinstance(item, dict) and "name" not in item and item.get("@id") in index:
            item = index[item["@id"]]
        if isinstance(item, dict) and types_of(item) & {"Organization", "NewsMediaOrganization"}:
            names.extend([name] if (name := _text(item.get("name"))) else [])
    return names


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    return [v for v in values if not (v.casefold() in seen or seen.add(v.casefold()))]  # type: ignore[func-returns-value]


def meta_values(tree: HtmlElement) -> dict[str, list[str]]:
    """Meta tag contents keyed by lower-cased name, property or itemprop, in page order."""
    values: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        if len(values) > MAX_META_TAGS:
            break
        content = meta.get("content")
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        if key and content and content.strip():
            values.setdefault(key.strip().lower(), []).append(content.strip())
    return values


def _first(meta: Meta, keys: tuple[str, ...]) -> tuple[str, str] | None:
    for key in keys:
        for value in meta.get(key, ()):
            return key, value
    return None


def _first_date(meta: Meta, keys: tuple[str, ...]) -> tuple[str, str] | None:
    for key in keys:
        for value in meta.get(key, ()):
            iso = normalize_date(value)
            if iso:
                return f"meta {key}", iso
    return None


def _published_meta(meta: Meta) -> tuple[str, str] | None:
    """The published date of the meta tags: a known name, else the earliest named like one
    ("w-published-date", "article.publish_time")."""
    known = _first_date(meta, PUBLISHED_META)
    if known is not None:
        return known
    named = (key for key in meta if _PUBLISHED_NAME.search(key) and "modif" not in key)
    # The earliest: a page stamping its render time as well names it like a publication.
    found = [date for key in named if (date := _first_date(meta, (key,)))]
    return min(found, key=lambda item: item[1][:10]) if found else None


def _declared_published(dated: list[dict[str, Any]], meta: Meta) -> tuple[str, str] | None:
    """JSON-LD's datePublished, unless only a generic page object states it and a meta tag
    states the article's own (an SEO plugin stamps every page; the meta tag is per article)."""
    declared = _jsonld_date(dated, "datePublished")
    in_meta = _published_meta(meta)
    if declared is not None and in_meta is not None and not _ARTICLE_WORD.search(declared[0]):
        return in_meta
    return declared or in_meta


def _main_article(objects: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The page's own article: the first article-typed object with a headline, else the first."""
    articles = [obj for obj in objects if _is_article(obj)]
    return next((obj for obj in articles if obj.get("headline")), articles[0] if articles else None)


def _jsonld_date(sources: list[dict[str, Any]], key: str) -> tuple[str, str] | None:
    for obj in sources:
        iso = normalize_date(_text(obj.get(key)) or "")
        if iso:
            return f"json-ld {'/'.join(sorted(types_of(obj)))} {key}", iso
    return None


def _keywords(article: JsonObject, meta: Meta) -> list[str]:
    raw = article.get("keywords")
    values = raw if isinstance(raw, list) else [raw] if isinstance(raw, str) else []
    for key in KEYWORD_META:
        values = values or list(meta.get(key, ()))
    words = [
        normalize_line(part)
        for value in values
        if isinstance(value, str)
        for part in value.split(",")
    ]
    return _unique([word for word in words if word and len(word) <= MAX_AUTHOR_CHARS])


def _microdata_date(tree: HtmlElement) -> tuple[str, str] | None:
    for element in tree.xpath('//*[@itemprop="datePublished"]')[:MAX_AUTHORS]:
        if _inside_comment(element):
            continue
        value = element.get("datetime") or element.get("content") or element.text_content()
        iso = normalize_date(value[:MAX_HEADLINE_CHARS])
        if iso:
            return "microdata datePublished", iso
    return None


def _microdata_authors(tree: HtmlElement) -> list[str]:
    names: list[str] = []
    for element in tree.xpath('//*[@itemprop="author"]')[:MAX_AUTHORS]:
        if _inside_comment(element):
            continue
        named = element.xpath('.//*[@itemprop="name"]')
        value = element.get("content") or (named[0] if named else element).text_content()
        names.extend(split_authors(value[:MAX_AUTHOR_CHARS]))
    return _unique(names)


def _inside_comment(element: HtmlElement) -> bool:
    """Whether a microdata property belongs to a reader comment rather than the article."""
    scopes = element.xpath("ancestor-or-self::*[@itemtype][1]/@itemtype")
    return bool(scopes) and "Comment" in scopes[0]


def _authors(
    article: JsonObject,
    index: JsonObject,
    meta: Meta,
    tree: HtmlElement,
) -> tuple[list[str], str | None]:
    """Authors and where they were found: JSON-LD, then meta tags, then microdata."""
    names = _author_names(article.get("author") or article.get("creator"), index)
    if names:
        return names, "json-ld author"
    for key in AUTHOR_META:
        names = _unique([n for value in meta.get(key, ()) for n in split_authors(value)])
        if names:
            return names, f"meta {key}"
    names = _microdata_authors(tree)
    return names, "microdata author" if names else None


def _titles(article: JsonObject, meta: Meta) -> list[str]:
    """Declared titles, best first: og:title, the JSON-LD headline, then other title meta tags."""
    headline = _text(article.get("headline")) or _text(article.get("name"))
    found = [value for key in HEADLINE_META[:1] for value in meta.get(key, ())[:1]]
    found += [headline] if headline else []
    found += [value for key in HEADLINE_META[1:] for value in meta.get(key, ())[:1]]
    titles = [normalize_line(title) for title in found]
    return _unique([title for title in titles if title and len(title) <= MAX_HEADLINE_CHARS])


def _publisher(article: JsonObject, index: JsonObject, meta: Meta) -> str | None:
    found = _first(meta, PUBLISHER_META[:1])
    if found:
        return normalize_line(found[1])
    publisher = article.get("publisher")
    if isinstance(publisher, dict) and "name" not in publisher:
        publisher = index.get(str(publisher.get("@id")), publisher)
    found = _first(meta, PUBLISHER_META[1:])
    return _text(publisher) or (normalize_line(found[1]) if found else None)


def _canonical_url(tree: HtmlElement, article: JsonObject, meta: Meta) -> str | None:
    for href in tree.xpath('//link[@rel="canonical"]/@href')[:1]:
        if href.strip().startswith("http"):
            return str(href).strip()
    url = _text(article.get("url")) or next(iter(meta.get("og:url", ())), None)
    return url if url and url.startswith("http") else None


def _language(tree: HtmlElement, article: JsonObject, meta: Meta) -> str | None:
    value = tree.get("lang") or _text(article.get("inLanguage"))
    value = value or next(iter(meta.get("og:locale") or meta.get("content-language") or ()), None)
    return normalize_line(value).replace("_", "-") or None if value else None


def page_metadata(
    tree: HtmlElement, objects: Sequence[dict[str, Any]] | None = None
) -> PageMetadata:
    """Titles, dates, authors, publisher, URL, language and keywords the page declares."""
    objects = jsonld_objects(tree) if objects is None else objects
    index = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str)}
    article = _main_article(objects) or {}
    dated = [article] + [obj for obj in objects if types_of(obj) & _PAGE_TYPES]
    meta = meta_values(tree)
    published = _declared_published(dated, meta)
    published = published or _microdata_date(tree)
    modified = _jsonld_date(dated, "dateModified") or _first_date(meta, MODIFIED_META)
    authors, author_evidence = _authors(article, index, meta, tree)
    evidence = {"published": published[0]} if published else {}
    evidence.update({"authors": author_evidence} if author_evidence else {})
    body = article.get("articleBody")
    return PageMetadata(
        titles=tuple(_titles(article, meta)),
        published=published[1] if published else None,
        modified=modified[1] if modified else None,
        authors=tuple(authors[:MAX_AUTHORS]),
        author_organisations=tuple(
            _organisation_authors(article.get("author") or article.get("creator"), index)
        ),
        publisher=_publisher(article, index, meta),
        url=_canonical_url(tree, article, meta),
        language=_language(tree, article, meta),
        article_body=body.strip() if isinstance(body, str) and body.strip() else None,
        keywords=tuple(_keywords(article, meta)),
        evidence=evidence,
    )
