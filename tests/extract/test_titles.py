"""Titles: the headline a reader sees, site names stripped, labels kept apart."""

from __future__ import annotations

import lxml.html
import pytest

from newstrace.extract.headline import choose_title, strip_site_suffix
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


@pytest.mark.parametrize(
    ("heading", "host", "expected"),
    [
        ("Quillon's Blog", "blog.quillon.example", "Compiler progress report #7"),
        ("Tidewater Magazine", "www.tidewatermag.example", "Compiler progress report #7"),
        ("quillon.example", "quillon.example", "Compiler progress report #7"),
        # a headline that names the site is still the headline
        ("Quillon staff vote to strike", "quillon.example", "Quillon staff vote to strike"),
    ],
)
def test_titles_heading_naming_the_site_by_its_host_is_not_the_headline(
    heading: str, host: str, expected: str
) -> None:
    tree = lxml.html.document_fromstring(f"<html><body><h1>{heading}</h1><p>x</p></body></html>")
    # trafilatura reads the <h1> as a title too; the page declares its own
    declared = [heading] + ([] if heading == expected else ["Compiler progress report #7"])
    assert choose_title(tree, declared, None, host)[0] == expected


@pytest.mark.parametrize(
    ("title", "outlet", "expected"),
    [
        ("quillon.example Vibe coding at home", "quillon.example", "Vibe coding at home"),
        ("Quillon staff vote to strike", "Quillon", "Quillon staff vote to strike"),
        ("Coffee - Harbour University", "Harbour University", "Coffee"),
        ("Blog | Ferry notes from the harbour", None, "Blog | Ferry notes from the harbour"),
    ],
)
def test_titles_site_name_stripped_by_host_name_or_outlet(
    title: str, outlet: str | None, expected: str
) -> None:
    assert strip_site_suffix(title, outlet) == expected


def test_titles_heading_that_is_the_site_part_of_a_declared_title_is_not_the_headline() -> None:
    body = "<h1>Harbour Data Blog</h1><h1>Leave a reply</h1>"
    tree = lxml.html.document_fromstring(f"<html><body>{body}<p>x</p></body></html>")
    declared = ["Small boats and the tide", "Harbour Data Blog: Small boats and the tide"]
    assert choose_title(tree, declared, None)[0] == "Small boats and the tide"
