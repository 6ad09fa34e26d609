"""HTML pages into articles: body, declared metadata, comments and media, on invented pages."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.extract.headline import choose_title, strip_site_suffix
from newstrace.extract.html import displayed_dates, extract_html
from newstrace.extract.html_body import declared_lines, drop_comment_lines
from newstrace.models import Article, Comment, Format, Media
from newstrace.normalize import comparison_key
from newstrace.settings import Settings

PAGES = Path(__file__).resolve().parents[1] / "data" / "html"
FIXTURES = sorted(path.name for path in PAGES.glob("*.html"))
SETTINGS = Settings()
STORY = (
    "The harbour board met on Wednesday to decide whether the old grain quay should be "
    "turned into a public park, a plan that has divided the town for most of a decade."
)


def _extract(name: str, url: str | None = None) -> Article:
    html = (PAGES / name).read_text(encoding="utf-8")
    return extract_html(html, f"pages/{name}", SETTINGS, url=url, source_id="item-1")


def _paragraphs(count: int) -> str:
    return "".join(
        f"<p>{STORY} Paragraph {n} adds more about the quay and the vote.</p>" for n in range(count)
    )


def test_html_extracts_the_wordpress_story() -> None:
    article = _extract("lakeside-gazette-ferry.html")
    assert article.format is Format.HTML
    assert (article.source, article.source_id) == ("pages/lakeside-gazette-ferry.html", "item-1")
    assert (article.title_label, article.title) in {
        ("Video", "Ferry Service Returns to Marrow Island"),
        (None, "Video: Ferry Service Returns to Marrow Island"),
    }
    assert article.outlet == "Lakeside Gazette"
    assert article.authors == ("Ines Farrow", "Owen Baptiste")
    assert article.byline == "Ines Farrow, Owen Baptiste"
    assert article.published == "2024-03-05T08:30:00+00:00"
    assert article.language == "en-GB"
    assert (
        article.url
        == "https://lakesidegazette.example/2024/03/05/ferry-service-returns-marrow-island/"
    )
    assert article.paragraphs[0].startswith("The passenger ferry between Port Ellery")
    assert any(p.startswith("The board has promised a second vessel") for p in article.paragraphs)
    assert [c.author for c in article.comments] == ["Rosa Kell", "Tom Adair", "Harbour Regular"]
    assert ("keyword", "Marrow Island") in {(t.name, t.value) for t in article.tags}
    assert article.inferred["published"].startswith("json-ld")


@pytest.mark.parametrize("name", FIXTURES)
def test_html_body_never_holds_comments_navigation_or_footer(name: str) -> None:
    article = _extract(name)
    body = comparison_key(article.body)
    for comment in article.comments:
        assert comparison_key(comment.text.split("\n")[0]) not in body
    for chrome in (
        "privacy",
        "all rights reserved",
        "leave a reply",
        "what's on",
        "islanders wait",
    ):
        assert chrome not in body


def test_html_places_media_after_their_paragraphs_and_skips_decoration() -> None:
    article = _extract("lakeside-gazette-ferry.html")
    assert article.media == (
        Media("https://www.youtube.com/embed/fErRy2024xY", "video", 2),
        Media("https://lakesidegazette.example/media/photos/jetty-crowd.jpg", "image", 4),
        Media("https://lakesidegazette.example/media/clips/ferry-arrival.mp4", "video", 4),
    )


@pytest.mark.parametrize(
    ("name", "title", "authors", "day"),
    [
        (
            "northgate-monitor-disqus.html",
            "Harbour workers extend strike as talks stall",
            ("Lena Okafor", "Tomas Reed"),
            "2021-06-04",
        ),
        (
            "civic-lens-microdata.html",
            "Cedar Bend residents question water bills",
            ("Priya Castellanos", "Daniel Ure"),
            "2023-05-12",
        ),
        (
            "metro-dispatch-media.html",
            "Night buses return to the orbital route",
            ("Aksel Brandt",),
            "2022-11-08",
        ),
    ],
)
def test_html_metadata_of_each_fixture(
    name: str, title: str, authors: tuple[str, ...], day: str
) -> None:
    article = _extract(name)
    assert article.title == title
    assert article.authors == authors
    assert (article.published or "")[:10] == day


def test_html_drops_a_first_line_that_repeats_the_headline() -> None:
    article = _extract("northgate-monitor-disqus.html")
    assert article.paragraphs[0].startswith("Dock workers in the port of Varna")


def test_html_given_url_wins_and_makes_media_absolute() -> None:
    video = '<video src="clips/q.mp4"></video>'
    page = f"<html><body><h1>Quay vote</h1>{_paragraphs(3)}{video}</body></html>"
    article = extract_html(page, "p.html", SETTINGS, url="https://port.example/news/quay")
    assert article.url == "https://port.example/news/quay"
    assert article.media[0].url == "https://port.example/news/clips/q.mp4"
    assert article.outlet == "port.example"
    assert "outlet" in article.inferred


def test_html_uses_a_longer_declared_article_body() -> None:
    full = [f"{STORY} Part {n} continues the story behind the paywall." for n in range(8)]
    script = json.dumps(
        {"@type": "NewsArticle", "headline": "Quay vote", "articleBody": "\n".join(full)}
    )
    page = (
        f'<html><head><script type="application/ld+json">{script}</script></head>'
        f"<body><h1>Quay vote</h1><p>{full[0]}</p>"
        "<div class='paywall'>Subscribe to read on.</div></body></html>"
    )
    article = extract_html(page, "p.html", SETTINGS)
    assert article.paragraphs == tuple(full)
    assert article.inferred["body"].startswith("JSON-LD articleBody")


@pytest.mark.parametrize(
    "html",
    [
        "<html></html>",
        "<html><body>" + "<script>var a = 1;</script>" * 500 + "</body></html>",
        "<html><body>" + "<div>" * 100_000 + "<p>deep</p>" + "</div>" * 100_000 + "</body></html>",
        "<html><body>" + "<div><span>" * 20_000 + "unclosed",
        "<html><body><p>NUL\x00 bytes\x00 inside a paragraph of text.</p></body></html>",
        '<html><head><script type="application/ld+json">'
        + "[" * 50_000
        + "]" * 50_000
        + "</script></head></html>",
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "author": '
        "</script></head></html>",
        "<html><frameset><frame src='a.html'></frameset></html>",
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>Declared encoding.</p></body></html>',
    ],
)
def test_html_hostile_pages_give_an_article_or_a_clear_error(html: str) -> None:
    try:
        article = extract_html(html, "hostile.html", SETTINGS)
    except ValueError as error:
        assert str(error)
    else:
        assert isinstance(article.paragraphs, tuple)


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("", "empty page"),
        (" \n\t", "empty page"),
        (
            bytes(random.Random(7).randrange(256) for _ in range(5000)).decode("latin-1"),
            "not an HTML page",
        ),
        ("plain words without any markup", "not an HTML page"),
    ],
)
def test_html_refuses_what_is_not_a_page(html: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        extract_html(html, "junk.html", SETTINGS)


def test_html_refuses_pages_over_the_size_limit() -> None:
    small = replace(SETTINGS, max_html_bytes=1000)
    with pytest.raises(ValueError, match="larger than 1000"):
        extract_html(f"<html><body>{_paragraphs(20)}</body></html>", "big.html", small)


@pytest.mark.parametrize(
    ("title", "outlet", "expected"),
    [
        (
            "Ferry returns to the island | Lakeside Gazette",
            "Lakeside Gazette",
            "Ferry returns to the island",
        ),
        ("Ferry returns to the island - Gazette", None, "Ferry returns to the island"),
        (
            "Lakeside Gazette :: Ferry returns to the island",
            "Lakeside Gazette",
            "Ferry returns to the island",
        ),
        (
            "Ferry returns - a long tail that is surely part of the headline itself",
            None,
            "Ferry returns - a long tail that is surely part of the headline itself",
        ),
        ("Ferry returns to the island", None, "Ferry returns to the island"),
        ("Home | Gazette", None, "Home | Gazette"),
    ],
)
def test_html_strip_site_suffix(title: str, outlet: str | None, expected: str) -> None:
    assert strip_site_suffix(title, outlet) == expected


@pytest.mark.parametrize(
    ("h1", "declared", "expected"),
    [
        ("Ferry returns", ["Ferry returns | Gazette"], "Ferry returns"),
        (
            "Blog",
            ["Ten ferry routes worth taking this summer | Gazette"],
            "Ten ferry routes worth taking this summer",
        ),
        (
            "Ferry Returns To The Island",
            ["Ferry returns to the island"],
            "Ferry Returns To The Island",
        ),
        (None, ["Ferry returns to the island - Gazette"], "Ferry returns to the island"),
        ("Only a heading", [], "Only a heading"),
    ],
)
def test_html_choose_title_prefers_a_confirmed_h1(
    h1: str | None, declared: list[str], expected: str
) -> None:
    tree = lxml.html.document_fromstring(
        f"<html><body>{f'<h1>{h1}</h1>' if h1 else ''}<p>x</p></body></html>"
    )
    assert choose_title(tree, declared, None)[0] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>Posted on 3 March 2021 by the desk</p>", {"2021-03-03"}),
        ('<time datetime="2020-02-02T10:00:00Z">two days ago</time>', {"2020-02-02"}),
        ("<script>var d = '2019-01-01';</script><p>No date here.</p>", set()),
    ],
)
def test_html_displayed_dates_are_what_a_reader_sees(body: str, expected: set[str]) -> None:
    tree = lxml.html.document_fromstring(
        f"<html><head><title>2018-05-05</title></head><body>{body}</body></html>"
    )
    assert displayed_dates(tree) == expected


@pytest.mark.parametrize(
    ("article_body", "expected"),
    [
        ("First paragraph.\nSecond paragraph.", ("First paragraph.", "Second paragraph.")),
        ("<p>First &amp; one.</p><p>Second.</p>", ("First & one.", "Second.")),
        ("&lt;p&gt;Escaped markup.&lt;/p&gt;&lt;p&gt;Two.&lt;/p&gt;", ("Escaped markup.", "Two.")),
    ],
)
def test_html_declared_lines_read_text_or_markup(
    article_body: str, expected: tuple[str, ...]
) -> None:
    assert declared_lines(article_body) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("Story line one.", "Rosa's comment repeated in the body text."), ("Story line one.",)),
        (("Story line one.", "Short."), ("Story line one.", "Short.")),
    ],
)
def test_html_drop_comment_lines(lines: tuple[str, ...], expected: tuple[str, ...]) -> None:
    comments = (Comment("Rosa", "Rosa’s comment repeated in the body text.\nShort.", 0),)
    assert drop_comment_lines(lines, comments) == expected


@given(st.text(max_size=400))
@settings(max_examples=100, deadline=None)
def test_html_any_text_gives_an_article_or_a_value_error(text: str) -> None:
    for page in (f"<html><body><p>{text}</p></body></html>", text):
        try:
            article = extract_html(page, "any.html", SETTINGS)
        except ValueError:
            continue
        assert all(paragraph.strip() for paragraph in article.paragraphs)


def test_html_keeps_dropped_appeals_and_links_as_boilerplate() -> None:
    article = _extract("northgate-monitor-disqus.html")
    # trafilatura drops these link paragraphs; the blocks classifier names their kind
    assert [(b.text, b.position) for b in article.boilerplate] == [
        ("Support our reporting: donate via PayPal", 4),
        ("Read more: Port stories | Labour", 5),
    ]
    assert len(article.paragraphs) == 4


@pytest.mark.parametrize(
    ("h1", "declared", "outlet", "expected"),
    [
        ("FERRY RETURNS TO THE ISLAND", ["Ferry Returns to the Island"], None,
         "Ferry Returns to the Island"),  # capitals are the page's styling
        ("Ferry returns to the island", ["Ferry Returns to the Island | Gazette"], "Gazette",
         "Ferry Returns to the Island"),
        ("FERRY BACK: WHAT CHANGES", ["Ferry Back: What Changes For Riders"], None,
         "Ferry Back: What Changes For Riders"),
        ("Mar 4 2021 Ferry returns to the island", ["Ferry returns to the island"], None,
         "Ferry returns to the island"),  # a date printed inside the heading
        ("Ferry returns to the island Posted on March 4, 2021 by admin",
         ["Ferry returns to the island"], None, "Ferry returns to the island"),
        ("Ferry returns to the island – Gazette", ["Ferry returns to the island – Gazette"],
         "Gazette", "Ferry returns to the island"),  # the outlet's name after the heading
        ("Ferries, buses &#x26; trams", ["Ferries, buses & trams"], None,
         "Ferries, buses & trams"),  # an entity the page escaped twice
    ],
)  # fmt: skip
def test_html_choose_title_reads_the_heading_as_a_reader_does(
    h1: str, declared: list[str], outlet: str | None, expected: str
) -> None:
    tree = lxml.html.document_fromstring(f"<html><body><h1>{h1}</h1><p>x</p></body></html>")
    assert choose_title(tree, declared, outlet)[0] == expected


def test_html_blog_label_kept_apart_from_the_title() -> None:
    html = (
        "<html><head><title>Ten ferry routes worth taking | Gazette</title></head><body><article>"
        f"<h1>Blog: Ten ferry routes worth taking</h1>{STORY}</article></body></html>"
    )
    article = extract_html(html, "page.html", SETTINGS)
    assert (article.title_label, article.title) == ("Blog", "Ten ferry routes worth taking")
