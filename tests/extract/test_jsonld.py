"""JSON-LD, meta tags and microdata: what a page declares about its article."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.extract.jsonld import clean_author, meta_values, page_metadata, split_authors
from newstrace.extract.jsonld_parse import jsonld_objects, load_json_tolerant, types_of

PAGES = Path(__file__).resolve().parents[1] / "data" / "html"


def _tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def _page(name: str) -> lxml.html.HtmlElement:
    return _tree((PAGES / name).read_text(encoding="utf-8"))


def _jsonld_page(script: str, head: str = "") -> lxml.html.HtmlElement:
    return _tree(
        f'<html><head>{head}<script type="application/ld+json">{script}</script></head>'
        "<body><p>Text.</p></body></html>"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"@type": "NewsArticle"}', {"@type": "NewsArticle"}),
        ('{"@type": "Article", "headline": "A",}', {"@type": "Article", "headline": "A"}),
        ('<!-- {"@type": "Article"} -->', {"@type": "Article"}),
        ('<![CDATA[{"@type": "Article"}]]>', {"@type": "Article"}),
        ('{"@type": "Article"};', {"@type": "Article"}),
        ('{"headline": "line\nbreak"}', {"headline": "line\nbreak"}),
        ('{"@type": "A"} {"@type": "B"}', [{"@type": "A"}, {"@type": "B"}]),
        ("not json at all", None),
        ("", None),
    ],
)
def test_jsonld_load_json_tolerant_reads_what_pages_write(text: str, expected: object) -> None:
    assert load_json_tolerant(text) == expected


@pytest.mark.parametrize(
    "script",
    [
        '{"@context": "https://schema.org",'
        ' "@graph": [{"@type": "WebSite"}, {"@type": "NewsArticle"}]}',
        '[{"@type": "WebSite"}, {"@type": "NewsArticle"}]',
        '{"@type": "WebPage", "mainEntity": {"@type": "NewsArticle"}}',
    ],
)
def test_jsonld_objects_flatten_graphs_lists_and_main_entities(script: str) -> None:
    found = jsonld_objects(_jsonld_page(script))
    assert any("NewsArticle" in types_of(obj) for obj in found)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("  written by   Ana Ruiz ", "Ana Ruiz"),
        ("https://example.com/author/jane", None),
        ("@janedoe", None),
        ("", None),
        ("x" * 200, None),
    ],
)
def test_jsonld_clean_author_strips_by_and_rejects_non_names(
    value: str, expected: str | None
) -> None:
    assert clean_author(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Chen Zhao, Daryl Fairweather", ["Chen Zhao", "Daryl Fairweather"]),
        ("Lena Okafor and Tomas Reed", ["Lena Okafor", "Tomas Reed"]),
        ("Dylan Bailey, MS, RD", ["Dylan Bailey, MS, RD"]),
        ("Madonna", ["Madonna"]),
    ],
)
def test_jsonld_split_authors_only_splits_full_names(value: str, expected: list[str]) -> None:
    assert split_authors(value) == expected


def test_jsonld_page_metadata_resolves_graph_references() -> None:
    page = page_metadata(_page("lakeside-gazette-ferry.html"))
    assert page.authors == ("Ines Farrow", "Owen Baptiste")
    assert page.published == "2024-03-05T08:30:00+00:00"
    assert page.modified == "2024-03-05T12:00:00+00:00"
    assert page.publisher == "Lakeside Gazette"
    assert page.keywords == ("ferries", "Marrow Island", "transport")
    assert page.language == "en-GB"
    assert (
        page.url
        == "https://lakesidegazette.example/2024/03/05/ferry-service-returns-marrow-island/"
    )
    assert page.titles[0] == "Video: Ferry Service Returns to Marrow Island"


@pytest.mark.parametrize(
    ("name", "authors", "published", "evidence"),
    [
        ("lakeside-gazette-ferry.html", ("Ines Farrow", "Owen Baptiste"), "2024-03-05", "json-ld"),
        ("northgate-monitor-disqus.html", ("Lena Okafor", "Tomas Reed"), "2021-06-04", "meta"),
        ("civic-lens-microdata.html", ("Priya Castellanos", "Daniel Ure"), "2023-05-12", "json-ld"),
        ("metro-dispatch-media.html", ("Aksel Brandt",), "2022-11-08", "json-ld"),
    ],
)
def test_jsonld_page_metadata_prefers_jsonld_then_meta(
    name: str, authors: tuple[str, ...], published: str, evidence: str
) -> None:
    page = page_metadata(_page(name))
    assert page.authors == authors
    assert (page.published or "")[:10] == published
    assert page.evidence["authors"].startswith(evidence)


@pytest.mark.parametrize(
    ("head", "published", "authors"),
    [
        (
            '<meta property="article:published_time" content="2020-01-02T03:04:05Z">'
            '<meta name="author" content="By Sam Ortiz">',
            "2020-01-02T03:04:05+00:00",
            ("Sam Ortiz",),
        ),
        (
            '<meta name="citation_publication_date" content="2019/07/14">'
            '<meta name="citation_author" content="Ruth Adeyemi">'
            '<meta name="citation_author" content="Karl Jung">',
            "2019-07-14",
            ("Ruth Adeyemi", "Karl Jung"),
        ),
        (
            '<meta name="sailthru.date" content="Tue, 05 Mar 2024 10:00:00 GMT">'
            '<meta name="sailthru.author" content="Ivo Petrov">',
            "2024-03-05T10:00:00+00:00",
            ("Ivo Petrov",),
        ),
        ('<meta property="article:author" content="https://facebook.com/someone">', None, ()),
    ],
)
def test_jsonld_page_metadata_reads_meta_tags(
    head: str, published: str | None, authors: tuple[str, ...]
) -> None:
    page = page_metadata(_tree(f"<html><head>{head}</head><body><p>x</p></body></html>"))
    assert page.published == published
    assert page.authors == authors


@pytest.mark.parametrize(
    "body",
    [
        '<div itemscope itemtype="https://schema.org/NewsArticle">'
        '<time itemprop="datePublished" datetime="2018-02-03">3 Feb</time>'
        '<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
        '<span itemprop="name">Noor Haddad</span></span></div>'
        '<div itemscope itemtype="https://schema.org/Comment">'
        '<span itemprop="author">Commenter Person</span>'
        '<time itemprop="datePublished" datetime="2018-02-09">9 Feb</time></div>',
    ],
)
def test_jsonld_microdata_ignores_comment_properties(body: str) -> None:
    page = page_metadata(_tree(f"<html><body>{body}</body></html>"))
    assert page.published == "2018-02-03"
    assert page.authors == ("Noor Haddad",)


@pytest.mark.parametrize(
    "script",
    [
        '{"@type": "NewsArticle", "datePublished": "2021-05-06", "author": {"@type": "Person"}}',
        '{"@type": "NewsArticle", "datePublished": 20210506, "author": [null, 3]}',
        '{"@type": ["NewsArticle", "Thing"], "datePublished": "May 6, 2021", "author": "Ada Lim"}',
        '{"@type": "NewsArticle", "headline": {"@value": "Nested"}, "datePublished": "2021-05-06"}',
    ],
)
def test_jsonld_page_metadata_survives_odd_values(script: str) -> None:
    page = page_metadata(_jsonld_page(script))
    assert page.published in {"2021-05-06", None}


def test_jsonld_meta_values_keep_page_order_per_key() -> None:
    meta = meta_values(_page("northgate-monitor-disqus.html"))
    assert meta["parsely-author"] == ["By Lena Okafor", "Tomas Reed"]


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_jsonld_load_json_tolerant_never_raises(text: str) -> None:
    load_json_tolerant(text)


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "@type",
                        "@graph",
                        "author",
                        "name",
                        "headline",
                        "datePublished",
                        "@id",
                        "publisher",
                        "keywords",
                        "mainEntity",
                    ]
                ),
                inner,
                max_size=5,
            )
        ),
        max_leaves=30,
    )
)
@settings(max_examples=200, deadline=None)
def test_jsonld_page_metadata_never_raises_on_any_json(value: object) -> None:
    page_metadata(_jsonld_page(json.dumps(value).replace("</", "<\\/")))
