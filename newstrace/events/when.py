"""Event dates resolved against the publication date, with ACLED's time_precision.

time_precision: 1 the day is known; 2 the week (a range of up to about a week); 3 the month
or a longer, vaguer stretch ("recently").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEK_DAYS = 7
RECENT_DAYS = 30  # "recently", "in recent weeks"
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"]
    )
}  # fmt: skip
_MONTH_SHORT = {m[:3]: n for m, n in _MONTHS.items()} | {"sept": 9}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+(\d{{4}}))?\b", re.I
)
_MONTH_DAY = re.compile(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I)
_IN_MONTH = re.compile(
    rf"\b(?:in|during|since|early|late|mid-?)\s+{_MONTH_RE}(?:\s+(\d{{4}}))?\b", re.I
)
_WEEKDAY = re.compile(
    r"\b(?:(last|this|on|early|late)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
_AGO = re.compile(r"\b(\w+)\s+(day|days|week|weeks|month|months)\s+ago\b", re.I)
_RELATIVE: list[tuple[re.Pattern[str], int, int, int]] = [
    # pattern, days back at start, days back at end, time_precision
    (re.compile(r"\b(?:last|on\s+\w+)\s+night\b|\byesterday\b|\bovernight\b", re.I), 1, 1, 1),
    (
        re.compile(
            r"\btoday\b|\bthis (?:morning|afternoon|evening)\b|\btonight\b|\bearlier today\b", re.I
        ),
        0,
        0,
        1,
    ),
    (
        re.compile(
            r"\b(?:during |over |in )?the (?:past|last) (?:week|seven days|few days|several days)\b|\blast week\b|\bthis week\b|\bin recent days\b|\bearlier this week\b",
            re.I,
        ),
        WEEK_DAYS,
        0,
        2,
    ),
    (
        re.compile(
            r"\brecent(?:ly)?\b|\bin recent weeks\b|\b(?:the )?(?:past|last) (?:month|few weeks|weeks)\b",
            re.I,
        ),
        RECENT_DAYS,
        0,
        3,
    ),
]
_NUMBERS = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}  # fmt: skip


@dataclass(frozen=True, slots=True)
class EventDate:
    """A resolved date range, its precision, and the words it came from (None: defaulted)."""

    start: date
    end: date
    precision: int
    text: str | None


def publication_date(published: str | None) -> date | None:
    """The day of an ISO date or datetime, or None."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _month(word: str) -> int:
    word = word.lower().rstrip(".")
    return _MONTHS.get(word) or _MONTH_SHORT[word[:4] if word.startswith("sept") else word[:3]]


def _dated(year: int | None, month: int, day: int, published: date) -> date | None:
    """A day of a month; without a year, the latest such day not after publication."""
    try:
        found = date(year or published.year, month, day)
        if year is None and found > published + timedelta(days=1):
            found = date(published.year - 1, month, day)
    except ValueError:
        return None
    return found


def _absolute(text: str, published: date) -> EventDate | None:
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        match = pattern.search(text)
        if match:
            year = int(match.group(3)) if match.group(3) else None
            day = _dated(
                year, _month(match.group(month_group)), int(match.group(day_group)), published
            )
            if day is not None:
                return EventDate(day, day, 1, match.group(0))
    match = _IN_MONTH.search(text)
    if match:
        year = int(match.group(2)) if match.group(2) else None
        first = _dated(year, _month(match.group(1)), 1, published)
        if first is not None:
            last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            return EventDate(
                first,
                min(last, published) if last > published >= first else last,
                3,
                match.group(0),
            )
    return None


_CALENDAR_MONTH = re.compile(r"\b(?:(last|previous)|(?:earlier )?this) month\b", re.I)


def _calendar_month(text: str, published: date) -> EventDate | None:
    """ "last month": the calendar month before publication; "this month": its first days."""
    match = _CALENDAR_MONTH.search(text)
    if match is None:
        return None
    first_this = published.replace(day=1)
    if match.group(1) is None:
        return EventDate(first_this, published, 3, match.group(0))
    last = first_this - timedelta(days=1)
    return EventDate(last.replace(day=1), last, 3, match.group(0))


def _weekday(text: str, published: date) -> EventDate | None:
    match = _WEEKDAY.search(text)
    if not match:
        return None
    back = (published.weekday() - _WEEKDAYS.index(match.group(2).lower())) % 7
    if match.group(1) and match.group(1).lower() == "last" and back == 0:
        back = 7
    day = published - timedelta(days=back)
    return EventDate(day, day, 1, match.group(0))


def _ago(text: str, published: date) -> EventDate | None:
    match = _AGO.search(text)
    if not match:
        return None
    count = (
        int(match.group(1)) if match.group(1).isdigit() else _NUMBERS.get(match.group(1).lower())
    )
    if count is None:
        return None
    unit = match.group(2).lower().rstrip("s")
    days = count * {"day": 1, "week": 7, "month": 30}[unit]
    day = published - timedelta(days=days)
    precision = {"day": 1, "week": 2, "month": 3}[unit]
    return EventDate(day, day, precision, match.group(0))


def resolve_date(text: str, published: str | None) -> EventDate | None:
    """The date an event sentence states, resolved against publication; None when none stated."""
    day = publication_date(published)
    if day is None:
        return None
    for finder in (_absolute, _weekday, _ago, _calendar_month):
        found = finder(text, day)
        if found is not None:
            return found
    for pattern, back_start, back_end, precision in _RELATIVE:
        match = pattern.search(text)
        if match:
            return EventDate(
                day - timedelta(days=back_start),
                day - timedelta(days=back_end),
                precision,
                match.group(0),
            )
    return None


def default_date(published: str | None) -> EventDate | None:
    """An undated report: the week up to publication (ACLED precision 2)."""
    day = publication_date(published)
    if day is None:
        return None
    return EventDate(day - timedelta(days=WEEK_DAYS), day, 2, None)


HISTORY_DAYS = 366  # an event dated further back than this before publication is history


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)(?:'?s)?\b")


def is_history(stated: EventDate | None, published: str | None, text: str = "") -> bool:
    """Whether an event is told as history, not as what just happened: its stated date is over
    a year before publication ("in 1960"), or its sentence names only years that long past
    ("the 2001 attacks", "agreements of the 1990s")."""
    day = publication_date(published)
    if day is None:
        return False
    if stated is not None and stated.text:
        return (day - stated.end).days > HISTORY_DAYS
    years = [int(y) for y in _YEAR.findall(text)]
    return bool(years) and max(years) < day.year - 1
