"""Families: connected components over cross-outlet links, named by their smallest article id."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlite_utils

from newstrace.reuse.families import connected_families
from newstrace.store.links import cross_outlet_links


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([(1, 2)], {1: (1, 2)}),
        ([(5, 9), (2, 5), (7, 8)], {2: (2, 5, 9), 7: (7, 8)}),
        ([(3, 4), (1, 4), (2, 3)], {1: (1, 2, 3, 4)}),
        ([], {}),
    ],
)
def test_families_are_connected_components_named_by_smallest_id(
    pairs: list[tuple[int, int]], expected: dict[int, tuple[int, ...]]
) -> None:
    assert connected_families(pairs) == expected


@pytest.mark.parametrize("order", [[(1, 2), (2, 3)], [(2, 3), (1, 2)]])
def test_families_id_is_stable_whatever_the_link_order(order: list[tuple[int, int]]) -> None:
    assert list(connected_families(order)) == [1]


@pytest.mark.parametrize("same_outlet", [0, 1])
def test_families_ignore_links_within_one_outlet(
    db: sqlite_utils.Database, store_article: Callable[..., int], same_outlet: int
) -> None:
    first = store_article(["One story."], outlet="Daily A")
    second = store_article(["One story again."], source="b.txt", outlet="Daily A")
    db.conn.execute(
        "INSERT INTO reuse_links (a, b, shared_tokens, coverage_a, coverage_b, verbatim_ratio,"
        " same_outlet) VALUES (?, ?, 50, 1, 1, 1, ?)",
        (first, second, same_outlet),
    )
    links = cross_outlet_links(db.conn)
    assert ((first, second) in links) is (not same_outlet)
