"""Articles from structured items: table records (JSONL/CSV/JSON) and feed entries."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from newstrace.extract.dates import find_date, normalize_date
from newstrace.extract.html import extract_html
from newstrace.extract.text import read_dump
from newstrace.extract.titles import split_title_label
from newstrace.models import Article, Document, Format, Tag
from newstrace.normalize import comparison_key, normalize_line
from newstrace.settings import Settings

# Scraped corpora mark paragraph breaks with " ### " (the Helsinki corpus) or leave them as
# indented lines in hard-wrapped wire copy (Reuters-21578).
_HASH_SEPARATOR = re.compile(r"\s+###\s+")
_INDENTED_LINE = re.compile(r"\n(?=[ \t]+\S)")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\|)\s*")
MAX_DATE_FIELD_CHARS = 200
# A first line this long that ends a sentence is a paragraph, not a headline.
MAX_TITLE_SENTENCE_WORDS = 12
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_AUTHOR_STRIP = "[]'\"‘’“” "


def record_text(text: str) -> str:
    """Record text with its paragraph separators turned into blank lines."""
    text = _HASH_SEPARATOR.sub("\n\n", text.replace("\r\n", "\n"))
    if "\n\n" not in text and _INDENTED_LINE.search(text):
        paragraphs = _INDENTED_LINE.split(text)
        text = "\n\n".join(" ".join(part.split()) for part in paragraphs)
    return text


def parse_authors(value: str | None) -> tuple[str, ...]:
    """Author names from a field: "A and B", "A, B", or a list written as text ("['A', 'B']")."""
    if not value:
        return ()
    names = (normalize_line(name).strip(_AUTHOR_STRIP) for name in _AUTHOR_SPLIT.split(value))
    return tuple(name for name in names if name and any(ch.isalpha() for ch in name))


def _with_title(text: str, title: str | None) -> str:
    """Put a known title on the first line as a heading, unless the text already starts with it."""
    if not title:
        return text
    first = text.lstrip().split("\n", 1)[0]
    if comparison_key(first.lstrip("# ")) == comparison_key(title):
        return text
    return f"# {' '.join(title.split())}\n\n{text}"


def _stated_title(article: Article, title: str | None) -> Article:
    """The record's own title field wins over whatever line the text reader took for one."""
    if not title:
        return article
    label, clean = split_title_label(normalize_line(title))
    if comparison_key(clean) == comparison_key(article.title or ""):
        return article
    return article.with_changes(title=clean, title_label=label or article.title_label)


def _stated_date(value: str | None) -> str | None:
    """A date field as ISO; a field with trailing junk still gives the date it starts with."""
    if not value:
        return None
    return normalize_date(value) or find_date(value[:MAX_DATE_FIELD_CHARS])


def _overlay(article: Article, document: Document, fmt: Format) -> Article:
    """Fields the item states outright win over what was read from its text."""
    fields = document.fields
    authors = parse_authors(fields.get("author")) or article.authors
    tags = tuple(Tag("keyword", name) for name in fields.get("tags", "").splitlines() if name)
    known = {(tag.name, tag.value) for tag in article.tags}
    return article.with_changes(
        tags=article.tags + tuple(tag for tag in tags if (tag.name, tag.value) not in known),
        format=fmt,
        source_id=document.source_id,
        outlet=normalize_line(fields["outlet"]) if fields.get("outlet") else article.outlet,
        url=fields.get("url") or document.url or article.url,
        published=_stated_date(fields.get("published")) or article.published,
        authors=authors,
        byline=article.byline or (", ".join(authors) if authors else None),
        language=fields.get("language") or article.language,
    )


def _title_cased(line: str) -> bool:
    """Whether a line is written as a headline ("Putin Wants The World's Respect."): nearly
    every longer word capitalised, as running prose never is."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def untitled_body(article: Article, text: str) -> Article:
    """A text with no title of its own (a wire brief, a post, an event note) keeps its first
    lines as body: when the reader took all of it, or a long full sentence, for a title."""
    title = article.title or ""
    sentence = (
        title.endswith(".")
        and len(title.split()) > MAX_TITLE_SENTENCE_WORDS
        and not _title_cased(title)
    )
    if not title or (article.paragraphs and not sentence):
        return article
    paragraphs = [normalize_line(part) for part in _PARAGRAPH_BREAK.split(text)]
    kept = [p for p in paragraphs if p and not p.startswith("#")]
    found = (title, *article.paragraphs) if article.paragraphs else (tuple(kept) or (title,))
    return article.with_changes(title=None, title_label=None, paragraphs=found)


def extract_record(document: Document, settings: Settings) -> Article:
    """An article from a table record: its text read as a page dump, its mapped fields on top.
    A record without a title field keeps its text as the body."""
    title = document.fields.get("title")
    text = _with_title(record_text(document.fields.get("text", "")), title)
    article = read_dump(text, document.source, Format.TEXT, settings, source_id=document.source_id)
    article = _stated_title(article, title) if title else untitled_body(article, text)
    return _overlay(article, document, Format.RECORD)


def _fragment_paragraphs(fragment: str) -> tuple[str, ...]:
    """Paragraph texts of an HTML fragment, for entries too short for the page extractor."""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml_html.etree.ParserError):
        return ()
    blocks = root.xpath(".//p|.//li|.//blockquote|.//h2|.//h3") or [root]
    texts = (normalize_line(block.text_content()) for block in blocks)
    return tuple(text for text in texts if text)


def extract_feed_entry(document: Document, text: str, settings: Settings) -> Article:
    """An article from a feed entry's HTML content and the entry's metadata."""
    title = document.fields.get("title") or ""
    page = f"<html><head><title>{_escape(title)}</title></head><body><article>{text}</article></body></html>"
    article = extract_html(
        page, document.source, settings, url=document.url, source_id=document.source_id
    )
    if not article.paragraphs:
        article = article.with_changes(paragraphs=_fragment_paragraphs(text))
    if title and not article.title:
        article = article.with_changes(title=normalize_line(title))
    return _overlay(article, document, Format.FEED_ENTRY)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
