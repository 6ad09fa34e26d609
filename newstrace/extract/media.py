"""Media in a page: video and audio tags, host players, og:video, VideoObject, body images."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from newstrace.extract.jsonld_parse import types_of
from newstrace.extract.media_kinds import host_kind
from newstrace.models import Media
from newstrace.normalize import comparison_key

MAX_MEDIA = 50
MAX_URL_CHARS = 2000
MAX_ANCHOR_CHARS = 80
# The end of the text before a media element, matched against body paragraphs; shorter
# anchors ("Share", "Photo") would match anywhere.
MAX_ANCHOR_MATCH_CHARS = 40
MIN_ANCHOR_MATCH_CHARS = 12
MAX_ANCESTOR_STEPS = 8
MAX_SIBLING_STEPS = 6
MAX_ANCHORS = 4

_MEDIA_META = {
    "og:video": "video", "og:video:url": "video", "og:video:secure_url": "video",
    "twitter:player": "embed", "og:audio": "audio", "og:audio:url": "audio",
}  # fmt: skip
_LAZY_SRC = ("src", "data-src", "data-lazy-src", "data-original", "data-url")
MIN_IMAGE_SIDE_PX = 100
_DECORATION_WORDS = ("avatar", "icon", "logo", "emoji", "sprite", "pixel", "badge", "spinner")
_CHROME_TAGS = frozenset({"header", "nav", "footer", "aside", "noscript"})
_SKIPPED_SCHEMES = re.compile(r"^(?:javascript|data|about|blob|mailto):", re.I)


@dataclass(frozen=True, slots=True)
class FoundMedia:
    """A media link and the texts just before it on the page, to place it among body paragraphs."""

    media: Media
    anchors: tuple[str, ...] = ()


def absolute_url(value: str | None, base: str | None) -> str | None:
    """The URL made absolute against the page URL; None for empty, script or data URLs."""
    value = (value or "").strip()
    if not value or len(value) > MAX_URL_CHARS or _SKIPPED_SCHEMES.match(value):
        return None
    if value.startswith("//"):
        scheme = urlsplit(base).scheme if base else ""
        return f"{scheme or 'https'}:{value}"
    try:
        url = urljoin(base, value) if base else value
    except ValueError:
        return None
    return url if urlsplit(url).scheme in {"http", "https", ""} else None


def _element_src(element: HtmlElement) -> str | None:
    """The real source of an element; lazy loaders put a data: placeholder in src."""
    values = (element.get(name) for name in _LAZY_SRC)
    return next(
        (v for v in values if v and v.strip() and not _SKIPPED_SCHEMES.match(v.strip())), None
    )


def _is_content_image(element: HtmlElement) -> bool:
    """An image that may illustrate the story: not an avatar, icon, logo or tracking pixel."""
    words = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    if any(word in words for word in _DECORATION_WORDS):
        return False
    sizes = [element.get("width") or "", element.get("height") or ""]
    if any(size.isdigit() and int(size) < MIN_IMAGE_SIDE_PX for size in sizes):
        return False
    return not any(a.tag in _CHROME_TAGS for a in element.iterancestors())


def _tag_media(tree: HtmlElement) -> Iterator[tuple[HtmlElement, str, str]]:
    """(element, raw URL, kind) for video/audio tags, host iframes, embeds and objects."""
    tags = ("video", "audio", "iframe", "embed", "object", "lite-youtube", "img")
    for element in tree.iter(*tags):
        tag = element.tag
        if tag == "img":
            src = _element_src(element) if _is_content_image(element) else None
            if src:
                yield element, src, "image"
            continue
        if tag in ("video", "audio"):
            sources = [_element_src(element)] + [_element_src(s) for s in element.iter("source")]
            yield from ((element, src, str(tag)) for src in sources if src)
        elif tag == "lite-youtube" and element.get("videoid"):
            yield element, f"https://www.youtube.com/watch?v={element.get('videoid')}", "video"
        else:
            src = _element_src(element) or element.get("data")
            kind = host_kind(src) if src else None
            if src and kind:
                yield element, src, kind if tag == "iframe" else "embed"


def _preceding_texts(element: HtmlElement) -> tuple[str, ...]:
    """Tails of the nearest texts before an element, nearest first, through a few ancestors."""
    found: list[str] = []
    node: HtmlElement | None = element
    for _ in range(MAX_ANCESTOR_STEPS):
        if node is None or len(found) >= MAX_ANCHORS:
            break
        for sibling in islice(node.itersiblings(preceding=True), MAX_SIBLING_STEPS):
            text = " ".join(sibling.text_content().split()) if isinstance(sibling.tag, str) else ""
            if text and len(found) < MAX_ANCHORS:
                found.append(text[-MAX_ANCHOR_CHARS:])
        node = node.getparent()
    return tuple(found)


def _jsonld_media(objects: Sequence[Mapping[str, Any]]) -> Iterator[tuple[str, str]]:
    for obj in objects:
        kinds = types_of(obj)
        kind = "video" if "VideoObject" in kinds else "audio" if "AudioObject" in kinds else None
        for key in ("contentUrl", "embedUrl"):
            if kind and isinstance(obj.get(key), str):
                yield obj[key], kind


def find_media(
    tree: HtmlElement, page_url: str | None, objects: Sequence[Mapping[str, Any]] = ()
) -> list[FoundMedia]:
    """Media links of the page, absolute and unique, in page order, then og:video and JSON-LD."""
    base_href = next((b.get("href") for b in tree.iter("base") if b.get("href")), None)
    base = absolute_url(base_href, page_url) if base_href else page_url
    found: dict[str, FoundMedia] = {}
    for element, raw, kind in _tag_media(tree):
        url = absolute_url(raw, base)
        if url and url not in found and len(found) < MAX_MEDIA:
            found[url] = FoundMedia(Media(url, kind), _preceding_texts(element))
    for raw, kind in [*_meta_media(tree), *_jsonld_media(objects)]:
        url = absolute_url(raw, base)
        if url and url not in found and len(found) < MAX_MEDIA:
            found[url] = FoundMedia(Media(url, kind))
    return list(found.values())


def _meta_media(tree: HtmlElement) -> list[tuple[str, str]]:
    """(URL, kind) from og:video, og:audio and twitter:player meta tags."""
    found = []
    for meta in tree.iter("meta"):
        kind = _MEDIA_META.get((meta.get("property") or meta.get("name") or "").lower())
        if kind and meta.get("content"):
            found.append((str(meta.get("content")), kind))
    return found


def place_media(found: list[FoundMedia], paragraphs: tuple[str, ...]) -> tuple[Media, ...]:
    """Media placed after the body paragraph whose text precedes each; images outside the body
    (lead photos, sidebars, comment avatars) are dropped, since nothing shows they illustrate it.
    """
    if not found:
        return ()
    keys = [comparison_key(paragraph) for paragraph in paragraphs]
    placed = []
    for item in found:
        positions = (_position(comparison_key(anchor), keys) for anchor in item.anchors)
        index = next((p for p in positions if p is not None), None)
        if index is not None or item.media.kind != "image":
            # Media.position counts the body paragraphs before the media.
            position = None if index is None else index + 1
            placed.append(Media(item.media.url, item.media.kind, position))
    return tuple(placed)


def _position(anchor: str, keys: list[str]) -> int | None:
    """Index of the last body paragraph holding the end of the anchor text."""
    tail = anchor[-MAX_ANCHOR_MATCH_CHARS:]
    if len(tail) < MIN_ANCHOR_MATCH_CHARS:
        return None
    return next((i for i in range(len(keys) - 1, -1, -1) if tail in keys[i]), None)
