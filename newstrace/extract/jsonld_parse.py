"""JSON-LD as pages write it: tolerant parsing of the scripts, @graph lists and nested
entities flattened, schema.org type names read."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from lxml.html import HtmlElement

MAX_JSONLD_SCRIPTS = 40
MAX_JSONLD_CHARS = 3_000_000
MAX_JSONLD_OBJECTS = 400
MAX_JSONLD_DEPTH = 4
_NESTED_KEYS = ("@graph", "mainEntity", "mainEntityOfPage", "hasPart", "itemListElement")
_TRAILING_JSON_JUNK = re.compile(r"[;\s]+$")
_DANGLING_COMMA = re.compile(r",(\s*[}\]])")


def load_json_tolerant(text: str) -> Any:
    """Parse JSON the way pages write it: comments, CDATA, dangling commas, several objects."""
    text = text.strip()
    for prefix, suffix in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")):
        if text.startswith(prefix) and text.endswith(suffix):
            text = text[len(prefix) : -len(suffix)].strip()
    text = _TRAILING_JSON_JUNK.sub("", text)
    for candidate in (text, _DANGLING_COMMA.sub(r"\1", text.replace("\n", " ").replace("\t", " "))):
        try:
            return json.loads(candidate, strict=False)
        except RecursionError:
            return None  # nested past Python's limit: hostile or broken, never an article
        except ValueError:
            pass
    return _concatenated_objects(text)


def _concatenated_objects(text: str) -> list[Any] | None:
    """Objects written one after another without a list around them."""
    decoder, position = json.JSONDecoder(strict=False), 0
    found: list[Any] = []
    while position < len(text) and len(found) < MAX_JSONLD_OBJECTS:
        start = text.find("{", position)
        if start < 0:
            break
        try:
            value, position = decoder.raw_decode(text, start)
        except (ValueError, RecursionError):
            break
        found.append(value)
    return found or None


def jsonld_objects(tree: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, with @graph lists and nested main entities flattened."""
    objects: list[dict[str, Any]] = []
    scripts = tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]')
    for script in scripts[:MAX_JSONLD_SCRIPTS]:
        text = script.text or ""
        if len(text) <= MAX_JSONLD_CHARS:
            objects.extend(_flatten(load_json_tolerant(text), 0))
        if len(objects) >= MAX_JSONLD_OBJECTS:
            break
    return objects[:MAX_JSONLD_OBJECTS]


def _flatten(value: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > MAX_JSONLD_DEPTH:
        return
    if isinstance(value, list):
        for item in value:
            yield from _flatten(item, depth + 1)
    elif isinstance(value, dict):
        if "@type" in value:
            yield value
        for key in _NESTED_KEYS:
            if isinstance(value.get(key), dict | list):
                yield from _flatten(value[key], depth + 1)


def types_of(obj: Mapping[str, Any]) -> set[str]:
    """The schema.org type names of a JSON-LD object, without URL prefixes."""
    value = obj.get("@type")
    names = value if isinstance(value, list) else [value]
    return {str(name).rsplit("/", 1)[-1] for name in names if isinstance(name, str)}
