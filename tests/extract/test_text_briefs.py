"""A plain-text file of one paragraph (a wire brief, a post) is a body; a headline stays a title."""

from __future__ import annotations

from pathlib import Path

from newstrace.extract.dispatch import extract
from newstrace.ingest import iter_items
from newstrace.models import Document
from newstrace.settings import Settings

BRIEF = "On 2 June 2024, gunmen abducted four traders on the road between Tarnby and Kolvik.\n"
TITLED = (
    "Dock strike spreads to a second port\n\n"
    "Workers walked out on Monday at the northern terminal, the union said.\n\n"
    "Talks with the port authority resume on Friday.\n"
)


def _article(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text)
    settings = Settings()
    items = [i for i in iter_items([str(path)], settings) if isinstance(i, Document)]
    return extract(items[0], settings)


def test_one_paragraph_text_file_is_read_as_its_body(tmp_path: Path) -> None:
    article = _article(tmp_path, "brief.txt", BRIEF)
    assert article.title is None
    assert article.body == BRIEF.strip()


def test_a_headline_above_paragraphs_stays_the_title(tmp_path: Path) -> None:
    article = _article(tmp_path, "story.txt", TITLED)
    assert article.title == "Dock strike spreads to a second port"
    assert article.body.startswith("Workers walked out on Monday")


def test_a_title_cased_headline_ending_in_a_full_stop_stays_the_title(tmp_path: Path) -> None:
    headline = "Harbour Strike Spreads To A Second Port. Talks Are Set For Friday."
    article = _article(tmp_path, "strike.txt", f"{headline}\n\n{TITLED.split(chr(10), 2)[2]}")
    assert article.title == headline
    assert article.body.startswith("Workers walked out on Monday")
