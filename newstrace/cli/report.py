"""Terminal reports a journalist can read: a family's timeline, origin, evidence and changes.

All article text goes into rich Text objects, never into markup strings, so a title such as
"[bold]" or "[/]" prints as it is.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newstrace.engines.translations import aligned_text
from newstrace.models import Article
from newstrace.reuse.changes import readable_diff
from newstrace.reuse.evidence import lag_hours
from newstrace.store import load_article
from newstrace.store.families import family_of, family_summaries, load_stored_family
from newstrace.store.links import article_links, link_kind_label, longest_passage

PASSAGE_PREVIEW_CHARS = 160
DIFF_PREVIEW_LINES = 20  # diff lines a copy shows unless --full
MAX_CHANGES_SHOWN = 8  # changes listed per copy unless --full
MAX_COPIES_SHOWN = 3  # copies with a panel of their own unless --full
CHANGE_VALUE_CHARS = 160  # a before/after value is cut to one line of this many characters
_DIFF_STYLES = {"+": "green", "-": "red", "@": "cyan"}


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


def _short(value: str) -> str:
    """A changed value on one line, cut to CHANGE_VALUE_CHARS."""
    line = " ".join(value.split())
    return line if len(line) <= CHANGE_VALUE_CHARS else line[: CHANGE_VALUE_CHARS - 1] + "…"


def _change_lines(changes: list[dict[str, Any]], full: bool = False) -> Text:
    text = Text()
    shown = changes if full else changes[:MAX_CHANGES_SHOWN]
    for change in shown:
        text.append("  • ")
        text.append(change["detail"] if full else _short(change["detail"]))
        if change["kind"] != "comments dropped":
            for side, style in (("before", "red"), ("after", "green")):
                value = change[side]
                if value and value not in change["detail"]:
                    text.append(f"\n      {side}: {value if full else _short(value)}", style=style)
        text.append("\n")
    hidden = changes[len(shown) :]
    if hidden:
        kinds = Counter(change["kind"] for change in hidden)
        counted = ", ".join(f"{n} {kind}" for kind, n in kinds.most_common())
        text.append(
            f"  … and {len(hidden)} more changes ({counted}); all with --full\n", style="dim"
        )
    return text


def diff_text(diff: str, full: bool = True) -> Text:
    """A readable diff coloured line by line: additions green, removals red; unless full, only
    its first DIFF_PREVIEW_LINES changed lines, each cut to one line, and the counts of the rest
    (unchanged lines are counted, not shown)."""
    lines = diff.splitlines()
    if full:
        return _coloured(lines, full)
    changed = [line for line in lines if line[:1] in _DIFF_STYLES]
    shown = changed[:DIFF_PREVIEW_LINES]
    text = _coloured(shown, full)
    rest = changed[len(shown) :]
    unchanged = len(lines) - len(changed)
    if not any(line[:1] in "+-" and line[:3] not in ("+++", "---") for line in lines):
        text.append(f"(the body is the parent's, {unchanged} lines unchanged)\n", style="dim")
    elif rest or unchanged:
        added = sum(1 for line in rest if line.startswith("+"))
        removed = sum(1 for line in rest if line.startswith("-"))
        text.append(
            f"… {len(rest) + unchanged} more lines ({added} added, {removed} removed, "
            f"{unchanged} unchanged); the whole diff with --full\n",
            style="dim",
        )
    return text


def _coloured(lines: list[str], full: bool) -> Text:
    text = Text()
    for line in lines:
        cut = (
            line
            if full or len(line) <= CHANGE_VALUE_CHARS
            else line[: CHANGE_VALUE_CHARS - 1] + "…"
        )
        text.append(cut + "\n", style=_DIFF_STYLES.get(line[:1], ""))
    return text


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
        parts.append(_change_lines(member["changes"], full))
    aligned = aligned_text(conn, parent, copy) if parent and copy else None
    if aligned is not None:  # a translation: its aligned sentences, not a word diff
        parts += [Text("aligned sentences:", style="bold"), Text(aligned)]
    elif parent is not None and copy is not None:
        parts.append(Text("diff against the parent:", style="bold"))
        parts.append(diff_text(readable_diff(parent, copy), full))
    title = Text(f"article {member['article']} · {member['outlet'] or 'unknown outlet'}")
    return Panel(Group(*parts), title=title, title_align="left")


def _family(conn: sqlite3.Connection, family_id: int) -> dict[str, Any] | None:
    # The report reads the family in its JSON shape: what `newstrace families` prints.
    stored = load_stored_family(conn, family_id)
    return stored.to_json() if stored else None


def family_report(conn: sqlite3.Connection, family_id: int, full: bool = False) -> RenderableType:
    """The family's timeline, its origin with the evidence, and its copies with their changes:
    unless full, the first MAX_COPIES_SHOWN copies, each change and diff cut short."""
    family = _family(conn, family_id)
    if family is None:
        return Text(f"No family {family_id}. Run `newstrace trace` first, or list families.")
    origin = family["origin"]
    origin_member = next((m for m in family["members"] if m["article"] == origin["article"]), None)
    origin_published = _used_date(origin_member)
    heading = Text(f"Family {family['id']}: {len(family['members'])} articles\n", style="bold")
    if origin["external"]:
        heading.append(f"Origin: outside the corpus, credited to {origin['outlet']}\n")
    else:
        article = load_article(conn, origin["article"])
        heading.append(
            f"Origin: article {origin['article']}, {origin['outlet'] or 'unknown outlet'}: "
        )
        heading.append(f"{_label(article)}\n")
        heading.append("why this is the origin:\n", style="bold")
        heading.append_text(_evidence_lines(origin_member["evidence"] if origin_member else []))
    copies = [m for m in family["members"] if m["article"] != origin["article"]]
    shown = copies if full else copies[:MAX_COPIES_SHOWN]
    parts: list[RenderableType] = [heading, _timeline(family, origin_published)]
    parts += [_copy_panel(conn, member, full) for member in shown]
    if len(shown) < len(copies):
        parts.append(
            Text(f"… {len(copies) - len(shown)} more copies in the timeline; each with --full")
        )
    return Group(*parts)


def _passage_preview(conn: sqlite3.Connection, link_id: int, article: Article, is_a: bool) -> str:
    passage = longest_passage(conn, link_id)
    if passage is None:
        return ""
    start, end = (passage.a_start, passage.a_end) if is_a else (passage.b_start, passage.b_end)
    text = " ".join(article.body[start:end].split())
    return text if len(text) <= PASSAGE_PREVIEW_CHARS else text[: PASSAGE_PREVIEW_CHARS - 1] + "…"


def article_report(conn: sqlite3.Connection, article_id: int) -> RenderableType:
    """Which family an article is in, its role there, and its links with the shared passages."""
    article = load_article(conn, article_id)
    if article is None:
        return Text(f"No article {article_id}.")
    heading = Text(f"Article {article_id}: {_label(article)}\n", style="bold")
    heading.append(f"{article.outlet or 'unknown outlet'}, {article.published or 'unknown date'}\n")
    for field, evidence in article.inferred.items():
        heading.append(f"  {field} inferred — {evidence}\n", style="yellow")
    heading.append_text(_role_text(conn, article_id))
    table = Table(title=Text("Shared text"), title_justify="left", header_style="bold")
    for column in ("with", "outlet", "shared tokens", "coverage here", "kind", "shared passage"):
        table.add_column(column)
    for link_id, other_id, tokens, coverage, same_outlet, is_a in article_links(conn, article_id):
        other = load_article(conn, other_id)
        table.add_row(
            Text(str(other_id)),
            Text((other.outlet if other else None) or "unknown outlet"),
            Text(str(tokens)),
            Text(f"{coverage:.0%}"),
            Text("same outlet" if same_outlet else link_kind_label(conn, link_id) or "copy"),
            Text(_passage_preview(conn, link_id, article, is_a)),
        )
    return Group(heading, table)


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


def families_overview(conn: sqlite3.Connection) -> RenderableType:
    """One line per family: its origin, outlet and size, biggest first."""
    table = Table(title=Text("Copy families"), title_justify="left", header_style="bold")
    for column in ("family", "origin", "outlet", "copies", "title"):
        table.add_column(column)
    for family_id, origin, outlet, external, size in family_summaries(conn):
        article = load_article(conn, origin if origin is not None else family_id)
        table.add_row(
            Text(str(family_id)),
            Text("external" if external else str(origin)),
            Text(outlet or "unknown outlet"),
            Text(str(size - (0 if external else 1))),
            Text(_label(article)),
        )
    return table
