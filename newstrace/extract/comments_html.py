"""Reader comments with commenter, time and text: WordPress, Disqus, generic lists, schema.org.

One rule covers the markups: inside comment containers, find the commenter-name elements;
each text or time element belongs to the one commenter name found in its nearest ancestor
that holds any commenter name. A time or text that sits beside several names is ambiguous
and skipped, so a reply's words never leak into its parent comment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from newstrace.extract.dates import find_date, normalize_date
from newstrace.extract.jsonld_parse import types_of
from newstrace.models import Comment
from newstrace.normalize import normalize_line, normalize_text

MAX_COMMENTS = 2000
MAX_COMMENT_CHARS = 20_000
MAX_ANCESTOR_STEPS = 30
MAX_DATE_CHARS = 120
MAX_COMMENTER_CHARS = 100

_CONTAINER_TOKEN = re.compile(
    r"^(?:[a-z0-9]+[-_])*(?:comments?|commentlist|disqus_thread|discussion|responses)"
    r"(?:[-_]?(?:list|area|section|container|wrapper|wrap|thread|block|box|holder|panel|stream))?$",
    re.I,
)
_AUTHOR_TOKEN = re.compile(
    r"^(?:fn|(?:comment|post|reply)?[-_]?author(?:[-_]?name)?|commenter(?:[-_]?name)?|username"
    r"|user[-_]name|comment[-_]?name|comment[-_]?user|display[-_]name)$",
    re.I,
)
_TEXT_TOKEN = re.compile(
    r"^(?:comment|post|reply)?[-_]*(?:content|text|message|body|entry)(?:[-_]*(?:text|content))?$"
    r"|^(?:comment[-_]?body)$",
    re.I,
)
_TIME_TOKEN = re.compile(
    r"^(?:comment|post)?[-_]?(?:date|time|timestamp|time[-_]ago|datetime|published|metadata)$", re.I
)
# Attribute tests are much faster than element tests with translate() on big pages;
# "omment" matches both Comment and comment.
_CANDIDATE_ATTRIBUTES = etree.XPath(
    "//@class[contains(., 'omment') or contains(., 'response')]"
    " | //@id[contains(., 'omment') or contains(., 'disqus') or contains(., 'discussion')]"
    " | //@itemtype[contains(., 'Comment')]"
)
_URL_ONLY = re.compile(r"(?:https?://|www\.)\S+", re.I)
_SAYS = re.compile(r"\s+(?:says|said|wrote)\s*:?\s*$", re.I)
Grouped = dict[int, list[HtmlElement]]
_SKIPPED_TAGS = frozenset({"form", "textarea", "script", "style", "button", "input"})


def _tokens(element: HtmlElement) -> list[str]:
    return f"{element.get('class') or ''} {element.get('id') or ''}".split()


def _prop(element: HtmlElement) -> str:
    return (element.get("itemprop") or "").lower()


def comment_containers(tree: HtmlElement) -> list[HtmlElement]:
    """The outermost elements whose id or class names a comment area, or schema.org Comments."""
    found = [
        element
        for element in dict.fromkeys(value.getparent() for value in _CANDIDATE_ATTRIBUTES(tree))
        if element.tag not in ("html", "body", "form")
        and (
            any(_CONTAINER_TOKEN.match(token) for token in _tokens(element))
            or "Comment" in (element.get("itemtype") or "")
        )
    ]
    chosen = set(found)
    return [e for e in found if not any(a in chosen for a in e.iterancestors())]


def _is_author(element: HtmlElement) -> bool:
    if _prop(element) in ("author", "creator"):
        return True
    return any(_AUTHOR_TOKEN.match(token) for token in _tokens(element))


def _authors_in(container: HtmlElement) -> list[HtmlElement]:
    """Commenter-name elements, innermost only (".comment-author .fn" gives the ".fn")."""
    candidates = [e for e in container.iter() if isinstance(e.tag, str) and _is_author(e)]
    marked = set(candidates)
    inner = [e for e in candidates if not any(d in marked for d in e.iterdescendants())]
    return [e for e in inner if not any(a.tag in _SKIPPED_TAGS for a in e.iterancestors())]


def _ancestor_owners(authors: list[HtmlElement], stop: HtmlElement) -> dict[HtmlElement, list[int]]:
    """For every ancestor of a commenter name (up to the container), the names it holds."""
    owners: dict[HtmlElement, list[int]] = {}
    for index, author in enumerate(authors):
        node: HtmlElement | None = author
        for _ in range(MAX_ANCESTOR_STEPS):
            if node is None:
                break
            owners.setdefault(node, []).append(index)
            if node is stop:
                break
            node = node.getparent()
    return owners


def _owner(
    element: HtmlElement, owners: Mapping[HtmlElement, list[int]], authors: list[HtmlElement]
) -> int | None:
    """The commenter a text or time belongs to: the one name in its nearest name-holding ancestor,
    or, where that ancestor holds several, the name just before it among that ancestor's children.
    """
    if element in owners:
        return None  # it holds a name itself: a wrapper, not a text or time
    child, node = element, element.getparent()
    for _ in range(MAX_ANCESTOR_STEPS):
        if node is None:
            return None
        held = owners.get(node)
        if held and len(held) == 1:
            return held[0] if authors[held[0]] is not node else None
        if held:
            return _preceding_owner(child, owners)
        child, node = node, node.getparent()
    return None


def _preceding_owner(child: HtmlElement, owners: Mapping[HtmlElement, list[int]]) -> int | None:
    """The single commenter named in the nearest earlier sibling that names any (flat layouts)."""
    for sibling in child.itersiblings(preceding=True):
        held = owners.get(sibling)
        if held:
            return held[0] if len(held) == 1 else None
    return None


def _is_text(element: HtmlElement) -> bool:
    if _prop(element) in ("text", "commenttext", "comment", "articlebody"):
        return True
    return any(_TEXT_TOKEN.match(token) for token in _tokens(element))


def _is_time(element: HtmlElement) -> bool:
    if element.tag == "time" or _prop(element) in ("datecreated", "datepublished"):
        return True
    return any(_TIME_TOKEN.match(token) for token in _tokens(element))


def _owned_parts(
    container: HtmlElement, owners: Mapping[HtmlElement, list[int]], authors: list[HtmlElement]
) -> tuple[Grouped, Grouped, Grouped]:
    """Text elements (outermost), time elements and paragraphs, grouped by owning commenter."""
    texts: Grouped = {}
    times: Grouped = {}
    paragraphs: Grouped = {}
    for element in container.iter():
        if not isinstance(element.tag, str) or element.tag in _SKIPPED_TAGS:
            continue
        if element.tag == "p" and any(True for _ in element.iterancestors("form")):
            continue
        kinds = (
            (texts, _is_text(element)),
            (times, _is_time(element)),
            (paragraphs, element.tag == "p"),
        )
        if not any(flag for _, flag in kinds):
            continue
        owner = _owner(element, owners, authors)
        for grouped, flag in kinds:
            if owner is not None and flag:
                grouped.setdefault(owner, []).append(element)
    return _outermost(texts), times, _outermost(paragraphs)


def _outermost(grouped: Grouped) -> Grouped:
    result: Grouped = {}
    for owner, elements in grouped.items():
        marked = set(elements)
        result[owner] = [e for e in elements if not any(a in marked for a in e.iterancestors())]
    return result


def _block_text(element: HtmlElement) -> str:
    """Paragraph-preserving text of an element, form controls and scripts left out."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _SKIPPED_TAGS:
            sep = "\n" if child.tag in ("p", "div", "br", "blockquote", "li") else ""
            parts.append(sep + child.text_content())
        parts.append(child.tail or "")
    lines = (" ".join(line.split()) for line in normalize_text("".join(parts)).split("\n"))
    return "\n".join(line for line in lines if line)[:MAX_COMMENT_CHARS]


def _time_value(element: HtmlElement) -> str | None:
    value = element.get("datetime") or element.get("content") or element.get("title")
    value = value or element.text_content()
    return normalize_date(value.strip()[:MAX_DATE_CHARS]) if value else None


def _author_name(element: HtmlElement) -> str | None:
    named = element.xpath('.//*[@itemprop="name"]')
    value = element.get("content") or (named[0] if named else element).text_content()
    return commenter_name(value)


def commenter_name(value: str) -> str | None:
    """A commenter's display name as shown: handles kept, "says:" and a trailing "on <date>" cut."""
    name = _SAYS.sub("", normalize_line(value))
    head, on, tail = name.rpartition(" on ")
    if on and head and find_date(tail):
        name = head
    name = name.strip(" ,;:|-")
    if not name or len(name) > MAX_COMMENTER_CHARS or _URL_ONLY.fullmatch(name):
        return None
    return name


def _container_comments(container: HtmlElement) -> list[Comment]:
    authors = _authors_in(container)
    if not authors:
        return []
    owners = _ancestor_owners(authors, container)
    texts, times, paragraphs = _owned_parts(container, owners, authors)
    comments: list[Comment] = []
    for index, author in enumerate(authors):
        elements = texts.get(index) or paragraphs.get(index, [])
        text = "\n".join(part for element in elements if (part := _block_text(element)))
        if text:
            # machine-readable datetime attributes first: they keep the time zone
            stamped = sorted(times.get(index, []), key=lambda e: e.get("datetime") is None)
            published = next((v for e in stamped if (v := _time_value(e))), None)
            comments.append(Comment(_author_name(author), text, len(comments), published))
    return comments


def _jsonld_comments(objects: Iterable[Mapping[str, Any]]) -> list[Comment]:
    """Comments listed in JSON-LD, under an article's "comment" or as Comment objects."""
    found: list[Any] = []
    for obj in objects:
        listed = obj.get("comment")
        found.extend(listed if isinstance(listed, list) else [listed] if listed else [])
        if "Comment" in types_of(obj):
            found.append(obj)
    comments: list[Comment] = []
    for item in found:
        if isinstance(item, dict) and isinstance(item.get("text"), str) and item["text"].strip():
            author = item.get("author")
            name = author.get("name") if isinstance(author, dict) else author
            when = item.get("dateCreated") or item.get("datePublished")
            comments.append(
                Comment(
                    commenter_name(name) if isinstance(name, str) else None,
                    normalize_text(item["text"]).strip()[:MAX_COMMENT_CHARS],
                    len(comments),
                    normalize_date(when) if isinstance(when, str) else None,
                )
            )
    return comments


def extract_comments(
    tree: HtmlElement, objects: Iterable[Mapping[str, Any]] = ()
) -> tuple[Comment, ...]:
    """Reader comments in page order, with commenter, text and time where the page gives them."""
    comments: list[Comment] = []
    for container in comment_containers(tree):
        comments.extend(_container_comments(container))
        if len(comments) >= MAX_COMMENTS:
            break
    if not comments:
        comments = _jsonld_comments(objects)
    unique = {(c.author, c.text): c for c in comments[:MAX_COMMENTS]}
    return tuple(
        Comment(c.author, c.text, position, c.published)
        for position, c in enumerate(unique.values())
    )
