"""A family report that fits one terminal screen: copies grouped, their changes counted.

The copies of one outlet form one group; each group is a few lines (its parents, its
articles, the counts of its changes, the first change), every line cut to the
terminal's width, and the groups shown are capped: `report --family N --full` prints the
timeline and every copy's evidence, changes and diff instead (`report.family_report`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

MAX_GROUPS_SHOWN = 6  # groups of copies listed before "… and K more"
MAX_IDS_SHOWN = 8  # article ids listed per group before "… and K more"
MAX_EVIDENCE_SHOWN = 3  # evidence lines shown for the origin before "… and K more"
CHANGE_LINE_CHARS = 76  # a change in a brief report takes two such lines at the most

Member = dict[str, Any]


def line(*parts: str | tuple[str, str], style: str = "") -> Text:
    """One terminal line: cut with an ellipsis at the console's width, never wrapped."""
    return Text.assemble(*parts, style=style, no_wrap=True, overflow="ellipsis", end="\n")


def more(hidden: int, noun: str) -> Text:
    """The line that stands for what a capped list left out."""
    return line(f"  … and {hidden} more {noun} (use --full)", style="dim")


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _one_line(value: str) -> str:
    return " ".join(value.split())


def evidence_lines(evidence: list[dict[str, Any]]) -> list[Text]:
    """The first MAX_EVIDENCE_SHOWN evidence items, one line each, strongest first."""
    ranked = sorted(evidence, key=lambda item: -abs(item["weight"]))
    lines = [
        line(
            (f"  {item['weight']:+.2f} ", "green" if item["weight"] >= 0 else "red"),
            (f"{item['kind']}: ", "bold"),
            _one_line(item["detail"]),
        )
        for item in ranked[:MAX_EVIDENCE_SHOWN]
    ]
    if len(ranked) > MAX_EVIDENCE_SHOWN:
        lines.append(more(len(ranked) - MAX_EVIDENCE_SHOWN, "evidence items"))
    return lines or [line("  (no evidence recorded)", style="dim")]


def group_copies(copies: list[Member]) -> list[list[Member]]:
    """Copies grouped by outlet; the outlet with most copies first."""
    groups: dict[str, list[Member]] = {}
    for member in copies:
        groups.setdefault(member["outlet"] or "unknown outlet", []).append(member)
    return sorted(groups.values(), key=lambda group: (-len(group), _first_date(group)))


def _first_date(members: list[Member]) -> str:
    return min((m["published"] for m in members if m["published"]), default="~")


def _span(members: list[Member]) -> str:
    dates = sorted(m["published"][:10] for m in members if m["published"])
    if not dates:
        return "no dates"
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} → {dates[-1]}"


def _range(values: list[float | None], form: Callable[[float], str]) -> str:
    known = [value for value in values if value is not None]
    if not known:
        return "—"
    low, high = min(known), max(known)
    return form(low) if form(low) == form(high) else f"{form(low)}–{form(high)}"


def _parents(members: list[Member]) -> str:
    counts = Counter(m["parent"] for m in members).most_common()
    if len(counts) == 1:
        return "the wire" if counts[0][0] is None else f"article {counts[0][0]}"
    names = [
        ("the wire" if parent is None else str(parent)) + (f" ×{n}" if n > 1 else "")
        for parent, n in counts
    ]
    return "articles " + ", ".join(names)


def _ids(members: list[Member]) -> str:
    ids = ", ".join(str(m["article"]) for m in members[:MAX_IDS_SHOWN])
    hidden = len(members) - MAX_IDS_SHOWN
    return ids + (f" … and {hidden} more" if hidden > 0 else "")


def _change_counts(members: list[Member]) -> str:
    counts = Counter(change["kind"] for m in members for change in m["changes"])
    if not counts:
        return "no change recorded"
    return ", ".join(f"{kind} ×{n}" for kind, n in counts.most_common())


def change_line(change: dict[str, Any]) -> str:
    """A change on one line: what changed, and the text it concerns when the detail does not
    quote it (what the copy has, or else what it dropped)."""
    detail = _one_line(change["detail"])
    if change["kind"] == "comments dropped":  # its before and after are counts, in the detail
        return detail
    text = change.get("after") or change.get("before")
    return f"{detail}: {_one_line(text)}" if text and text not in detail else detail


def change_lines_brief(changes: list[dict[str, Any]], shown: int) -> list[Text]:
    """A copy's changes by kind, the first `shown` kinds: each kind's count and its first
    change, wrapped over two lines at the most; then the count of the kinds left out."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for change in changes:
        by_kind.setdefault(change["kind"], []).append(change)
    lines = []
    for kind, found in list(by_kind.items())[:shown]:
        counted = f"{kind} ×{len(found)}, the first: " if len(found) > 1 else ""
        text = Text(f"  • {counted}{change_line(found[0])}", overflow="ellipsis", end="\n")
        text.truncate(2 * CHANGE_LINE_CHARS, overflow="ellipsis")
        lines.append(text)
    hidden = len(by_kind) - len(lines)
    return [*lines, more(hidden, "kinds of change")] if hidden > 0 else lines


def _first_change(members: list[Member]) -> str | None:
    for member in members:
        for change in member["changes"]:
            return change_line(change)
    return None


def group_lines(members: list[Member]) -> list[Text]:
    """A group of copies in three or four lines: who, which articles, what changed."""
    first = members[0]
    lines = [
        line(
            "• ",
            (f"{first['outlet'] or 'unknown outlet'}", "bold"),
            f": {_count(len(members), 'copy', 'copies')} of {_parents(members)}, coverage "
            f"{_range([m['coverage'] for m in members], lambda v: f'{v:.0%}')}, confidence "
            f"{_range([m['confidence'] for m in members], lambda v: f'{v:.2f}')}",
        ),
        line(
            f"    {_span(members)}: {'article' if len(members) == 1 else 'articles'} {_ids(members)}"
        ),
        line(f"    changes: {_change_counts(members)}"),
    ]
    change = _first_change(members)
    if change:
        lines.append(line(f"    first: {change}", style="dim"))
    return lines


def copies_summary(copies: list[Member]) -> list[Text]:
    """The copies of a family grouped by outlet, the groups capped, each a few lines."""
    groups = group_copies(copies)
    outlets = {m["outlet"] for m in copies}
    lines = [
        line(
            (
                f"{_count(len(copies), 'copy', 'copies')} by {_count(len(outlets), 'outlet')}",
                "bold",
            ),
            ", the outlet with most copies first:",
        )
    ]
    for members in groups[:MAX_GROUPS_SHOWN]:
        lines += group_lines(members)
    if len(groups) > MAX_GROUPS_SHOWN:
        hidden = groups[MAX_GROUPS_SHOWN:]
        copies_hidden = _count(sum(map(len, hidden)), "copy", "copies")
        outlets_hidden = "outlet" if len(hidden) == 1 else "outlets"
        lines.append(more(len(hidden), f"{outlets_hidden} with {copies_hidden}"))
    return lines


def brief_family(family: dict[str, Any], origin_lines: list[Text]) -> RenderableType:
    """The one-screen family report: heading, origin and why, the copies grouped by outlet."""
    members = family["members"]
    origin = family["origin"]
    copies = [m for m in members if m["article"] != origin["article"]]
    heading = line(
        (f"Family {family['id']}: {len(members)} articles", "bold"), f" · {_span(members)}"
    )
    parts: list[Text] = [heading, *origin_lines, line("")]
    parts += copies_summary(copies)
    return Group(*parts)


def full_hint(family_id: int) -> Text:
    """The last line of a brief report: how to see all of it."""
    return line(
        f"Timeline, evidence, changes and diffs in full: "
        f"newstrace report DB --family {family_id} --full",
        style="dim",
    )


def _cut(value: str, width: int) -> str:
    return value.ljust(width) if len(value) <= width else value[: width - 1] + "…"


def lines_table(
    title: str, headers: tuple[str, ...], rows: Sequence[tuple[str, ...]], widths: tuple[int, ...]
) -> RenderableType:
    """A table whose rows are one terminal line each, cut at the terminal's width."""

    def row_line(cells: tuple[str, ...], style: str = "") -> Text:
        fixed = " ".join(_cut(cell, width) for cell, width in zip(cells, widths, strict=False))
        return line(f"{fixed} {cells[-1]}", style=style)

    short_headers = tuple(header.split()[-1] for header in headers)
    parts = [line(title, style="bold"), row_line(short_headers, style="bold")]
    return Group(*parts, *(row_line(row) for row in rows))


def wrapped_table(title: str, headers: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> Table:
    """A table whose cells wrap: every row in full, however many lines it takes."""
    table = Table(title=Text(title), title_justify="left", header_style="bold")
    for column in headers:
        table.add_column(column)
    for row in rows:
        table.add_row(*map(Text, row))
    return table
