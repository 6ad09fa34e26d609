"""Alert rules read from a watch's `[[alert]]` tables: what to look for, and where to send it.

One table, one rule: `story = ID`, `url = "..."`, `text = "..."`, `outlet = "Name"`,
`event = {type, sub_type, actor, place, country}`, `edited = true` or `page = "url"`, with
`to = [...]` its targets, and `backlog = false` to leave out what the store held when the
rule was first checked (by default a new rule reports it). A rule's key is made of what it looks for, not of its place in the
file, so reordering the file neither repeats nor loses alerts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from newstrace.reuse.tokens import words
from newstrace.watch.errors import ConfigError

STORY, URL, TEXT, OUTLET, EVENT, PAGE = "story", "url", "text", "outlet", "event", "page"
EDITED = "edited"
BACKLOG = "backlog"  # whether a new rule reports what the store already holds
RULE_KEYS = (STORY, URL, TEXT, OUTLET, EVENT, EDITED, PAGE)
EVENT_KEYS = ("type", "sub_type", "actor", "place", "country")
MIN_CLAIM_WORDS = 8  # a shorter claim matches too much ordinary news phrasing
LABEL_CHARS = 60
WEB_SCHEMES = ("http://", "https://")
MAILTO = "mailto:"
JSONL_SUFFIX = ".jsonl"


@dataclass(frozen=True)
class AlertRule:
    """One `[[alert]]` table: what it watches (kind and value) and where alerts go (targets)."""

    kind: str  # story, url, text, outlet, event or page
    value: Any  # article id, URL, claim text, outlet name, event filters, page URL (None: any)
    targets: tuple[str, ...]
    position: int = 0  # the table's place in the file, 1-based, for messages
    backlog: bool = True  # False: the first check only notes where the store is, raising nothing

    @property
    def key(self) -> str:
        """A stable name for the rule made of what it looks for."""
        if self.kind == TEXT:
            digest = hashlib.sha256(" ".join(words(self.value)).encode()).hexdigest()[:16]
            return f"text:{digest}"
        if self.kind == EVENT:
            return "event:" + ",".join(f"{k}={v}" for k, v in sorted(self.value.items()))
        if self.kind == PAGE and self.value is None:
            return "page:*"
        return f"{self.kind}:{self.value}"

    @property
    def label(self) -> str:
        """The rule as a reader names it: 'story 12', 'outlet Riverside Tribune', ..."""
        if self.kind == TEXT:
            short = self.value if len(self.value) <= LABEL_CHARS else self.value[:LABEL_CHARS] + "…"
            return f'text "{short}"'
        if self.kind == EVENT:
            return "event " + " ".join(f"{k}={v}" for k, v in sorted(self.value.items()))
        if self.kind == PAGE:
            return f"page {self.value} edited" if self.value else "watched page edited after copied"
        return f"{self.kind} {self.value}"


def _where(position: int, key: str) -> str:
    return f"alert #{position}: {key}"


def _targets(table: Mapping[str, Any], position: int) -> tuple[str, ...]:
    given = table.get("to")
    if isinstance(given, str):
        given = [given]
    if not isinstance(given, list) or not given:
        raise ConfigError(
            f'{_where(position, "to")}: give a list of targets, e.g. to = ["alerts.jsonl"]'
        )
    for target in given:
        if not isinstance(target, str) or not _valid_target(target):
            raise ConfigError(
                f"{_where(position, 'to')}: {target!r} is not a target: give a path ending"
                f" {JSONL_SUFFIX}, an http(s):// URL or mailto:address"
            )
    return tuple(dict.fromkeys(given))


def _valid_target(target: str) -> bool:
    if target.startswith(WEB_SCHEMES):
        return len(target.split("://", 1)[1]) > 0
    if target.startswith(MAILTO):
        return "@" in target[len(MAILTO) :]
    return target.endswith(JSONL_SUFFIX) and len(target) > len(JSONL_SUFFIX)


def _story(value: Any, position: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{_where(position, STORY)}: give an article id, e.g. story = 12")
    return value


def _text_value(key: str, value: Any, position: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{_where(position, key)}: give a non-empty string")
    return value.strip()


def _url(value: Any, position: int, key: str = URL) -> str:
    text = _text_value(key, value, position)
    if not text.startswith(WEB_SCHEMES):
        raise ConfigError(f"{_where(position, key)}: {text!r} is not an http(s) URL")
    return text


def _claim(value: Any, position: int) -> str:
    text = _text_value(TEXT, value, position)
    if len(words(text)) < MIN_CLAIM_WORDS:
        raise ConfigError(
            f"{_where(position, TEXT)}: a claim needs at least {MIN_CLAIM_WORDS} words"
            " (a shorter one matches too much ordinary news text)"
        )
    return text


def _event(value: Any, position: int) -> dict[str, str]:
    if not isinstance(value, Mapping) or not value:
        raise ConfigError(
            f'{_where(position, EVENT)}: give a table, e.g. event = {{type = "Battles"}}'
        )
    filters: dict[str, str] = {}
    for key, given in value.items():
        if key not in EVENT_KEYS:
            raise ConfigError(
                f"{_where(position, f'event.{key}')}: unknown; use {', '.join(EVENT_KEYS)}"
            )
        filters[key] = _text_value(f"event.{key}", given, position)
    if "country" in filters:
        country = filters["country"].upper()
        if len(country) != 2 or not country.isalpha():
            raise ConfigError(f"{_where(position, 'event.country')}: give a two-letter ISO code")
        filters["country"] = country
    return filters


def _edited(value: Any, position: int) -> None:
    if value is not True:
        raise ConfigError(f"{_where(position, EDITED)}: only edited = true is meant")


def _kind_and_value(table: Mapping[str, Any], position: int) -> tuple[str, Any]:
    chosen = [key for key in RULE_KEYS if key in table]
    if len(chosen) != 1:
        found = ", ".join(chosen) or "none"
        raise ConfigError(
            f"alert #{position}: give exactly one of {', '.join(RULE_KEYS)} (found: {found})"
        )
    key, value = chosen[0], table[chosen[0]]
    readers: dict[str, Callable[[Any, int], Any]] = {
        STORY: _story,
        URL: _url,
        TEXT: _claim,
        OUTLET: lambda v, p: _text_value(OUTLET, v, p),
        EVENT: _event,
        PAGE: lambda v, p: _url(v, p, PAGE),
        EDITED: _edited,
    }
    parsed = readers[key](value, position)
    return (PAGE, None) if key == EDITED else (key, parsed)


def parse_rule(table: Mapping[str, Any], position: int) -> AlertRule:
    """The rule of one `[[alert]]` table (position: its place in the file, from 1); a
    ConfigError names `alert #position` and the key that is wrong."""
    if not isinstance(table, Mapping):
        raise ConfigError(f"alert #{position}: expected a table of keys")
    unknown = sorted(set(table) - {*RULE_KEYS, "to", BACKLOG})
    if unknown:
        raise ConfigError(f"{_where(position, unknown[0])}: unknown key")
    kind, value = _kind_and_value(table, position)
    backlog = table.get(BACKLOG, True)
    if not isinstance(backlog, bool):
        raise ConfigError(f"{_where(position, BACKLOG)}: give true or false")
    return AlertRule(kind, value, _targets(table, position), position, backlog)
