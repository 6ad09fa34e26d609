"""Recognise dates in page text and metadata and return them as ISO strings.

Explicit regexes recognise the forms newsrooms print; the matched parts are checked by
building a real datetime, so impossible dates ("February 30") are rejected.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import NamedTuple

MIN_YEAR = 1800
MAX_YEAR = 2100
MAX_DATE_VALUE_CHARS = 100
MAX_DATE_LINE_CHARS = 160
MAX_OUTLET_WORDS = 6
MAX_OUTLET_CHARS = 60

_MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)\.?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_DAY = r"(?P<day>\d{1,2})"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_DATE_PATTERNS = (
    # 2020-03-31, 2020/03/31
    re.compile(
        rf"(?<![\w.])(?P<year>\d{{4}})(?P<sep>[-/.])(?P<month>\d{{1,2}})(?P=sep){_DAY}(?!\d)"
    ),
    # March 31, 2020
    re.compile(rf"(?<!\w){_MONTH}\s+{_DAY}{_ORDINAL}(?:,\s*|\s+){_YEAR}", re.I),
    # 31 March 2020
    re.compile(rf"(?<!\w){_DAY}{_ORDINAL}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", re.I),
    # 26-FEB-1987
    re.compile(rf"(?<!\w){_DAY}-{_MONTH}-{_YEAR}", re.I),
    # 07/15/2018 (month first), 15.07.2018 (day first)
    re.compile(
        rf"(?<![\w/.])(?P<first>\d{{1,2}})(?P<sep>[/.])(?P<second>\d{{1,2}})(?P=sep){_YEAR}(?![\w/])"
    ),
)
_TIME = (
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d{1,9})?)?)?"
    r"\s*(?P<ampm>[ap]\.?\s?m\b\.?)?"
)
_CLOCK = r"\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?\s?m\b\.?)?|\d{1,2}\s*[ap]\.?\s?m\b\.?"
_TZ = r"(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2}|[ECMP][SD]?T|BST|CEST|CET|MSK)"
_SUFFIX = re.compile(rf"[\sT,|@•·/—–-]*(?:at\s+)?(?:{_TIME})?\s*(?:\(?{_TZ}\)?)?[\s.,|]*", re.I)
_WEEKDAY_PREFIX = re.compile(rf"\s*(?:{_WEEKDAY}[\s,]*)?", re.I)
_TZ_OFFSETS_H = {"Z": 0, "UTC": 0, "GMT": 0, "BST": 1, "CET": 1, "CEST": 2, "MSK": 3,
                 "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
                 "PST": -8, "PDT": -7}  # fmt: skip
# Trailing pieces of the text before a date that are not the outlet: "Posted: 3:56 AM, Friday,"
_PREFIX_TAIL = re.compile(
    rf"(?:[\s,|•·—–/:-]+|\b{_WEEKDAY}|\b(?:{_CLOCK})\s*(?:{_TZ})?|\b(?:on|at)"
    r"|\b(?:originally\s+)?(?:published|posted|updated|last\s+updated|modified|dated?))\s*$",
    re.I,
)
_UPDATED = re.compile(r"\b(?:updated|modified)\b", re.I)
# A word of an outlet's name: capitalised, a connector, or a domain ("latimes.com").
_OUTLET_WORD = re.compile(
    r"(?:[A-Z0-9][\w'’&.-]*|&|of|the|and|for|de|la|le|du|el|al"
    r"|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,12})"
)


# Times that name no year: "May 30 at 2:44 PM", "9 min ago", "8:00 AM ET", "Published 23 Mins Ago"
_AGO = r"\d{1,3}\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)\s+ago"
_TIMESTAMP = re.compile(
    r"(?:(?:published|updated|posted|last updated)\s*:?\s*)?"
    rf"(?:{_AGO}|(?:yesterday|today)(?:\s+at\s+(?:{_CLOCK}))?"
    rf"|(?:{_WEEKDAY}[\s,]+)?(?:{_MONTH}\s+\d{{1,2}}(?:,|\s+at)?\s+)?(?:{_CLOCK})(?:\s*{_TZ})?)"
    r"(?:\s*[|•·]\s*\d{1,2}:\d{2})?",
    re.I,
)


class DateLine(NamedTuple):
    """A line that states a date, with the outlet named before it, if any."""

    outlet: str | None
    published: str
    updated: bool


def _month_number(token: str) -> int:
    return int(token) if token.isdigit() else _MONTH_NUMBERS[token[:3].lower()]


def _ymd(match: re.Match[str]) -> tuple[int, int, int]:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("first") is not None:
        first, second = int(groups["first"]), int(groups["second"])
        # Slashes are month-first (US) unless that is impossible; dots are day-first.
        if groups["sep"] == "/" and first <= 12:
            return year, first, second
        return year, second, first
    return year, _month_number(groups["month"]), int(groups["day"])


def _valid_date(match: re.Match[str]) -> date | None:
    year, month, day = _ymd(match)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _find_date(text: str) -> tuple[re.Match[str], date] | None:
    """The earliest valid date in text, with its match."""
    found: list[tuple[int, re.Match[str], date]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            valid = _valid_date(match)
            if valid is not None:
                found.append((match.start(), match, valid))
                break
    if not found:
        return None
    _, match, valid = min(found, key=lambda item: item[0])
    return match, valid


def _hour24(hour: int, ampm: str | None) -> int | None:
    if ampm is None:
        return hour if hour <= 23 else None
    if not 1 <= hour <= 12:
        return None
    is_pm = ampm.lower().startswith("p")
    return (hour % 12) + (12 if is_pm else 0)


def _tzinfo(token: str | None) -> timezone | None:
    if not token:
        return None
    upper = token.upper()
    if upper in _TZ_OFFSETS_H:
        return timezone(timedelta(hours=_TZ_OFFSETS_H[upper]))
    if upper[0] in "+-":
        digits = upper[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))
        return timezone(-offset if upper[0] == "-" else offset)
    return None


def _with_time(day: date, suffix: re.Match[str]) -> str | None:
    """ISO date, or datetime when the suffix holds a time; None when the time is impossible."""
    groups = suffix.groupdict()
    if groups["hour"] is None or (groups["minute"] is None and groups["ampm"] is None):
        return day.isoformat()
    hour = _hour24(int(groups["hour"]), groups["ampm"])
    minute, second = int(groups["minute"] or 0), int(groups["second"] or 0)
    if hour is None or minute > 59 or second > 59:
        return None
    stamp = datetime(
        day.year, day.month, day.day, hour, minute, second, tzinfo=_tzinfo(groups["tz"])
    )
    return stamp.isoformat(timespec="seconds")


def normalize_date(value: str) -> str | None:
    """ISO date (YYYY-MM-DD), or ISO datetime when a time is given; None for anything else."""
    text = value.strip() if isinstance(value, str) else ""
    if not text or len(text) > MAX_DATE_VALUE_CHARS:
        return None
    found = _find_date(text)
    if found is None:
        return None
    match, day = found
    prefix = _WEEKDAY_PREFIX.fullmatch(text[: match.start()])
    suffix = _SUFFIX.fullmatch(text[match.end() :])
    if prefix is None or suffix is None:
        return None
    return _with_time(day, suffix)


def _strip_prefix_tail(prefix: str) -> tuple[str, bool]:
    """Drop times, weekdays and "Published"-like words before a date; say if "updated" was seen."""
    updated = False
    for _ in range(8):
        match = _PREFIX_TAIL.search(prefix)
        if match is None or match.start() == len(prefix):
            break
        updated = updated or bool(_UPDATED.search(match.group(0)))
        prefix = prefix[: match.start()]
    return prefix.strip(), updated


def _plausible_outlet(name: str) -> bool:
    words = name.split()
    if not words or len(words) > MAX_OUTLET_WORDS or len(name) > MAX_OUTLET_CHARS:
        return False
    if words[0].lower() in {"by", "from"} or not name[0].isalnum():
        return False
    return all(_OUTLET_WORD.fullmatch(word) for word in words)


def _prefix_outlet(prefix: str) -> tuple[str | None, bool] | None:
    """(outlet or None, updated) from the text before a date; None when it is not a date line."""
    rest, updated = _strip_prefix_tail(prefix)
    lead = re.match(
        r"^(?:originally\s+|last\s+)?(published|posted|updated|modified|dated?)\b[\s:]*", rest, re.I
    )
    if lead is not None:
        updated = updated or lead.group(1).lower() in {"updated", "modified"}
        rest = rest[lead.end() :].strip()
    if not rest:
        return None, updated
    return (rest, updated) if _plausible_outlet(rest) else None


def find_date_line(line: str) -> DateLine | None:
    """A line that is only a date, optionally after an outlet or "Published"/"Updated" words."""
    text = line.strip() if isinstance(line, str) else ""
    if not text or len(text) > MAX_DATE_LINE_CHARS:
        return None
    found = _find_date(text)
    if found is None:
        return None
    match, day = found
    suffix = _SUFFIX.fullmatch(text[match.end() :])
    head = _prefix_outlet(text[: match.start()])
    if suffix is None or head is None:
        return None
    iso = _with_time(day, suffix)
    return DateLine(head[0], iso, head[1]) if iso else None


def find_outlet_date_line(line: str) -> tuple[str | None, str] | None:
    """(outlet or None, ISO date) for "Valley Post, June 4, 2021" or "July 15, 2018"."""
    found = find_date_line(line)
    return None if found is None else (found.outlet, found.published)


def find_date(text: str) -> str | None:
    """The first valid calendar date anywhere in a short text, as YYYY-MM-DD."""
    found = _find_date(text[: MAX_DATE_LINE_CHARS * 4]) if isinstance(text, str) else None
    return None if found is None else found[1].isoformat()


def find_date_at(text: str) -> tuple[int, str] | None:
    """Where the first valid calendar date in a short text starts, and the date as YYYY-MM-DD."""
    found = find_date_span(text)
    return None if found is None else (found[0], found[2])


def find_date_span(text: str) -> tuple[int, int, str] | None:
    """Where the first valid calendar date in a short text starts and ends, and the date."""
    found = _find_date(text[: MAX_DATE_LINE_CHARS * 4]) if isinstance(text, str) else None
    return None if found is None else (found[0].start(), found[0].end(), found[1].isoformat())


def is_timestamp_line(line: str) -> bool:
    """Whether a line is only a time without a full date ("May 30 at 2:44 PM", "9 min ago")."""
    text = line.strip(" .|•·") if isinstance(line, str) else ""
    return 0 < len(text) <= MAX_DATE_VALUE_CHARS and _TIMESTAMP.fullmatch(text) is not None
