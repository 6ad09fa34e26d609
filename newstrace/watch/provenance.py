"""Provenance for what a cycle's new links touch, not for the whole store.

The first time (no mark yet) provenance is built whole. After that, a cycle's new links name
their articles; the families holding any of them are cleared and regrouped, with those
articles, by reuse/refamily.py (the incremental recompute `remove` uses), and only the outlet
edges those families' copies make, before or after, are recomputed. Every other family keeps
what it had.

The new links are classified (republication, shared quotation, boilerplate) with the links
among the touched articles as their context; the kinds of older links are kept as stored.
Boilerplate is learned across the whole store, so a passage that became store-wide boilerplate
only through this cycle's stories is learned by the next full `trace`, which rebuilds it all.
"""

from __future__ import annotations

import sqlite3

import sqlite_utils

from newstrace.models.reuse import LinkKind
from newstrace.reuse.batches import WorkerPool
from newstrace.reuse.kinds_workers import link_kinds
from newstrace.reuse.provenance import STAGE, build_provenance
from newstrace.reuse.refamily import edge_keys, recompute_edges, refamily
from newstrace.settings import Settings
from newstrace.store import watch as store
from newstrace.store.connection import transaction
from newstrace.store.families import clear_families
from newstrace.store.links import link_kinds as stored_kinds
from newstrace.store.links import links_among, write_link_kinds
from newstrace.store.runs import article_texts

PROVENANCE = "provenance_links"  # the watch_marks row: the last link provenance was built with


def update_provenance(db: sqlite_utils.Database, settings: Settings) -> int | None:
    """Families recomputed for the links stored since the last time (also after a crash): all
    of them the first time, else those the new links touch; None when no link is new."""
    last = store.last_link_id(db.conn)
    done = store.mark(db.conn, PROVENANCE)
    if last == (done or 0):
        return None
    if done is None:
        families = build_provenance(db, settings).families
        with transaction(db) as conn:
            store.set_mark(conn, PROVENANCE, last)
        return families
    with transaction(db) as conn:
        recomputed = _recompute(conn, done, settings)
        store.set_mark(conn, PROVENANCE, last)
    return recomputed


def _recompute(conn: sqlite3.Connection, after_link: int, settings: Settings) -> int:
    """Regroup the families the links after after_link touch; how many families they make."""
    linked = store.articles_of_links_after(conn, after_link)
    touched = store.families_holding(conn, linked)
    articles = linked | store.family_members_of(conn, touched)
    _classify_new_links(conn, articles)
    keys = edge_keys(conn, touched)
    clear_families(conn, touched, STAGE)
    families = refamily(conn, articles, settings)
    keys |= edge_keys(conn, families)
    recompute_edges(conn, keys)
    return len(families)


def _classify_new_links(conn: sqlite3.Connection, articles: set[int]) -> None:
    """Store the kinds of the links among these articles that have none yet, read with the
    others among them as context (what each passage recurs in)."""
    links = list(links_among(conn, articles).values())
    if all(link.kind is not None for link in links):
        return
    ids = sorted({side for link in links for side in (link.a, link.b)})
    found = link_kinds(links, article_texts(conn, ids), WorkerPool(1))
    new: dict[tuple[int, int], LinkKind] = {
        (link.a, link.b): found[(link.a, link.b)]
        for link in links
        if link.kind is None and (link.a, link.b) in found
    }
    write_link_kinds(conn, {**stored_kinds(conn), **new})
