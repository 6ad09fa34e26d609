"""HTML pages into articles: trafilatura for the body, declared metadata first, comments kept apart.

The page is parsed once; trafilatura, the JSON-LD/meta reader, the comment reader and the media
finder all work on that tree.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement
from trafilatura.settings import Document as TrafilaturaDocument
from trafilatura.utils import load_html

from newstrace.extract import blocks
from newstrace.extract.authors import as_printed, clean_people, is_organisation_credit
from newstrace.extract.byline_html import labelled_meta_author, page_byline
from newstrace.extract.comments_html import comment_containers, extract_comments
from newstrace.extract.credits import parse_credits
from newstrace.extract.headline import MAX_TITLE_CHARS, choose_title, compact
from newstrace.extract.html_body import (
    body_text,
    drop_comment_lines,
    separate_boilerplate,
    with_dropped_boilerplate,
)
from newstrace.extract.jsonld import PageMetadata, page_metadata, split_authors
from newstrace.extract.jsonld_parse import jsonld_objects
from newstrace.extract.media import find_media, place_media
from newstrace.extract.published import published_date
from newstrace.extract.shown_dates import shown_dates
from newstrace.extract.wire import is_organisation
from newstrace.models import Article, Attribution, Format, Tag
from newstrace.normalize import comparison_key, normalize_line
from newstrace.settings import Settings


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
    declared = clean_people(page.authors, declared=True)
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
    if byline:
        return byline, "trafilatura byline"
    return _declared_organisations(page)


def _declared_organisations(page: PageMetadata) -> tuple[tuple[str, ...], str | None]:
    """The organisation a page declares as its author ("JWU", "Ask the Doctors") when it names
    no person: not a person's name, still the credit the page gives."""
    names = tuple(name for name in page.authors if is_organisation_credit(name))
    return (names, f"{page.evidence.get('authors')}, an organisation") if names else ((), None)


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
    guessed = _document_field(document, "title")
    # trafilatura's title taken from an <h1> is that heading read again: it confirms the
    # heading, but the page's own <title> declares the headline before it
    shown = {compact(h.text_content()) for h in tree.iter("h1")}
    read_again = bool(guessed) and compact(guessed) in shown
    found = [*page.titles, None if read_again else guessed]
    found.append(normalize_line(element.text_content()) if element is not None else None)
    found.append(guessed if read_again else None)
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
    host = urlsplit(url).hostname if url else None
    declared = _declared_titles(page, tree, document)
    headline, title_evidence = choose_title(tree, declared, outlet, host)
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
