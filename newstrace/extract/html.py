"""HTML pages into articles: trafilatura for the body, declared metadata first, comments kept apart.

The page is parsed once; trafilatura, the JSON-LD/meta reader, the comment reader and the media
finder all work on that tree.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement
from trafilatura.settings import Document as TrafilaturaDocument
from trafilatura.utils import load_html

from newstrace.extract import blocks
from newstrace.extract.authors import as_printed, clean_people
from newstrace.extract.byline_html import labelled_meta_author, page_byline
from newstrace.extract.comments_html import comment_containers, extract_comments
from newstrace.extract.credits import parse_credits
from newstrace.extract.html_body import (
    body_text,
    drop_comment_lines,
    separate_boilerplate,
    with_dropped_boilerplate,
)
from newstrace.extract.jsonld import PageMetadata, jsonld_objects, page_metadata, split_authors
from newstrace.extract.media import find_media, place_media
from newstrace.extract.published import published_date
from newstrace.extract.shown_dates import shown_dates
from newstrace.extract.wire import is_organisation
from newstrace.models import Article, Attribution, Format, Tag
from newstrace.normalize import comparison_key, normalize_line
from newstrace.settings import Settings

# A visible <h1> is the headline when a declared title agrees with it and it is not a
# fragment of that title (a section name such as "Blog" found inside a long title).
MIN_H1_SHARE_OF_TITLE = 0.5
MAX_H1_CANDIDATES = 5
MAX_TITLE_CHARS = 400
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")
MAX_SITE_SUFFIX_WORDS = 5
# An <h1> of at least this many words, most of them in the declared title, is the headline
# the reader sees when the declared title is a reworded SEO title.
MIN_REWORDED_H1_WORDS = 3
MIN_SHARED_WORD_SHARE = 0.5
_WORD = re.compile(r"\w+")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# "Dec 18 2025 Preparing a transition": a date a blog prints inside its heading.
_LEADING_DATE = re.compile(rf"^{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}\s+(?=\S)", re.I)
_POSTED_TAIL = re.compile(r"\s+posted\s+on\s+\S.{0,60}$", re.I)


def parse_html(html: str, settings: Settings) -> HtmlElement:
    """The page's lxml tree; ValueError for empty, oversized or non-HTML input."""
    if len(html) > settings.max_html_bytes:
        raise ValueError(f"page larger than {settings.max_html_bytes} characters")
    if not html.strip():
        raise ValueError("empty page")
    try:
        tree = load_html(html.replace("\x00", ""))
    except (ValueError, TypeError) as error:
        raise ValueError(f"not parseable as HTML: {error}") from error
    if tree is None:
        raise ValueError("not an HTML page")
    if tree_depth(tree, settings.max_html_depth) > settings.max_html_depth:
        raise ValueError(
            f"HTML nested deeper than {settings.max_html_depth} elements (max_html_depth);"
            " the parser drops what lies deeper, so the page is refused"
        )
    return tree


def tree_depth(root: HtmlElement, limit: int) -> int:
    """How deep the tree nests (the root is 0), counted no further than limit + 1."""
    deepest = 0
    stack = [(root, 0)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            break
        stack.extend((child, depth + 1) for child in element)
    return deepest


def strip_site_suffix(title: str, outlet: str | None) -> str:
    """A title without a " | Site Name" part: the outlet's name at either end, or a short tail."""
    separators = list(_TITLE_SEPARATOR.finditer(title))
    if not separators:
        return title
    first, last = separators[0], separators[-1]
    outlet_key = comparison_key(outlet) if outlet else None
    if outlet_key and comparison_key(title[: first.start()]) == outlet_key:
        return title[first.end() :].strip()
    head, tail = title[: last.start()].strip(), title[last.end() :].strip()
    if len(head.split()) < 2:
        return title
    if comparison_key(tail) == outlet_key or len(tail.split()) <= MAX_SITE_SUFFIX_WORDS:
        return head
    return title


def _agrees(heading: str, declared: str, outlet: str | None) -> bool:
    """Whether a visible heading and a declared title name the same headline."""
    shown, stated = comparison_key(heading), comparison_key(declared)
    if not shown or not stated:
        return False
    if shown in stated:
        headline = comparison_key(strip_site_suffix(declared, outlet))
        # a heading found only in the " | Site Name" part is the site's name, not the headline
        return shown in headline and len(shown) >= MIN_H1_SHARE_OF_TITLE * len(headline)
    return stated in shown and len(stated) >= MIN_H1_SHARE_OF_TITLE * len(shown)


def _shares_words(heading: str, declared: str) -> bool:
    """Whether a heading of a few words is mostly made of a declared title's words (a reworded
    SEO title of the same story)."""
    words = set(_WORD.findall(heading.casefold()))
    stated = set(_WORD.findall(declared.casefold()))
    if len(words) < MIN_REWORDED_H1_WORDS:
        return False
    return len(words & stated) >= MIN_SHARED_WORD_SHARE * len(words)


def _heading(element: HtmlElement, outlet: str | None) -> str:
    """An <h1>'s headline: entities a page escaped twice read, a date line before it and a
    "Posted on ... by ..." line or the outlet's name after it left out."""
    text = normalize_line(html.unescape(element.text_content()))
    text = _POSTED_TAIL.sub("", _LEADING_DATE.sub("", text))
    tail = _TITLE_SEPARATOR.split(text)[-1] if outlet else None
    if tail and tail != text and comparison_key(tail) == comparison_key(outlet or ""):
        return text[: text.rfind(tail)].rstrip(" |-–—:·•»")
    return text


def _capitals(text: str) -> int:
    return sum(word[0].isupper() for word in text.split())


def _same_words(heading: str, declared: list[str], outlet: str | None) -> str | None:
    """The declared title when it is the heading in better letter case: the <h1> styled in
    capitals, or in sentence case beside a title-case declared title."""
    for title in declared:
        stripped = strip_site_suffix(title, outlet)
        if stripped == heading or comparison_key(stripped) != comparison_key(heading):
            continue
        if heading.isupper() or _capitals(stripped) > _capitals(heading):
            return stripped
    return None


def choose_title(
    tree: HtmlElement, declared: list[str], outlet: str | None
) -> tuple[str | None, str]:
    """The headline and its evidence: the <h1> a declared title confirms, else that title."""
    declared = [normalize_line(html.unescape(title)) for title in declared]
    headings = [_heading(h, outlet) for h in tree.iter("h1")][:MAX_H1_CANDIDATES]
    headings = [h for h in headings if h and len(h) <= MAX_TITLE_CHARS]
    outlet_key = comparison_key(outlet) if outlet else None
    headings = [h for h in headings if comparison_key(h) != outlet_key]
    for heading in headings:
        agreeing = [d for d in declared if _agrees(heading, d, outlet)]
        if agreeing and heading.isupper():  # capitals are the page's styling, not the title's
            return strip_site_suffix(agreeing[0], outlet), "declared title, the <h1> in capitals"
        if agreeing:
            cased = _same_words(heading, declared, outlet)
            if cased is not None:
                return cased, "declared title, the <h1> showing it in other letter case"
            return heading, "<h1> confirmed by declared title"
    for heading in headings:
        sharing = [d for d in declared if _shares_words(heading, d)]
        if sharing and heading.isupper():  # capitals are the page's styling, not the title's
            return strip_site_suffix(sharing[0], outlet), "declared title, the <h1> in capitals"
        if sharing:
            return heading, "<h1> sharing most of its words with the declared title"
    for title in declared:
        stripped = strip_site_suffix(title, outlet)
        return stripped, "declared title" + (", site name removed" if stripped != title else "")
    return (headings[0], "<h1>") if headings else (None, "none")


def _document_field(document: TrafilaturaDocument | None, name: str) -> Any:
    value = getattr(document, name, None) if document is not None else None
    return normalize_line(value) or None if isinstance(value, str) else value


def _is_organisation(name: str, page: PageMetadata, outlet: str | None) -> bool:
    """Whether an author name is the publisher or another organisation, not a person."""
    key = comparison_key(name)
    publishers = {
        comparison_key(n) for n in (page.publisher, outlet, *page.author_organisations) if n
    }
    return key in publishers or is_organisation(name)


def _without_publisher(name: str | None, page: PageMetadata, outlet: str | None) -> str | None:
    """A byline without the publisher's name shown after the person's ("Jane Doe USA TODAY")."""
    for publisher in (page.publisher, outlet):
        if name and publisher and name.casefold().endswith(" " + publisher.casefold()):
            return name[: -len(publisher)].strip(" ,|-") or None
    return name


def _authors(
    tree: HtmlElement, page: PageMetadata, document: TrafilaturaDocument | None, outlet: str | None
) -> tuple[tuple[str, ...], str | None]:
    """Persons from JSON-LD, meta tags or microdata, else trafilatura's byline reading; an
    organisation only when the page names no person."""
    declared = clean_people(page.authors)
    found = _document_field(document, "author") or ""
    byline = clean_people([name for part in found.split(";") for name in split_authors(part)])
    people = tuple(name for name in declared if not _is_organisation(name, page, outlet))
    if people:
        evidence = page.evidence.get("authors")
        return people, evidence if people == declared else f"{evidence}, organisations left out"
    labelled = labelled_meta_author(tree)
    if labelled is not None and not _is_organisation(labelled, page, outlet):
        return (labelled,), "meta twitter:data (labelled Written by)"
    printed = tree.text_content()
    persons = tuple(
        as_printed(name, printed) for name in byline if not _is_organisation(name, page, outlet)
    )
    if persons:
        note = ", the declared author being an organisation" if declared else ""
        return persons, "trafilatura byline" + note
    shown = _without_publisher(page_byline(tree), page, outlet)
    if shown is not None and not _is_organisation(shown, page, outlet):
        return (shown,), "byline by the headline"
    if declared:
        return declared, page.evidence.get("authors")
    return byline, "trafilatura byline" if byline else None


def displayed_dates(tree: HtmlElement) -> set[str]:
    """The calendar days a reader sees on the page: dates in visible text and <time> elements."""
    return {shown.day for shown in shown_dates(tree)}


def _tags(page: PageMetadata, document: TrafilaturaDocument | None) -> tuple[Tag, ...]:
    """The page's keywords: declared ones, else the tag links trafilatura found."""
    keywords = list(page.keywords) or list(_document_field(document, "tags") or [])
    tags = (Tag("keyword", normalize_line(value)) for value in keywords)
    return tuple(dict.fromkeys(tag for tag in tags if tag.value))


def _outlet(
    page: PageMetadata, document: TrafilaturaDocument | None, url: str | None
) -> tuple[str | None, str | None]:
    if page.publisher:
        return page.publisher, None
    guessed = _document_field(document, "sitename")
    if guessed:
        return guessed, "site name guessed by trafilatura"
    host = urlsplit(url).hostname if url else None
    return (host.removeprefix("www."), "host name of the page URL") if host else (None, None)


def _declared_titles(
    page: PageMetadata, tree: HtmlElement, document: TrafilaturaDocument | None
) -> list[str]:
    element = tree.find(".//title")
    found = [*page.titles, _document_field(document, "title")]
    found.append(normalize_line(element.text_content()) if element is not None else None)
    return [title for title in dict.fromkeys(found) if title and len(title) <= MAX_TITLE_CHARS]


def extract_html(
    html: str, source: str, settings: Settings, url: str | None = None, source_id: str | None = None
) -> Article:
    """The article in an HTML page; ValueError naming the problem when the page cannot be read."""
    tree = parse_html(html, settings)
    try:
        return _extract(tree, source, settings, url, source_id)
    except RecursionError as error:
        raise ValueError("page nested too deeply to extract") from error


def _extract(
    tree: HtmlElement, source: str, settings: Settings, url: str | None, source_id: str | None
) -> Article:
    objects = jsonld_objects(tree)
    page = page_metadata(tree, objects)
    page_url = url or page.url
    comments = extract_comments(tree, objects)
    body = body_text(tree, page_url, page, settings)
    fields, evidence, headline = _metadata(tree, page, body.document, page_url)
    lines = drop_comment_lines(_without_headline(body.lines, headline), comments)
    lines = with_dropped_boilerplate(tree, lines, frozenset(comment_containers(tree)))
    paragraphs, boilerplate = separate_boilerplate(lines)
    evidence["body"] = body.evidence
    return Article(
        source=source,
        format=Format.HTML,
        paragraphs=paragraphs,
        source_id=source_id,
        url=page_url,
        comments=comments,
        boilerplate=boilerplate,
        attributions=_attributions(lines),
        media=place_media(find_media(tree, page_url, objects), paragraphs),
        inferred={name: value for name, value in evidence.items() if value},
        **fields,
    )


def _metadata(
    tree: HtmlElement, page: PageMetadata, document: TrafilaturaDocument | None, url: str | None
) -> tuple[dict[str, Any], dict[str, str | None], str | None]:
    """Article fields from what the page declares, shows and trafilatura guesses; their evidence;
    and the full headline (label included)."""
    outlet, outlet_evidence = _outlet(page, document, url)
    headline, title_evidence = choose_title(tree, _declared_titles(page, tree, document), outlet)
    label, title = blocks.split_title_label(headline) if headline else (None, None)
    authors, author_evidence = _authors(tree, page, document, outlet)
    published = published_date(tree, page, url)
    fields = {
        "outlet": outlet,
        "title": title,
        "title_label": label,
        "authors": authors,
        "byline": ", ".join(authors) or None,
        "published": published.value,
        "published_source": published.source,
        "published_confidence": published.confidence,
        "language": page.language or _document_field(document, "language"),
        "tags": _tags(page, document),
    }
    evidence = {"outlet": outlet_evidence, "title": title_evidence, "authors": author_evidence}
    evidence["published"] = published.evidence
    return fields, evidence, headline


def _without_headline(lines: tuple[str, ...], title: str | None) -> tuple[str, ...]:
    """Body lines without a first line that only repeats the headline."""
    if lines and title and comparison_key(lines[0]) == comparison_key(title):
        return lines[1:]
    return lines


def _attributions(lines: tuple[str, ...]) -> tuple[Attribution, ...]:
    return parse_credits(lines)
