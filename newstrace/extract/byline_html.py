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
# A label standing alone, the name in the next element: "Written by" / "Jane Doe".
_LABEL_ALONE = re.compile(
    r"^\s*(?:written\s+by|authored\s+by|by|authors?(?:\s*\(s\))?)\s*:?\s*$", re.I
)
_WRITTEN_BY = re.compile(r"^\s*(?:written|authored)\s+by\b", re.I)
MAX_ELEMENTS_AFTER_LABEL = 6
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


_WRITTEN_BY_LABEL = re.compile(r"^\s*(?:written\s+by|author|by)\s*:?\s*$", re.I)
MAX_META_LABELS = 4


def labelled_meta_author(tree: HtmlElement) -> str | None:
    """The author a page states in labelled meta pairs (twitter:label1 "Written by",
    twitter:data1 "Jane Doe"), as SEO plugins write them for every post."""
    for number in range(1, MAX_META_LABELS + 1):
        label = tree.xpath(f'//meta[@name="twitter:label{number}"]/@content')
        if label and _WRITTEN_BY_LABEL.match(str(label[0])):
            data = tree.xpath(f'//meta[@name="twitter:data{number}"]/@content')
            return clean_person(str(data[0])) if data else None
    return None


def _after_label(elements: list[HtmlElement], index: int) -> str | None:
    """The name in the element after a label that stands alone ("Written by", "Author(s)")."""
    label = elements[index]
    for element in elements[index + 1 : index + 1 + MAX_ELEMENTS_AFTER_LABEL]:
        if label in element.iterancestors():
            continue
        text = _text(element)
        if text:
            return clean_person(text) if len(text) <= MAX_BYLINE_CHARS else None
    return None


def _name_in(elements: list[HtmlElement], index: int, written_only: bool) -> str | None:
    element = elements[index]
    if element.tag in ("script", "style", "h1", "title", "meta"):
        return None
    # far from the headline only an element's own text may open with "Written by"
    if written_only and not _WRITTEN_BY.match(element.text or ""):
        return None
    text = _text(element)
    alone = _LABEL_ALONE.match(text)
    name = _after_label(elements, index) if alone else _byline_name(element)
    return name if name is not None and not outside_article(element) else None


def page_byline(tree: HtmlElement) -> str | None:
    """The author named by the headline's byline, else by a "Written by" line anywhere in the
    article (an author box below it); or None."""
    elements = [e for e in tree.iter() if isinstance(e.tag, str)]
    headline = next((i for i, e in enumerate(elements) if e.tag == "h1"), None)
    near = (
        range(
            max(0, headline - MAX_ELEMENTS_BEFORE_HEADLINE), headline + MAX_ELEMENTS_AFTER_HEADLINE
        )
        if headline is not None
        else range(0)
    )
    for index in near:
        if index < len(elements) and (name := _name_in(elements, index, False)):
            return name
    for index in range(len(elements)):
        if index not in near and (name := _name_in(elements, index, True)):
            return name
    return None
