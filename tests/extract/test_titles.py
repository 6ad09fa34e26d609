"""Titles: the headline a reader sees, site names stripped, labels kept apart."""

from __future__ import annotations

import lxml.html
import pytest

from newstrace.extract.html import choose_title
from newstrace.extract.titles import split_title_label


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Why the ferry must run at night | Opinion",
            ("Opinion", "Why the ferry must run at night"),
        ),
        ("Video: Floods reach the harbour", ("Video", "Floods reach the harbour")),
        ("Ferry prices - a review of a decade", (None, "Ferry prices - a review of a decade")),
    ],
)
def test_titles_label_kept_apart(title: str, expected: tuple[str | None, str]) -> None:
    assert split_title_label(title) == expected


@pytest.mark.parametrize(
    ("headings", "declared", "expected"),
    [
        # the site's name in an <h1> logo is not the headline
        (
            ["Harbour Notes", "Why the night ferry matters"],
            ["Why the night ferry matters | Harbour Notes"],
            "Why the night ferry matters",
        ),
        # a reworded SEO title: the visible headline wins
        (
            ["Seven ferry routes for winter trips"],
            ["Best Ferry Routes 2026: 7 Winter Trips | Harbour Notes"],
            "Seven ferry routes for winter trips",
        ),
        # an <h1> unrelated to the declared title is a section name
        (["Webcams"], ["Ferry terminal live view - Port Authority"], "Ferry terminal live view"),
    ],
)
def test_titles_visible_headline_chosen(
    headings: list[str], declared: list[str], expected: str
) -> None:
    body = "".join(f"<h1>{heading}</h1>" for heading in headings)
    tree = lxml.html.document_fromstring(f"<html><body>{body}<p>x</p></body></html>")
    assert choose_title(tree, declared, "Harbour Notes")[0] == expected
