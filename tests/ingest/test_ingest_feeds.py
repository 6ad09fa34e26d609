"""RSS and Atom feeds: entries with content become documents; the rest say what is missing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newstrace.ingest.base import Context, content_hash
from newstrace.ingest.feeds import declares_entities, iter_feed
from newstrace.models import Document, Failure, Format
from newstrace.settings import Settings

Ingest = Callable[..., list[Document | Failure]]

LONG_TEXT = "The Riverton ferry will run again from May, the harbour office said. " * 10

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Riverton Courier</title>
  <link>https://courier.example/</link>
  <language>en-gb</language>
  <item>
    <title>Footbridge approved</title>
    <link>https://courier.example/footbridge</link>
    <guid>courier-101</guid>
    <pubDate>Tue, 05 Mar 2024 09:30:00 +0100</pubDate>
    <dc:creator>Ada Brook</dc:creator>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>The council voted for a footbridge.</p><iframe src="https://video.example/v/1"></iframe>]]></content:encoded>
  </item>
  <item>
    <title>Ferry returns</title>
    <link>https://courier.example/ferry</link>
    <description><![CDATA[<p>{LONG_TEXT}</p>]]></description>
  </item>
  <item>
    <title>Teaser only</title>
    <link>https://courier.example/teaser</link>
    <guid>courier-103</guid>
    <description>Read more on our site.</description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Wend Valley News</title>
  <id>urn:wend:feed</id>
  <updated>2024-03-06T08:00:00Z</updated>
  <entry>
    <title>Canal dredging begins</title>
    <id>urn:wend:entry:7</id>
    <link href="https://wend.example/dredging"/>
    <updated>2024-03-06T08:00:00Z</updated>
    <author><name>Tom Reed</name></author>
    <content type="html">&lt;p&gt;Dredging of the Wend canal began on Wednesday.&lt;/p&gt;</content>
  </entry>
</feed>
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol4;</title>
<item><title>x</title><description>&lol4;</description></item></channel></rss>
"""


def test_feeds_reads_rss_entries_with_content(tmp_path: Path, ingest: Ingest) -> None:
    path = tmp_path / "courier.rss"
    path.write_text(RSS)
    first, second, third = ingest([path])
    assert isinstance(first, Document)
    assert first.format is Format.FEED_ENTRY
    assert first.source == str(path)
    assert first.source_id == "courier-101"
    assert first.url == "https://courier.example/footbridge"
    assert b'<iframe src="https://video.example/v/1">' in first.content  # kept raw, not sanitised
    assert first.content_hash == content_hash(first.content)
    assert dict(first.fields) == {
        "title": "Footbridge approved",
        "url": "https://courier.example/footbridge",
        "published": "2024-03-05T08:30:00+00:00",
        "author": "Ada Brook",
        "outlet": "Riverton Courier",
        "id": "courier-101",
        "language": "en-gb",
    }
    assert isinstance(second, Document)  # a long summary is the article itself
    assert second.source_id == "https://courier.example/ferry"
    assert isinstance(third, Failure)
    assert third.source_id == "courier-103"
    assert "feed entry has no content; use --fetch to fetch linked pages" in third.reason


def test_feeds_reads_atom_content(tmp_path: Path, ingest: Ingest) -> None:
    path = tmp_path / "wend.atom"
    path.write_text(ATOM)
    [entry] = ingest([path])
    assert isinstance(entry, Document)
    assert entry.content == b"<p>Dredging of the Wend canal began on Wednesday.</p>"
    assert entry.fields["outlet"] == "Wend Valley News"
    assert entry.fields["author"] == "Tom Reed"
    assert entry.fields["published"] == "2024-03-06T08:00:00+00:00"
    assert entry.source_id == "urn:wend:entry:7"


@pytest.mark.parametrize("name", ["attack.xml", "attack.rss", "attack"])
def test_feeds_refuses_entity_expansion(tmp_path: Path, ingest: Ingest, name: str) -> None:
    (tmp_path / name).write_text(BILLION_LAUGHS)
    [failure] = ingest([tmp_path / name])
    assert isinstance(failure, Failure)
    assert "<!ENTITY>" in failure.reason


@pytest.mark.parametrize(
    ("data", "declares"),
    [
        (BILLION_LAUGHS.encode(), True),
        (BILLION_LAUGHS.encode("utf-16"), True),
        (RSS.encode(), False),
        # An entity declaration quoted inside an article is text, not a declaration.
        (RSS.replace("Short teaser.", "&lt;!ENTITY x&gt; <![CDATA[<!ENTITY y>]]>").encode(), False),
    ],
)
def test_feeds_detects_entity_declarations(data: bytes, declares: bool) -> None:
    assert declares_entities(data) is declares


def test_feeds_fetches_linked_pages_when_asked(html: Callable[..., str]) -> None:
    fetched: list[str] = []

    def fetch_page(url: str) -> Document | Failure:
        fetched.append(url)
        content = html(title="Teaser only").encode()
        return Document(url, Format.HTML, content, content_hash(content), url=url, encoding="utf-8")

    context = Context(Settings(fetch_linked_pages=True), fetch_page=fetch_page)
    *_, third = iter_feed("courier.rss", RSS.encode(), context)
    assert fetched == ["https://courier.example/teaser"]
    assert isinstance(third, Document)
    assert third.format is Format.HTML
    assert third.source_id == "courier-103"
    assert third.fields["title"] == "Teaser only"
    assert third.fields["outlet"] == "Riverton Courier"


def test_feeds_names_a_failed_linked_page() -> None:
    def fetch_page(url: str) -> Document | Failure:
        return Failure(url, "HTTP 404")

    context = Context(Settings(fetch_linked_pages=True), fetch_page=fetch_page)
    *_, third = iter_feed("courier.rss", RSS.encode(), context)
    assert isinstance(third, Failure)
    assert (
        third.reason
        == "feed entry courier-103: linked page https://courier.example/teaser: HTTP 404"
    )


@pytest.mark.parametrize(
    ("content", "fmt", "reason"),
    [
        (
            "<rss version='2.0'><channel><title>Empty</title></channel></rss>",
            None,
            "feed has no entries",
        ),
        ("Plain words about the ferry, not a feed.", "feed", "not a readable RSS/Atom feed"),
    ],
)
def test_feeds_fails_on_a_feed_without_entries(
    tmp_path: Path, ingest: Ingest, content: str, fmt: str | None, reason: str
) -> None:
    (tmp_path / "empty.rss").write_text(content)
    [failure] = ingest([tmp_path / "empty.rss"], fmt=fmt)
    assert isinstance(failure, Failure)
    assert failure.reason.startswith(reason)
