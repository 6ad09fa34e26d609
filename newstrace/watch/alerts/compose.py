"""The parts every alert is made of: the articles it names, the passage it quotes, the family
page it links to, and what each rule found since its marks."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from newstrace.models import Passage
from newstrace.models.alerts import Alert, AlertArticle, AlertPassage
from newstrace.store.alert_sources import article_body, article_brief, parent_of, published_of

EXCERPT_CHARS = 400  # the passage text an alert quotes; its offsets span the whole passage
FAMILY_PATH = "/-/newstrace/family/{id}"


@dataclass(frozen=True)
class Context:
    """What every rule needs besides the store: the cycle, the time, the web UI's address."""

    cycle: int
    now: str  # ISO 8601 UTC
    base_url: str


@dataclass
class Found:
    """What one rule found since its marks: new alerts, the marks to record with them, and the
    articles a text rule found its claim in."""

    alerts: list[Alert] = field(default_factory=list)
    marks: dict[str, int] = field(default_factory=dict)
    claims: list[int] = field(default_factory=list)


def excerpt(text: str) -> str:
    """The start of a passage's text, cut at EXCERPT_CHARS with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS].rstrip() + "…"


def family_url(base_url: str, family_id: int | None, copy_id: int | None = None) -> str | None:
    """The family page of the web UI (`newstrace serve`), opened on a copy when given."""
    if family_id is None:
        return None
    url = base_url.rstrip("/") + FAMILY_PATH.format(id=family_id)
    return f"{url}?copy={copy_id}" if copy_id is not None else url


def brief(conn: sqlite3.Connection, article_id: int) -> AlertArticle:
    """The article an alert names (an id alone when it is gone)."""
    return article_brief(conn, article_id) or AlertArticle(article_id, None, None, None)


def direction(conn: sqlite3.Connection, a: int, b: int) -> tuple[int, int]:
    """(original, copy) of two linked articles: by their copy family's tree, else the earlier
    publication date, else the one stored first."""
    if parent_of(conn, b) == a:
        return a, b
    if parent_of(conn, a) == b:
        return b, a
    first, second = published_of(conn, a), published_of(conn, b)
    if first and second and second < first:
        return b, a
    return a, b


def link_passage(
    conn: sqlite3.Connection, passage: Passage, link_a: int, original: int, copy: int
) -> AlertPassage:
    """A stored passage of a link as the alert quotes it, original side first."""
    sides = {
        link_a: (passage.a_start, passage.a_end),
        (copy if link_a == original else original): (passage.b_start, passage.b_end),
    }
    (o_start, o_end), (c_start, c_end) = sides[original], sides[copy]
    return AlertPassage(
        o_start, o_end, excerpt(article_body(conn, original)[o_start:o_end]),
        c_start, c_end, excerpt(article_body(conn, copy)[c_start:c_end]),
        passage.similarity,
    )  # fmt: skip


def named(article: AlertArticle) -> str:
    """An article as a summary line names it: outlet and title, or its id."""
    title = f'"{article.title}"' if article.title else f"article {article.id}"
    return f"{article.outlet}: {title}" if article.outlet else title
