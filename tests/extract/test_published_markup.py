"""Publication dates the markup names (itemprop, class) and dates in an article's own footer,
on invented pages; "Last active" is never a publication or an update of the text."""

from __future__ import annotations

import pytest

from newstrace.extract.html import extract_html
from newstrace.settings import Settings

SETTINGS = Settings()
STORY = "<p>" + " ".join(["The ferry council voted to keep the night crossing."] * 8) + "</p>"
FURTHER = "<p>The crossing runs nightly.</p>" * 70  # pushes what follows far below the headline


def _page(inside: str = "", after_article: str = "") -> str:
    return (
        "<html><head><title>Ferry vote</title></head><body><article>"
        f"<h1>Ferry council keeps the night crossing</h1>{STORY}{inside}</article>"
        f"{after_article}</body></html>"
    )


@pytest.mark.parametrize(
    "marked",
    [
        '<span itemprop="published-date">Oct 20, 2025</span>',
        '<p class="post-published"><span>Oct 20, 2025</span></p>',
    ],
)
def test_published_date_the_markup_names_published_is_read_far_below_the_headline(
    marked: str,
) -> None:
    article = extract_html(_page(FURTHER + marked), "page", SETTINGS)
    assert article.published == "2025-10-20"


def test_published_markup_naming_many_days_published_is_a_list_not_the_date() -> None:
    teasers = "".join(
        f'<div><time class="entry-date published">March {day}, 2021</time></div>'
        for day in range(2, 6)
    )
    article = extract_html(_page(FURTHER + teasers), "page", SETTINGS)
    assert article.published is None


def test_published_date_in_the_articles_own_footer_is_its_byline_date() -> None:
    footer = (
        '<footer class="author-meta"><span>By Ana Ruiz</span> <span>March 30, 2023</span></footer>'
    )
    html = _page().replace("</h1>", "</h1>" + footer)
    assert extract_html(html, "page", SETTINGS).published == "2023-03-30"


def test_published_date_in_the_page_footer_is_not_the_articles() -> None:
    html = _page(after_article="<footer><p>Site news, March 30, 2023</p></footer>")
    assert extract_html(html, "page", SETTINGS).published is None


@pytest.mark.parametrize("label", ["Last active", "Last seen", "last activity"])
def test_published_last_active_date_is_no_date_of_the_text(label: str) -> None:
    html = _page().replace("</h1>", f"</h1><div class='note'>{label} December 20, 2025</div>")
    article = extract_html(html, "page", SETTINGS)
    assert article.published is None
