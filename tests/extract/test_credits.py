"""Credit lines parsed with the author and the outlet kept apart."""

from __future__ import annotations

import pytest

from newstrace.extract.credits import parse_credits
from newstrace.extract.wire import with_wire_attributions
from newstrace.models import Article, Format


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["This article was originally published by Mara Lindqvist at The Harbour Institute."],
            [("originally published", "The Harbour Institute", "Mara Lindqvist")],
        ),
        (["Sources: Ferrygazette.example"], [("source", "Ferrygazette.example", None)]),
        (
            ["Sources:", "Ferrygazette.example", "Northgate Monitor"],
            [("source", "Ferrygazette.example", None), ("source", "Northgate Monitor", None)],
        ),
        (
            ["This article first appeared on Valley Post."],
            [("first appeared", "Valley Post", None)],
        ),
        (
            ["Republished with permission of Coastal Wire"],
            [("reprinted", "Coastal Wire", None)],
        ),
        (["via Harbour Courier"], [("via", "Harbour Courier", None)]),
        (
            ["The Northgate Tribune reported that the quay would close."],
            [("reported", "The Northgate Tribune", None)],
        ),
        (["We drove via Lindholm to the coast."], []),
        (["She reported that the quay would close."], []),
    ],
)
def test_credits_parse_every_form(
    lines: list[str], expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert [(c.cue, c.outlet, c.author) for c in parse_credits(lines)] == expected


def test_credits_keep_the_credit_line_and_a_link_to_the_original() -> None:
    (credit,) = parse_credits(["Read the original article at https://gazette.example/a/1"])
    assert credit.url == "https://gazette.example/a/1"
    assert credit.text.startswith("Read the original article")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["Marit Olsen, Associated Press"],
            [("byline", "Associated Press", "Marit Olsen")],
        ),
        (
            ["By Tomas Berg and Ines Dahl, The Harbour Tribune"],
            [("byline", "The Harbour Tribune", "Tomas Berg and Ines Dahl")],
        ),
        (["Oslo, Norway"], []),
        (["Coastal Wire•March 4, 2021"], [("provided by", "Coastal Wire", None)]),
        (["Coastal Wire • 3 hours ago"], [("provided by", "Coastal Wire", None)]),
        (["Ferries • buses • trams"], []),
        (
            ["The quay closed at noon, via The Harbour Courier."],
            [("via", "The Harbour Courier", None)],
        ),
        (["Read the full story by the AP here."], [("original source", "AP", None)]),
        (
            ["Read the full story by The Harbour Tribune here."],
            [("original source", "The Harbour Tribune", None)],
        ),
        (["Valley Post, March 4, 2021:"], [("dateline", "Valley Post", None)]),
        (
            ["The Reuters report notes that the quay will close."],
            [("reported", "Reuters", None)],
        ),
        (["The council report notes that the quay will close."], []),
        (
            [
                "This article was originally published by Mara J. Lindqvist at "
                "The Harbour Institute."
            ],
            [("originally published", "The Harbour Institute", "Mara J. Lindqvist")],
        ),
    ],
)
def test_credits_parse_bylines_tags_and_in_text_credits_with_author_and_outlet_apart(
    lines: list[str], expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert [(c.cue, c.outlet, c.author) for c in parse_credits(lines)] == expected


def test_credits_excerpt_date_line_keeps_the_date() -> None:
    (credit,) = parse_credits(["Valley Post, March 4, 2021:"])
    assert credit.published == "2021-03-04"


@pytest.mark.parametrize(
    ("paragraphs", "outlet"),
    [
        (
            ("Updated 9:14 AM ET", "Photo: harbour", "Bergen (CNN)The quay closed on Tuesday."),
            "CNN",
        ),
        (("BERGEN (Reuters) - The quay closed on Tuesday.",), "Reuters"),
        (("The quay (left) closed on Tuesday.",), None),
    ],
)
def test_credits_wire_marker_found_after_page_chrome(
    paragraphs: tuple[str, ...], outlet: str | None
) -> None:
    article = Article(source="page.html", format=Format.TEXT, paragraphs=paragraphs)
    markers = [a.outlet for a in with_wire_attributions(article).attributions]
    assert markers == ([outlet] if outlet else [])
