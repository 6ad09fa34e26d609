"""Publication dates on invented pages: where each was read, how far it is trusted, and the
dates that are never a publication date."""

from __future__ import annotations

import json

import pytest

from newstrace.extract.html import extract_html
from newstrace.extract.published import url_day
from newstrace.settings import Settings

SETTINGS = Settings()
STORY = (
    "<p>"
    + " ".join(["The ferry council voted on Tuesday to keep the night crossing."] * 8)
    + "</p>"
)


def _page(head: str = "", header: str = "", after: str = "") -> str:
    return (
        f"<html><head><title>Ferry vote</title>{head}</head><body><article>"
        f"<h1>Ferry council keeps the night crossing</h1>{header}{STORY}{after}"
        "</article></body></html>"
    )


def _jsonld(**fields: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ferry vote"}
    return f'<script type="application/ld+json">{json.dumps({**data, **fields})}</script>'


@pytest.mark.parametrize(
    ("html", "url", "published", "source"),
    [
        (
            _page(_jsonld(datePublished="2021-03-04T09:00:00Z")),
            None,
            "2021-03-04T09:00:00+00:00",
            "jsonld",
        ),
        (
            _page('<meta property="article:published_time" content="2021-03-04">'),
            None,
            "2021-03-04",
            "meta",
        ),
        (
            _page(header='<time datetime="2021-03-04">March 4, 2021</time>'),
            None,
            "2021-03-04",
            "time",
        ),
        (_page(header="<p>Published March 4, 2021</p>"), None, "2021-03-04", "text"),
        (_page(), "https://news.example/2021/03/04/ferry-vote", "2021-03-04", "url"),
    ],
)
def test_published_names_where_the_date_was_read(
    html: str, url: str | None, published: str, source: str
) -> None:
    article = extract_html(html, "page.html", SETTINGS, url=url)
    assert (article.published, article.published_source) == (published, source)
    assert article.published_confidence is not None and 0 < article.published_confidence <= 1
    assert article.to_json()["published_source"] == source


@pytest.mark.parametrize(
    "html",
    [
        _page(after="<footer><p>© 2021 Ferry Gazette</p></footer>"),
        _page(_jsonld(datePublished="2021-03-04"), header="<p>Updated March 9, 2021</p>"),
        _page(_jsonld(dateModified="2021-03-09")),
        _page(header="<p>Ferry times 2021-03-04 - 2021-03-09</p>"),
        _page(after="<table><tr><td>March 4, 2021</td><td>12 crossings</td></tr></table>"),
        _page(after='<div class="comments"><p>Posted March 5, 2021 by a reader</p></div>'),
        _page(after='<div class="related-posts"><p>Older story, January 2, 2020</p></div>'),
    ],
)
def test_published_is_none_rather_than_a_copyright_update_or_other_items_date(html: str) -> None:
    article = extract_html(html, "page.html", SETTINGS)
    assert article.published in (None, "2021-03-04")
    if "datePublished" in html:
        return
    assert article.published is None
    assert article.published_source is None and article.published_confidence is None


def test_published_prefers_the_earlier_day_shown_by_the_headline_to_a_bumped_declared_date() -> (
    None
):
    html = _page(
        _jsonld(datePublished="2022-06-01", dateModified="2022-06-01"),
        header="<p>March 4, 2021</p>",
    )
    article = extract_html(html, "page.html", SETTINGS)
    assert article.published == "2021-03-04"
    assert "earlier than" in article.inferred["published"]


@pytest.mark.parametrize(
    ("header", "published"),
    [
        ("<p>Published March 4, 2021</p><p>Updated March 9, 2021</p>", "2021-03-04"),
        ("<p>Updated March 9, 2021</p><p>March 9, 2021</p>", "2021-03-09"),
    ],
)
def test_published_never_takes_an_updated_day_while_another_is_stated(
    header: str, published: str
) -> None:
    article = extract_html(_page(header=header), "page.html", SETTINGS)
    assert article.published == published


def test_published_only_updated_date_is_given_at_low_confidence_and_says_so() -> None:
    article = extract_html(_page(header="<p>Updated March 9, 2021</p>"), "page.html", SETTINGS)
    assert article.published == "2021-03-09"
    assert article.published_confidence is not None and article.published_confidence < 0.5
    assert "first publication not stated" in article.inferred["published"]


@pytest.mark.parametrize(
    "head",
    [
        '<script type="application/ld+json">{"@type": "WebPage", "datePublished": "2021-03-04"}'
        '</script><meta property="article:published_time" content="2021-03-05">',
        '<meta name="x-published-date" content="2021-03-05">',
    ],
)
def test_published_reads_the_articles_own_meta_date(head: str) -> None:
    article = extract_html(_page(head), "page.html", SETTINGS)
    assert (article.published, article.published_source) == ("2021-03-05", "meta")


def test_published_date_marked_up_far_below_the_headline_is_read_once_it_is_the_only_one() -> None:
    filler = "".join(f"<p>Paragraph {n} of the ferry story.</p>" for n in range(80))
    one = _page(after=f'{filler}<span class="post-date">March 4, 2021</span>')
    many = _page(
        after=f'{filler}<span class="post-date">March 4, 2021</span>'
        '<span class="post-date">March 8, 2021</span>'
    )
    assert extract_html(one, "page.html", SETTINGS).published == "2021-03-04"
    assert extract_html(many, "page.html", SETTINGS).published is None


def test_published_front_page_declared_date_is_not_an_articles() -> None:
    html = _page('<meta property="article:published_time" content="2021-03-04">')
    front = extract_html(html, "page.html", SETTINGS, url="https://ferry.example/")
    story = extract_html(html, "page.html", SETTINGS, url="https://ferry.example/vote")
    assert (front.published, story.published) == (None, "2021-03-04")


def test_published_declared_and_shown_is_trusted_more_than_declared_only() -> None:
    declared = _jsonld(datePublished="2021-03-04")
    shown = extract_html(_page(declared, header="<p>March 4, 2021</p>"), "p.html", SETTINGS)
    hidden = extract_html(_page(declared), "p.html", SETTINGS)
    assert shown.published_confidence > hidden.published_confidence  # type: ignore[operator]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.example/2020/03/31/slug", "2020-03-31"),
        ("https://x.example/2020-03-31-slug", "2020-03-31"),
        ("https://x.example/2020/02/30/slug", None),
        ("https://x.example/news/12345", None),
        ("https://x.example/blog/2023/october/03/slug", "2023-10-03"),
        ("https://x.example/2023/sprint/03/slug", None),
    ],
)
def test_published_url_day(url: str, expected: str | None) -> None:
    assert url_day(url) == expected


def test_published_month_shown_on_a_time_element_gives_no_day() -> None:
    html = _page(header='<p>Reviewed <time datetime="2021-03-04">March 2021</time></p>')
    assert extract_html(html, "page", SETTINGS).published is None


def test_published_updated_stamp_of_a_page_listing_many_dated_items_is_not_its_date() -> None:
    items = "".join(
        f"<li><span class='post-date'>March {day}, 2021</span></li>" for day in range(2, 9)
    )
    further = "<p>The crossing runs nightly.</p>" * 70  # the list sits far below the headline
    html = _page(header="<p>Updated March 10, 2021</p>", after=f"{further}<ul>{items}</ul>")
    assert extract_html(html, "page", SETTINGS).published is None


@pytest.mark.parametrize(("kind", "dated"), [("website", False), ("article", True)])
def test_published_declared_date_of_a_page_calling_itself_a_website_needs_to_be_shown(
    kind: str, dated: bool
) -> None:
    head = f'<meta property="og:type" content="{kind}">' + _jsonld(datePublished="2021-03-04")
    article = extract_html(_page(head), "page", SETTINGS)
    assert (article.published == "2021-03-04") is dated
    shown = extract_html(_page(head, header="<p>March 4, 2021</p>"), "page", SETTINGS)
    assert shown.published is not None and shown.published.startswith("2021-03-04")
