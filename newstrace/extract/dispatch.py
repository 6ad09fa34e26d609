"""Extraction: one Document in, one Article out, whatever the format."""

from __future__ import annotations

from newstrace.extract.encoding import decode
from newstrace.extract.html import extract_html
from newstrace.extract.records import extract_feed_entry, extract_record
from newstrace.extract.text import parse_dump
from newstrace.models import Article, Document, Format
from newstrace.settings import Settings


def extract(document: Document, settings: Settings) -> Article:
    """The article in a document; raises ValueError naming what is wrong when there is none."""
    if document.format is Format.RECORD:
        article = extract_record(document, settings)
    else:
        text, _encoding = decode(document.content, document.encoding)
        if document.format is Format.HTML:
            article = extract_html(
                text, document.source, settings, url=document.url, source_id=document.source_id
            )
        elif document.format is Format.FEED_ENTRY:
            article = extract_feed_entry(document, text, settings)
        else:
            article = parse_dump(text, document.source, document.format, settings, document.source_id)
    if not article.paragraphs and not article.title:
        raise ValueError("no article text found")
    return article
