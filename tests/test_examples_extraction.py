"""Every article in the bundled example corpus extracts to its known answers (examples/expected.json)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from newstrace.extract.dispatch import extract
from newstrace.ingest import iter_items
from newstrace.models import Article, Document
from newstrace.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
sys.path.insert(0, str(EXAMPLES.parent / "eval"))

from expectations import check_article  # noqa: E402  (eval/ is scripts, not a package)

EXPECTED = json.loads((EXAMPLES / "expected.json").read_text())
FOLDERS = ["pages", "archives", "feeds", "exports"]


def _key(document: Document) -> str:
    relative = Path(document.source).resolve().relative_to(EXAMPLES).as_posix()
    return f"{relative}#{document.source_id}" if document.source_id else relative


@pytest.fixture(scope="module")
def extracted() -> dict[str, Article]:
    """Every example item, extracted the way `make demo` ingests it."""
    settings = Settings()
    items = iter_items([str(EXAMPLES / folder) for folder in FOLDERS], settings)
    return {_key(item): extract(item, settings) for item in items if isinstance(item, Document)}


def test_examples_every_item_is_read(extracted):
    assert sorted(extracted) == sorted(EXPECTED["articles"])


@pytest.mark.parametrize("key", sorted(EXPECTED["articles"]))
def test_examples_article_matches_its_known_answers(extracted, key):
    aliases = {name: spec.get("aliases", []) for name, spec in EXPECTED["outlets"].items()}
    failed = [
        (what, detail)
        for what, ok, detail in check_article(extracted[key], EXPECTED["articles"][key], aliases)
        if not ok
    ]
    assert not failed
