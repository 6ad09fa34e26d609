"""Origins when dates do not order the members: one day with no hour stated, and which
outside credit names where the text came from."""

from __future__ import annotations

import pytest

from newstrace.models import Article, Attribution, Format, ReuseLink
from newstrace.reuse.evidence import Node
from newstrace.reuse.origin import choose_origin, credited_outside, is_wire_service, pair_support

BODY = ("Storm floods the valley.", "Rescue teams reach the villages.")


def _node(article_id: int, outlet: str, published: str | None, **fields: object) -> Node:
    article = Article(
        source=f"{article_id}.txt", format=Format.TEXT, paragraphs=BODY, id=article_id,
        outlet=outlet, published=published, **fields,
    )  # type: ignore[arg-type]  # fmt: skip
    return Node(article, None)


def _origin(first: Node, second: Node, coverage_1: float = 1.0, coverage_2: float = 1.0) -> int:
    nodes = {1: first, 2: second}
    links = {(1, 2): ReuseLink(1, 2, 80, coverage_1, coverage_2, 1.0, ())}
    return choose_origin(nodes, pair_support(nodes, links))


def test_origin_same_day_without_an_hour_is_the_text_that_holds_the_other() -> None:
    # the excerpt is dated by day only; midnight is no hour, so it is not the earlier one
    excerpt = _node(1, "Aggregator", "2018-07-15")
    full = _node(2, "Hill Post", "2018-07-15T10:09:00+00:00")
    assert _origin(excerpt, full, coverage_1=1.0, coverage_2=0.5) == 2


@pytest.mark.parametrize("agency", ["Reuters", "Kyodo News", "apnews.com"])
def test_origin_same_day_without_an_hour_prefers_the_news_agency(agency: str) -> None:
    assert _origin(_node(1, "Valley Times", "2020-05-23"), _node(2, agency, "2020-05-23")) == 2


def test_origin_same_day_with_hours_is_still_the_earlier_hour() -> None:
    first = _node(1, "Valley Times", "2020-05-23T08:00:00+00:00")
    agency = _node(2, "Reuters", "2020-05-23T09:00:00+00:00")
    assert _origin(first, agency) == 1


@pytest.mark.parametrize(
    ("name", "wire"), [("Reuters", True), ("Sputnik News", True), ("Valley Times", False)]
)
def test_origin_knows_news_agencies(name: str, wire: bool) -> None:
    assert is_wire_service(name) is wire


def test_origin_outside_names_the_credit_that_says_where_the_text_came_from() -> None:
    credits = (
        Attribution("Ana Lind, Coastal Wire", "byline", "Coastal Wire", author="Ana Lind"),
        Attribution("Originally published at Hill Post.", "originally published", "Hill Post"),
    )
    nodes = {
        1: _node(1, "Valley Times", "2020-05-01", attributions=credits),
        2: _node(2, "Harbour Gazette", "2020-05-02"),
    }
    links = {(1, 2): ReuseLink(1, 2, 80, 1.0, 1.0, 1.0, ())}
    found = credited_outside(nodes, pair_support(nodes, links), 1)
    assert found is not None
    assert found[0] == "Hill Post"
    assert "Originally published at Hill Post." in found[1].detail
