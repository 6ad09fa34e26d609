"""What follows a change to the stored articles: replacing a re-mapped source, outlet
attributes read from table columns, merged outlet names, and provenance rebuilt.

A removal (a re-mapped source replaced) recomputes provenance only for the families it
touched (reuse/refamily.py); merged outlet names rebuild it by the reuse stage's own entry
point, and events are regrouped by the events store's, only when the store was traced before.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils
from rich.console import Console
from rich.text import Text

from newstrace.settings import Settings
from newstrace.store import browse, transaction
from newstrace.store.outlets import (
    canonical_mapping,
    merge_outlets,
    record_attributes,
    record_source_mapping,
    source_mapping,
)
from newstrace.store.remove import RemovalPlan, Selection, plan_removal, source_has_records

if TYPE_CHECKING:
    from newstrace.reuse.refamily import Refamilied


def local_inputs(inputs: Sequence[str]) -> tuple[list[str], list[str]]:
    """The inputs split into those that exist or are not paths (URLs, "-"), and missing paths."""
    from newstrace.ingest.web import is_url

    present: list[str] = []
    missing: list[str] = []
    for given in inputs:
        exists = given == "-" or is_url(given) or Path(given).exists()
        (present if exists else missing).append(given)
    return present, missing


def _source(given: str) -> str:
    """An input as its documents' `source` names it: the path as given."""
    return str(Path(given))


def _key(given: str) -> str:
    """An input as its remembered mapping is keyed: the absolute path, however it is named."""
    return os.path.abspath(given)


def outlet_columns(mapping: Mapping[str, str] | None) -> dict[str, str]:
    """The outlet attribute columns of a --map: {attribute: column} for each `outlet.KEY`."""
    from newstrace.ingest.mapping import OUTLET_PREFIX  # the ingest package is heavy to import

    return {
        key.removeprefix(OUTLET_PREFIX): column
        for key, column in (mapping or {}).items()
        if key.startswith(OUTLET_PREFIX)
    }


def replace_remapped(
    db: sqlite_utils.Database,
    inputs: Sequence[str],
    mapping: Mapping[str, str] | None,
    settings: Settings,
    silent: bool = False,
) -> RemovalPlan | None:
    """Remove what table inputs stored when read with another mapping (provenance recomputed
    for the families it touched only); the plan removed."""
    wanted = canonical_mapping(mapping)
    sources = tuple(
        _source(given)
        for given in inputs
        if (stored := source_mapping(db.conn, _key(given))) is not None
        and stored != wanted
        and source_has_records(db.conn, _source(given))
    )
    if not sources:
        return None
    from newstrace.reuse.refamily import remove_and_refamily

    plan = plan_removal(db.conn, Selection(sources=sources))
    say(recomputed(remove_and_refamily(db, plan, settings)), silent)
    return plan


def after_ingest(
    db: sqlite_utils.Database, inputs: Sequence[str], mapping: Mapping[str, str] | None
) -> tuple[int, int]:
    """Remember each input's mapping, store outlet attributes from its columns, merge outlet
    names; return (outlets described, outlets merged)."""
    given_paths = [given for given in inputs if Path(given).exists()]
    sources = [_source(given) for given in given_paths]
    with transaction(db) as conn:
        for given in given_paths:
            record_source_mapping(conn, _key(given), canonical_mapping(mapping))
        columns = outlet_columns(mapping)
        described = record_attributes(conn, sources, columns) if columns else 0
        merged = merge_outlets(conn)
    return described, merged


def recomputed(done: Refamilied) -> str | None:
    """A line saying what a removal recomputed, None when it touched no family."""
    if not done.families and not done.outlet_edges:
        return None
    return (
        f"recomputed only what was touched: {len(done.families)} families, "
        f"{done.outlet_edges} outlet edges, {done.events} events recounted; nothing else changed"
    )


def rebuild(db: sqlite_utils.Database, settings: Settings) -> str | None:
    """Families, origins, the network and event groups again after outlets merged; a line
    saying what was rebuilt, None when the store was never traced."""
    from newstrace.reuse.provenance import build_provenance
    from newstrace.store.events import recount, regroup

    if browse.stage_counts(db.conn)["traced"] == 0:
        return None
    summary = build_provenance(db, settings)
    with transaction(db) as conn:
        _merged, regrouped = regroup(conn)
        recount(conn, regrouped)
    return f"rebuilt: {summary.families} families, {summary.outlet_edges} outlet edges"


def say(line: str | None, silent: bool = False) -> None:
    """One plain line on stderr (article text is never read as markup)."""
    if line and not silent:
        Console(stderr=True, highlight=False).print(Text(line), soft_wrap=True)
