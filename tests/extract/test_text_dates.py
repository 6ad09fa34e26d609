"""A page dump's date: a stated date wins; an "Updated" date only when nothing else is stated."""

from __future__ import annotations

from newstrace.extract.text import parse_dump
from newstrace.models import Format
from newstrace.settings import Settings

BODY = (
    "Harbour talks end without a deal\n\nBy Jane Roe, Kestrel Wire\n\n{dates}\n\n"
    "Port operators and the union ended a second day of talks on Monday without agreement.\n\n"
    "Both sides said they would meet again after the weekend."
)


def _dump(dates: str):
    return parse_dump(BODY.format(dates=dates), "talks.txt", Format.TEXT, Settings())


def test_published_date_wins_over_updated() -> None:
    article = _dump("Published 3 March 2024\n\nUpdated 5 March 2024")
    assert (article.published, article.published_source) == ("2024-03-03", "dateline")
    assert article.published_confidence > 0.5


def test_updated_only_dump_is_dated_by_it_at_low_confidence_with_its_reason() -> None:
    article = _dump("Updated 5 March 2024")
    assert article.published == "2024-03-05"
    assert article.published_confidence < 0.5
    assert "first publication not stated" in article.inferred["published"]


def test_dump_with_no_date_has_none() -> None:
    article = _dump("Photo: a crane at the northern terminal")
    assert (article.published, article.published_source, article.published_confidence) == (
        None,
        None,
        None,
    )
