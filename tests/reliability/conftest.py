"""Reliability suite: writes the figures it counted when NEWSTRACE_RELIABILITY_REPORT names a file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .support import FIGURES, FUZZ, PROFILE


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Write the figures where NEWSTRACE_RELIABILITY_REPORT asks, for docs/reliability.md."""
    target = os.environ.get("NEWSTRACE_RELIABILITY_REPORT")
    if not target:
        return
    report = {
        "profile": PROFILE,
        "max_examples": FUZZ.max_examples,
        "exit_status": int(exitstatus),
        "failed": session.testsfailed,
        "tests": session.testscollected,
        "figures": dict(sorted(FIGURES.items())),
    }
    Path(target).write_text(json.dumps(report, indent=2) + "\n")
