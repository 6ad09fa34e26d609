"""Reliability suite helpers: hypothesis profiles, a per-item time limit, and the figures counted.

Profiles: "reliability-ci" (the default, quick enough for every test run) and "reliability-deep"
(NEWSTRACE_FUZZ_PROFILE=reliability-deep; see docs/reliability.md). When
NEWSTRACE_RELIABILITY_REPORT names a file, the counts of inputs tried per kind, kill tests and
requests served are written there as JSON at the end of the session (tests/reliability/report.py).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, settings

from newstrace.extract.limits import ItemTimeout, time_limit

settings.register_profile(
    "reliability-ci",
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "reliability-deep",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = os.environ.get("NEWSTRACE_FUZZ_PROFILE", "reliability-ci")
FUZZ = settings.get_profile(PROFILE)
# Examples of the costly parsers (trafilatura on a whole page) per example of the cheap ones.
SLOW_SHARE = 0.3
FUZZ_SLOW = settings(FUZZ, max_examples=max(10, int(FUZZ.max_examples * SLOW_SHARE)))
# A hang guard, not a speed test: far above what any item takes on a loaded machine.
ITEM_TIME_LIMIT_S = 20.0

FIGURES: Counter[str] = Counter()
T = TypeVar("T")


def tried(kind: str, function: Callable[..., T], *args: Any) -> T:
    """Run one fuzz input through a parser under the per-item time limit, and count it."""
    FIGURES[f"inputs:{kind}"] += 1
    try:
        with time_limit(ITEM_TIME_LIMIT_S, "the fuzz suite's per-item limit"):
            return function(*args)
    except ItemTimeout as exc:
        pytest.fail(f"{kind}: an input hung: {exc}")


def count(name: str, amount: int = 1) -> None:
    """Add to one of the suite's figures (kill tests run, requests served, items lost...)."""
    FIGURES[name] += amount
