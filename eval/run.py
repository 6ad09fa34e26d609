"""Quality gates: measure newstrace on the real corpora in ../shared and fail below the pinned floors.

Usage: python eval/run.py --shared ../shared [--only seeds,extraction,corpora] [--publish]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpora  # noqa: E402
import crosslingual  # noqa: E402
import events  # noqa: E402
import extraction  # noqa: E402
import geo  # noqa: E402
import report  # noqa: E402
import reuse  # noqa: E402
import seeds  # noqa: E402

SUITES = {
    "seeds": seeds.measure,
    "extraction": extraction.measure,
    "corpora": corpora.measure,
    "reuse": reuse.measure,
    "events": events.measure,
    "geo": geo.measure,
    "crosslingual": crosslingual.measure,
}
FLOORS = HERE / "floors.json"


def lookup(figures: dict[str, Any], path: str) -> Any:
    """The value at a dotted path in the figures ("extraction.aeb.newstrace.f1")."""
    value: Any = figures
    for part in path.split("."):
        value = value[part]
    return value


def _value(figures: dict[str, Any], path: str) -> Any:
    """The figure at a path, or None when the suite crashed before producing it."""
    try:
        return lookup(figures, path)
    except (KeyError, TypeError):
        return None


def _compare(value: Any, other: Any, passes: bool) -> tuple[bool, str]:
    if value is None or other is None:
        return False, "missing (the suite did not produce this figure)"
    return passes, f"{value:.4f}" if isinstance(value, float) else repr(value)


def gates(figures: dict[str, Any], floors: dict[str, Any]) -> list[tuple[str, bool, str]]:
    """Each gate whose suite ran: (description, passed, the figures compared)."""
    results: list[tuple[str, bool, str]] = []
    ran = set(figures)
    for path, floor in floors.get("floors", {}).items():
        if path.split(".")[0] in ran:
            value = _value(figures, path)
            ok, shown = _compare(value, floor, value is not None and value >= floor)
            results.append((f"{path} >= {floor}", ok, shown))
    for ours, theirs in floors.get("not_lower", []):
        if ours.split(".")[0] in ran:
            a, b = _value(figures, ours), _value(figures, theirs)
            ok, _ = _compare(a, b, a is not None and b is not None and a >= b - 1e-9)
            shown = f"{a:.4f} vs {b:.4f}" if a is not None and b is not None else "missing"
            results.append((f"{ours} >= {theirs}", ok, shown))
    for path, ceiling in floors.get("at_most", {}).items():
        if path.split(".")[0] in ran:
            value = _value(figures, path)
            ok, shown = _compare(value, ceiling, value is not None and value <= ceiling)
            results.append((f"{path} <= {ceiling}", ok, shown))
    for path, expected in floors.get("equal", {}).items():
        if path.split(".")[0] in ran:
            value = _value(figures, path)
            results.append((f"{path} == {expected}", value == expected, repr(value)))
    return results


def main() -> int:
    """Run the suites, print the gates, and exit non-zero when one fails."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--only", default=",".join(SUITES), help="comma-separated suites")
    parser.add_argument("--publish", action="store_true", help="rewrite docs/quality.md")
    args = parser.parse_args()
    if not args.shared.is_dir():
        print(
            f"error: {args.shared} not found; pass --shared PATH to the shared corpora",
            file=sys.stderr,
        )
        return 2
    figures: dict[str, Any] = {}
    for name in args.only.split(","):
        started = time.perf_counter()
        figures[name] = SUITES[name](args.shared)
        print(f"[{name}] measured in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    results = gates(figures, json.loads(FLOORS.read_text()))
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "figures.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    print(report.console_table(figures, results))
    if args.publish:
        docs = HERE.parent / "docs"
        docs.mkdir(exist_ok=True)
        (docs / "quality.md").write_text(report.markdown(figures, results))
    failed = [r for r in results if not r[1]]
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
