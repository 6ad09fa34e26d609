"""The watch's records: a watched page's versions and the state of each polled source."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newstrace.models.reuse import Change


@dataclass(frozen=True, slots=True)
class PageVersion:
    """A watched URL fetched again and changed: the new article beside the one it replaces."""

    id: int  # row id in page_versions, increasing
    url: str
    article_id: int  # the new version's article
    previous_article_id: int  # the version before it (kept, never deleted)
    fetched_at: str  # ISO 8601 UTC
    changes: tuple[Change, ...]  # as reuse.changes.copy_changes(previous, new) lists them

    def to_json(self) -> dict[str, Any]:
        """The version as `newstrace watch` and the alerts show it."""
        return {
            "id": self.id,
            "url": self.url,
            "article_id": self.article_id,
            "previous_article_id": self.previous_article_id,
            "fetched_at": self.fetched_at,
            "changes": [change.to_json() for change in self.changes],
        }


@dataclass(frozen=True, slots=True)
class SourceState:
    """What the watch remembers of one source between cycles (a row of watch_sources)."""

    url: str
    kind: str | None = None  # "feed", "sitemap" or "page", as the last answer showed
    etag: str | None = None
    last_modified: str | None = None
    last_fetch: str | None = None  # ISO 8601 UTC of the last attempt
    status: str = "new"  # "ok", "not modified", "error" or "new" (never fetched)
    new_items: int = 0  # articles stored from its last fetch
    error: str | None = None  # the last error, kept until a fetch succeeds
    failures: int = 0  # consecutive failed fetches: the backoff exponent
    next_due: str | None = None  # ISO 8601 UTC; None: due now

    def to_json(self) -> dict[str, Any]:
        """The source's row in the status table, as JSON."""
        return {
            "url": self.url,
            "kind": self.kind,
            "last_fetch": self.last_fetch,
            "status": self.status,
            "new_items": self.new_items,
            "error": self.error,
            "failures": self.failures,
            "next_due": self.next_due,
        }
