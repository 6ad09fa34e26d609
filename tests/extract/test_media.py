"""Media embeds: video and audio tags, player iframes, og:video and JSON-LD, made absolute."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from newstrace.extract.jsonld_parse import jsonld_objects
from newstrace.extract.media import FoundMedia, absolute_url, find_media, host_kind, place_media
from newstrace.models import Media

PAGES = Path(__file__).resolve().parents[1] / "data" / "html"


def _tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


@pytest.mark.parametrize(
    ("value", "base", "expected"),
    [
        ("/clips/a.mp4", "https://news.example/story/1", "https://news.example/clips/a.mp4"),
        ("clips/a.mp4", "https://news.example/story/", "https://news.example/story/clips/a.mp4"),
        ("//player.vimeo.com/video/1", "http://news.example/", "http://player.vimeo.com/video/1"),
        ("//player.vimeo.com/video/1", None, "https://player.vimeo.com/video/1"),
        ("https://cdn.example/v.mp4", None, "https://cdn.example/v.mp4"),
        ("javascript:play()", "https://news.example/", None),
        ("data:video/mp4;base64,AAAA", "https://news.example/", None),
        ("about:blank", None, None),
        ("   ", "https://news.example/", None),
        ("http://[broken", "https://news.example/", None),
    ],
)
def test_media_absolute_url(value: str, base: str | None, expected: str | None) -> None:
    assert absolute_url(value, base) == expected


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.youtube.com/embed/abc", "video"),
        ("https://www.youtube-nocookie.com/embed/abc", "video"),
        ("https://player.vimeo.com/video/1", "video"),
        ("https://rumble.com/embed/v1", "video"),
        ("https://w.soundcloud.com/player/?url=x", "audio"),
        ("https://open.spotify.com/embed/episode/1", "audio"),
        ("https://cdn.example/clip.m3u8", "video"),
        ("https://cdn.example/cast.mp3?dl=1", "audio"),
        ("https://ads.adnetwork.example/serve?slot=4", None),
        ("https://www.facebook.com/plugins/like.php", None),
    ],
)
def test_media_host_kind(url: str, kind: str | None) -> None:
    assert host_kind(url) == kind


def test_media_find_media_on_a_page_with_many_embeds() -> None:
    tree = _tree((PAGES / "metro-dispatch-media.html").read_text(encoding="utf-8"))
    found = [item.media for item in find_media(tree, None, jsonld_objects(tree))]
    assert found == [
        Media("https://player.vimeo.com/video/777000111", "video"),
        Media("https://metrodispatch.example/news/audio/orbital-briefing.mp3", "audio"),
        Media(
            "https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/998877",
            "audio",
        ),
        Media("https://www.youtube.com/watch?v=nIgHtBuS001", "video"),
        Media("https://cdn.metrodispatch.example/video/night-bus.mp4", "video"),
        Media("https://cdn.metrodispatch.example/video/depot.webm", "video"),
    ]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<video src="/v/a.mp4"></video>', [Media("https://site.example/v/a.mp4", "video")]),
        (
            '<audio><source src="a.ogg"><source src="a.mp3"></audio>',
            [
                Media("https://site.example/news/a.ogg", "audio"),
                Media("https://site.example/news/a.mp3", "audio"),
            ],
        ),
        (
            '<embed src="https://www.dailymotion.com/swf/x1">',
            [Media("https://www.dailymotion.com/swf/x1", "embed")],
        ),
        (
            '<iframe src="https://www.youtube.com/embed/x"></iframe>' * 2,
            [Media("https://www.youtube.com/embed/x", "video")],
        ),
        ('<iframe src="https://maps.example/embed"></iframe><iframe></iframe>', []),
    ],
)
def test_media_find_media_tags(html: str, expected: list[Media]) -> None:
    tree = _tree(f"<html><body><p>Text.</p>{html}</body></html>")
    assert [item.media for item in find_media(tree, "https://site.example/news/story")] == expected


@pytest.mark.parametrize(
    ("anchor", "position"),
    [
        ("the second paragraph ends here.", 2),
        ("First paragraph text", 1),
        ("text that is not in the body", None),
        (None, None),
    ],
)
def test_media_place_media_after_the_paragraph_before_it(
    anchor: str | None, position: int | None
) -> None:
    paragraphs = ("First paragraph text.", "And the second paragraph ends here.", "Third.")
    anchors = (anchor,) if anchor else ()
    placed = place_media([FoundMedia(Media("https://v.example/1", "video"), anchors)], paragraphs)
    assert placed == (Media("https://v.example/1", "video", position),)
