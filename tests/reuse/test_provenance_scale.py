"""Provenance at scale: work linear in a family's copies, the same answers from worker processes."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest
import sqlite_utils

from newstrace.engines.trace import trace_links
from newstrace.models import Article, Format, ReuseLink
from newstrace.normalize import comparison_key
from newstrace.reuse import kinds_workers, provenance
from newstrace.reuse.batches import WorkerPool
from newstrace.reuse.evidence import Node
from newstrace.reuse.kinds import classify_links
from newstrace.reuse.kinds_workers import link_kinds
from newstrace.reuse.provenance import FamilyTask, family_provenance, family_results
from newstrace.settings import Settings
from newstrace.store.links import iter_links
from newstrace.store.runs import article_texts

from .links_stories import BRIDGE, excerpt_copy, full_copy

StoreArticle = Callable[..., int]

WORDS = ["storm", "flood", "valley", "road", "rescue", "team", "village", "river", "bridge"]


def _paragraphs(seed: int, count: int = 8) -> tuple[str, ...]:
    return tuple(
        " ".join(WORDS[(seed * 7 + k * 3 + j) % len(WORDS)] for j in range(30)) + f" ({k})."
        for k in range(count)
    )


def _family(copies: int, shape: str) -> tuple[dict[int, Node], dict[tuple[int, int], ReuseLink]]:
    """An origin and its copies, each adding a line: all copying the origin (star) or each
    copying the one before (chain)."""
    origin = _paragraphs(0)
    nodes = {
        1: Node(
            Article(
                source="1.txt",
                format=Format.TEXT,
                paragraphs=origin,
                id=1,
                outlet="Origin Daily",
                published="2024-04-30T08:00:00",
            ),
            None,
        )
    }
    links = {}
    for k in range(2, copies + 2):
        body = (*origin[:-1], f"Added line {k} on the local angle.")
        article = Article(
            source=f"{k}.txt",
            format=Format.TEXT,
            paragraphs=body,
            id=k,
            outlet=f"Outlet {k}",
            published=f"2024-05-{1 + k // 50:02d}T{k % 24:02d}:00:00",
        )
        nodes[k] = Node(article, None)
        parent = 1 if shape == "star" else k - 1
        links[(parent, k)] = ReuseLink(parent, k, 200, 0.9, 0.9, 0.95, ())
    return nodes, links


def _calls_made(function: Callable[[], Any]) -> int:
    """Calls of newstrace functions made by function(): the work done, counted, not timed."""
    count = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event == "call" and "newstrace" in frame.f_code.co_filename:
            count += 1

    comparison_key.cache_clear()  # every run starts with no paragraph key made
    sys.setprofile(profile)
    try:
        function()
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("shape", ["star", "chain"])
def test_provenance_work_grows_linearly_with_copies(shape: str) -> None:
    small, large = _family(50, shape), _family(500, shape)
    work_small = _calls_made(lambda: family_provenance(1, *small))
    work_large = _calls_made(lambda: family_provenance(1, *large))
    # Ten times the copies: ten times the work when linear, a hundred when quadratic.
    assert work_large < 13 * work_small
    family, _ = family_provenance(1, *large)
    assert len(family.members) == 501 and family.origin_article == 1


@pytest.mark.parametrize("families", [40])
def test_provenance_from_workers_equals_serial(
    families: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    tasks: list[FamilyTask] = []
    for number in range(families):
        nodes, links = _family(3 + number % 4, "star" if number % 2 else "chain")
        offset = number * 100  # each family its own article ids
        shifted = {
            i + offset: Node(n.article.with_changes(id=i + offset), None) for i, n in nodes.items()
        }
        moved = {
            (a + offset, b + offset): ReuseLink(a + offset, b + offset, 200, 0.9, 0.9, 0.95, ())
            for a, b in links
        }
        tasks.append((1 + offset, shifted, moved))
    batches = [tasks[k : k + 7] for k in range(0, len(tasks), 7)]
    serial = list(family_results(batches, len(tasks), WorkerPool(1)))
    monkeypatch.setattr(provenance, "PARALLEL_MIN_FAMILIES", 1)
    pool = WorkerPool(2)
    try:
        parallel = list(family_results(batches, len(tasks), pool))
    finally:
        pool.close()
    assert parallel == serial
    assert [family.id for family, _ in parallel] == [task[0] for task in tasks]


@pytest.mark.parametrize("task_links", [1, 2])
def test_link_kinds_from_workers_equal_classify_links(
    store_article: StoreArticle,
    db: sqlite_utils.Database,
    monkeypatch: pytest.MonkeyPatch,
    task_links: int,
) -> None:
    outlets = ("Norrvik Herald", "Coast Daily", "Valley Post", "Harbour News")
    for number, outlet in enumerate(outlets):
        story = list(BRIDGE) if number % 2 else full_copy().split("\n\n")
        store_article(story, source=f"{number}/bridge.html", outlet=outlet)
    store_article(excerpt_copy().split("\n\n"), source="x/bridge.html", outlet="Fjord Times")
    trace_links(db, Settings())
    links = list(iter_links(db.conn, cross_outlet_only=False))
    texts = article_texts(db.conn, sorted({i for link in links for i in (link.a, link.b)}))
    monkeypatch.setattr(kinds_workers, "PARALLEL_MIN_LINKS", 1)
    monkeypatch.setattr(kinds_workers, "TASK_LINKS", task_links)
    pool = WorkerPool(2)
    try:
        found = link_kinds(links, texts, pool)
    finally:
        pool.close()
    expected = classify_links(links, texts)
    assert len(expected) >= 6
    assert list(found.items()) == list(expected.items())
