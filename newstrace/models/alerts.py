"""The alerts a watch raises: what was found (a copy, a claim, an event, an edited page) and
the state of each delivery of it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from newstrace.models.reuse import Change

# What an alert reports (Alert.kind).
REPUBLISHED = "republished"
TRANSLATED = "translated"
CLAIM_FOUND = "claim found"
EVENT_REPORTED = "event reported"
PAGE_EDITED = "page edited"

# A delivery's states: waiting, handed over (committed before sending), done, failed (retried
# later), and interrupted mid-send by a crash (not resent: it may have arrived).
PENDING = "pending"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class AlertArticle:
    """An article an alert names: id, address, outlet and title."""

    id: int
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None = None
    language: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The article as the alert's JSON shows it."""
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
            "language": self.language,
        }

    def line(self) -> str:
        """The article on one line: id, outlet, title, address."""
        parts = [f"article {self.id}", self.outlet or "", f'"{self.title}"' if self.title else ""]
        return ", ".join(part for part in [*parts, self.url or ""] if part)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AlertArticle:
        """The article a `to_json` object describes."""
        return cls(**{key: data.get(key) for key in cls.__slots__})  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class AlertPassage:
    """The aligned passage an alert quotes: an excerpt of each side, with offsets into its body
    (the original's and the copy's; for a claim, the claim's text and the article's)."""

    original_start: int
    original_end: int
    original_text: str
    copy_start: int
    copy_end: int
    copy_text: str
    similarity: float | None = None  # a translated passage: how alike its sentences are

    def to_json(self) -> dict[str, Any]:
        """The passage as the alert's JSON shows it."""
        return {
            "original": {
                "start": self.original_start,
                "end": self.original_end,
                "text": self.original_text,
            },
            "copy": {"start": self.copy_start, "end": self.copy_end, "text": self.copy_text},
            "similarity": self.similarity,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AlertPassage:
        """The passage a `to_json` object describes."""
        original, copy = data["original"], data["copy"]
        return cls(
            original["start"], original["end"], original["text"],
            copy["start"], copy["end"], copy["text"], data.get("similarity"),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Alert:
    """One thing a rule found, recorded once under its key (the rule and the subject's ids)."""

    key: str  # unique: the rule's key and the ids of what it found
    rule: str  # the rule's key ("story:12", "outlet:Riverside Tribune", ...)
    label: str  # the rule as a reader names it
    kind: str  # REPUBLISHED, TRANSLATED, CLAIM_FOUND, EVENT_REPORTED or PAGE_EDITED
    summary: str  # one line: what happened, where
    copy: AlertArticle | None  # the copy, the article carrying the claim/event, the new version
    original: AlertArticle | None = None  # what it copies; the previous version of a page
    passage: AlertPassage | None = None
    changes: tuple[Change, ...] = ()  # the copy's stored changes, or the version's
    link_kind: str | None = None  # republication or translation
    family_id: int | None = None
    family_url: str | None = None
    copies: tuple[AlertArticle, ...] = ()  # an edited page: the copies of its earlier version
    details: dict[str, Any] = field(default_factory=dict)  # the event or version, as JSON
    raised_at: str = ""
    cycle: int = 0

    @property
    def digest(self) -> str:
        """A short hash of the key: the alert's id in email Message-IDs and the Atom feed."""
        return hashlib.sha256(self.key.encode()).hexdigest()[:32]

    def plain_text(self) -> str:
        """The alert for a reader: summary, articles, passage, changes, family page."""
        lines = [self.summary, "", f"Rule: {self.label}"]
        for name, article in (("Copy", self.copy), ("Original", self.original)):
            if article is not None:
                lines.append(f"{name}: {article.line()}")
        if self.link_kind:
            lines.append(f"Kind: {self.link_kind}")
        if self.passage is not None:
            p = self.passage
            lines += ["", f"Original [{p.original_start}:{p.original_end}]: {p.original_text}"]
            lines.append(f"Copy [{p.copy_start}:{p.copy_end}]: {p.copy_text}")
        if self.changes:
            lines += ["", "What changed:"] + [f"- {c.kind}: {c.detail}" for c in self.changes]
        if self.copies:
            lines += ["", "Copied by:"] + [f"- {c.line()}" for c in self.copies]
        if self.family_url:
            lines += ["", f"Family: {self.family_url}"]
        return "\n".join(lines) + "\n"

    def to_json(self) -> dict[str, Any]:
        """The alert as every output carries it (JSON lines, webhook body, `newstrace alerts`)."""
        return {
            "key": self.key,
            "rule": self.rule,
            "label": self.label,
            "kind": self.kind,
            "summary": self.summary,
            "copy": self.copy.to_json() if self.copy else None,
            "original": self.original.to_json() if self.original else None,
            "passage": self.passage.to_json() if self.passage else None,
            "changes": [change.to_json() for change in self.changes],
            "link_kind": self.link_kind,
            "family_id": self.family_id,
            "family_url": self.family_url,
            "copies": [copy.to_json() for copy in self.copies],
            "details": self.details,
            "raised_at": self.raised_at,
            "cycle": self.cycle,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Alert:
        """The alert a `to_json` object describes (as the store keeps it)."""
        article = AlertArticle.from_json
        return cls(
            key=data["key"], rule=data["rule"], label=data["label"], kind=data["kind"],
            summary=data["summary"],
            copy=article(data["copy"]) if data.get("copy") else None,
            original=article(data["original"]) if data.get("original") else None,
            passage=AlertPassage.from_json(data["passage"]) if data.get("passage") else None,
            changes=tuple(Change(**change) for change in data.get("changes", ())),
            link_kind=data.get("link_kind"), family_id=data.get("family_id"),
            family_url=data.get("family_url"),
            copies=tuple(article(copy) for copy in data.get("copies", ())),
            details=data.get("details") or {}, raised_at=data.get("raised_at", ""),
            cycle=data.get("cycle", 0),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class AlertDelivery:
    """One alert to one target: its state, attempts so far and the last error."""

    id: int
    alert_id: int
    target: str  # a .jsonl path, an http(s) URL, or mailto:address
    state: str  # PENDING, SENDING, SENT, FAILED or UNKNOWN
    attempts: int = 0
    error: str | None = None
    next_attempt: str | None = None  # ISO 8601 UTC; a failed delivery is retried from then
    sent_at: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The delivery as `newstrace alerts` shows it."""
        return {
            "target": self.target,
            "state": self.state,
            "attempts": self.attempts,
            "error": self.error,
            "next_attempt": self.next_attempt,
            "sent_at": self.sent_at,
        }


@dataclass(frozen=True, slots=True)
class StoredAlert:
    """A recorded alert with its row id and its deliveries."""

    id: int
    alert: Alert
    deliveries: tuple[AlertDelivery, ...]

    def to_json(self) -> dict[str, Any]:
        """The alert and the state of each of its deliveries."""
        return {
            "id": self.id,
            **self.alert.to_json(),
            "deliveries": [d.to_json() for d in self.deliveries],
        }
