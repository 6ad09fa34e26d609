"""Run the reliability suite and print its figures as Markdown, for docs/reliability.md.

.venv/bin/python tests/reliability/report.py                      # the CI profile
.venv/bin/python tests/reliability/report.py --deep --kills 100   # the deeper run
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_suite(deep: bool, kills: int) -> tuple[dict[str, object], float]:
    """The suite's report (see conftest.py) and how long it took."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "report.json"
        env = {
            **os.environ,
            "NEWSTRACE_RELIABILITY_REPORT": str(target),
            "NEWSTRACE_KILL_TESTS": str(kills),
            "NEWSTRACE_FUZZ_PROFILE": "reliability-deep" if deep else "reliability-ci",
        }
        started = time.monotonic()
        command = [
            sys.executable,
            "-m",
            "pytest",
            "tests/reliability",
            "-q",
            "-p",
            "no:cacheprovider",
        ]
        subprocess.run(command, cwd=REPO, env=env, check=False)
        return json.loads(target.read_text()), time.monotonic() - started


def markdown(report: dict[str, object], seconds: float) -> str:
    """The figures as a Markdown table."""
    figures = report["figures"]
    assert isinstance(figures, dict)
    lines = [
        f"Profile `{report['profile']}` (max_examples {report['max_examples']}):"
        f" {report['tests']} tests, {report['failed']} failed, {seconds:.0f} s.",
        "",
        "| figure | count |",
        "|---|---:|",
    ]
    lines += [f"| {name} | {value} |" for name, value in figures.items()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deep", action="store_true", help="the reliability-deep profile")
    parser.add_argument("--kills", type=int, default=20, help="kill tests to run")
    args = parser.parse_args()
    report, seconds = run_suite(args.deep, args.kills)
    print(markdown(report, seconds))
    sys.exit(1 if report["failed"] else 0)


if __name__ == "__main__":
    main()
