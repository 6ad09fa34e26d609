"""A copy's changes and its diff against its parent as terminal text, cut short unless full."""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich.text import Text

DIFF_PREVIEW_LINES = 20  # diff lines a copy shows unless --full
MAX_CHANGES_SHOWN = 8  # changes listed per copy unless --full
CHANGE_VALUE_CHARS = 160  # a before/after value is cut to one line of this many characters
_DIFF_STYLES = {"+": "green", "-": "red", "@": "cyan"}


def _short(value: str) -> str:
    """A changed value on one line, cut to CHANGE_VALUE_CHARS."""
    line = " ".join(value.split())
    return line if len(line) <= CHANGE_VALUE_CHARS else line[: CHANGE_VALUE_CHARS - 1] + "…"


def change_lines(changes: list[dict[str, Any]], full: bool = False) -> Text:
    """A copy's changes, one bullet each; unless full, the first MAX_CHANGES_SHOWN, cut short."""
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


def diff_text(diff: str, full: bool = True, preview_lines: int = DIFF_PREVIEW_LINES) -> Text:
    """A readable diff coloured line by line: additions green, removals red; unless full, only
    its first `preview_lines` changed lines, each cut to one line, and the counts of the rest
    (unchanged lines are counted, not shown)."""
    lines = diff.splitlines()
    if full:
        return _coloured(lines, full)
    changed = [line for line in lines if line[:1] in _DIFF_STYLES]
    shown = changed[:preview_lines]
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
    for diff_line in lines:
        cut = (
            diff_line
            if full or len(diff_line) <= CHANGE_VALUE_CHARS
            else diff_line[: CHANGE_VALUE_CHARS - 1] + "…"
        )
        text.append(cut + "\n", style=_DIFF_STYLES.get(diff_line[:1], ""))
    return text
