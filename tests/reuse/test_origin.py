"""Origin detection: the earliest member unless stated evidence says otherwise, evidence shown."""

from __future__ import annotations

import pytest

from newstrace.models import (
    Article,
    Attribution,
    Boilerplate,
    BoilerplateKind,
    Format,
    Media,
    ReuseLink,
)
from newstrace.reuse.evidence import Node, describe_lag, edge_evidence, lag_hours, same_outlet_name
from newstrace.reuse.origin import choose_origin, external_origin, grow_tree, pair_support

BODY = ("Storm floods the valley.", "Rescue teams reach the villages.")


def _node(article_id: int, domain: str | None = None, **fields: object) -> Node:
    article = Article(
        source=f"{article_id}.txt", format=Format.TEXT, paragraphs=BODY, id=article_id, **fields
    )  # type: ignore[arg-type]
    return Node(article, domain)


def _link(a: int, b: int, coverage_a: float = 1.0, coverage_b: float = 1.0) -> ReuseLink:
    return ReuseLink(a, b, 80, coverage_a, coverage_b, 1.0, ())


def _family(nodes: list[Node]) -> tuple[dict[int, Node], dict[tuple[int, int], ReuseLink]]:
    by_id = {node.article.id or 0: node for node in nodes}
    ids = sorted(by_id)
    return by_id, {(a, b): _link(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]}


@pytest.mark.parametrize(
    "dates",
    [
        ("2020-05-02", "2020-05-01", "2020-05-03"),
        ("2020-05-01T10:00:00+00:00", "2020-05-01T08:00:00+00:00", None),
        ("2020-05-02", "2020-05-01T23:00:00", "2020-05-04"),
    ],
)
def test_origin_is_the_earliest_without_stated_evidence(dates: tuple[str | None, ...]) -> None:
    nodes, links = _family(
        [_node(i + 1, outlet=f"Outlet {i}", published=d) for i, d in enumerate(dates)]
    )
    support = pair_support(nodes, links)
    assert choose_origin(nodes, support) == 2
    members = {m.article: m for m in grow_tree(nodes, links, support, 2)}
    assert members[2].parent is None
    assert any(
        e.kind == "publication order" and "earliest" in e.detail for e in members[2].evidence
    )


def test_origin_stated_evidence_overrides_an_earlier_date_and_is_shown() -> None:
    credit = Attribution("Originally published by Hill Post", "originally published", "Hill Post")
    copy = _node(1, outlet="Valley Times", published="2020-05-01", attributions=(credit,))
    original = _node(2, outlet="Hill Post", published="2020-05-02")
    nodes, links = _family([copy, original])
    support = pair_support(nodes, links)
    assert choose_origin(nodes, support) == 2
    members = {m.article: m for m in grow_tree(nodes, links, support, 2)}
    assert members[1].parent == 2
    assert any("attribution line names Hill Post" in e.detail for e in members[1].evidence)
    assert any(e.kind == "publication order" and e.weight < 0 for e in members[2].evidence)


def test_origin_evidence_covers_every_stated_kind() -> None:
    copy = _node(
        2,
        domain="republisher.org",
        outlet="Republisher",
        published="2020-03-31",
        byline="Hill Post",
        attributions=(
            Attribution(
                "The original source of this article is Hill Post", "original source", "Hill Post"
            ),
            Attribution("Hill Post 30 March 2020", "dateline", "Hill Post", published="2020-03-30"),
            Attribution("By Hill Post", "byline", "Hill Post"),
        ),
        media=(Media("https://hillpost.net/video/a.mp4", "video", 1),),
        boilerplate=(
            Boilerplate("Support Hill Post: donate today.", BoilerplateKind.APPEAL, "cue"),
        ),
    )
    original = _node(1)
    evidence = edge_evidence(original, copy, _link(1, 2))
    details = {e.kind: e.detail for e in evidence}
    assert details["attribution"].startswith("attribution line names Hill Post")
    assert details["byline"] == "byline names Hill Post (“By Hill Post”)"  # quotes the line
    assert details["media host"] == (
        "embedded video hosted on hillpost.net (https://hillpost.net/video/a.mp4)"
    )  # the evidence quotes the media URL it points to
    assert details["carried boilerplate"] == (
        "the original's donation appeal carried into the copy: “Support Hill Post: donate today.”"
    )  # the evidence quotes the carried appeal
    assert details["publication order"] == "republished one day after the original's stated date"
    assert all(e.weight > 0 for e in evidence)


@pytest.mark.parametrize("credit", ["(AP)", "By Reuters"])
def test_origin_external_when_every_member_credits_a_wire_outside_the_corpus(credit: str) -> None:
    wire = "AP" if "AP" in credit else "Reuters"
    cue = "wire marker" if credit.startswith("(") else "byline"
    nodes, _ = _family(
        [
            _node(i, outlet=f"Paper {i}", attributions=(Attribution(credit, cue, wire),))
            for i in (1, 2, 3)
        ]
    )
    assert external_origin(nodes) == wire


def test_origin_not_external_when_the_wire_itself_is_a_member() -> None:
    marker = Attribution("ATHENS (MPA) -", "wire marker", "MPA")
    nodes, _ = _family(
        [
            _node(1, outlet="Meridian Press Agency", attributions=(marker,)),
            _node(2, outlet="Coast Courier", attributions=(marker,)),
        ]
    )
    assert external_origin(nodes) is None


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("MPA", "Meridian Press Agency", True),
        ("The Associated Press", "Associated Press", True),
        ("South Front", "southfront", True),
        ("Hill Post", "Valley Times", False),
        (None, "Hill Post", False),
    ],
)
def test_origin_outlet_names_match_aliases(first: str | None, second: str, same: bool) -> None:
    assert same_outlet_name(first, second) is same


@pytest.mark.parametrize(
    ("earlier", "later", "hours", "words"),
    [
        ("2020-03-30", "2020-03-31", 24.0, "one day"),
        ("2024-07-17T09:12:00+03:00", "2024-07-17T14:20:00+03:00", 5.13, "five hours"),
        (None, "2020-03-31", None, None),
    ],
)
def test_origin_lag_tolerates_dates_and_datetimes(
    earlier: str | None, later: str, hours: float | None, words: str | None
) -> None:
    lag = lag_hours(earlier, later)
    assert lag == pytest.approx(hours, abs=0.01) if hours is not None else lag is None
    if lag is not None:
        assert describe_lag(lag, len(earlier or "") <= 10) == words
