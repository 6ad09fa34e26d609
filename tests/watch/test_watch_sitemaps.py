"""Sitemaps: urlsets (news sitemaps too) and indexes told apart from feeds and pages, and read."""

from __future__ import annotations

import pytest

from newstrace.watch.sitemaps import SitemapError, is_sitemap, parse_sitemap

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<!-- generated -->
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc> https://news.example/a </loc><news:news><news:title>A</news:title></news:news></url>
<url><loc>https://news.example/b</loc></url>
<url><loc>https://news.example/a</loc></url>
</urlset>"""


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (NEWS, True),
        (b"<sitemapindex><sitemap><loc>x</loc></sitemap></sitemapindex>", True),
        (b'<?xml version="1.0"?><rss><channel><link>urlset</link></channel></rss>', False),
        (b"<!DOCTYPE html><html><body>&lt;urlset&gt;</body></html>", False),
        (b"plain text about a urlset", False),
    ],
)
def test_sitemaps_recognised_by_their_root(data: bytes, expected: bool) -> None:
    assert is_sitemap(data) is expected


def test_sitemaps_list_pages_once_in_order() -> None:
    assert parse_sitemap(NEWS).pages == ("https://news.example/a", "https://news.example/b")


def test_sitemaps_index_lists_sitemaps() -> None:
    index = b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    index += b"<sitemap><loc>https://n.example/1.xml</loc></sitemap></sitemapindex>"
    assert parse_sitemap(index).sitemaps == ("https://n.example/1.xml",)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<urlset><url><loc>https://n.example/a</loc></url>", "not readable XML"),
        (
            b'<!DOCTYPE u [<!ENTITY a "aaaa">]><urlset><url><loc>&a;</loc></url></urlset>',
            "entities",
        ),
    ],
)
def test_sitemaps_refuse_broken_or_entity_xml(data: bytes, reason: str) -> None:
    with pytest.raises(SitemapError, match=reason):
        parse_sitemap(data)
