"""A copy family for reading: timeline with lags, origin evidence, side-by-side diffs.

The diff is built from the reuse stage's own comparison (paragraph alignment, sentence edits,
title and page changes), so the page shows exactly what `newstrace report --family` reports.
Shared by the family page and the self-contained hand-over report.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from newstrace.engines.translations import aligned_sentences, is_translated
from newstrace.models import Article
from newstrace.reuse.changes import align_paragraphs, page_changes, sentence_edits, title_changes
from newstrace.reuse.evidence import lag_hours
from newstrace.store import load_article
from newstrace.store.browse import pair_link_kinds
from newstrace.store.families import load_stored_family
from newstrace.web.lists import PAGE_ROWS, page_of
from newstrace.web.quotes_view import cluster_of
from newstrace.web.timeaxis import Tick, hour_ticks, parse_time

HOURS_PER_DAY = 24
TIMELINE_WIDTH = 800  # the SVG timeline's drawing width, in its own units
TIMELINE_MARGIN = 40

Piece = tuple[str, str]  # (text, css class: "" | "del" | "ins" | "case")


@dataclass
class DiffRow:
    """One row of a side-by-side diff: what the parent had, what the copy has."""

    kind: str  # title, same, edited, removed, added, media, boilerplate, meta, comments
    left: list[Piece] = field(default_factory=list)
    right: list[Piece] = field(default_factory=list)
    note: str = ""


def format_lag(hours: float | None) -> str:
    """A lag a reader takes in at once: '+5.1 h', '+1.0 days', '—' when unknown."""
    if hours is None:
        return "—"
    if abs(hours) < 2 * HOURS_PER_DAY:
        return f"{hours:+.1f} h"
    return f"{hours / HOURS_PER_DAY:+.1f} days"


def _highlight(text: str, fragments: list[str], css: str) -> list[Piece]:
    """The text with each fragment (in order) marked; the whole text when one is not found."""
    pieces: list[Piece] = []
    cursor = 0
    for fragment in fragments:
        at = text.find(fragment, cursor) if fragment else -1
        if at < 0:
            return [(text, css)]
        pieces += [(text[cursor:at], ""), (fragment, css)]
        cursor = at + len(fragment)
    pieces.append((text[cursor:], ""))
    return [piece for piece in pieces if piece[0]]


def _case_pieces(text: str, other: str) -> list[Piece]:
    """The title with the words whose case differs from the other version marked."""
    pieces: list[Piece] = []
    words, others = text.split(" "), other.split(" ")
    for index, word in enumerate(words):
        changed = index < len(others) and others[index] != word
        pieces.append((word, "case" if changed else ""))
        if index < len(words) - 1:
            pieces.append((" ", ""))
    return pieces


def _title_side(
    article: Article, other: Article, label_changed: bool, title_css: str, mark: str
) -> list[Piece]:
    pieces: list[Piece] = []
    if article.title_label:
        pieces.append((f"{article.title_label}: ", mark if label_changed else ""))
    title = article.title or "(no title)"
    if title_css == "case":
        return pieces + _case_pieces(title, other.title or "")
    pieces.append((title, mark if title_css == "reworded" else ""))
    return pieces


def _title_row(parent: Article, copy: Article) -> DiffRow:
    changes = {change.kind: change for change in title_changes(parent, copy)}
    title_css = "case" if "title case changed" in changes else ""
    title_css = "reworded" if "title reworded" in changes else title_css
    return DiffRow(
        "title",
        _title_side(parent, copy, "title label removed" in changes, title_css, "del"),
        _title_side(copy, parent, "title label added" in changes, title_css, "ins"),
        "; ".join(change.detail for change in changes.values()),
    )


def _paragraph_rows(parent: Article, copy: Article) -> list[tuple[int | None, DiffRow]]:
    rows: list[tuple[int | None, DiffRow]] = []
    for i, j in align_paragraphs(parent.paragraphs, copy.paragraphs):
        if i is not None and j is not None:
            before, after = parent.paragraphs[i], copy.paragraphs[j]
            edits = sentence_edits(before, after)
            if not edits:
                rows.append((j, DiffRow("same", [(before, "")], [(after, "")])))
                continue
            left = _highlight(before, [old for old, _ in edits], "del")
            right = _highlight(after, [new for _, new in edits], "ins")
            rows.append((j, DiffRow("edited", left, right, f"paragraph {i + 1} edited")))
        elif i is not None:
            rows.append(
                (None, DiffRow("removed", [(parent.paragraphs[i], "del")], [], "paragraph removed"))
            )
        elif j is not None:
            rows.append((j, DiffRow("added", [], [(copy.paragraphs[j], "ins")], "paragraph added")))
    return rows


_PAGE_ROW_KINDS = {
    "boilerplate appended": "boilerplate",
    "attribution added": "boilerplate",
    "byline added": "meta",
    "byline changed": "meta",
    "dates added": "meta",
    "tags added": "meta",
}


def diff_rows(parent: Article, copy: Article) -> list[DiffRow]:
    """The side-by-side diff of a copy against its parent, in reading order."""
    changes = page_changes(parent, copy)
    meta = [c for c in changes if _PAGE_ROW_KINDS.get(c.kind) == "meta"]
    rows = [_title_row(parent, copy)]
    rows += [
        DiffRow("meta", [(c.before, "del")] if c.before else [], [(c.after or "", "ins")], c.detail)
        for c in meta
    ]
    media: dict[int, list[DiffRow]] = {}
    for change in (c for c in changes if c.kind == "media inserted"):
        after = -1 if not change.position else change.position - 1  # the copy paragraph it follows
        media.setdefault(after, []).append(
            DiffRow("media", [], [(change.after or "", "ins")], change.detail)
        )
    rows += media.pop(-1, [])
    for j, row in _paragraph_rows(parent, copy):
        rows.append(row)
        if j is not None:
            rows += media.pop(j, [])
    rows += [row for later in media.values() for row in later]
    for change in changes:
        if _PAGE_ROW_KINDS.get(change.kind) == "boilerplate":
            rows.append(DiffRow("boilerplate", [], [(change.after or "", "ins")], change.detail))
        elif change.kind == "comments dropped":
            rows.append(DiffRow("comments", [(change.detail, "del")], [], change.detail))
    return rows


def _timeline(family: dict[str, Any], origin_published: str | None) -> list[dict[str, Any]]:
    members = sorted(
        family["members"], key=lambda m: (m["published"] is None, m["published"] or "")
    )
    timeline = []
    for member in members:
        lag = lag_hours(origin_published, member["published"])
        is_origin = member["article"] == family["origin"]["article"]
        timeline.append(
            {**member, "lag_hours": lag, "lag": format_lag(lag), "is_origin": is_origin}
        )
    _place_on_axis(timeline)
    return timeline


def _place_on_axis(timeline: list[dict[str, Any]]) -> tuple[float, float, float]:
    """x positions for the SVG timeline: time from the origin, scaled to the drawing width;
    returns the first and last lag in hours and the scale (units per hour)."""
    lags = [m["lag_hours"] for m in timeline if m["lag_hours"] is not None]
    low, high = (min(lags), max(lags)) if lags else (0.0, 0.0)
    span = (high - low) or 1.0
    width = TIMELINE_WIDTH - 2 * TIMELINE_MARGIN
    for index, member in enumerate(timeline):
        lag = member["lag_hours"]
        member["x"] = round(
            TIMELINE_MARGIN + (width * (lag - low) / span if lag is not None else 0), 1
        )
        member["y"] = 30 + 22 * index
    return low, low + span, width / span


def page_rows(timeline: list[dict[str, Any]], shown: set[int]) -> list[dict[str, Any]]:
    """The timeline rows of the members on one page of the copy picker (and the origin), laid
    out one under another; x stays on the whole family's axis so pages compare."""
    rows = [dict(m) for m in timeline if m["is_origin"] or m["article"] in shown]
    for index, row in enumerate(rows):
        row["y"] = 30 + 22 * index
    return rows


def date_ticks(origin_published: str | None, timeline: list[dict[str, Any]]) -> list[Tick]:
    """Dated marks under the family timeline (none when the origin has no date)."""
    start = parse_time(origin_published)
    if start is None or not any(m["lag_hours"] is not None for m in timeline):
        return []
    low, high, scale = _place_on_axis(timeline)
    return hour_ticks(start, low, high, TIMELINE_MARGIN, scale)


def translation_rows(conn: sqlite3.Connection, parent: Article, copy: Article) -> list[DiffRow]:
    """A translated copy beside its parent: each aligned sentence group side by side, each side
    labelled with its language, the passage's similarity in its note."""
    if parent.id is None or copy.id is None:
        return []
    rows = []
    for here, there, similarity in aligned_sentences(conn, parent.id, copy.id):
        score = "" if similarity is None else f" · similarity {similarity:.2f}"
        rows.append(
            DiffRow(
                "translated",
                [(f"[{parent.language}] ", "lang"), (here, "")],
                [(f"[{copy.language}] ", "lang"), (there, "")],
                f"{parent.language} → {copy.language}{score}",
            )
        )
    return rows


def _copy_diff(conn: sqlite3.Connection, member: dict[str, Any]) -> dict[str, Any]:
    copy = load_article(conn, member["article"])
    parent = load_article(conn, member["parent"]) if member["parent"] is not None else None
    rows: list[DiffRow] = []
    if parent is not None and copy is not None:
        translated = is_translated(parent, copy)
        rows = translation_rows(conn, parent, copy) if translated else diff_rows(parent, copy)
    return {"member": member, "copy": copy, "parent": parent, "rows": rows}


def _with_link_kinds(conn: sqlite3.Connection, timeline: list[dict[str, Any]]) -> None:
    """Each member with the kind of the link to its parent (republication, translation, ...)."""
    pairs = [(m["article"], m["parent"]) for m in timeline if m["parent"] is not None]
    kinds = pair_link_kinds(conn, pairs)
    for member in timeline:
        parent = member["parent"]
        pair = (min(member["article"], parent), max(member["article"], parent)) if parent else None
        member["link_kind"] = kinds.get(pair) if pair else None


def family_page(
    conn: sqlite3.Connection, family_id: int, copy_id: int | None, page: int = 0
) -> dict[str, Any] | None:
    """Everything a family page shows; the diff is of copy_id (default: the first copy), and
    the copy picker lists one page of the copies (page 0: the one listing the chosen copy)."""
    stored = load_stored_family(conn, family_id)
    if stored is None:
        return None
    family = stored.to_json()  # the page shows the family as `newstrace families` prints it
    origin = family["origin"]
    origin_member = next((m for m in family["members"] if m["article"] == origin["article"]), None)
    copies = [m for m in family["members"] if m["article"] != origin["article"]]
    chosen = next((m for m in copies if m["article"] == copy_id), copies[0] if copies else None)
    if page < 1 and chosen is not None:
        page = 1 + copies.index(chosen) // PAGE_ROWS
    picked, page, pages = page_of(copies, page)
    origin_published = origin_member["published"] if origin_member else None
    timeline = _timeline(family, origin_published)
    shown = page_rows(timeline, {m["article"] for m in picked})
    _with_link_kinds(conn, shown)
    return {
        "family": family,
        "origin": origin,
        "origin_member": origin_member,
        "origin_article": load_article(conn, origin["article"]) if origin["article"] else None,
        "timeline": shown,
        "timeline_ticks": date_ticks(origin_published, timeline),
        "timeline_height": 60 + 22 * len(shown),
        "timeline_paged": pages > 1,
        "timeline_width": TIMELINE_WIDTH,
        "copies": copies,
        "copies_shown": picked,
        "quotation_clusters": cluster_of(conn, [m["article"] for m in family["members"]]),
        "copy_page": page,
        "copy_pages": pages,
        "diff": _copy_diff(conn, chosen) if chosen else None,
    }


def family_report_data(conn: sqlite3.Connection, family_id: int) -> dict[str, Any] | None:
    """A family with the diff of every copy against its parent: the hand-over report's content."""
    page = family_page(conn, family_id, None)
    if page is None:
        return None
    page["diffs"] = [_copy_diff(conn, member) for member in page["copies"]]
    whole = _timeline(
        page["family"], page["origin_member"]["published"] if page["origin_member"] else None
    )
    _with_link_kinds(conn, whole)  # the hand-over report shows every member, not one page
    page.update(timeline=whole, timeline_height=60 + 22 * len(whole), timeline_paged=False)
    return page
