"""Credits an origin follows: an excerpt that goes on elsewhere, "told X" apart from a credit."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newstrace.extract.credits import parse_credits
from newstrace.models import Article, Format, ReuseLink
from newstrace.reuse.evidence import Node
from newstrace.reuse.excerpts import UNNAMED_SOURCE
from newstrace.reuse.origin import choose_origin, credited_outside, external_origin, pair_support


def _node(article_id: int, outlet: str, published: str, lines: tuple[str, ...]) -> Node:
    article = Article(
        source=f"{article_id}.txt",
        format=Format.TEXT,
        paragraphs=lines,
        id=article_id,
        outlet=outlet,
        published=published,
        attributions=parse_credits(lines),
    )
    return Node(article, None)


def _origin(nodes: dict[int, Node]) -> tuple[str, str] | None:
    ids = sorted(nodes)
    links = {(a, b): ReuseLink(a, b, 80, 1.0, 1.0, 1.0, ()) for a in ids for b in ids if a < b}
    support = pair_support(nodes, links)
    outside = credited_outside(nodes, support, choose_origin(nodes, support))
    return None if outside is None else (outside[0], outside[1].detail)


@pytest.mark.parametrize(
    ("ending", "origin"),
    [
        ("Rescue teams reached the villages on Monday. – READ MORE", UNNAMED_SOURCE),
        ("Rescue teams reached the villages. Continue reading at Valley Post", "Valley Post"),
        ("READ MORE: https://valleypost.example/storm", "valleypost.example"),
    ],
)
def test_credit_origins_excerpts_ending_read_more_come_from_outside(
    ending: str, origin: str
) -> None:
    nodes = {
        1: _node(1, "Hill Gazette", "2020-05-01", ("The storm flooded the valley.", ending)),
        2: _node(2, "Coast Courier", "2020-05-02", ("The storm flooded the valley.", ending)),
    }
    found = _origin(nodes)
    assert found is not None and found[0] == origin
    assert "READ MORE" in found[1] or "Continue reading" in found[1]  # quotes the line


def test_credit_origins_a_lone_read_more_without_a_name_is_no_origin() -> None:
    nodes = {
        1: _node(1, "Hill Gazette", "2020-05-01", ("The storm flooded the valley. – READ MORE",)),
        2: _node(2, "Coast Courier", "2020-05-02", ("The storm flooded the valley.",)),
    }
    assert _origin(nodes) is None


def test_credit_origins_told_is_kept_apart_from_a_credit_line() -> None:
    (told,) = parse_credits(["A port official told Harbour Wire the quay would close."])
    assert (told.cue, told.outlet) == ("told", "Harbour Wire")


@pytest.mark.parametrize(
    ("second_line", "origin"),
    [
        ("The Harbour Wire report notes that the quay will close.", "Harbour Wire"),
        ("Another official told Harbour Wire it would reopen.", None),  # an interview only
    ],
)
def test_credit_origins_told_counts_only_beside_a_stated_credit(
    second_line: str, origin: str | None
) -> None:
    first = ("A port official told Harbour Wire the quay would close.",)
    nodes = {
        1: _node(1, "Hill Gazette", "2020-05-01", first),
        2: _node(2, "Coast Courier", "2020-05-02", (second_line,)),
    }
    assert external_origin(nodes) == origin


@pytest.mark.parametrize(
    ("signed", "origin"),
    [
        ((), "Mara Lindqvist"),
        (("Mara Lindqvist",), None),  # a member signed by the writer is the writer's own page
    ],
)
def test_credit_origins_authored_by_credits_the_writers_own_publication(
    signed: tuple[str, ...], origin: str | None
) -> None:
    repost = ("Authored by Mara Lindqvist,", "The storm flooded the valley.")
    nodes = {
        1: _node(1, "Hill Gazette", "2020-05-01", ("The storm flooded the valley.",)),
        2: _node(2, "Coast Courier", "2020-05-02", repost),
    }
    nodes[1] = Node(replace(nodes[1].article, authors=signed), None)
    found = _origin(nodes)
    assert (found[0] if found else None) == origin


@pytest.mark.parametrize(
    ("first", "second", "origin"),
    [  # an in-text credit copied with the text says nothing of where the copy came from
        ("The Harbour Wire reported the quay closed.", "The Harbour Wire reported the quay closed.",
         None),
        ("The Harbour Wire reported the quay closed.", "A pilot told Harbour Wire it was shut.",
         "The Harbour Wire"),  # two rewrites of one outlet's reporting, each in its own words
    ],
)  # fmt: skip
def test_credit_origins_in_text_credits_count_only_when_worded_apart(
    first: str, second: str, origin: str | None
) -> None:
    nodes = {
        1: _node(1, "Hill Gazette", "2020-05-01", (first,)),
        2: _node(2, "Coast Courier", "2020-05-02", (second,)),
    }
    assert external_origin(nodes) == origin
