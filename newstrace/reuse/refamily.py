"""Provenance again for only what a removal touched.

The families that held a removed article are cleared and regrouped from the republications
their kept members still share (a family may split, shrink or vanish), each with its origin,
evidence, changes and inferences as the provenance stage computes them; only the outlet edges
those families' copies made, before or after, are recomputed. Every other family, link, edge
and event is left as stored.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass

import sqlite_utils

from newstrace.models.reuse import REPUBLICATION, TRANSLATION
from newstrace.reuse.batches import WorkerPool
from newstrace.reuse.families import connected_families
from newstrace.reuse.network import outlet_edges
from newstrace.reuse.provenance import STAGE, family_results, family_tasks, links_by_family
from newstrace.settings import Settings
from newstrace.store.connection import transaction
from newstrace.store.events import recount, regroup
from newstrace.store.families import clear_families, write_family, write_inferences
from newstrace.store.links import links_among
from newstrace.store.network import families_with_outlets, family_copies, replace_outlet_edges
from newstrace.store.remove import RemovalPlan, kept_members, remove

_GROUPING_KINDS = frozenset({REPUBLICATION, TRANSLATION})  # the links families stand on


@dataclass(frozen=True, slots=True)
class Refamilied:
    """What a removal recomputed: the families its kept members now form, the outlet edges
    recomputed (kept, changed or dropped) and the events whose counts were refreshed."""

    families: tuple[int, ...]
    outlet_edges: int
    events: int


def remove_and_refamily(
    db: sqlite_utils.Database, plan: RemovalPlan, settings: Settings
) -> Refamilied:
    """Remove the planned articles and recompute provenance for what they touched, in one
    transaction."""
    with transaction(db) as conn:
        kept = kept_members(conn, plan)
        keys = edge_keys(conn, plan.families)
        clear_families(conn, plan.families, STAGE)
        corroborated = remove(conn, plan)
        families = refamily(conn, kept, settings)
        keys |= edge_keys(conn, families)
        recompute_edges(conn, keys)
        _merged, regrouped = regroup(conn)
        recount(conn, corroborated | regrouped)
    return Refamilied(tuple(families), len(keys), len(corroborated | regrouped))


def refamily(conn: sqlite3.Connection, articles: Collection[int], settings: Settings) -> list[int]:
    """Group these articles (of no stored family) by the republications between them and write
    each family with its provenance; the new families' ids."""
    links = {
        key: link
        for key, link in links_among(conn, articles).items()
        if link.kind is not None and link.kind.kind in _GROUPING_KINDS
    }
    families = connected_families(links)
    by_family = links_by_family(families, links)
    pool = WorkerPool(settings.jobs if settings.jobs > 0 else os.cpu_count() or 1)
    try:
        tasks = family_tasks(conn, families, by_family)
        for family, inferences in family_results(tasks, len(families), pool):
            write_inferences(conn, inferences, STAGE)
            write_family(conn, family)
    finally:
        pool.close()
    return list(families)


def edge_keys(conn: sqlite3.Connection, families: Collection[int]) -> set[tuple[str, str]]:
    """The (source, target) outlet edges the copies of these families make."""
    return {(e.source, e.target) for e in outlet_edges(family_copies(conn, families))}


def recompute_edges(conn: sqlite3.Connection, keys: Collection[tuple[str, str]]) -> None:
    """Recompute these outlet edges over every family that holds a copy into their targets."""
    if not keys:
        return
    holding = families_with_outlets(conn, {target for _, target in keys})
    replace_outlet_edges(conn, keys, outlet_edges(family_copies(conn, holding)))
