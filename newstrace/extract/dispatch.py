"""Extraction: one Document in, one Article out, whatever the format."""

from __future__ import annotations

from newstrace.extract.encoding import decode
from newstrace.extract.html import extract_html
from newstrace.extract.records import extract_feed_entry, extract_record
from newstrace.extract.text import parse_dump
from newstrace.extract.wire import with_wire_attributions
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
    return parse_dump(text, document.source, document.format, settings, document.source_id)


def extract(document: Document, settings: Settings) -> Article:
    """The article in a document; raises ValueError naming what is wrong when there is none."""
    article = _read(document, settings)
    if not article.paragraphs and not article.title:
        raise ValueError("no article text found")
    return with_wire_attributions(article)
