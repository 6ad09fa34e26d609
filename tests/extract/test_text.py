"""Plain-text and Markdown page dumps: header, body, media, boilerplate and reader comments."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from newstrace.extract.text import looks_like_markdown, parse_dump
from newstrace.models import Article, BoilerplateKind, Format
from newstrace.settings import Settings

_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _norm(text: str) -> str:
    """The seeds' comparison form: NFKC, straight quotes, collapsed whitespace."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_STRAIGHT).split())


def _parse(text: str, settings: Settings, fmt: Format = Format.TEXT) -> Article:
    return parse_dump(text, "page", fmt, settings)


# --- the seeds -------------------------------------------------------------------------


def _check_body(article: Article, want: dict[str, Any]) -> None:
    body = _norm(article.body)
    assert len(article.paragraphs) == want["body_paragraphs"]
    assert body.startswith(_norm(want["body_starts"]))
    assert body.endswith(_norm(want["body_ends"]))
    for snippet in want.get("body_contains", []):
        assert _norm(snippet) in body
    for snippet in want.get("body_excludes", []):
        assert _norm(snippet) not in body


def _check_comments(article: Article, want: list[dict[str, str]]) -> None:
    assert [comment.author for comment in article.comments] == [c["author"] for c in want]
    for comment, expected in zip(article.comments, want, strict=True):
        assert _norm(comment.text).startswith(_norm(expected["starts"]))
        assert not comment.text or _norm(comment.text)[:60] not in _norm(article.body)


def _check_metadata(article: Article, want: dict[str, Any]) -> None:
    assert (article.outlet, article.byline, article.published) == (
        want["outlet"],
        want["byline"],
        want["published"],
    )
    dateline = [a for a in article.attributions if a.cue == "dateline"]
    assert [(a.outlet, a.published) for a in dateline] == [
        (want["original"]["outlet"], want["original"]["published"])
    ]
    stated = [a for a in article.attributions if a.cue == "original source"]
    assert [a.outlet for a in stated] == [want["original"]["outlet"]]
    assert article.to_json()["tags"] == want["tags"]
    assert [media.url for media in article.media] == want["media"]
    boilerplate = [_norm(item.text) for item in article.boilerplate]
    for snippet in want["boilerplate_contains"]:
        assert any(_norm(snippet) in text for text in boilerplate), snippet


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("000_9ad572fdb1b87557.txt", Format.TEXT), ("001_662d28cb48e6227b.txt", Format.MARKDOWN)],
)
def test_text_extracts_the_seeds(seeds: Path, settings: Settings, name: str, fmt: Format) -> None:
    want = json.loads((seeds / "expected.json").read_text(encoding="utf-8"))["articles"][name]
    article = parse_dump((seeds / name).read_text(encoding="utf-8"), name, fmt, settings)
    assert (article.title, article.title_label) == (want["title"], want["title_label"])
    _check_body(article, want)
    _check_comments(article, want["comments"])
    if "outlet" in want:
        _check_metadata(article, want)


# --- Markdown republication ------------------------------------------------------------


def test_text_reads_the_markdown_header(republished_markdown: str, settings: Settings) -> None:
    article = _parse(republished_markdown, settings, Format.MARKDOWN)
    assert article.title == "Harbour Workers Extend Strike as Talks Stall in Port Varna"
    assert article.title_label == "Analysis"
    assert article.byline == "Lena Okafor and Tomas Reed"
    assert article.authors == ("Lena Okafor", "Tomas Reed")
    assert (article.outlet, article.published) == ("Northgate Monitor", "2021-06-04")


def test_text_reads_the_original_outlet_and_date(
    republished_markdown: str, settings: Settings
) -> None:
    article = _parse(republished_markdown, settings, Format.MARKDOWN)
    found = {a.cue: a for a in article.attributions}
    assert (found["dateline"].outlet, found["dateline"].published) == (
        "Harbour Courier",
        "2021-06-03",
    )
    stated = found["originally published"]
    assert stated.outlet == "Harbour Courier"
    assert stated.url == "https://harbourcourier.example/varna-strike"


def test_text_reads_tag_lines(republished_markdown: str, settings: Settings) -> None:
    article = _parse(republished_markdown, settings, Format.MARKDOWN)
    assert article.to_json()["tags"] == {
        "Region": ["Europe", "Baltic"],
        "Topics": ["Labour", "Shipping"],
    }


def test_text_takes_media_out_of_the_body(republished_markdown: str, settings: Settings) -> None:
    article = _parse(republished_markdown, settings, Format.MARKDOWN)
    assert [(m.url, m.kind, m.position) for m in article.media] == [
        ("https://media.harbourcourier.example/clips/varna_strike_vote.mp4", "video", 2)
    ]
    assert "mp4" not in article.body


@pytest.mark.parametrize(
    ("line", "url", "kind"),
    [
        ("https://m.youtube.com/watch?v=abc123", "https://m.youtube.com/watch?v=abc123", "video"),
        ("[Watch the vote](https://vimeo.com/12345)", "https://vimeo.com/12345", "video"),
        ("<https://cdn.example/pod/ep\\_12.mp3>", "https://cdn.example/pod/ep_12.mp3", "audio"),
        ("![The quay](https://cdn.example/quay.jpg)", "https://cdn.example/quay.jpg", "image"),
        ('<iframe src="https://www.dailymotion.com/embed/video/x1"></iframe>',
         "https://www.dailymotion.com/embed/video/x1", "video"),
    ],
)  # fmt: skip
def test_text_finds_media_standing_alone(
    line: str, url: str, kind: str, settings: Settings
) -> None:
    text = f"Quay Reopens\n\nThe quay reopened on Monday.\n\n{line}\n\nBoats returned at noon."
    article = _parse(text, settings, Format.MARKDOWN)
    assert [(m.url, m.kind, m.position) for m in article.media] == [(url, kind, 1)]
    assert article.paragraphs == ("The quay reopened on Monday.", "Boats returned at noon.")


def test_text_rejoins_a_paragraph_broken_mid_sentence(
    republished_markdown: str, settings: Settings
) -> None:
    article = _parse(republished_markdown, settings, Format.MARKDOWN)
    assert len(article.paragraphs) == 4
    assert "cargo was already being sent by road" in article.paragraphs[2]
    assert "seven per cent rise" in article.paragraphs[2]


def test_text_keeps_boilerplate_out_of_the_body(
    republished_markdown: str, settings: Settings
) -> None:
    article = _parse(republished_markdown, settings, Format.MARKDOWN)
    kinds = [item.kind for item in article.boilerplate]
    assert kinds == [
        BoilerplateKind.SHARE_PROMPT,
        BoilerplateKind.APPEAL,
        BoilerplateKind.ATTRIBUTION,
        BoilerplateKind.COPYRIGHT,
        BoilerplateKind.NAVIGATION,
        BoilerplateKind.DISCLAIMER,
        BoilerplateKind.CONTACT,
    ]
    assert article.body.endswith("meet both sides on Friday.")
    for word in ("PayPal", "Copyright", "Disclaimer", "share", "*"):
        assert word not in article.body


# --- reader comments -------------------------------------------------------------------


def test_text_finds_reader_comments(commented_text: str, settings: Settings) -> None:
    article = _parse(commented_text, settings)
    assert [c.author for c in article.comments] == [
        "Marta Lind",
        "old_spokes",
        "Pat Greaves",
        "Kevin O'Hara",
    ]
    assert article.comments[2].text == ""
    assert article.comments[3].text.endswith("what they think?")
    assert [c.position for c in article.comments] == [0, 1, 2, 3]
    assert article.body.endswith("the council's transport office.")
    assert len(article.paragraphs) == 3


def test_text_keeps_subheadings_in_the_body(subheaded_text: str, settings: Settings) -> None:
    article = _parse(subheaded_text, settings)
    assert article.comments == ()
    assert len(article.paragraphs) == 9
    assert article.paragraphs[1] == "Who is affected"
    assert article.body.endswith("before the summer.")


@pytest.mark.parametrize(
    "text",
    [
        # A listicle: short headings, each followed by one advisory paragraph that says "you".
        "Five Ways to Keep Your Garden Alive in a Drought\n\n"
        "Gardeners across the region face a third dry summer, and water companies have asked "
        "households to cut back.\n\nMulch everything\n\nA thick layer of bark keeps moisture "
        "in the soil, and you will need to water far less often.\n\nWater at dawn\n\nIf you "
        "water early, less is lost to the sun and the wind.\n\nChoose hardy plants\n\nLavender "
        "and rosemary need little water once they are established.\n\nCollect rain\n\nA butt "
        "under the downpipe can store hundreds of litres for the dry weeks.\n",
        # A column whose closing sections have title-case headings and talk to the reader.
        "Clean Water Is Worth Paying For\n\nThe valley's water bills will rise next year, and "
        "the reasons deserve a hearing before the council votes on the plan in March.\n\n"
        "The treatment works are forty years old and the pipes older still, the engineers "
        "reported, and repairs have been put off for a decade.\n\n"
        "What You Can Do\n\nWrite to your councillor before the vote.\n\n"
        "Why It Matters\n\nWe all drink the same water, after all.\n",
        # A list flattened into short lines after a colon.
        "Museum Reopens With Longer Hours\n\nThe city museum reopened on Saturday after a "
        "two-year refit. Guided tours are offered in these languages:\n\nEnglish\n\nFrench\n\n"
        "German\n\nItalian\n\nTickets can be booked online from Monday.\n",
        # An interview: speaker lines with colons are not commenters.
        "The Harbour Master on a Difficult Winter\n\nWe spoke to the harbour master about the "
        "storms.\n\nINTERVIEWER: How bad was January?\n\nHARBOUR MASTER: The worst I have "
        "seen in twenty years. We lost two pontoons.\n\nINTERVIEWER: Will they be rebuilt?\n\n"
        "HARBOUR MASTER: By the summer, I hope.\n",
    ],
)
def test_text_finds_no_comments_in_articles(text: str, settings: Settings) -> None:
    article = _parse(text, settings)
    assert article.comments == ()
    assert article.body.endswith(text.strip().rsplit("\n\n", 1)[-1])


@pytest.mark.parametrize("header", ["3 Comments", "Leave a Reply", "Comments"])
def test_text_reads_comments_under_a_header(header: str, settings: Settings) -> None:
    text = (
        "Library Extends Opening Hours\n\nThe central library will open until 9pm on "
        "weekdays from next month, the council said on Tuesday.\n\nThe change follows a "
        f"petition signed by 2,000 residents.\n\n{header}\n\nJo Anders\n\nGreat news, I "
        "study there every evening!\n\nRay Kim\n\nAbout time. Will the cafe stay open too?\n"
    )
    article = _parse(text, settings)
    assert [c.author for c in article.comments] == ["Jo Anders", "Ray Kim"]
    assert article.body.endswith("signed by 2,000 residents.")
    assert any(item.evidence == "comment section header" for item in article.boilerplate)


def test_text_reads_comment_dates_and_says_lines(settings: Settings) -> None:
    text = (
        "Harbour Fees to Rise\n\nThe port authority will raise mooring fees by a tenth from "
        "January, it said on Friday, citing the cost of dredging the outer channel.\n\n"
        "Copyright © Valley Post 2022\n\nAnna Berg says:\n\nMarch 3, 2022 at 9:15 am\n\n"
        "I keep a small boat there and honestly this is too much.\n\nReply\n\n"
        "Tom Field says:\n\nMarch 3, 2022 at 11:02 am\n\nDredging has to be paid for "
        "somehow, doesn't it?\n\nReply\n"
    )
    article = _parse(text, settings)
    assert [(c.author, c.published) for c in article.comments] == [
        ("Anna Berg", "2022-03-03T09:15:00"),
        ("Tom Field", "2022-03-03T11:02:00"),
    ]
    assert article.comments[1].text == "Dredging has to be paid for somehow, doesn't it?"
    assert article.body.endswith("dredging the outer channel.")


# --- scraped records and page chrome ----------------------------------------------------


def test_text_reads_a_scraped_record(helsinki_style_text: str, settings: Settings) -> None:
    article = _parse(helsinki_style_text, settings)
    assert article.title == "Ferry Operator Cancels Winter Crossings After Fuel Costs Soar"
    assert (article.byline, article.published) == ("Reuters", "2022-01-12")
    assert [item.text for item in article.boilerplate] == [
        "Advertisement",
        "e-mail",
        "Advertisement",
    ]
    assert {item.kind for item in article.boilerplate} <= {
        BoilerplateKind.NAVIGATION,
        BoilerplateKind.SHARE_PROMPT,
    }
    assert article.paragraphs[0].startswith("OSLO (Reuters)")
    assert len(article.paragraphs) == 3


@pytest.mark.parametrize(
    ("text", "title", "label"),
    [
        ("Share on Facebook\n\nEmail\n\nBridge Reopens\n\nThe bridge...", "Bridge Reopens", None),
        ("Politics\n\nMayor Wins Second Term\n\nThe mayor...", "Mayor Wins Second Term", None),
        ("VIDEO\n\nStorm Lashes the Coast\n\nWaves...", "Storm Lashes the Coast", "Video"),
        ("May 30 at 2:44 PM\n\nCouncil Delays Vote\n\nThe council...", "Council Delays Vote", None),
        ("## Opinion: Keep the Night Buses\n\nThe buses...", "Keep the Night Buses", "Opinion"),
        ("Mayor Wins Second Term | Valley Post\n\nThe mayor...", "Mayor Wins Second Term", None),
    ],
)
def test_text_skips_chrome_before_the_title(
    text: str, title: str, label: str | None, settings: Settings
) -> None:
    article = _parse(text, settings)
    assert (article.title, article.title_label) == (title, label)


def test_text_prefers_a_markdown_headline_below_site_chrome(settings: Settings) -> None:
    text = (
        "[Home](/) | [World](/world) | [Politics](/politics)\n\nValley Post\n\n"
        "# Tram Line Opens on the East Side\n\nThe new line opened on Sunday. Read about "
        "[the route](/route) and [the fares](/fares) here.\n\n"
        "[Transport](/t) [Weather](/w) [Sport](/s)\n"
    )
    article = _parse(text, settings, Format.MARKDOWN)
    assert article.title == "Tram Line Opens on the East Side"
    assert article.paragraphs == (
        "The new line opened on Sunday. Read about the route and the fares here.",
    )
    assert [item.evidence for item in article.boilerplate] == [
        "list of links",
        "above the headline",
        "list of links",
    ]


def test_text_does_not_take_a_lead_paragraph_for_a_title(settings: Settings) -> None:
    lead = (
        "The ferry company said on Monday that it would cut two routes. Passengers were told "
        "to book seats on the remaining crossings, which will run every two hours."
    )
    article = _parse(f"{lead}\n\nA second paragraph follows.", settings)
    assert article.title is None
    assert article.paragraphs[0] == lead


def test_text_absorbs_short_lines_in_the_closing_boilerplate(settings: Settings) -> None:
    text = (
        "Tram Line Opens\n\nThe new tram line opened on Sunday with free rides all day, and "
        "thousands queued at the first stop.\n\nOfficials expect 20,000 trips a day.\n\n"
        "Share this article\n\nValley Post\n\nTerms of use\n\nCopyright © Valley Post 2022\n"
    )
    article = _parse(text, settings)
    assert article.body.endswith("20,000 trips a day.")
    texts = [item.text for item in article.boilerplate]
    assert texts == [
        "Share this article",
        "Valley Post",
        "Terms of use",
        "Copyright © Valley Post 2022",
    ]


def test_text_keeps_body_paragraphs_that_mention_boilerplate_words(settings: Settings) -> None:
    text = (
        "Court Rules on Photo Dispute\n\nThe court said the copyright claim had no merit.\n\n"
        "Support for the photographer grew online, and fans were urged to donate to her legal "
        "fund, which has raised more than it needs.\n\nThe ruling can be appealed, lawyers "
        "for the agency said (via Northgate Monitor)."
    )
    article = _parse(text, settings)
    assert len(article.paragraphs) == 3
    assert article.boilerplate == ()
    assert [(a.cue, a.outlet) for a in article.attributions] == [("via", "Northgate Monitor")]


# --- Markdown and plain-text clean-up ---------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "paragraph"),
    [
        ("The *quick* fox and the **bold** hare", "The quick fox and the bold hare"),
        ("A _calm_ sea and a __rough__ one", "A calm sea and a rough one"),
        ("Prices rose 5 \\* 3 \\_ times", "Prices rose 5 * 3 _ times"),
        ("See [the report](https://x.example/r) for details", "See the report for details"),
        ("Visit <https://x.example/r> today", "Visit https://x.example/r today"),
        ("### A heading ###", "A heading"),
        ("- a bullet point that ends here", "a bullet point that ends here"),
        ("3. Keep the item number", "3. Keep the item number"),
        ("Fish &amp; chips", "Fish & chips"),
        ("> a quoted line from the letter", "a quoted line from the letter"),
        ("Text with `code` inside", "Text with code inside"),
        ("snake_case_names stay as they are", "snake_case_names stay as they are"),
        ("She said “no” and left", "She said “no” and left"),
    ],
)
def test_text_cleans_markdown(raw: str, paragraph: str, settings: Settings) -> None:
    article = _parse(f"Title Line Here\n\n{raw}", settings, Format.MARKDOWN)
    assert article.paragraphs == (paragraph,)


def test_text_joins_soft_wrapped_lines(settings: Settings) -> None:
    text = (
        "Wrapped Dump Title\n\n"
        "The harbour authority said on Thursday that the outer wall would be\n"
        "rebuilt over the next two winters, at a cost it did not disclose.\n"
        "Work starts in November.\n"
        "A second paragraph starts here after the short line above and it\n"
        "wraps too."
    )
    article = _parse(text, settings)
    assert article.paragraphs == (
        "The harbour authority said on Thursday that the outer wall would be rebuilt over the "
        "next two winters, at a cost it did not disclose. Work starts in November.",
        "A second paragraph starts here after the short line above and it wraps too.",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Title\n\nSome [link](https://a.example) here.", True),
        ("Title\n\nSome *emphasis* and a \\_ escape, with **bold** text.", True),
        ("Title\n\nJust plain prose, nothing else at all.", False),
        ("", False),
    ],
)
def test_text_detects_markdown(text: str, expected: bool) -> None:
    assert looks_like_markdown(text) is expected


# --- hostile input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n\t\n", "\x00\x01\x02", "[" * 10_000, "*a" * 10_000, "\\" * 10_000, "#"],
)
def test_text_survives_odd_input(text: str, settings: Settings) -> None:
    article = parse_dump(text, "odd", Format.MARKDOWN, settings)
    assert isinstance(article.paragraphs, tuple)


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.text(max_size=2_000))
def test_text_never_raises(text: str) -> None:
    article = parse_dump(text, "fuzz", Format.TEXT, Settings())
    assert all(paragraph.strip() for paragraph in article.paragraphs)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        os.urandom(5_000_000).decode("latin-1"),
        "\n".join(f"Line {number} of a very long dump" for number in range(100_000)),
        ("A long paragraph of plain words without any break at all. " * 90_000),
        "[a](" * 500_000,
    ],
    ids=["junk-5mb", "lines-100k", "one-paragraph-5mb", "open-links"],
)
def test_text_handles_huge_input(text: str, settings: Settings) -> None:
    article = parse_dump(text, "huge", Format.MARKDOWN, settings)
    assert re.sub(r"\s", "", article.body) or article.boilerplate or not text.strip()
