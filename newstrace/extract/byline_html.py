"""The byline a reader sees by the headline: "By Jane Doe", "Written by: Jane Doe", or an
element the page marks as the author's (class "author", rel="author")."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newstrace.extract.authors import clean_person
from newstrace.extract.shown_dates import outside_article

# Bylines sit by the headline: a few elements before it, more after (kicker, dateline, photo).
MAX_ELEMENTS_BEFORE_HEADLINE = 20
MAX_ELEMENTS_AFTER_HEADLINE = 150
MAX_BYLINE_CHARS = 80
_BY = re.compile(
    r"^\s*(?:written\s+by|posted\s+by|by|author)(?:\s*:\s*|\s+)(?P<name>\S.*)$", re.I | re.S
)
_AUTHOR_MARK = re.compile(r"(?:^|[\s_-])(?:author|byline)(?:[\s_-]|name|$)", re.I)
_NOT_NAME_MARK = re.compile(r"(?:avatar|image|img|photo|bio|description|label)", re.I)


def _text(element: HtmlElement) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _marked_author(element: HtmlElement) -> bool:
    marks = " ".join(
        value for name in ("class", "id", "itemprop", "rel") if (value := element.get(name))
    )
    return bool(_AUTHOR_MARK.search(marks)) and not _NOT_NAME_MARK.search(marks)


def _byline_name(element: HtmlElement) -> str | None:
    text = _text(element)
    if not text or len(text) > MAX_BYLINE_CHARS:
        return None
    found = _BY.match(text)
    if found is not None:
        return clean_person(found.group("name"))
    return clean_person(text) if _marked_author(element) else None


def page_byline(tree: HtmlElement) -> str | None:
    """The author named by the headline's byline, or None."""
    elements = [e for e in tree.iter() if isinstance(e.tag, str)]
    headline = next((i for i, e in enumerate(elements) if e.tag == "h1"), None)
    if headline is None:
        return None
    start = max(0, headline - MAX_ELEMENTS_BEFORE_HEADLINE)
    for element in elements[start : headline + MAX_ELEMENTS_AFTER_HEADLINE]:
        if element.tag in ("script", "style", "h1", "title", "meta"):
            continue
        name = _byline_name(element)
        if name is not None and not outside_article(element):
            return name
    return None
