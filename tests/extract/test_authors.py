"""Author names: persons apart from organisations, roles and dates stripped, nobodies dropped."""

from __future__ import annotations

import json

import pytest

from newstrace.extract.authors import as_printed, clean_people, clean_person
from newstrace.extract.html import extract_html
from newstrace.settings import Settings

STORY = (
    "<p>"
    + " ".join(["The ferry council voted on Tuesday to keep the night crossing."] * 8)
    + "</p>"
)


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Author Lena Okafor", "Lena Okafor"),
        ("Written by Lena Okafor", "Lena Okafor"),
        ("Lena Okafor Senior Reporter", "Lena Okafor"),
        ("Lena Okafor Last Updated March 4", "Lena Okafor"),
        ("Lena Okafor • March", "Lena Okafor"),
        ("Tomas &amp; Lena", "Tomas & Lena"),
        ("Updated by Tomas Reed", None),
        ("Written By", None),
        ("Dec", None),
        ("CEO", None),
        ("The Author", None),
        ("Ana de la Cruz", "Ana de la Cruz"),
    ],
)
def test_authors_clean_person(byline: str, expected: str | None) -> None:
    assert clean_person(byline) == expected


def _page(author: object) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Ferry council keeps the night crossing",
        "author": author,
        "publisher": {"@type": "Organization", "name": "Ferry Gazette"},
    }
    return (
        '<html><head><script type="application/ld+json">'
        f"{json.dumps(data)}</script></head><body><article>"
        f"<h1>Ferry council keeps the night crossing</h1>{STORY}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ([{"@type": "Person", "name": "Lena Okafor"}, {"@type": "Person", "name": "Tomas Reed"}],
         ("Lena Okafor", "Tomas Reed")),
        ([{"@type": "Person", "name": "Lena Okafor"}, {"@type": "Organization", "name": "Ferry Gazette"}],
         ("Lena Okafor",)),
        ({"@type": "Organization", "name": "Ferry Gazette"}, ("Ferry Gazette",)),
    ],
)  # fmt: skip
def test_authors_persons_before_organisations(author: object, expected: tuple[str, ...]) -> None:
    article = extract_html(_page(author), "page.html", Settings())
    assert article.authors == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("<p>Written by:<span>Lena Okafor</span></p>", ("Lena Okafor",)),
        ('<div class="post-author"><a rel="author">Tomas Reed</a></div>', ("Tomas Reed",)),
        ('<div class="comments"><p>By Mara Lind</p></div>', ()),
        ("<p>By the time the vote came, the quay was empty.</p>", ()),
    ],
)
def test_authors_byline_shown_by_the_headline(byline: str, expected: tuple[str, ...]) -> None:
    html = (
        "<html><head><title>Ferry council keeps the night crossing</title></head><body><article>"
        f"<h1>Ferry council keeps the night crossing</h1>{byline}{STORY}</article></body></html>"
    )
    assert extract_html(html, "page.html", Settings()).authors == expected


@pytest.mark.parametrize(
    ("name", "page", "expected"),
    [
        ("Justin C Meserole", "By Justin C. Meserole, trial lawyer", "Justin C. Meserole"),
        ("Dr Vahid Osman", "Written by Dr. Vahid  Osman", "Dr. Vahid Osman"),
        ("Ana Lind", "By Ana Lind", "Ana Lind"),
        ("Justin C Meserole", "No byline on this page", "Justin C Meserole"),
        ("C Meserole", "A Cmeserole. Meserole", "C Meserole"),
    ],
)
def test_authors_keep_the_full_stops_the_page_prints(name: str, page: str, expected: str) -> None:
    assert as_printed(name, page) == expected


def _plain_page(head: str = "", byline: str = "", after: str = "") -> str:
    return (
        f"<html><head><title>Ferry council keeps the night crossing</title>{head}</head><body>"
        f"<article><h1>Ferry council keeps the night crossing</h1>{byline}{STORY}{after}"
        "</article></body></html>"
    )


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (  # an SEO plugin's labelled meta pair
            _plain_page(
                '<meta name="twitter:label1" content="Written by">'
                '<meta name="twitter:data1" content="Lena Okafor">'
            ),
            ("Lena Okafor",),
        ),
        (  # a label standing alone, the name in the next element
            _plain_page(byline="<div><strong>Written by</strong><br><strong>Lena Okafor</strong>"),
            ("Lena Okafor",),
        ),
        (  # an author box after the story
            _plain_page(after="<h3>Written by Tomas Reed</h3><p>Tomas writes about ferries.</p>"),
            ("Tomas Reed",),
        ),
        (  # no byline at all: no author
            _plain_page(after="<p>Tickets by phone only.</p>"),
            (),
        ),
    ],
)
def test_authors_found_in_labelled_meta_and_author_boxes(
    page: str, expected: tuple[str, ...]
) -> None:
    assert extract_html(page, "page.html", Settings()).authors == expected


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Lena Okafor", "The Harbour Appeal"], ("Lena Okafor",)),  # "The ..." is no person
        (["Lena Okafor", "Tomas Reed"], ("Lena Okafor", "Tomas Reed")),
    ],
)
def test_authors_leave_out_organisations_named_with_the(
    names: list[str], expected: tuple[str, ...]
) -> None:
    author = [{"@type": "Person", "name": name} for name in names]
    assert extract_html(_page(author), "page.html", Settings()).authors == expected


def test_authors_read_every_citation_author() -> None:
    head = '<meta name="DC.Creator" content="Lena Okafor">' + "".join(
        f'<meta name="citation_authors" content="{name}">' for name in ("Lena Okafor", "Tomas Reed")
    )
    assert extract_html(_plain_page(head), "page.html", Settings()).authors == (
        "Lena Okafor",
        "Tomas Reed",
    )


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("lena okafor", ("lena okafor",)),  # typed in lower case: kept as the page states it
        ("Tom May", ("Tom May",)),  # a surname that is a month's name
        ("Ask the Doctors", ("Ask the Doctors",)),  # an organisation, no person named
        ("Staff", ()),  # a placeholder names nobody
    ],
)
def test_authors_declared_name_kept_as_the_page_states_it(
    author: str, expected: tuple[str, ...]
) -> None:
    assert extract_html(_page(author), "page.html", Settings()).authors == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Lena Okafor, May", "Lena Okafor"),  # a month after a separator is the date
        ("Lena Okafor Lena Okafor", "Lena Okafor"),  # avatar label and name: said once
        ("Harbour Watch Sponsored", "Harbour Watch"),  # a "Sponsored" label is no name
    ],
)
def test_authors_month_label_and_repeated_name_in_a_byline(byline: str, expected: str) -> None:
    assert clean_people([byline]) == (expected,)
    assert clean_person(byline) == expected


@pytest.mark.parametrize(
    ("name", "page", "expected"),
    [
        ("Jsteinhardt", "Posted by jsteinhardt in notes", "jsteinhardt"),
        ("The Harbour Team", "By the Harbour Team", "the Harbour Team"),
        ("Lena Okafor", "By Lena Okafor and LENA OKAFOR", "Lena Okafor"),
    ],
)
def test_authors_keep_the_letter_case_the_page_prints(name: str, page: str, expected: str) -> None:
    assert as_printed(name, page) == expected
