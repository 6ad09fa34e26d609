"""The reuse tables of store/: what is written reads back as the same models."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlite_utils

from newstrace.models import (
    Change,
    Evidence,
    Family,
    FamilyMember,
    Inference,
    MemberArticle,
    OutletEdge,
    Passage,
    ReuseLink,
)
from newstrace.store import load_article, transaction
from newstrace.store.families import (
    family_of,
    family_summaries,
    iter_stored_families,
    load_family,
    load_stored_family,
    write_family,
    write_inferences,
)
from newstrace.store.links import (
    article_links,
    cross_outlet_links,
    iter_links,
    iter_stored_links,
    longest_passage,
    write_links,
)
from newstrace.store.network import stored_edges, write_outlet_edges
from newstrace.store.runs import article_texts, mark_traced, untraced_ids

StoreArticle = Callable[..., int]


def _three(store_article: StoreArticle) -> list[int]:
    return [
        store_article(["Storm floods the valley."], source="a.txt", outlet="Daily A"),
        store_article(["Storm floods the valley again."], source="b.txt", outlet="Daily B"),
        store_article(["Storm floods the valley once more."], source="c.txt"),
    ]


def _family(ids: list[int]) -> Family:
    first, second, third = ids
    evidence = (Evidence("attribution", "attribution line names Daily A", 0.5),)
    changes = (Change("title reworded", "title reworded", "Old", "New", None),)
    members = (
        FamilyMember(first, None, 1.0, 1.0, (Evidence("publication order", "earliest", 0.25),)),
        FamilyMember(second, first, 0.75, 0.5, evidence, changes),
        FamilyMember(
            third, second, 0.9, 0.125, (), (Change("paragraph added", "added", None, "x", 2),)
        ),
    )
    return Family(members, first, "Daily A", False, first)


def test_store_family_written_reads_back_as_the_same_model(
    db: sqlite_utils.Database, store_article: StoreArticle
) -> None:
    ids = _three(store_article)
    family = _family(ids)
    with transaction(db) as conn:
        write_family(conn, family)
    assert load_family(db.conn, family.id or 0) == family
    assert load_family(db.conn, 999) is None
    assert family_of(db.conn, ids[2]) == ids[0] and family_of(db.conn, 999) is None
    assert family_summaries(db.conn) == [(ids[0], ids[0], "Daily A", False, 3)]


def test_store_family_json_names_each_members_article(
    db: sqlite_utils.Database, store_article: StoreArticle
) -> None:
    ids = _three(store_article)
    with transaction(db) as conn:
        write_family(conn, _family(ids))
    stored = load_stored_family(db.conn, ids[0])
    assert stored is not None
    assert stored.articles[ids[1]] == MemberArticle("b.txt", None, "Daily B", None)
    found = stored.to_json()
    assert found["origin"] == {"article": ids[0], "outlet": "Daily A", "external": False}
    member = found["members"][1]
    assert list(member) == [
        "article", "source", "source_id", "outlet", "published", "parent", "coverage",
        "confidence", "evidence", "changes",
    ]  # fmt: skip
    assert member["evidence"] == [
        {"kind": "attribution", "detail": "attribution line names Daily A", "weight": 0.5}
    ]
    assert [s.family for s in iter_stored_families(db.conn)] == [stored.family]


def test_store_inferences_fill_only_what_is_missing(
    db: sqlite_utils.Database, store_article: StoreArticle
) -> None:
    ids = _three(store_article)
    with transaction(db) as conn:
        write_inferences(conn, [Inference(ids[2], "outlet", "Daily A", "copies say so")], "reuse")
        write_inferences(conn, [Inference(ids[0], "outlet", "Other", "copies say so")], "reuse")
    third, first = load_article(db.conn, ids[2]), load_article(db.conn, ids[0])
    assert third is not None and third.outlet == "Daily A"
    assert first is not None and first.outlet == "Daily A"  # its own outlet stays


def test_store_links_read_back_with_their_passages(
    db: sqlite_utils.Database, store_article: StoreArticle
) -> None:
    first, second, third = _three(store_article)
    passage = Passage(0, 5, 0, 5, 1, 1.0)
    links = [
        ReuseLink(first, second, 4, 1.0, 0.8, 1.0, (passage, Passage(6, 10, 6, 10, 1, 0.5))),
        ReuseLink(first, third, 4, 1.0, 0.7, 1.0, (), same_outlet=True),
    ]
    with transaction(db) as conn:
        write_links(conn, links)
    assert list(iter_links(db, cross_outlet_only=False)) == links
    assert cross_outlet_links(db.conn) == {(first, second): links[0]}
    [stored] = list(iter_stored_links(db))
    assert stored.to_json()["passages"][0]["a_text"] == "Storm"
    [(link_id, other, *_), _] = article_links(db.conn, first)
    assert other == second and longest_passage(db.conn, link_id) == passage


def test_store_runs_know_what_is_traced(
    db: sqlite_utils.Database, store_article: StoreArticle
) -> None:
    ids = _three(store_article)
    assert untraced_ids(db.conn) == ids
    with transaction(db) as conn:
        mark_traced(conn, [(ids[0], "2024-01-01T00:00:00+00:00", 4, b"")])
    assert untraced_ids(db.conn) == ids[1:]
    assert article_texts(db.conn, ids[:1]) == {ids[0]: ("Daily A", "Storm floods the valley.")}


@pytest.mark.parametrize("lag", [None, 2.5])
def test_store_outlet_edges_read_back_strongest_first(
    db: sqlite_utils.Database, lag: float | None
) -> None:
    edges = [OutletEdge("A", "B", 1, 1.0, lag, 0.0), OutletEdge("A", "C", 3, 0.5, lag, 1.0)]
    with transaction(db) as conn:
        write_outlet_edges(conn, edges)
    assert list(stored_edges(db.conn)) == edges[::-1]
