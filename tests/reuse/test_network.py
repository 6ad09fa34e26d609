"""The outlet network: origin outlet -> republisher with copies, verbatim share, lag, attribution."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
import sqlite_utils

from newstrace.export.gexf import GEXF_NAMESPACE, network_gexf
from newstrace.models import Attribution
from newstrace.reuse.provenance import build_provenance
from newstrace.settings import Settings
from newstrace.store.families import iter_stored_families
from newstrace.store.network import stored_edges

STORY = [
    "Storm floods the valley and cuts the main road.",
    "Rescue teams reach the villages by boat.",
]
OTHER = ["The council votes on the new budget tonight.", "Parking fees rise in the centre."]


def _link(db: sqlite_utils.Database, first: int, second: int, verbatim: float = 1.0) -> None:
    db.conn.execute(
        "INSERT INTO reuse_links (a, b, shared_tokens, coverage_a, coverage_b, verbatim_ratio)"
        " VALUES (?, ?, 60, 1.0, 1.0, ?)",
        (*sorted((first, second)), verbatim),
    )


@pytest.fixture
def network(db: sqlite_utils.Database, store_article: Callable[..., int]) -> sqlite_utils.Database:
    credit = (Attribution("Source: Hill Post", "source", "Hill Post"),)
    first = store_article(
        STORY, "hill/1.txt", outlet="Hill Post", published="2020-01-01T00:00:00+00:00"
    )
    copy = store_article(
        STORY,
        "valley/1.txt",
        outlet="Valley Times",
        published="2020-01-01T06:00:00+00:00",
        attributions=credit,
    )
    second = store_article(OTHER, "hill/2.txt", outlet="Hill Post", published="2020-02-01")
    again = store_article(OTHER, "valley/2.txt", outlet="Valley Times", published="2020-02-02")
    _link(db, first, copy)
    _link(db, second, again, verbatim=0.8)
    build_provenance(db, Settings())
    return db


def test_network_edge_counts_copies_lag_and_attribution(network: sqlite_utils.Database) -> None:
    [edge] = [e.to_json() for e in stored_edges(network.conn)]
    assert (edge["source"], edge["target"], edge["copies"]) == ("Hill Post", "Valley Times", 2)
    assert edge["verbatim_share"] == 0.9  # shared text identical: 100 % in one copy, 80 % in one
    assert edge["median_lag_hours"] == 15.0  # median of 6 h and 24 h
    assert edge["attribution_rate"] == 0.5


def test_network_gexf_is_gexf_13_with_outlets_and_edge_attributes(
    network: sqlite_utils.Database,
) -> None:
    root = ET.fromstring(network_gexf(network.conn))
    ns = {"g": GEXF_NAMESPACE}
    assert root.get("version") == "1.3"
    labels = {node.get("label") for node in root.iterfind(".//g:node", ns)}
    assert labels == {"Hill Post", "Valley Times"}
    [edge] = root.findall(".//g:edge", ns)
    assert edge.get("weight") == "2"
    values = {v.get("for"): v.get("value") for v in edge.iterfind(".//g:attvalue", ns)}
    assert values["0"] == "2" and values["2"] == "15.0"


@pytest.mark.parametrize(
    ("credit", "cue", "wire"),
    [("(AP) -", "wire marker", "AP"), ("By Reuters", "byline", "Reuters")],
)
def test_network_external_wire_is_the_origin_outlet(
    db: sqlite_utils.Database, store_article: Callable[..., int], credit: str, cue: str, wire: str
) -> None:
    attribution = (Attribution(credit, cue, wire),)
    ids = [
        store_article(STORY, f"{i}.txt", outlet=f"Paper {i}", attributions=attribution)
        for i in range(3)
    ]
    _link(db, ids[0], ids[1])
    _link(db, ids[1], ids[2])
    build_provenance(db, Settings())
    [family] = [stored.to_json() for stored in iter_stored_families(db.conn)]
    assert family["origin"] == {"article": None, "outlet": wire, "external": True}
    assert all(m["parent"] is None and m["evidence"] for m in family["members"])
    edges = [e.to_json() for e in stored_edges(db.conn)]
    assert {(e["source"], e["attribution_rate"]) for e in edges} == {(wire, 1.0)}
    assert len(edges) == 3
