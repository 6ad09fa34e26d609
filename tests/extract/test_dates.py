"""Date recognition: ISO output from the forms newsrooms print; nonsense rejected."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newstrace.extract.dates import (
    find_date,
    find_date_line,
    find_outlet_date_line,
    is_timestamp_line,
    normalize_date,
)


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("March 31, 2020", "2020-03-31"),
        ("Mar. 31, 2020", "2020-03-31"),
        ("30 March 2020", "2020-03-30"),
        ("30th of March, 2020", "2020-03-30"),
        ("2020-03-30", "2020-03-30"),
        ("2020/03/30", "2020-03-30"),
        ("2020-03-30T10:00:00Z", "2020-03-30T10:00:00+00:00"),
        ("2018-07-15T07:54:28-04:00", "2018-07-15T07:54:28-04:00"),
        ("26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01"),
        ("Tue, 31 Mar 2020 10:00:00 GMT", "2020-03-31T10:00:00+00:00"),
        ("Friday, June 1, 2018", "2018-06-01"),
        ("July 14, 2018 at 6:54 pm", "2018-07-14T18:54:00"),
        ("May 31, 2019, 9:52 PM UTC", "2019-05-31T21:52:00+00:00"),
        ("July 16, 2018 5:00 PM EDT", "2018-07-16T17:00:00-04:00"),
        ("07/15/2018", "2018-07-15"),
        ("15.07.2018", "2018-07-15"),
        ("31/12/2019", "2019-12-31"),
        ("  March 31, 2020  ", "2020-03-31"),
    ],
)
def test_dates_normalizes_forms(value: str, iso: str) -> None:
    assert normalize_date(value) == iso


@pytest.mark.parametrize(
    "value",
    [
        "",
        "hello",
        "February 30, 2020",
        "2020-13-01",
        "2020-02-30",
        "31/31/2019",
        "June 1, 2018 25:00",
        "13:00 pm June 1, 2018",
        "March 31, 20200",
        "July 4, 1066",
        "Sunday, Jul 15th 2018 5-Day Forecast",
        "9 min ago",
        "x" * 500,
    ],
)
def test_dates_rejects_nonsense(value: str) -> None:
    assert normalize_date(value) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Northgate Monitor, March 31, 2020", ("Northgate Monitor", "2020-03-31")),
        ("Harbour Courier 30 March 2020", ("Harbour Courier", "2020-03-30")),
        ("July 15, 2018", (None, "2018-07-15")),
        ("Published June 01, 2018", (None, "2018-06-01")),
        ("Posted: 3:56 AM, June 02, 2018", (None, "2018-06-02")),
        ("VALLEY POST Published 12:42 p.m. CT July 15, 2018", ("VALLEY POST", "2018-07-15")),
        ("Lakeside Dispatch Monday, July 16, 2018", ("Lakeside Dispatch", "2018-07-16")),
        ("valleypost.example July 1, 2018", ("valleypost.example", "2018-07-01")),
        ("On April 2, the ferry service was suspended.", None),
        ("By Ana Ruiz July 11, 2017", None),
        ("The storm of March 31, 2020 flooded the coast road", None),
    ],
)
def test_dates_finds_outlet_date_lines(line: str, expected: tuple[str | None, str] | None) -> None:
    assert find_outlet_date_line(line) == expected


@pytest.mark.parametrize(
    ("line", "updated"),
    [("Updated 6:35 PM ET, Fri June 1, 2018", True), ("Published June 1, 2018", False)],
)
def test_dates_marks_updated_lines(line: str, updated: bool) -> None:
    found = find_date_line(line)
    assert found is not None and found.updated is updated


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("May 30 at 2:44 PM", True),
        ("9 min ago", True),
        ("Published 23 Mins Ago", True),
        ("8:00 AM ET", True),
        ("May 30", False),
        ("The meeting starts at 5 pm", False),
    ],
)
def test_dates_recognises_timestamps_without_year(line: str, expected: bool) -> None:
    assert is_timestamp_line(line) is expected


@pytest.mark.parametrize(
    ("text", "iso"),
    [("published by the Post on March 3, 2021.", "2021-03-03"), ("no date here", None)],
)
def test_dates_finds_a_date_in_text(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


@given(st.text(max_size=200))
def test_dates_never_raise_and_return_iso(value: str) -> None:
    iso = normalize_date(value)
    if iso is not None:
        assert (datetime if "T" in iso else date).fromisoformat(iso)
    found = find_outlet_date_line(value)
    assert found is None or date.fromisoformat(found[1][:10])
    assert is_timestamp_line(value) in (True, False)


@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31)))
def test_dates_round_trip_spelled_dates(day: date) -> None:
    assert normalize_date(day.strftime("%B %d, %Y")) == day.isoformat()
    assert normalize_date(day.strftime("%d %b %Y")) == day.isoformat()
