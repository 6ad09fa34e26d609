"""Shared fixtures: a fresh store and small articles written for the tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import sqlite_utils
import xxhash

from newstrace.models import Article, Boilerplate, BoilerplateKind, Comment, Document, Format
from newstrace.store import connect, transaction, write_article, write_document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    """An empty, migrated newstrace store in a temporary file."""
    return connect(tmp_path / "news.db")


def _document(text: str, source: str) -> Document:
    content = text.encode()
    return Document(source, Format.TEXT, content, xxhash.xxh3_128_hexdigest(content))


@pytest.fixture
def store_article(db: sqlite_utils.Database) -> Callable[..., int]:
    """Store an article built from paragraphs and fields; returns its id."""

    def store(paragraphs: list[str], source: str = "page.txt", **fields: object) -> int:
        article = Article(source=source, format=Format.TEXT, paragraphs=tuple(paragraphs), **fields)  # type: ignore[arg-type]
        document = _document("\n\n".join(paragraphs) + repr(sorted(fields.items())), source)
        with transaction(db) as conn:
            return write_article(conn, write_document(conn, document, None), article)

    return store


@pytest.fixture
def rich_article() -> Article:
    """An article with every kind of part, invented for the tests."""
    return Article(
        source="pages/harbour.txt",
        format=Format.TEXT,
        paragraphs=(
            "The port authority reopened the north quay on Monday.",
            "Ferries resume next week.",
        ),
        outlet="Coastline Herald",
        title="North Quay Reopens",
        title_label="Video",
        byline="Mara Lind",
        authors=("Mara Lind",),
        published="2024-05-06",
        comments=(Comment("Ole", "About time.", 0), Comment("Kit", "", 1)),
        boilerplate=(
            Boilerplate(
                "Support our reporting: donate today.", BoilerplateKind.APPEAL, "donate", 2
            ),
        ),
    )
