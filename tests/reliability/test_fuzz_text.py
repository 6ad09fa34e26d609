"""Property tests for the text side: page dumps, dates, attribution lines, normalisers, decoding."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newstrace.extract.credits import parse_attribution
from newstrace.extract.dates import find_date, find_date_line, normalize_date
from newstrace.extract.encoding import decode
from newstrace.extract.text import parse_dump
from newstrace.models import Article, Format
from newstrace.normalize import comparison_key, normalize_line, normalize_text
from newstrace.settings import Settings

from .strategies import any_text, dates, outlet, text_dump
from .support import FUZZ, tried

SETTINGS = Settings()
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$")


def check_article(article: Article) -> None:
    """What every extracted article must satisfy, whatever its input."""
    assert article.body == "\n\n".join(article.paragraphs)
    assert all(paragraph.strip() for paragraph in article.paragraphs)
    for media in article.media:
        assert media.position is None or 0 <= media.position <= len(article.paragraphs)
    for item in article.comments:
        assert isinstance(item.text, str)
    if article.published is not None:
        assert ISO.match(article.published), article.published


@pytest.mark.parametrize("fmt", [Format.TEXT, Format.MARKDOWN])
@FUZZ
@given(text=any_text)
def test_fuzz_dump_any_text(fmt: Format, text: str) -> None:
    check_article(tried(f"{fmt} dump (any text)", parse_dump, text, "fuzz", fmt, SETTINGS))


@pytest.mark.parametrize("fmt", [Format.TEXT, Format.MARKDOWN])
@FUZZ
@given(dump=text_dump())
def test_fuzz_dump_keeps_labelled_comments_out_of_the_body(
    fmt: Format, dump: dict[str, object]
) -> None:
    article = tried(f"{fmt} dump (news-shaped)", parse_dump, dump["text"], "fuzz", fmt, SETTINGS)
    check_article(article)
    for _name, text in dump["comments"]:  # type: ignore[attr-defined]
        assert text not in article.body
    for text in dump["paragraphs"]:  # type: ignore[attr-defined]
        assert text in article.body


@FUZZ
@given(text=any_text)
def test_fuzz_dates_in_any_text(text: str) -> None:
    for found in (tried("date text", normalize_date, text), tried("date text", find_date, text)):
        assert found is None or ISO.match(found), found
    tried("date line", find_date_line, text)


DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%A, %B %d, %Y", "%d %b %Y", "%Y/%m/%d")


@FUZZ
@given(day=dates, style=st.sampled_from(DATE_FORMATS))
def test_fuzz_dates_resolve_to_the_day_written(day: date, style: str) -> None:
    found = tried("date", normalize_date, day.strftime(style))
    assert found is not None and found[:10] == day.isoformat()


@FUZZ
@given(moment=st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2035, 1, 1)))
def test_fuzz_dates_keep_an_iso_datetime(moment: datetime) -> None:
    text = moment.replace(microsecond=0).isoformat()
    found = tried("date", normalize_date, text)
    assert found is not None and found[:10] == moment.date().isoformat()


@FUZZ
@given(text=any_text)
def test_fuzz_attribution_any_line(text: str) -> None:
    found = tried("attribution line", parse_attribution, text)
    assert found is None or (found.cue and found.text)


@FUZZ
@given(name=outlet, cue=st.sampled_from(["The original source of this article is", "Source:"]))
def test_fuzz_attribution_names_the_outlet(name: str, cue: str) -> None:
    found = tried("attribution line", parse_attribution, f"{cue} {name}")
    assert found is not None and found.outlet == name


@FUZZ
@given(text=any_text)
def test_fuzz_normalisers_are_idempotent(text: str) -> None:
    once = tried("normaliser", normalize_text, text)
    assert normalize_text(once) == once
    line = normalize_line(text)
    assert "\n" not in line and normalize_line(line) == line
    key = comparison_key(text)
    assert comparison_key(key) == key


@FUZZ
@given(data=st.binary(max_size=2000), declared=st.sampled_from([None, "utf-8", "latin-1", "bogus"]))
def test_fuzz_decode_any_bytes(data: bytes, declared: str | None) -> None:
    text, encoding = tried("bytes to decode", decode, data, declared)
    assert isinstance(text, str) and encoding


@FUZZ
@given(text=any_text)
def test_fuzz_decode_keeps_utf8(text: str) -> None:
    assert tried("bytes to decode", decode, text.encode("utf-8"))[0] == text.removeprefix("\ufeff")
