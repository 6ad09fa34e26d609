"""The dates a reader sees on a page, each with its label and whether it belongs to the article.

A date shown in a comment, a related-article teaser, a sidebar or the footer is not the
article's; a date labelled "Updated" is a modification; "© 2020" is a copyright year; a date
inside a sentence or a table cell is text or data, and one that opens a period ("2021-03-04 -
2021-03-09") is an event's, not a dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain

from lxml.html import HtmlElement

from newstrace.extract.dates import find_date_at, find_date_span

MAX_SCAN_ELEMENTS = 50_000
MIN_TEXT_CHARS = 6
MAX_TEXT_CHARS = 200
MAX_LABEL_CHARS = 60
MAX_ANCESTORS = 30
_INVISIBLE_TAGS = frozenset(
    {"script", "style", "noscript", "head", "title", "template", "svg", "meta", "option"}
)
_OUTSIDE_TAGS = frozenset({"footer", "form", "select"})
_PAGE_TAGS = frozenset({"body", "html"})  # their classes describe the whole page
# Class or id words that begin the names of page parts holding other items' dates, not the
# article's ("comment-list", "related-posts", "sidebar"); "with-sidebar" names a layout.
_OUTSIDE_WORDS = re.compile(
    r"(?:comments?|commentlist|disqus|repl(?:y|ies)|related|recommend(?:ed|ations)?|sidebar"
    r"|footer|recent|popular|trending|more-?(?:stories|articles|news|posts)|read-?next"
    r"|up-?next|teasers?|promo)(?:$|[_-])",
    re.I,
)
_UPDATED = re.compile(
    r"\b(?:updated|modified|revised|reviewed|edited|refreshed|last\s+changed)\b", re.I
)
# "Last active", "last seen": when someone or something was last busy, no date of the text.
_ACTIVITY = re.compile(r"\blast\s+(?:active|activity|seen|online|login)\b", re.I)
_PUBLISHED = re.compile(r"\b(?:published|posted|first\s+appeared|released|dated?)\b", re.I)
_COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b", re.I)
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]{2,}")
# A dateline's words besides the date: "Published on Tuesday, March 4, 2021 at 10:00 AM EST
# by the news desk". More words than this and the date is part of a sentence.
MAX_DATELINE_WORDS = 12
MAX_CLASS_LEVELS = 3
_DATA_TAGS = frozenset({"td", "th"})  # a date in a table cell is data
_RANGE_LINK = re.compile(r"\s*(?:-|–|—|to|until|through)\s*", re.I)
_INLINE_TAGS = frozenset({"a", "em", "i", "strong", "b"})
_TEXT_BLOCKS = frozenset({"p", "li", "blockquote", "dd"})
_MONTH_YEAR = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(?:19|20)\d{2}", re.I
)
_NAMING_ATTRIBUTES = ("class", "id", "itemprop")
# Markup names of a publication or a modification date, as whole parts of a class name:
# "published", "post-publish-date", "datePublished"; "updated", "date-modified".
_PUBLISHED_NAME = re.compile(r"(?:^|[\s_-]|date)publish(?:ed)?(?:$|[\s_-]|date|time)", re.I)
_UPDATED_NAME = re.compile(r"(?:^|[\s_-]|date)(?:updated|modified)(?:$|[\s_-]|date|time)", re.I)
_DATE_CLASS = re.compile(r"date|time(?!line)|byline|author|meta|posted|publish", re.I)


@dataclass(frozen=True, slots=True)
class ShownDate:
    """A calendar day shown on the page, where and how it is shown."""

    day: str  # YYYY-MM-DD
    order: int  # position of its element in document order
    label: str | None  # "published", "updated", "copyright", "activity" or None
    in_time_element: bool
    outside_article: bool  # in a comment, sidebar, footer, related-article list
    in_sentence: bool = False  # a date inside running text or a data table, not a dateline
    classed: bool = False  # in an element named as a date or byline ("post-date", "byline")
    label_named: bool = False  # the label read from markup names, not from words shown


def _label(before: str) -> str | None:
    """What the words just before a date say it is."""
    tail = before[-MAX_LABEL_CHARS:]
    found = [
        (match.end(), name)
        for name, pattern in (
            ("updated", _UPDATED),
            ("published", _PUBLISHED),
            ("copyright", _COPYRIGHT),
            ("activity", _ACTIVITY),
        )
        for match in pattern.finditer(tail)
    ]
    return max(found)[1] if found else None


def outside_article(element: HtmlElement) -> bool:
    """Whether an element is or sits in a part of the page holding other items (comments,
    related articles, a sidebar, the footer)."""
    for count, ancestor in enumerate(chain([element], element.iterancestors())):
        if count > MAX_ANCESTORS:
            break
        if ancestor.tag in _PAGE_TAGS:
            break
        if ancestor.tag in _OUTSIDE_TAGS and not _article_footer(ancestor):
            return True
        words = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}".split()
        if any(_OUTSIDE_WORDS.match(word) for word in words):
            return True
    return False


def _article_footer(element: HtmlElement) -> bool:
    """Whether a <footer> is an article's own (its byline and date), not the page's."""
    return element.tag == "footer" and next(element.iterancestors("article"), None) is not None


def _named_label(holder: HtmlElement) -> str | None:
    """What the element holding a date is named as ("post-published", itemprop
    "datePublished", "date-updated"): a date the markup names, whatever words show by it."""
    for count, element in enumerate(chain([holder], holder.iterancestors())):
        if count > MAX_CLASS_LEVELS or element.tag in _PAGE_TAGS:
            return None
        names = " ".join(element.get(key) or "" for key in _NAMING_ATTRIBUTES)
        if _PUBLISHED_NAME.search(names):
            return "published"
        if _UPDATED_NAME.search(names):
            return "updated"
    return None


def _context_before(element: HtmlElement, holder: HtmlElement, before: str, is_tail: bool) -> str:
    """The words before a date: earlier text in its own string, the element a tail follows
    ("<b>Updated:</b> May 4"), else its parent's leading text."""
    if is_tail and holder is not element:
        before = element.text_content()[-MAX_LABEL_CHARS:] + before
    if any(char.isalpha() for char in before):
        return before
    parent = holder.getparent()
    if parent is None:
        return before
    shown = parent.text_content()
    position = shown.find(holder.text_content()[:MAX_LABEL_CHARS])
    return shown[: max(position, 0)] + before


def shown_dates(tree: HtmlElement) -> list[ShownDate]:
    """Every date shown on the page, in document order."""
    found: list[ShownDate] = []
    for order, element in enumerate(tree.iter()):
        if order > MAX_SCAN_ELEMENTS:
            break
        if not isinstance(element.tag, str):
            continue
        visible = element.tag not in _INVISIBLE_TAGS
        pieces = [(element.text, False)] if visible else []
        if visible and element.tag == "time" and not _month_only(element.text_content()):
            pieces.append((element.get("datetime"), False))
        pieces.append((element.tail, True))
        for text, is_tail in pieces:
            shown = _shown(element, text, is_tail, order)
            if shown is not None:
                found.append(shown)
    return found


def _shown(element: HtmlElement, text: str | None, is_tail: bool, order: int) -> ShownDate | None:
    if not text or not MIN_TEXT_CHARS <= len(text) <= MAX_TEXT_CHARS or not _DIGIT.search(text):
        return None
    found = find_date_span(text)
    if found is None or _begins_range(text[found[1] :]):
        return None
    start, _, day = found
    holder = element.getparent() if is_tail and element.getparent() is not None else element
    shown_label = _label(_context_before(element, holder, text[:start], is_tail))
    named_label = None if shown_label else _named_label(holder)
    return ShownDate(
        day=day,
        order=order,
        label=shown_label or named_label,
        label_named=named_label is not None,
        in_time_element=holder.tag == "time",
        outside_article=holder.tag in _OUTSIDE_TAGS or outside_article(holder),
        in_sentence=len(_WORD.findall(text)) > MAX_DATELINE_WORDS
        or holder.tag in _DATA_TAGS
        or _in_running_text(holder),
        classed=_classed_as_date(holder),
    )


def _month_only(shown: str) -> bool:
    """Whether a <time> shows a month and no day ("April 2025"): the day in its datetime
    attribute is then a placeholder the reader is never shown."""
    return bool(_MONTH_YEAR.fullmatch(" ".join(shown.split())))


def _in_running_text(holder: HtmlElement) -> bool:
    """Whether a date in a link or emphasis sits in a paragraph of running text ("... shared
    on the community forum on 2025-07-09, where ..."), not in a dateline."""
    parent = holder.getparent()
    if holder.tag not in _INLINE_TAGS or parent is None or parent.tag not in _TEXT_BLOCKS:
        return False
    words = _WORD.findall(parent.text_content()[: MAX_TEXT_CHARS * 4])
    return len(words) > MAX_DATELINE_WORDS


def _begins_range(rest: str) -> bool:
    """Whether the text after a date continues it into a period ("2021-03-04 - 2021-03-09"):
    the dates of an event or a report's span, not of the page."""
    link = _RANGE_LINK.match(rest)
    if link is None:
        return False
    found = find_date_at(rest[link.end() :])
    return found is not None and found[0] == 0


def _classed_as_date(holder: HtmlElement) -> bool:
    """Whether the date sits in an element its page names as a date or byline
    ("post-date", "article-meta", "byline")."""
    for count, element in enumerate(chain([holder], holder.iterancestors())):
        if count > MAX_CLASS_LEVELS or element.tag in _PAGE_TAGS:
            return False
        if _DATE_CLASS.search(f"{element.get('class') or ''} {element.get('id') or ''}"):
            return True
    return False
