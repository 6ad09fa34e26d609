"""Sitemaps (sitemaps.org, Google News sitemaps) and sitemap indexes: the page URLs they list."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from newstrace.ingest.feeds import declares_entities

_ROOT = re.compile(rb"<(?:[\w.-]+:)?(urlset|sitemapindex)[\s>/]")
_PROLOG_BYTES = 4096


class SitemapError(ValueError):
    """A sitemap that cannot be read; the message says why."""


@dataclass(frozen=True, slots=True)
class Sitemap:
    """What a sitemap lists: page URLs (a urlset) or other sitemaps (a sitemap index)."""

    pages: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()


def is_sitemap(data: bytes) -> bool:
    """Whether the bytes open like a sitemap or a sitemap index (their root element)."""
    head = data[:_PROLOG_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return False
    for match in _ROOT.finditer(head):
        before = head[: match.start()]
        # The first element only: comments, processing instructions and a doctype may precede it.
        if re.search(rb"<[A-Za-z]", before) is None:
            return True
    return False


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def xml_problem(data: bytes) -> str | None:
    """Why the bytes are not well-formed XML (line and column), or None when they are."""
    try:
        etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        return str(exc)
    return None


def parse_sitemap(data: bytes) -> Sitemap:
    """The locations a sitemap lists, in its order; SitemapError if it is not readable XML."""
    if declares_entities(data):
        raise SitemapError("sitemap declares XML entities (<!ENTITY>); refused")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"not readable XML: {exc}") from None
    name = etree.QName(root).localname
    if name == "sitemapindex":
        return Sitemap(sitemaps=_locations(root, "{*}sitemap/{*}loc"))
    if name == "urlset":
        return Sitemap(pages=_locations(root, "{*}url/{*}loc"))
    raise SitemapError(f"root element <{name}> is neither <urlset> nor <sitemapindex>")


def _locations(root: etree._Element, path: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for element in root.iterfind(path):
        text = (element.text or "").strip()
        if text:
            found.setdefault(text, None)
    return tuple(found)
