"""Block classification shared by the text and HTML extractors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newstrace.extract.blocks import (
    classify_boilerplate,
    label_word,
    parse_attribution,
    parse_byline,
    split_title_label,
)
from newstrace.models import BoilerplateKind as Kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Note to readers: please share this story with your friends.", Kind.SHARE_PROMPT),
        ("Share this article with a friend", Kind.SHARE_PROMPT),
        ("Follow us on Telegram for daily updates.", Kind.SHARE_PROMPT),
        ("Share on Facebook Share on Twitter", Kind.SHARE_PROMPT),
        ("FacebookEmail Twitter LinkedIn", Kind.SHARE_PROMPT),
        ("e-mail", Kind.NAVIGATION),
        ("Support the Lakeside Dispatch in its endeavours. Every gift helps.", Kind.APPEAL),
        ("PayPal: editor@lakeside.example or via our page", Kind.APPEAL),
        ("Become a member today and get the weekly digest", Kind.APPEAL),
        ("Subscribe to our newsletter", Kind.APPEAL),
        ("Help us keep going: patreon.com/lakesidedispatch", Kind.APPEAL),
        ("Copyright © Lakeside Dispatch, 2021", Kind.COPYRIGHT),
        ("© 2021 Harbour Courier Ltd", Kind.COPYRIGHT),
        ("The Courier 2021. All rights reserved.", Kind.COPYRIGHT),
        ("Disclaimer: The author writes in a personal capacity.", Kind.DISCLAIMER),
        ("The views expressed in this piece are the writer's own.", Kind.DISCLAIMER),
        ("For media inquiries: press@lakeside.example", Kind.CONTACT),
        ("Contact us", Kind.CONTACT),
        ("desk@lakeside.example", Kind.CONTACT),
        ("Articles by: Lena Okafor", Kind.NAVIGATION),
        ("Read more: Flood defences to be rebuilt", Kind.NAVIGATION),
        ("Related: Ferry crossings cancelled", Kind.NAVIGATION),
        ("Advertisement", Kind.NAVIGATION),
        ("Comment on this story on our Twitter account", Kind.NAVIGATION),
        ("Click here to receive our morning briefing", Kind.NAVIGATION),
        ("Story continues below", Kind.NAVIGATION),
        ("Sponsored content", Kind.NAVIGATION),
        ("The views and opinions expressed here are the author's alone.", Kind.DISCLAIMER),
        ("Guest essays do not necessarily reflect the views of the paper.", Kind.DISCLAIMER),
        ("(Photo: Ana Ruiz / AP)", Kind.NAVIGATION),
        ("more_vert", Kind.NAVIGATION),
        ("The original source of this article is Harbour Courier", Kind.ATTRIBUTION),
        ("(via Northgate Monitor)", Kind.ATTRIBUTION),
    ],
)
def test_blocks_classifies_boilerplate(text: str, kind: Kind) -> None:
    found = classify_boilerplate(text)
    assert found is not None and found[0] == kind
    assert found[1]


@pytest.mark.parametrize(
    "text",
    [
        "The court said the copyright claim had no merit and the publisher would appeal.",
        "PayPal reported a quarterly profit on Thursday, beating forecasts.",
        "Support for the measure grew after the floods, a poll found.",
        "The charity asked people to donate blankets and tinned food.",
        "Residents who subscribe to the water scheme will pay less next year.",
        "Share prices fell sharply in early trading after the announcement.",
        "Sources close to the ministry said a decision was expected on Friday.",
        "Credit Suisse said on Monday it would cut 500 jobs.",
        "The mayor said the views expressed at the meeting would be considered.",
        "old_spokes",
        "The views expressed by residents at the meeting were mixed, officials said.",
        "Sponsored content is a growing share of the paper's revenue, its accounts show, "
        "and the editor defended the practice at the annual meeting on Thursday evening in "
        "front of a sceptical audience of readers, advertisers and several former staff.",
        "Fares rose again in May, the third rise this year (via Northgate Monitor)",
    ],
)
def test_blocks_keeps_body_text(text: str) -> None:
    assert classify_boilerplate(text) is None


@pytest.mark.parametrize(
    ("text", "cue", "outlet", "url", "published"),
    [
        (
            "The original source of this article is [Harbour Courier](#)",
            "original source",
            "Harbour Courier",
            None,
            None,
        ),
        (
            "Originally published by Lakeside Dispatch on March 3, 2021.",
            "originally published",
            "Lakeside Dispatch",
            None,
            "2021-03-03",
        ),
        (
            "This article first appeared on [Northgate Monitor](https://northgate.example/a).",
            "first appeared",
            "Northgate Monitor",
            "https://northgate.example/a",
            None,
        ),
        ("This article was originally published by The Valley Post.", "originally published",
         "The Valley Post", None, None),
        ("Source: Harbour Courier", "source", "Harbour Courier", None, None),
        ("Republished from Lakeside Dispatch", "republished", "Lakeside Dispatch", None, None),
        ("Reprinted with permission from The Valley Post", "reprinted", "The Valley Post", None,
         None),
        ("Fares rose again in May (via Northgate Monitor)", "via", "Northgate Monitor", None,
         None),
        (
            "Originally published at https://www.valleypost.example/2021/fares.html",
            "originally published",
            "valleypost.example",
            "https://www.valleypost.example/2021/fares.html",
            None,
        ),
    ],
)  # fmt: skip
def test_blocks_parses_attribution(
    text: str, cue: str, outlet: str, url: str | None, published: str | None
) -> None:
    attribution = parse_attribution(text)
    assert attribution is not None
    assert (attribution.cue, attribution.outlet, attribution.url) == (cue, outlet, url)
    assert attribution.published == published


@pytest.mark.parametrize(
    "text",
    [
        "Originally posted on",
        "Originally published July 14, 2018 at 6:54 pm",
        "Sources say the deal is close.",
        "via: patreon.com/lakesidedispatch",
        "The council said the scheme originally published in 2019 had been revised "
        "several times since, and that the final version would be put to a vote.",
    ],
)
def test_blocks_rejects_non_attribution(text: str) -> None:
    assert parse_attribution(text) is None


@pytest.mark.parametrize(
    ("title", "label", "rest"),
    [
        ("Video: Floods Close the Coast Road", "Video", "Floods Close the Coast Road"),
        ("VIDEO | Floods Close the Coast Road", "Video", "Floods Close the Coast Road"),
        ("[Video] Floods Close the Coast Road", "Video", "Floods Close the Coast Road"),
        ("Opinion |Why the Coast Road Matters", "Opinion", "Why the Coast Road Matters"),
        ("exclusive: Mayor to Resign", "Exclusive", "Mayor to Resign"),
        ("Breaking News: Bridge Shut", "Breaking", "Bridge Shut"),
        ("Live - Storm Updates", "Live", "Storm Updates"),
        ("Floods Close the Coast Road (VIDEO)", "Video", "Floods Close the Coast Road"),
        ("Videos of the Storm Go Viral", None, "Videos of the Storm Go Viral"),
        ("Analysis Interpretation of the news", None, "Analysis Interpretation of the news"),
        ("Review:", None, "Review:"),
    ],
)
def test_blocks_splits_title_label(title: str, label: str | None, rest: str) -> None:
    assert split_title_label(title) == (label, rest)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By [Lena Okafor](#)", "Lena Okafor"),
        ("By Tomas Reed , Harbour Courier", "Tomas Reed, Harbour Courier"),
        ("BY ANA RUIZ and PAUL MERTENS", "ANA RUIZ and PAUL MERTENS"),
        ("Written by: Ana Ruiz", "Ana Ruiz"),
        ("By Ana Ruiz | Harbour Courier", "Ana Ruiz"),
        ("By Ana Ruiz July 11, 2017", "Ana Ruiz"),
        ("by Paul Mertens June 3 at 8:30 AM Email the author", "Paul Mertens"),
        ("By Lakeside Dispatch", "Lakeside Dispatch"),
        ("By the time the ferry arrived, the storm had passed.", None),
        ("By Monday, the water had receded from most streets.", None),
        ("By 2030", None),
        ("By", None),
        ("The ferry left by noon", None),
    ],
)
def test_blocks_parses_byline(line: str, name: str | None) -> None:
    assert parse_byline(line) == name


@pytest.mark.parametrize(
    ("text", "label"),
    [("VIDEO", "Video"), ("[Opinion]", "Opinion"), ("Politics", None), ("Live updates", "Live")],
)
def test_blocks_reads_a_label_line(text: str, label: str | None) -> None:
    assert label_word(text) == label


@given(st.text(max_size=400))
def test_blocks_never_raise(text: str) -> None:
    kind = classify_boilerplate(text)
    assert kind is None or isinstance(kind[0], Kind)
    parse_attribution(text)
    label, _title = split_title_label(text)
    assert label is None or isinstance(label, str)
    parse_byline(text)
    label_word(text)


@pytest.mark.parametrize(
    "text, is_banner",
    [
        ("We use cookies to give you the best experience on our site.", True),
        ('By clicking "Accept", you agree to the storing of cookies on your device.', True),
        ("To improve the performance of our website we collect technical data with cookies.", True),
        ("By clicking the link, readers agreed to nothing at all.", False),
        ("The regulator said the bakery chain used cookies as loss leaders.", False),
    ],
)
def test_blocks_cookie_banners_are_chrome(text: str, is_banner: bool) -> None:
    assert (classify_boilerplate(text) is not None) is is_banner
