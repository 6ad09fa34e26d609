"""Site boilerplate learned incrementally: after an ingest, only what the new articles touch.

The rules are those of extract/boilerplate.py (a short paragraph in at least
`site_boilerplate_min_stories` different stories of one outlet; a teaser lead shared by that
many articles), but the work starts from the articles waiting in `boilerplate_pending`: only
their paragraphs' hashes and teaser leads are looked up, through indexes, instead of grouping
every paragraph of the store. Moving is one-way, so only a hash a new article carries can newly
reach the threshold; one already learned for the outlet moves out of the new bodies at once.
Stories are told apart among the articles that carry a hash being decided (the full pass looks
at the whole outlet; a chain of versions through an article without the hash is not followed).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

import sqlite_utils

from newstrace.extract.boilerplate import (
    SENTENCE_END,
    TEASER_LEAD_WORDS,
    TEASER_MAX_CHARS,
    story_of,
)
from newstrace.settings import Settings
from newstrace.store.boilerplate import (
    add_teaser_leads,
    article_hash_sets,
    articles_with,
    clear_pending,
    move_paragraphs,
    move_to_boilerplate,
    outlet_article_count,
    outlet_name,
    paragraph_key,
    paragraphs_of,
    pending_by_outlet,
    rebuild_bodies,
    site_repeated_evidence,
    teasers_with_leads,
)
from newstrace.store.connection import transaction

# New articles at least 1/SCAN_SHARE of an outlet's: its paragraphs are read in one pass.
SCAN_SHARE = 4


def teaser_lead(text: str) -> str | None:
    """The lead a teaser-shaped paragraph opens with, or None when it is not teaser-shaped."""
    if len(text) > TEASER_MAX_CHARS or SENTENCE_END.search(text):
        return None
    words = text.split()
    return " ".join(words[:TEASER_LEAD_WORDS]) if len(words) > TEASER_LEAD_WORDS + 2 else None


def _stories(
    conn: sqlite3.Connection,
    outlet_id: int,
    scan: bool,
    carriers: dict[str, set[int]],
    fresh: set[str],
    settings: Settings,
) -> dict[str, int]:
    """How many different stories carry each fresh hash, among the articles that carry one."""
    articles = sorted({a for h in fresh for a in carriers[h]})
    hashes = article_hash_sets(conn, articles)
    keys = {h for found in hashes.values() for h in found if not h.startswith("title:")}
    # Paragraphs repeated across the outlet never tie two articles into one story.
    counts = articles_with(conn, outlet_id, keys, settings.site_boilerplate_max_chars, scan)
    minimum = settings.site_boilerplate_min_stories
    candidates = {h for h, found in counts.items() if len(found) >= minimum}
    story = story_of(hashes, candidates)
    return {h: len({story[a] for a in carriers[h] if a in story}) for h in fresh}


def _learn_repeats(
    conn: sqlite3.Connection, outlet_id: int, new_hashes: set[str], scan: bool, settings: Settings
) -> list[int]:
    """Move the outlet's paragraphs that new articles made (or found) site boilerplate."""
    carriers = articles_with(conn, outlet_id, new_hashes, settings.site_boilerplate_max_chars, scan)
    minimum = settings.site_boilerplate_min_stories
    repeated = {h for h, found in carriers.items() if len(found) >= minimum}
    known = site_repeated_evidence(conn, outlet_id, repeated)
    touched: list[int] = []
    for hash_ in sorted(known):
        touched += move_to_boilerplate(conn, outlet_id, hash_, known[hash_])
    fresh = repeated - set(known)
    if not fresh:
        return touched
    name = outlet_name(conn, outlet_id)
    for hash_, stories in sorted(
        _stories(conn, outlet_id, scan, carriers, fresh, settings).items()
    ):
        if stories >= minimum:
            evidence = f"recurs in {stories} different stories of {name}"
            touched += move_to_boilerplate(conn, outlet_id, hash_, evidence)
    return touched


def _learn_teasers(
    conn: sqlite3.Connection, outlet_id: int, leads: set[str], minimum: int
) -> list[int]:
    """Move the outlet's teasers whose lead new articles share with enough others."""
    touched: list[int] = []
    found = teasers_with_leads(conn, outlet_id, leads)
    for lead in sorted(found):
        rows = found[lead]
        if len({row[0] for row in rows}) < minimum or len({row[2] for row in rows}) < 2:
            continue
        evidence = f"teaser: opens with “{lead}” in {len(rows)} paragraphs of {outlet_name(conn, outlet_id)}"
        touched += move_paragraphs(conn, [paragraph_key(a, p) for a, p, _ in rows], evidence)
    return touched


def _learn_outlet(
    conn: sqlite3.Connection, outlet_id: int, article_ids: list[int], settings: Settings
) -> int:
    limit = max(settings.site_boilerplate_max_chars, TEASER_MAX_CHARS)
    rows = paragraphs_of(conn, article_ids, limit, TEASER_MAX_CHARS)
    teasers = [
        (outlet_id, lead, a, p, h)
        for a, p, text, h, _ in rows
        if text is not None and (lead := teaser_lead(text))
    ]
    add_teaser_leads(conn, teasers)
    short = {h for _, _, _, h, size in rows if size <= settings.site_boilerplate_max_chars}
    # When the new articles are a good share of the outlet's, one pass over it beats lookups.
    scan = len(article_ids) * SCAN_SHARE >= outlet_article_count(conn, outlet_id)
    touched = _learn_repeats(conn, outlet_id, short, scan, settings)
    minimum = settings.site_boilerplate_min_stories
    teased = _learn_teasers(conn, outlet_id, {row[1] for row in teasers}, minimum)
    rebuild_bodies(conn, [*touched, *teased])
    return len(touched) + len(teased)


def learn_new_site_boilerplate(db: sqlite_utils.Database, settings: Settings) -> int:
    """Learn site boilerplate from the articles stored since the last learning; count the moves."""
    moved = 0
    with transaction(db) as conn:
        pending = pending_by_outlet(conn)
        by_outlet: dict[int, list[int]] = defaultdict(list)
        for outlet_id, article_ids in pending.items():
            if outlet_id is not None:
                by_outlet[outlet_id] += article_ids
        for outlet_id in sorted(by_outlet):
            moved += _learn_outlet(conn, outlet_id, by_outlet[outlet_id], settings)
        clear_pending(conn, [a for ids in pending.values() for a in ids])
    return moved
