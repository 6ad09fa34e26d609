"""Reader comments in HTML: commenter, time and text kept together, replies never merged."""

# Expected comment texts are whole sentences from the fixture pages; they stay unbroken.

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from newstrace.extract.comments_html import comment_containers, commenter_name, extract_comments
from newstrace.extract.jsonld_parse import jsonld_objects
from newstrace.models import Comment

PAGES = Path(__file__).resolve().parents[1] / "data" / "html"


def _tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def _page(name: str) -> lxml.html.HtmlElement:
    return _tree((PAGES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "lakeside-gazette-ferry.html",
            [
                Comment(
                    "Rosa Kell",
                    "About time the island had a proper crossing again after all these months of waiting.",
                    0,
                    "2024-03-05T10:12:00+00:00",
                ),
                Comment(
                    "Tom Adair",
                    "The winter timetable still looks thin to me, two boats a day is not enough.",
                    1,
                    "2024-03-05T11:40:00+00:00",
                ),
                Comment(
                    "Harbour Regular",
                    "Well done to the crew who kept the barge running all winter.\nThey deserve a medal.",
                    2,
                    "2024-03-06T08:05:00+00:00",
                ),
            ],
        ),
        (
            "northgate-monitor-disqus.html",
            [
                Comment(
                    "harbour_watcher",
                    "Solidarity with the crews, the night shifts there are brutal and everybody knows it.",
                    0,
                    "2021-06-04T09:15:00",
                ),
                Comment(
                    "M. Kowal",
                    "Easy to say when your cargo is not rotting on the quay this week.",
                    1,
                    "2021-06-04T10:02:00",
                ),
            ],
        ),
        (
            "civic-lens-microdata.html",
            [
                Comment(
                    "Gail Ostrander",
                    "Ours went from $61 to $190 and nobody at the office would explain it.",
                    0,
                    "2023-05-12T21:03:00-05:00",
                ),
                Comment(
                    "river_rat",
                    "Good to see the paper asking the questions the council won't.",
                    1,
                    "2023-05-13",
                ),
            ],
        ),
    ],
)
def test_comments_html_keeps_name_time_and_text(name: str, expected: list[Comment]) -> None:
    tree = _page(name)
    assert list(extract_comments(tree, jsonld_objects(tree))) == expected


@pytest.mark.parametrize(
    "html",
    [
        # A reply nested inside its parent's item, with no wrapper around the parent's own parts.
        '<div id="comments"><ul>'
        '<li class="comment"><span class="comment-author">Ada</span>'
        "<p>Parent words here.</p>"
        '<ul class="children"><li class="comment"><span class="comment-author">Ben</span>'
        "<p>Reply words here.</p></li></ul></li>"
        "</ul></div>",
    ],
)
def test_comments_html_reply_text_stays_with_the_reply(html: str) -> None:
    comments = extract_comments(_tree(f"<html><body><p>Story.</p>{html}</body></html>"))
    assert [(c.author, c.text) for c in comments] == [
        ("Ada", "Parent words here."),
        ("Ben", "Reply words here."),
    ]


@pytest.mark.parametrize(
    "body",
    [
        '<article><span class="author">Staff Writer</span><p>The article itself.</p></article>',
        '<body class="single comments-open"><p class="author">Staff</p><p>Story text.</p></body>',
        '<ul id="recentcomments"><li class="recentcomments"><span class="comment-author-link">'
        "Kim</span> on <a>Another story</a></li></ul>",
        '<div id="comments"><p>No comments yet.</p><form><textarea></textarea></form></div>',
    ],
)
def test_comments_html_finds_nothing_outside_comment_areas(body: str) -> None:
    assert extract_comments(_tree(f"<html><body>{body}</body></html>")) == ()


def test_comments_html_falls_back_to_jsonld_comments() -> None:
    script = (
        '{"@type": "NewsArticle", "comment": [{"@type": "Comment", "text": "Noted.",'
        ' "author": {"name": "Iris Vale"}, "dateCreated": "2022-02-02T10:00:00Z"}]}'
    )
    tree = _tree(
        f'<html><head><script type="application/ld+json">{script}</script></head>'
        "<body><p>Story.</p></body></html>"
    )
    assert extract_comments(tree, jsonld_objects(tree)) == (
        Comment("Iris Vale", "Noted.", 0, "2022-02-02T10:00:00+00:00"),
    )


@pytest.mark.parametrize(
    ("html", "count"),
    [
        ('<div id="comments"><div class="comments-list"></div></div>', 1),
        ('<section class="article-comments"></section><div class="comment-count">3</div>', 1),
        ('<div class="comment"></div><div class="comment"></div>', 2),
    ],
)
def test_comments_html_containers_are_outermost_comment_areas(html: str, count: int) -> None:
    assert len(comment_containers(_tree(f"<html><body>{html}</body></html>"))) == count


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Rosa Kell says:", "Rosa Kell"),
        ("Rob+Ann @TravelLatte(.net)", "Rob+Ann @TravelLatte(.net)"),
        ("Milan Vale on September 12, 2018 at 4:47 pm", "Milan Vale"),
        ("Life on Mars", "Life on Mars"),
        ("https://spam.example/buy", None),
        ("   ", None),
    ],
)
def test_comments_html_commenter_name_keeps_handles(value: str, expected: str | None) -> None:
    assert commenter_name(value) == expected
