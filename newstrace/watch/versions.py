"""Versions of a page: an article stored again from a URL already stored, with other content.

Documents are deduplicated by content hash, not by URL, so a page whose bytes changed is
stored as a new article and the old one stays. This step, run after each ingest, pairs every
new article with the latest earlier article from the same URL and records the version with
the changes between them (as a republisher's changes are listed). New bytes that carry the
same article (a changed sidebar, a timestamp) make no version: that article is dropped again,
its document kept so the same bytes are not extracted twice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import sqlite_utils

from newstrace.models import Change
from newstrace.reuse.changes import copy_changes
from newstrace.store.connection import transaction
from newstrace.store.reader import load_article
from newstrace.store.watch import (
    drop_article,
    last_article_id,
    mark,
    new_article_urls,
    previous_article,
    record_version,
    set_mark,
)
from newstrace.store.writer import now_iso

CHECKED = "versions_checked"  # the watch_marks row: articles up to this id were compared
_UNCHANGED = "body unchanged"


def start_checking(db: sqlite_utils.Database) -> None:
    """On a watch's first cycle, leave the articles stored before it out of the comparison."""
    with transaction(db) as conn:
        if mark(conn, CHECKED) is None:
            set_mark(conn, CHECKED, last_article_id(conn))


def record_versions(db: sqlite_utils.Database) -> int:
    """Compare the articles stored since the last check with their URL's earlier article;
    return how many versions were recorded. Crash-safe: the mark moves with the versions."""
    with transaction(db) as conn:
        after = mark(conn, CHECKED) or 0
        last = last_article_id(conn)
        recorded = sum(
            _compare(conn, article_id, url) for article_id, url in new_article_urls(conn, after)
        )
        set_mark(conn, CHECKED, last)
    return recorded


def _compare(conn: sqlite3.Connection, article_id: int, url: str) -> int:
    previous_id = previous_article(conn, url, article_id)
    if previous_id is None:
        return 0
    previous, new = load_article(conn, previous_id), load_article(conn, article_id)
    if previous is None or new is None:
        return 0
    changes = copy_changes(previous, new)
    if is_unchanged(changes):
        drop_article(conn, article_id)
        return 0
    record_version(conn, url, previous_id, article_id, now_iso(), changes)
    return 1


def is_unchanged(changes: Sequence[Change]) -> bool:
    """Whether the changes say the new version is the old one (no title, page or body change)."""
    return all(change.kind == _UNCHANGED for change in changes)
