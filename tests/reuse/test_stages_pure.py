"""The reuse stages as functions over models: no database anywhere."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.models import Article, Attribution, FamilyCopy, Format, OutletNode, ReuseLink
from newstrace.reuse.evidence import Node
from newstrace.reuse.network import network_nodes, outlet_edges
from newstrace.reuse.provenance import family_provenance

BODY = ("Storm floods the valley and cuts the main road.", "Rescue teams reach the villages.")


def _copy(article: int, source: str, target: str, **fields: object) -> FamilyCopy:
    values: dict[str, object] = {
        "article_id": article,
        "parent_id": 1,
        "coverage": 1.0,
        "origin_outlet": source,
        "external": False,
        "copy_outlet": target,
        "copy_published": "2024-05-01T12:00:00",
        "parent_published": "2024-05-01T10:00:00",
        "parent_outlet": source,
        "verbatim": 1.0,
    }
    return FamilyCopy(**{**values, **fields})  # type: ignore[arg-type]


def test_network_edges_from_copies_without_a_store() -> None:
    copies = [
        _copy(2, "Daily A", "Daily B", credits=("Daily A",)),
        _copy(3, "Daily A", "Daily B", coverage=0.5, copy_published=None),
        _copy(4, "Daily A", "daily a"),  # the same outlet spelled otherwise: no edge
        _copy(5, "Wire", "Daily C", external=True, parent_outlet=None, verbatim=0.99),
    ]
    edges = outlet_edges(copies)
    assert [(e.source, e.target, e.copies) for e in edges] == [
        ("Daily A", "Daily B", 2),
        ("Wire", "Daily C", 1),
    ]
    ab, wire = edges
    # verbatim share: the share of shared text identical, averaged (both copies fully identical)
    assert (ab.verbatim_share, ab.median_lag_hours, ab.attribution_rate) == (1.0, 2.0, 0.5)
    assert (wire.verbatim_share, wire.median_lag_hours) == (0.99, None)
    nodes = network_nodes([OutletNode("Daily A", "a.example", 3)], edges)
    assert [n.name for n in nodes] == ["Daily A", "Daily B", "Daily C", "Wire"]


def _node(article_id: int, **fields: Any) -> Node:
    article = Article(
        source=f"{article_id}.txt", format=Format.TEXT, paragraphs=BODY, id=article_id, **fields
    )
    return Node(article, None)


@pytest.mark.parametrize("credited", ["Valley Post"])
def test_provenance_of_one_family_without_a_store(credited: str) -> None:
    credit = Attribution(f"Source: {credited}", "source", credited, None, "2024-05-01")
    nodes = {
        1: _node(1),  # the origin states neither outlet nor date; its copies do
        2: _node(2, outlet="Daily B", published="2024-05-02", attributions=(credit,)),
    }
    links = {(1, 2): ReuseLink(1, 2, 80, 1.0, 1.0, 1.0, ())}
    family, inferences = family_provenance(1, nodes, links)
    assert family.id == 1 and family.origin_article == 1 and family.origin_outlet == credited
    assert [m.parent for m in family.members if m.article == 2] == [1]
    assert {(i.field, i.value) for i in inferences} == {
        ("outlet", credited),
        ("published", "2024-05-01"),
    }
