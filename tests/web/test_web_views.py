"""The web UI's page data without a browser: body segments, diffs, snippets, links, policies."""

from __future__ import annotations

import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from newstrace.models import Article, Boilerplate, BoilerplateKind, Format, Media
from newstrace.web import security
from newstrace.web.article_view import body_segments, paragraph_spans
from newstrace.web.family_view import diff_rows, format_lag
from newstrace.web.lists import snippet_parts

PARAGRAPHS = (
    "The council voted on Monday to close the old bridge for repairs.",
    "Traffic will be diverted through the ring road for six weeks.",
)


def _article(**fields: object) -> Article:
    base: dict[str, object] = {"source": "a.txt", "format": Format.TEXT, "paragraphs": PARAGRAPHS}
    return Article(**{**base, **fields})  # type: ignore[arg-type]


@pytest.mark.parametrize("body", ["\n\n".join(PARAGRAPHS)])
def test_web_body_segments_cut_at_passages_and_sentences(body: str) -> None:
    second = body.index("Traffic")
    passages = [{"start": 4, "end": second + 7, "same_outlet": 0, "other": 9, "other_start": 0}]
    events = [{"start": second, "end": len(body), "id": 1}]
    paragraphs = body_segments(body, passages, events)
    assert [s.text for s in paragraphs[0]] == ["The ", PARAGRAPHS[0][4:]]
    assert paragraphs[0][1].anchors == ["at-4"] and paragraphs[0][1].classes == "copied"
    assert paragraphs[1][0].text == "Traffic" and paragraphs[1][0].anchors == [f"s-{second}"]
    assert paragraphs[1][0].classes == "copied event-sentence"
    assert paragraphs[1][0].links == passages and paragraphs[0][1].links == []
    assert paragraph_spans(body) == [(0, len(PARAGRAPHS[0])), (second, len(body))]


def test_web_diff_rows_show_label_media_edits_and_appeal() -> None:
    parent = _article(id=1, title="Bridge To Close", outlet="Tribune")
    copy = _article(
        id=2,
        title="Bridge to close",
        title_label="Video",
        outlet="Watch",
        paragraphs=(PARAGRAPHS[0], PARAGRAPHS[1].replace("six weeks", "two months")),
        media=(Media("https://tribune.example/v.mp4", "video", 1),),
        boilerplate=(Boilerplate("Donate to keep us going.", BoilerplateKind.APPEAL, "cue"),),
    )
    rows = diff_rows(parent, copy)
    assert rows[0].right[0] == ("Video: ", "ins")
    assert [text for text, css in rows[0].right if css == "case"] == ["to", "close"]
    assert [text for text, css in rows[0].left if css == "case"] == ["To", "Close"]
    kinds = [row.kind for row in rows]
    assert kinds == ["title", "same", "media", "edited", "boilerplate"]
    edited = rows[3]
    assert ("Traffic will be diverted through the ring road for six weeks.", "del") in edited.left
    assert rows[4].right == [("Donate to keep us going.", "ins")]


@pytest.mark.parametrize(
    ("hours", "text"), [(None, "—"), (5.125, "+5.1 h"), (24.0, "+24.0 h"), (72.0, "+3.0 days")]
)
def test_web_format_lag(hours: float | None, text: str) -> None:
    assert format_lag(hours) == text


@pytest.mark.parametrize(
    ("snippet", "parts"),
    [("a \x02<b>\x03 c", [("a ", False), ("<b>", True), (" c", False)]), ("", [])],
)
def test_web_snippet_parts_keep_text_apart_from_marks(
    snippet: str, parts: list[tuple[str, bool]]
) -> None:
    assert snippet_parts(snippet) == parts


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("javascript:alert(1)", None),
        (" JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//evil.example/x", None),
        (None, None),
    ],
)
def test_web_safe_href_allows_only_http(url: str | None, href: str | None) -> None:
    assert security.safe_href(url) == href


@pytest.mark.parametrize("path", ["/news/articles", "/news?sql=select+1", "/news"])
def test_web_datasette_inline_scripts_are_allowed_by_hash(
    example_server: str, example_db: Path, path: str
) -> None:
    with urllib.request.urlopen(example_server + path) as response:
        policy = response.headers["Content-Security-Policy"]
        html = response.read().decode()
    for script in re.findall(r"<script>(.*?)</script>", html, re.DOTALL):
        assert security._sha256(script) in policy, script[:60]


def test_web_fts_index_covers_titles_and_bodies(example_db: Path) -> None:
    conn = sqlite3.connect(example_db)
    rows = conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'Constanta'")
    assert {row[0] for row in rows} >= {3, 6}


def test_web_serve_command_opens_the_overview(example_db: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    newstrace = Path(sys.executable).parent / "newstrace"
    command = [str(newstrace), "serve", str(example_db), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        html, url = "", ""
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as response:
                    html, url = response.read().decode(), response.url
                break
            except OSError:
                time.sleep(0.1)
        assert url.endswith("/-/newstrace/") and "The corpus at a glance" in html
    finally:
        server.terminate()
        server.wait(timeout=10)
