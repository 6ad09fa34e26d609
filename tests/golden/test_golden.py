"""Every listing command prints exactly what it printed before (golden files).

The corpus is the bundled example corpus (examples/) plus one conflict report written for these
tests (conflict-desk.txt), ingested, traced and read for events once per session. Each command's
output is compared byte for byte with a file under tests/golden/expected/; only the moments a
run happened (`*_at` fields, the export's `timestamp`) are masked. After an intended change of
output, regenerate them with:

    NEWSTRACE_UPDATE_GOLDEN=1 .venv/bin/pytest tests/golden
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
EXPECTED = HERE / "expected"
UPDATE = os.environ.get("NEWSTRACE_UPDATE_GOLDEN") == "1"
# The moments of a run: ISO times in fields named *_at, and the export's Unix timestamp column.
RUN_TIMES = [
    (re.compile(r'("\w+_at": )"[^"]*"'), r'\1"<time>"'),
    (re.compile(r"(status=\w+,)\d{9,11},"), r"\1<timestamp>,"),
    (re.compile(r'("timestamp": )\d{9,11}'), r"\1<timestamp>"),
]

COMMANDS = {
    "articles.txt": ["articles", "{db}"],
    "articles.json": ["articles", "{db}", "--json"],
    "articles.csv": ["articles", "{db}", "--csv"],
    "show-6.txt": ["show", "{db}", "6"],
    "links.json": ["links", "{db}"],
    "links.jsonl": ["links", "{db}", "--nl"],
    "families.json": ["families", "{db}"],
    "families.jsonl": ["families", "{db}", "--nl"],
    "network.txt": ["network", "{db}"],
    "network.json": ["network", "{db}", "--json"],
    "network.gexf": ["network", "{db}", "--gexf"],
    "report.txt": ["report", "{db}"],
    "report-family-1.txt": ["report", "{db}", "--family", "1"],
    "report-family-3.txt": ["report", "{db}", "--family", "3"],
    "report-article-6.txt": ["report", "{db}", "--article", "6"],
    "events.txt": ["events", "{db}", "--silent"],
    "events.json": ["events", "{db}", "--json", "--silent"],
    "events.jsonl": ["events", "{db}", "--nl", "--silent"],
    "export-events.csv": ["export", "{db}", "--events", "--csv"],
    "export-events.geojson": ["export", "{db}", "--events", "--geojson"],
}


def _masked(text: str) -> str:
    for pattern, replacement in RUN_TIMES:
        text = pattern.sub(replacement, text)
    return text


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_golden_output_unchanged(
    example_store: str, run_cli: Callable[[list[str]], str], name: str
) -> None:
    args = [part.format(db=example_store) for part in COMMANDS[name]]
    output = _masked(run_cli(args))
    path = EXPECTED / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(output, encoding="utf-8")
    assert output == path.read_text(encoding="utf-8"), f"newstrace {' '.join(args)} changed"
