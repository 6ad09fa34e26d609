"""A real time axis for the timelines: positions by date, bins of a day, a month or a year, and
dated ticks, so a gap of ten years looks like ten years and not like one category.

Pure functions over dates: the pages draw the result as SVG, with no script.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

DAY_BINS_MAX_DAYS = 120  # up to this span, one bar per day
MONTH_BINS_MAX_DAYS = 15 * 366  # up to this span, one bar per month; beyond, one per year
TARGET_TICKS = 8
_TICK_STEPS_H = (1, 2, 3, 6, 12, 24, 48, 24 * 7, 24 * 14, 24 * 30, 24 * 91, 24 * 182, 24 * 365)


@dataclass(frozen=True, slots=True)
class Bar:
    """One bin of the events timeline as drawn: its place, size, first day and count."""

    x: float
    width: float
    height: float
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class Tick:
    """A dated mark on the axis."""

    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Axis:
    """What a timeline SVG draws: bars, ticks, the bin size and the drawing's size."""

    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    unit: str  # day, month, year
    width: int
    height: int


def parse_day(text: str | None) -> date | None:
    """The day an ISO date or time starts with, or None when it is not one."""
    try:
        return date.fromisoformat((text or "")[:10])
    except ValueError:
        return None


def _next(day: date, unit: str) -> date:
    if unit == "year":
        return date(day.year + 1, 1, 1)
    if unit == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return day + timedelta(days=1)


UNIT_CHARS = {"day": 10, "month": 7, "year": 4}  # the ISO date prefix naming a bin


def unit_for(first: str | None, last: str | None) -> str:
    """The bin of a timeline from its first to its last date: day, month or year."""
    start, end = parse_day(first), parse_day(last)
    span = (end - start).days if start and end else 0
    return (
        "day" if span <= DAY_BINS_MAX_DAYS else "month" if span <= MONTH_BINS_MAX_DAYS else "year"
    )


def _label(day: date, unit: str) -> str:
    return day.isoformat()[: UNIT_CHARS[unit]]


def _bin_start(label: str) -> date | None:
    """The first day of a bin named by an ISO prefix: "1999", "1999-04" or "1999-04-02"."""
    padded = label + ("-01-01" if len(label) == 4 else "-01" if len(label) == 7 else "")
    return parse_day(padded)


def _bins(counts: list[tuple[str, int]]) -> dict[date, int]:
    bins: dict[date, int] = {}
    for label, count in counts:
        start = _bin_start(label)
        if start is not None:
            bins[start] = bins.get(start, 0) + count
    return bins


def _bin_ticks(first: date, end: date, unit: str, scale: float, margin: int) -> list[Tick]:
    marks, day = [], first
    while day <= end:
        marks.append(day)
        day = _next(day, unit)
    step = max(1, -(-len(marks) // TARGET_TICKS))
    return [
        Tick(round(margin + (d - first).days * scale, 1), _label(d, unit)) for d in marks[::step]
    ]


def events_axis(
    counts: list[tuple[str, int]], unit: str, width: int, height: int, margin: int = 30
) -> Axis:
    """Bars per bin (counts keyed by the bin's ISO prefix, see UNIT_CHARS) placed by date
    between the first and the last bin."""
    bins = _bins(counts)
    if not bins:
        return Axis((), (), unit, width, height)
    first, end = min(bins), _next(max(bins), unit)
    scale = (width - 2 * margin) / max(1, (end - first).days)
    most = max(bins.values())
    bars = tuple(
        Bar(
            x=round(margin + (start - first).days * scale, 1),
            width=round(max(1.0, (_next(start, unit) - start).days * scale - 0.5), 1),
            height=round((height - 2 * margin) * count / most, 1),
            label=_label(start, unit),
            count=count,
        )
        for start, count in sorted(bins.items())
    )
    return Axis(bars, tuple(_bin_ticks(first, end, unit, scale, margin)), unit, width, height)


def parse_time(text: str | None) -> datetime | None:
    """An ISO date or time as an aware datetime (UTC when it names no zone), or None."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        day = parse_day(text)
        return datetime(day.year, day.month, day.day, tzinfo=UTC) if day else None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def hour_ticks(
    start: datetime, low_h: float, high_h: float, x_of: float, scale: float
) -> list[Tick]:
    """Dated ticks for an axis of hours after `start`: x = x_of + (hours - low_h) * scale."""
    span = max(high_h - low_h, 1.0)
    step = next((s for s in _TICK_STEPS_H if span / s <= TARGET_TICKS), _TICK_STEPS_H[-1])
    first = (low_h // step) * step
    ticks, hours = [], first
    while hours <= high_h + 1e-9:
        if hours >= low_h - 1e-9:
            moment = start + timedelta(hours=hours)
            label = moment.strftime("%Y-%m-%d %H:%M" if step < 24 else "%Y-%m-%d")
            ticks.append(Tick(round(x_of + (hours - low_h) * scale, 1), label))
        hours += step
    return ticks
