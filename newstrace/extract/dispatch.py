"""Extraction: one Document in, one Article out, whatever the format."""

from __future__ import annotations

from newstrace.extract.encoding import decode
from newstrace.extract.html import extract_html
from newstrace.extract.language import with_language
from newstrace.extract.records import extract_feed_entry, extract_record, untitled_body
from newstrace.extract.text import parse_dump
from newstrace.extract.wire import with_wire_attributions, without_own_date_lines
from newstrace.models import Article, Document, Format
from newstrace.settings import Settings


def _read(document: Document, settings: Settings) -> Article:
    if document.format is Format.RECORD:
        return extract_record(document, settings)
    text, _encoding = decode(document.content, document.encoding)
    if document.format is Format.FEED_ENTRY:
        return extract_feed_entry(document, text, settings)
    if document.format is Format.HTML:
        return extract_html(
            text, document.source, settings, url=document.url, source_id=document.source_id
        )
    article = parse_dump(text, document.source, document.format, settings, document.source_id)
    # a text file of one paragraph (a wire brief, a post, an event note) is a body, not a title
    return untitled_body(article, text)


# A date given as a field of a record or feed entry is the publisher's statement.
STATED_DATE_CONFIDENCE = 0.9
_STATED_DATE_SOURCES = {Format.RECORD: "record", Format.FEED_ENTRY: "feed"}


def _with_date_source(article: Article, document: Document) -> Article:
    """The article with its date's source named when the date came as a stated field."""
    stated = _STATED_DATE_SOURCES.get(document.format)
    if article.published and stated and document.fields.get("published"):
        return article.with_changes(
            published_source=stated, published_confidence=STATED_DATE_CONFIDENCE
        )
    return article


def extract(document: Document, settings: Settings) -> Article:
    """The article in a document; raises ValueError naming what is wrong when there is none."""
    article = _read(document, settings)
    if not article.paragraphs and not article.title:
        raise ValueError("no article text found")
    article = without_own_date_lines(with_wire_attributions(article))
    return with_language(_with_date_source(article, document))
