"""Credits a page dump states in its head and body: bylines naming an outlet, provider tags,
reposts naming their source, and date lines of a story hosted by a partner site."""

from __future__ import annotations

import pytest

from newstrace.extract.credits import credit_line
from newstrace.extract.dispatch import extract
from newstrace.extract.text import parse_dump
from newstrace.extract.wire import without_own_date_lines
from newstrace.models import Article, Attribution, Document, Format
from newstrace.settings import Settings

LEAD = (
    "The harbour authority in Port Varna voted on Monday to extend the night ferry service"
    " through the winter, after a season in which crossings were full on most evenings."
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Marit Olsen, Associated Press", ("byline", "Associated Press", "Marit Olsen")),
        (
            "Ana Lind, Per Berg and Tove Dahl, Bloomberg",
            ("byline", "Bloomberg", "Ana Lind, Per Berg and Tove Dahl"),
        ),
        ("ANA LIND AND PER BERG, CNN", ("byline", "CNN", "ANA LIND AND PER BERG")),
        (
            "Authored by Ivo Marsh via Ferrygazette.example,",
            ("via", "Ferrygazette.example", "Ivo Marsh"),
        ),
        ("Northgate Monitor•", ("provided by", "Northgate Monitor", None)),
        ("Harbour Courier, June 3, 2021:", ("dateline", "Harbour Courier", None)),
    ],
)
def test_credit_line_reads_each_whole_line_form(
    line: str, expected: tuple[str, str, str | None]
) -> None:
    found = credit_line(line)
    assert found is not None
    assert (found.cue, found.outlet, found.author) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Ivo Marsh, Staff Reporter",  # a role, not an outlet
        "Ivo Marsh, Opinion contributor",
        "Assistant Director, Research Fellowship, Varna State University",  # an affiliation
        "Ivo Marsh, HARBOURTON",  # a place in capitals, on a byline that states no date
    ],
)
def test_credit_line_takes_no_role_affiliation_or_place_for_an_outlet(line: str) -> None:
    assert credit_line(line) is None


def test_credit_line_authored_by_credits_the_writer_and_names_no_outlet() -> None:
    found = credit_line("Authored by Ivo Marsh,")
    assert found is not None
    assert (found.cue, found.outlet, found.author) == ("authored", None, "Ivo Marsh")


def _dump(head: str, settings: Settings) -> Article:
    return parse_dump(
        f"Ferry Service Extended Through Winter\n\n{head}\n\n{LEAD}\n\n{LEAD}",
        "page",
        Format.TEXT,
        settings,
    )


def test_text_reads_a_dated_byline_naming_the_outlet(settings: Settings) -> None:
    head = (
        "Ana Lind and Per Berg , HARBOUR DAILY Published 3:55 a.m. ET July 16, 2018"
        " | Updated 7:15 a.m. ET July 16, 2018"
    )
    article = _dump(head, settings)
    assert article.authors == ("Ana Lind", "Per Berg")
    assert article.published == "2018-07-16"
    assert [(a.cue, a.outlet) for a in article.attributions] == [("byline", "HARBOUR DAILY")]
    assert article.paragraphs[0] == LEAD


def test_text_reads_a_provider_tag_below_the_title(settings: Settings) -> None:
    article = _dump("Northgate Monitor•", settings)
    assert [(a.cue, a.outlet) for a in article.attributions] == [
        ("provided by", "Northgate Monitor")
    ]
    assert "Northgate Monitor•" not in article.paragraphs


def test_text_takes_a_photo_credit_below_the_byline_for_no_credit(settings: Settings) -> None:
    article = _dump("By Ana Lind\n\nJuly 16, 2018\n\nIvo Marsh, Associated Press", settings)
    assert article.authors == ("Ana Lind",)
    assert article.attributions == ()


def test_text_takes_a_date_line_naming_the_title_for_no_outlet(settings: Settings) -> None:
    text = f"Harbour Hour\n\nHarbour Hour - July 15, 2018\n\n{LEAD}\n\n{LEAD}"
    article = parse_dump(text, "page", Format.TEXT, settings)
    assert article.published == "2018-07-15"
    assert article.attributions == ()


def _record(text: str, outlet: str) -> Article:
    fields = {"text": text, "outlet": outlet}
    document = Document("t.csv", Format.RECORD, b"", "h", source_id="1", fields=fields)
    return extract(document, Settings())


def test_record_on_a_partner_site_credits_the_outlet_its_date_line_names() -> None:
    text = f"Ferry Service Extended ### HARBOUR DAILY Published 4:57 a.m. July 16, 2018 ### {LEAD}"
    article = _record(text, "partner.example")
    assert article.published == "2018-07-16"
    assert [(a.cue, a.outlet) for a in article.attributions] == [("dateline", "HARBOUR DAILY")]


def test_record_of_the_outlet_itself_keeps_its_date_line_as_no_credit() -> None:
    text = f"Ferry Service Extended ### Harbour Daily, July 16, 2018 ### {LEAD}"
    assert _record(text, "harbourdaily.example").attributions == ()


def test_without_own_date_lines_keeps_other_outlets_credits() -> None:
    own = Attribution("Harbour Daily, July 16, 2018", "dateline", "Harbour Daily")
    other = Attribution("Northgate Monitor, July 15, 2018", "dateline", "Northgate Monitor")
    article = Article(
        source="s", format=Format.TEXT, paragraphs=(LEAD,), outlet="The Harbour Daily",
        attributions=(own, other),
    )  # fmt: skip
    assert without_own_date_lines(article).attributions == (other,)
