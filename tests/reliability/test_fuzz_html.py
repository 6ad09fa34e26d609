"""Property tests for HTML pages, their reader comments, and RSS feeds."""

from __future__ import annotations

import html as html_escape
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from newstrace.extract.comments_html import extract_comments
from newstrace.extract.html import extract_html
from newstrace.ingest.base import Context
from newstrace.ingest.feeds import iter_feed
from newstrace.models import Article, Document, Failure
from newstrace.settings import Settings

from .strategies import any_text, comment, dates, paragraph, person, sentence
from .support import FUZZ, FUZZ_SLOW, tried
from .test_fuzz_text import check_article

SETTINGS = Settings()
WRAPPERS = ("div", "section", "main", "span", "center", "table", "td", "li", "blockquote")


def _escape(text: str) -> str:
    return html_escape.escape(text, quote=True)


@st.composite
def wrapped(draw: st.DrawFn, inner: str) -> str:
    """Inner markup inside random, possibly unclosed, wrapper elements with junk attributes."""
    tags = draw(st.lists(st.sampled_from(WRAPPERS), max_size=6))
    attributes = draw(st.sampled_from(["", ' class="x"', ' id="main" data-x="&amp;"', " hidden"]))
    opened = "".join(f"<{tag}{attributes}>" for tag in tags)
    closed = "".join(f"</{tag}>" for tag in reversed(tags)) if draw(st.booleans()) else ""
    return opened + inner + closed


def comment_markup(comments: list[tuple[str, str]]) -> str:
    """A WordPress-style comment list."""
    items = "".join(
        f'<li class="comment"><div class="comment-author vcard"><cite class="fn">{_escape(name)}'
        f'</cite></div><div class="comment-content"><p>{_escape(text)}</p></div></li>'
        for name, text in comments
    )
    return f'<div id="comments"><h3>{len(comments)} Comments</h3><ol class="commentlist">{items}</ol></div>'


@st.composite
def news_page(draw: st.DrawFn) -> dict[str, Any]:
    """A news page: title, paragraphs and comments, inside random wrappers, with known parts."""
    title = draw(sentence(4, 8)).rstrip(".")
    paragraphs = draw(st.lists(paragraph(), min_size=2, max_size=6, unique=True))
    comments = draw(st.lists(comment(), max_size=4, unique_by=lambda pair: pair[1]))
    body = "".join(f"<p>{_escape(text)}</p>" for text in paragraphs)
    article = draw(wrapped(f"<article><h1>{_escape(title)}</h1>{body}</article>"))
    junk = _escape(draw(st.one_of(st.just(""), any_text)))
    page = (
        f"<!DOCTYPE html><html><head><title>{_escape(title)}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav>{article}{comment_markup(comments) if comments else ''}"
        f"<footer>{junk}</footer></body></html>"
    )
    return {"html": page, "paragraphs": paragraphs, "comments": comments}


def _extract(page: str) -> Article | None:
    try:
        return extract_html(page, "fuzz.html", SETTINGS)
    except ValueError:  # "empty page", "not an HTML page": a per-item error, not a crash
        return None


@FUZZ_SLOW
@given(page=news_page())
def test_fuzz_html_keeps_labelled_comments_out_of_the_body(page: dict[str, Any]) -> None:
    article = tried("HTML page (news-shaped)", _extract, page["html"])
    assert article is not None
    check_article(article)
    for _name, text in page["comments"]:
        assert text not in article.body
    assert [(c.author, c.text) for c in article.comments] == page["comments"]


@FUZZ_SLOW
@given(text=st.one_of(any_text, any_text.map(lambda text: f"<html><body><p>{text}")))
def test_fuzz_html_any_text(text: str) -> None:
    article = tried("HTML page (any text)", _extract, text)
    if article is not None:
        check_article(article)


@FUZZ
@given(comments=st.lists(comment(), max_size=6, unique_by=lambda pair: pair[1]), junk=any_text)
def test_fuzz_comments_keep_author_and_text(comments: list[tuple[str, str]], junk: str) -> None:
    markup = f"<html><body><p>{_escape(junk)}</p>{comment_markup(comments)}</body></html>"
    tree = lxml_html.fromstring(markup)
    found = tried("HTML comment list", extract_comments, tree)
    assert [(c.author, c.text) for c in found] == comments
    assert [c.position for c in found] == list(range(len(found)))


@st.composite
def feed(draw: st.DrawFn) -> tuple[bytes, list[str]]:
    """An RSS feed whose entries carry full content, with each entry's title."""
    entries = draw(st.lists(st.tuples(sentence(3, 6), paragraph(), dates), min_size=1, max_size=5))
    items = "".join(
        f"<item><title>{_escape(title)}</title><guid>urn:fuzz:{n}</guid>"
        f"<pubDate>{day.strftime('%a, %d %b %Y')} 10:00:00 GMT</pubDate>"
        f"<author>{_escape(draw(person))}</author>"
        f"<description>{_escape('<p>' + text + '</p>')}</description>"
        f"<content:encoded><![CDATA[<p>{text}</p><p>{text}</p>]]></content:encoded></item>"
        for n, (title, text, day) in enumerate(entries)
    )
    xml = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Fuzz Wire</title>{items}</channel></rss>"
    )
    return xml.encode(), [title for title, _text, _day in entries]


def _feed_items(data: bytes) -> list[Document | Failure]:
    return list(iter_feed("fuzz.xml", data, Context(SETTINGS)))


@FUZZ
@given(built=feed())
def test_fuzz_feed_yields_every_entry(built: tuple[bytes, list[str]]) -> None:
    data, titles = built
    items = tried("RSS feed (news-shaped)", _feed_items, data)
    assert [item.fields.get("title") for item in items if isinstance(item, Document)] == titles


@FUZZ
@given(data=st.one_of(st.binary(max_size=3000), any_text.map(lambda t: f"<rss>{t}".encode())))
def test_fuzz_feed_any_bytes(data: bytes) -> None:
    for item in tried("RSS feed (any bytes)", _feed_items, data):
        assert isinstance(item, Document | Failure)
        if isinstance(item, Failure):
            assert item.reason
