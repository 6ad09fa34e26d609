"""Terminal reports a journalist can read: a family's timeline, origin, evidence and changes.

All article text goes into rich Text objects, never into markup strings, so a title such as
"[bold]" or "[/]" prints as it is.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newstrace.cli.render import SCREEN_LINES, height
from newstrace.cli.report_brief import (
    brief_family,
    change_lines_brief,
    evidence_lines,
    full_hint,
    group_copies,
    line,
    lines_table,
    more,
    wrapped_table,
)
from newstrace.cli.report_changes import change_lines, diff_text
from newstrace.models import Article
from newstrace.reuse.changes import readable_diff
from newstrace.reuse.evidence import lag_hours
from newstrace.store import load_article
from newstrace.store.families import family_of, family_summaries, load_stored_family
from newstrace.store.links import article_links, link_kind_label, longest_passage

PASSAGE_PREVIEW_CHARS = 160
MAX_COPIES_SHOWN = 3  # copies with a panel of their own unless --full
MAX_LINKS_SHOWN = 15  # an article's links listed unless --full
MAX_FAMILIES_SHOWN = 25  # families listed by the overview unless --full
MIN_DIFF_LINES = 4  # a summary shows a diff's first lines only when this many fit


def _label(article: Article | None) -> str:
    if article is None:
        return "(missing article)"
    label = f"{article.title_label}: " if article.title_label else ""
    return f"{label}{article.title or '(no title)'}"


_TEXT_DATE = re.compile(r"dated (\d{4}-\d{2}-\d{2}) from its text")


def _used_date(member: dict[str, Any] | None) -> str | None:
    """The date provenance used for a member: its page date, the date its text states instead,
    or None when its page date was not used (see its "text date" evidence)."""
    if member is None:
        return None
    for item in member["evidence"]:
        if item["kind"] == "text date":
            found = _TEXT_DATE.search(item["detail"])
            return found.group(1) if found else None
    return str(member["published"]) if member["published"] else None


def _lag(origin_published: str | None, member: dict[str, Any]) -> str:
    """Time from the origin's date to this member's, both as provenance used them."""
    used = _used_date(member)
    if member["published"] and used is None:
        return "page date not used"
    hours = lag_hours(origin_published, used)
    if hours is None:
        return "—"
    lag = f"{hours:+.1f} h" if abs(hours) < 48 else f"{hours / 24:+.1f} days"
    return f"{lag} (dated before the origin)" if hours < 0 else lag


def _timeline(family: dict[str, Any], origin_published: str | None) -> Table:
    table = Table(title=Text("Timeline"), title_justify="left", header_style="bold")
    for column in ("article", "outlet", "published", "lag", "role", "coverage", "confidence"):
        table.add_column(column)
    members = sorted(
        family["members"], key=lambda m: (m["published"] is None, m["published"] or "")
    )
    for member in members:
        role = "origin" if member["article"] == family["origin"]["article"] else _role(member)
        table.add_row(
            Text(str(member["article"])),
            Text(member["outlet"] or "unknown outlet"),
            Text(member["published"] or "unknown date"),
            Text(_lag(origin_published, member)),
            Text(role),
            Text(f"{member['coverage']:.0%}" if member["coverage"] is not None else "—"),
            Text(f"{member['confidence']:.2f}" if member["confidence"] is not None else "—"),
        )
    return table


def _role(member: dict[str, Any]) -> str:
    return f"copy of {member['parent']}" if member["parent"] is not None else "copy of the wire"


def _evidence_lines(evidence: list[dict[str, Any]]) -> Text:
    text = Text()
    for item in evidence:
        style = "green" if item["weight"] >= 0 else "red"
        text.append(f"  {item['weight']:+.2f} ", style=style)
        text.append(f"{item['kind']}: ", style="bold")
        text.append(f"{item['detail']}\n")
    return text if evidence else Text("  (no evidence recorded)\n", style="dim")


def _copy_panel(conn: sqlite3.Connection, member: dict[str, Any], full: bool) -> Panel:
    copy = load_article(conn, member["article"])
    parent = load_article(conn, member["parent"]) if member["parent"] is not None else None
    body = Text()
    body.append(f"{_label(copy)}\n", style="bold")
    where = (
        "the wire, outside the corpus"
        if parent is None
        else f"article {parent.id}, {_label(parent)}"
    )
    body.append(f"copied from {where}\n")
    body.append("why we think so:\n", style="bold")
    body.append_text(_evidence_lines(member["evidence"]))
    parts: list[RenderableType] = [body]
    if member["changes"]:
        parts.append(Text("what changed:", style="bold"))
        parts.append(change_lines(member["changes"], full))
    aligned = _aligned(conn, parent, copy)
    if aligned is not None:  # a translation: its aligned sentences, not a word diff
        parts += [Text("aligned sentences:", style="bold"), Text(aligned)]
    elif parent is not None and copy is not None:
        parts.append(Text("diff against the parent:", style="bold"))
        parts.append(diff_text(readable_diff(parent, copy), full))
    title = Text(f"article {member['article']} · {member['outlet'] or 'unknown outlet'}")
    return Panel(Group(*parts), title=title, title_align="left")


def _aligned(conn: sqlite3.Connection, parent: Article | None, copy: Article | None) -> str | None:
    """A translated copy's aligned sentences; the engines are imported only for one."""
    if not (parent and copy and parent.language and copy.language):
        return None
    if parent.language == copy.language:
        return None
    from newstrace.engines.translations import aligned_text

    return aligned_text(conn, parent, copy)


def _family(conn: sqlite3.Connection, family_id: int) -> dict[str, Any] | None:
    # The report reads the family in its JSON shape: what `newstrace families` prints.
    stored = load_stored_family(conn, family_id)
    return stored.to_json() if stored else None


def family_report(
    conn: sqlite3.Connection, family_id: int, full: bool = False, width: int | None = None
) -> RenderableType:
    """The family's timeline, its origin with the evidence, and its copies with their changes.

    Unless full: the first MAX_COPIES_SHOWN copies, each change and diff cut short, when that
    fits SCREEN_LINES lines of `width` (the terminal's by default); otherwise the copies
    grouped by outlet, parent and kinds of change, a few lines each (`report_brief`).
    """
    family = _family(conn, family_id)
    if family is None:
        return Text(f"No family {family_id}. Run `newstrace trace` first, or list families.")
    origin = family["origin"]
    origin_member = next((m for m in family["members"] if m["article"] == origin["article"]), None)
    article = None if origin["external"] else load_article(conn, origin["article"])
    copies = [m for m in family["members"] if m["article"] != origin["article"]]
    shown = copies if full else copies[:MAX_COPIES_SHOWN]
    parts: list[RenderableType] = [
        _heading(family, article, origin_member),
        _timeline(family, _used_date(origin_member)),
    ]
    parts += [_copy_panel(conn, member, full) for member in shown]
    if len(shown) < len(copies):
        parts.append(
            Text(f"… {len(copies) - len(shown)} more copies in the timeline; each with --full")
        )
    detailed = Group(*parts)
    if full or height(detailed, width) <= SCREEN_LINES:
        return detailed
    brief = brief_family(family, _origin_lines(family, article, origin_member))
    first = group_copies(copies)[0][0] if copies else None
    hint = full_hint(family["id"])
    if first is None or first["parent"] is None:
        return Group(brief, hint)
    room = SCREEN_LINES - height(brief, width) - 2
    return Group(brief, _first_copy(conn, first, room, width), hint)


def _first_copy(
    conn: sqlite3.Connection, member: dict[str, Any], room: int, width: int | None
) -> Group:
    """Why one copy is a copy, its changes and the first lines of its diff (of its aligned
    sentences for a translation), in `room` lines."""
    copy, parent = load_article(conn, member["article"]), load_article(conn, member["parent"])
    if copy is None or parent is None or room < 2:
        return Group()
    heading = line(f"article {copy.id} ({copy.outlet}) copied article {parent.id}:", style="bold")
    parts: list[Text] = [heading, *evidence_lines(member["evidence"])][:room]
    for shown in range(min(len(member["changes"]), room), -1, -1):
        changes = change_lines_brief(member["changes"], shown)
        if height(Group(*parts, *changes), width) <= max(len(parts), room - MIN_DIFF_LINES):
            break
    parts += changes
    room -= height(Group(*parts), width)
    if room < MIN_DIFF_LINES:
        return Group(*parts)
    aligned = _aligned(conn, parent, copy)
    if aligned is not None:
        return Group(*parts, line("aligned sentences:", style="bold"), *_first(aligned, room - 1))
    diff = diff_text(readable_diff(parent, copy), full=False, preview_lines=room - 1)
    diff.no_wrap, diff.overflow = True, "ellipsis"
    return Group(*parts, diff)


def _first(text: str, lines: int) -> list[Text]:
    """The first lines of a text, one terminal line each, and how many more there are."""
    rows = text.splitlines()
    if len(rows) <= lines:
        return [line(row) for row in rows]
    return [line(row) for row in rows[: lines - 1]] + [more(len(rows) - lines + 1, "lines")]


def _heading(
    family: dict[str, Any], article: Article | None, origin_member: dict[str, Any] | None
) -> Text:
    origin = family["origin"]
    heading = Text(f"Family {family['id']}: {len(family['members'])} articles\n", style="bold")
    if origin["external"]:
        heading.append(f"Origin: outside the corpus, credited to {origin['outlet']}\n")
        return heading
    heading.append(f"Origin: article {origin['article']}, {origin['outlet'] or 'unknown outlet'}: ")
    heading.append(f"{_label(article)}\n")
    heading.append("why this is the origin:\n", style="bold")
    heading.append_text(_evidence_lines(origin_member["evidence"] if origin_member else []))
    return heading


def _origin_lines(
    family: dict[str, Any], article: Article | None, origin_member: dict[str, Any] | None
) -> list[Text]:
    """The origin and why, one terminal line each (the brief report's)."""
    origin = family["origin"]
    if origin["external"]:
        return [line(f"Origin: outside the corpus, credited to {origin['outlet']}")]
    published = (_used_date(origin_member) or "unknown date")[:10]
    return [
        line(
            ("Origin: ", "bold"),
            f"article {origin['article']}, {origin['outlet'] or 'unknown outlet'}, "
            f"{published}: {_label(article)}",
        ),
        line("why this is the origin:", style="bold"),
        *evidence_lines(origin_member["evidence"] if origin_member else []),
    ]


def _passage_preview(conn: sqlite3.Connection, link_id: int, article: Article, is_a: bool) -> str:
    passage = longest_passage(conn, link_id)
    if passage is None:
        return ""
    start, end = (passage.a_start, passage.a_end) if is_a else (passage.b_start, passage.b_end)
    text = " ".join(article.body[start:end].split())
    return text if len(text) <= PASSAGE_PREVIEW_CHARS else text[: PASSAGE_PREVIEW_CHARS - 1] + "…"


def article_report(conn: sqlite3.Connection, article_id: int, full: bool = False) -> RenderableType:
    """Which family an article is in, its role there, and its links with the shared passages:
    unless full, the MAX_LINKS_SHOWN links sharing most, one line each."""
    article = load_article(conn, article_id)
    if article is None:
        return Text(f"No article {article_id}.")
    heading = Text(f"Article {article_id}: {_label(article)}\n", style="bold")
    heading.append(f"{article.outlet or 'unknown outlet'}, {article.published or 'unknown date'}\n")
    for field, evidence in article.inferred.items():
        heading.append(f"  {field} inferred — {evidence}\n", style="yellow")
    heading.append_text(_role_text(conn, article_id))
    links = sorted(article_links(conn, article_id), key=lambda link: -link[2])
    shown = links if full else links[:MAX_LINKS_SHOWN]
    parts: list[RenderableType] = [heading, _links_table(conn, article, shown, full)]
    if len(shown) < len(links):
        parts.append(more(len(links) - len(shown), "links"))
    return Group(*parts)


def _links_table(
    conn: sqlite3.Connection, article: Article, links: list[Any], full: bool
) -> RenderableType:
    """The article's links: with whom, how much is shared, of what kind, the longest passage;
    unless full, one terminal line each."""
    rows = [_link_row(conn, article, link) for link in links]
    headers = ("with", "outlet", "shared tokens", "coverage here", "kind", "shared passage")
    if not full:
        return lines_table("Shared text", headers, rows, _LINK_WIDTHS)
    return wrapped_table("Shared text", headers, rows)


def _link_row(conn: sqlite3.Connection, article: Article, link: Any) -> tuple[str, ...]:
    link_id, other_id, tokens, coverage, same_outlet, is_a = link
    other = load_article(conn, other_id)
    return (
        str(other_id),
        (other.outlet if other else None) or "unknown outlet",
        str(tokens),
        f"{coverage:.0%}",
        "same outlet" if same_outlet else link_kind_label(conn, link_id) or "copy",
        _passage_preview(conn, link_id, article, is_a),
    )


# Each column's width in a table of one-line rows; the last column takes the rest of the line.
_LINK_WIDTHS = (6, 18, 7, 9, 17)
_FAMILY_WIDTHS = (7, 9, 22, 7)


def _role_text(conn: sqlite3.Connection, article_id: int) -> Text:
    family_id = family_of(conn, article_id)
    family = _family(conn, family_id) if family_id is not None else None
    if family is None:
        return Text("Not in any copy family.\n")
    member = next(m for m in family["members"] if m["article"] == article_id)
    if family["origin"]["article"] == article_id:
        role = "the origin"
    elif member["parent"] is None:
        role = f"a copy of {family['origin']['outlet']} (outside the corpus)"
    else:
        role = f"a copy of article {member['parent']} (confidence {member['confidence']:.2f})"
    return Text(f"Family {family_id} ({len(family['members'])} articles): {role}.\n")


def families_overview(conn: sqlite3.Connection, full: bool = False) -> RenderableType:
    """One line per family: its origin, outlet and size, biggest first; unless full, the
    MAX_FAMILIES_SHOWN biggest."""
    families = family_summaries(conn)
    shown = families if full else families[:MAX_FAMILIES_SHOWN]
    rows = [
        (
            str(family_id),
            "external" if external else str(origin),
            outlet or "unknown outlet",
            str(size - (0 if external else 1)),
            _label(load_article(conn, origin if origin is not None else family_id)),
        )
        for family_id, origin, outlet, external, size in shown
    ]
    headers = ("family", "origin", "outlet", "copies", "title")
    if not full:
        hidden = len(families) - len(shown)
        listed = lines_table("Copy families", headers, rows, _FAMILY_WIDTHS)
        return Group(listed, more(hidden, "families")) if hidden else listed
    return wrapped_table("Copy families", headers, rows)
