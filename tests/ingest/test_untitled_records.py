"""Short title-less records (a wire brief, a post, an event note) keep their text as the body."""

from __future__ import annotations

import json
from pathlib import Path

from newstrace.extract.dispatch import extract
from newstrace.ingest import iter_items, parse_mapping
from newstrace.models import Document
from newstrace.settings import Settings

NOTES = [
    {"id": "n1", "text": "On 4 March 2024, gunmen abducted two traders on the road to Tarnby."},
    {
        "id": "n2",
        "text": "Residents of Kolvik marched to the town hall on Monday, demanding water.",
    },
    {
        "id": "n3",
        "text": "Police in Ardmore said on Friday that a fire destroyed three warehouses near "
        "the port overnight.\n\nNobody was hurt.",
    },
]


def _articles(tmp_path: Path, rows: list[dict[str, str]], mapping: str) -> list:
    path = tmp_path / "notes.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    settings = Settings()
    items = iter_items([str(path)], settings, mapping=parse_mapping(mapping))
    return [extract(item, settings) for item in items if isinstance(item, Document)]


def test_untitled_record_text_is_the_body(tmp_path: Path) -> None:
    articles = _articles(tmp_path, NOTES, "text=text,id=id")
    assert [a.title for a in articles] == [None, None, None]
    assert articles[0].body == NOTES[0]["text"]
    assert articles[1].body == NOTES[1]["text"]
    assert articles[2].body.startswith("Police in Ardmore said")
    assert articles[2].body.endswith("Nobody was hurt.")


def test_titled_record_keeps_its_title_apart(tmp_path: Path) -> None:
    rows = [{"id": "t1", "title": "Warehouses burn", "text": NOTES[2]["text"]}]
    (article,) = _articles(tmp_path, rows, "text=text,title=title,id=id")
    assert article.title == "Warehouses burn"
    assert article.body.startswith("Police in Ardmore said")
