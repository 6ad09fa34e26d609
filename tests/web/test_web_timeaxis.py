"""The timelines' time axis: bins chosen by span, bars placed by date, dated ticks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newstrace.web.timeaxis import events_axis, hour_ticks, unit_for


@pytest.mark.parametrize(
    ("first", "last", "unit"),
    [
        ("2024-04-01", "2024-04-20", "day"),
        ("2022-02-25", "2024-04-05", "month"),
        ("1942-01-03", "2020-12-30", "year"),
        (None, None, "day"),
    ],
)
def test_timeaxis_unit_follows_the_span(first: str | None, last: str | None, unit: str) -> None:
    assert unit_for(first, last) == unit


@pytest.mark.parametrize("counts", [[("1942", 3), ("1952", 1), ("2020", 7), ("bad", 9)]])
def test_timeaxis_bars_sit_at_their_dates(counts: list[tuple[str, int]]) -> None:
    axis = events_axis(counts, "year", 900, 160)
    x = {bar.label: bar.x for bar in axis.bars}
    assert list(x) == ["1942", "1952", "2020"]  # a label that is no date is left out
    assert x["2020"] - x["1952"] == pytest.approx(6.8 * (x["1952"] - x["1942"]), rel=0.01)
    assert max(bar.height for bar in axis.bars) == 100  # the busiest bin fills the height
    assert axis.ticks[0].label == "1942" and len(axis.ticks) <= 12


@pytest.mark.parametrize(
    ("low", "high", "labels"), [(0.0, 48.0, 9), (0.0, 5.0, 6), (-30.0, 400.0, 3)]
)
def test_timeaxis_hour_ticks_are_dated(low: float, high: float, labels: int) -> None:
    start = datetime(2024, 4, 11, 9, 0, tzinfo=UTC)
    ticks = hour_ticks(start, low, high, 40, 10.0)
    assert len(ticks) == labels
    xs = [tick.x for tick in ticks]
    assert xs == sorted(xs) and xs[0] >= 40 and xs[-1] <= 40 + (high - low) * 10
    at_start = next(t for t in ticks if t.x == 40 - low * 10)  # the origin's own moment
    assert at_start.label.startswith("2024-04-11")
