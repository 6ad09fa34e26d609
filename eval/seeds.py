"""The seed gate: every extraction field under `articles` in ../shared/seeds/expected.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from expectations import check_article

from newstrace.extract.dispatch import extract
from newstrace.ingest import iter_items
from newstrace.models import Article, Document
from newstrace.settings import Settings


def extract_seed(path: Path, settings: Settings) -> Article:
    """Extract one seed file the way `newstrace ingest` would."""
    (item,) = list(iter_items([str(path)], settings))
    if not isinstance(item, Document):
        raise RuntimeError(f"{path}: {item.reason}")
    return extract(item, settings)


def measure(shared: Path, settings: Settings | None = None) -> dict[str, Any]:
    """Run every seed check; the figure is the share of checks passed."""
    seeds = shared / "seeds"
    expected = json.loads((seeds / "expected.json").read_text())["articles"]
    settings = settings or Settings()
    results: list[dict[str, Any]] = []
    for name, fields in expected.items():
        article = extract_seed(seeds / name, settings)
        for what, passed, detail in check_article(article, fields):
            results.append({"seed": name, "check": what, "passed": passed, "detail": detail})
    passed = sum(r["passed"] for r in results)
    return {
        "checks": len(results),
        "passed": passed,
        "share": passed / len(results),
        "results": results,
    }
