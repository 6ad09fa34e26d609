"""An article's body cut into segments: copied passages and event sentences marked, with anchors.

The page shows each segment as escaped text; a copied passage is marked and followed by links to
the same passage in the other articles, and every passage start and event sentence gets an
anchor so links from elsewhere land on the very sentence.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from newstrace.engines.translations import aligned_sentences
from newstrace.store import load_article
from newstrace.store.browse import article_link_kinds, article_passages, inferred_values
from newstrace.store.families import family_of
from newstrace.store.links import article_languages
from newstrace.web.events_view import article_events
from newstrace.web.lists import page_of
from newstrace.web.quotes_view import cluster_of

SHARED_QUOTATION = "shared quotation"
MAX_PASSAGES = 400  # a page shows at most this many aligned passages (the biggest families)


@dataclass
class Segment:
    """A run of body text with the passages and event sentences that cover it."""

    text: str
    start: int
    anchors: list[str] = field(default_factory=list)
    copied: bool = False
    same_outlet: bool = False
    event: bool = False
    links: list[dict[str, Any]] = field(default_factory=list)

    @property
    def classes(self) -> str:
        """CSS classes naming what covers the segment."""
        names = [
            ("copied", self.copied),
            ("same-outlet", self.same_outlet and not self.copied),
            ("event-sentence", self.event),
        ]
        return " ".join(name for name, on in names if on)


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """Offsets of each paragraph in a body whose paragraphs are joined by a blank line."""
    spans, start = [], 0
    for text in body.split("\n\n"):
        spans.append((start, start + len(text)))
        start += len(text) + 2
    return spans


def _covering(spans: list[dict[str, Any]], start: int, end: int) -> list[dict[str, Any]]:
    return [s for s in spans if s["start"] <= start and end <= s["end"]]


def _segment(
    body: str, start: int, end: int, passages: list[dict[str, Any]], events: list[dict[str, Any]]
) -> Segment:
    covering = _covering(passages, start, end)
    segment = Segment(
        text=body[start:end],
        start=start,
        copied=any(not p["same_outlet"] for p in covering),
        same_outlet=any(p["same_outlet"] for p in covering),
        event=bool(_covering(events, start, end)),
    )
    segment.anchors = [f"at-{start}"] * any(p["start"] == start for p in passages)
    segment.anchors += [f"s-{start}"] * any(e["start"] == start for e in events)
    segment.links = [p for p in covering if p["end"] == end]
    return segment


def body_segments(
    body: str, passages: list[dict[str, Any]], events: list[dict[str, Any]]
) -> list[list[Segment]]:
    """Paragraphs of segments: cut wherever a passage or an event sentence starts or ends."""
    cuts = {p[key] for p in passages + events for key in ("start", "end")}
    paragraphs = []
    for p_start, p_end in paragraph_spans(body):
        inner = sorted({p_start, p_end} | {c for c in cuts if p_start < c < p_end})
        paragraphs.append([_segment(body, a, b, passages, events) for a, b in pairwise(inner)])
    return paragraphs


def _dedupe_links(passages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # One passage per (other article, start here): overlapping alignments link once.
    seen: dict[tuple[int, int], dict[str, Any]] = {}
    for passage in passages:
        seen.setdefault((passage["other"], passage["start"]), passage)
    return list(seen.values())


def article_page(conn: sqlite3.Connection, article_id: int, page: int = 1) -> dict[str, Any] | None:
    """Everything the article page shows, one page of the articles it shares text with; None
    when there is no such article."""
    article = load_article(conn, article_id)
    if article is None:
        return None
    passages = _dedupe_links(article_passages(conn, article_id)[:MAX_PASSAGES])
    events = article_events(conn, article_id)
    sentence_spans = [
        {"start": e["sentence"]["start"], "end": e["sentence"]["end"], "id": e["id"]}
        for e in events
        if e["sentence"]["start"] is not None
    ]
    counterparts = _with_kinds(_counterparts(passages), article_link_kinds(conn, article_id))
    shown, page, pages = page_of(counterparts, page)
    return {
        "article": article,
        "body": body_segments(article.body, passages, sentence_spans),
        "inferred": inferred_values(conn, article_id),
        "family": family_of(conn, article_id),
        "counterparts": counterparts,
        "counterparts_shown": shown,
        "counterpart_page": page,
        "counterpart_pages": pages,
        "events": events,
        "translations": translations(conn, article_id, counterparts),
        "quotation_clusters": _quoting(conn, article_id, counterparts),
    }


def _quoting(
    conn: sqlite3.Connection, article_id: int, counterparts: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The quotation clusters the article is in (read only when it has a shared quotation)."""
    if not any(entry["kind"] == SHARED_QUOTATION for entry in counterparts):
        return []
    return cluster_of(conn, [article_id])


def translations(
    conn: sqlite3.Connection, article_id: int, counterparts: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Each translation link of the article: its aligned sentences side by side, this article's
    on the left, each side labelled with its language."""
    found = []
    for entry in (c for c in counterparts if c["kind"] == "translation"):
        other = entry["article"]
        languages = article_languages(conn, (article_id, other))
        rows = [
            {"here": here, "there": there, "similarity": similarity}
            for here, there, similarity in aligned_sentences(conn, article_id, other)
        ]
        found.append(
            {
                **entry,
                "language": languages.get(article_id),
                "other_language": languages.get(other),
                "rows": rows,
            }
        )
    return found


def _counterparts(passages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    for p in passages:
        entry = found.setdefault(
            p["other"],
            {
                "article": p["other"],
                "outlet": p["other_outlet"],
                "tokens": 0,
                "same_outlet": p["same_outlet"],
            },
        )
        entry["tokens"] += p["tokens"]
    return sorted(found.values(), key=lambda e: -e["tokens"])


def _with_kinds(
    counterparts: list[dict[str, Any]], kinds: dict[int, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Each counterpart with the kind of its link: republication, shared quotation, boilerplate."""
    for entry in counterparts:
        found = kinds.get(entry["article"])
        entry["kind"] = found["kind"] if found else None
        entry["speaker"] = found["speaker"] if found else None
    return counterparts
