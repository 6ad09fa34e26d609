"""What a republisher changed against its parent: structured Change records and a readable diff."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from newstrace.models import Article, BoilerplateKind, Change
from newstrace.normalize import comparison_key

# Two paragraphs at least this similar (rapidfuzz ratio, 0-100) are one paragraph, edited.
MIN_EDITED_RATIO = 60.0
DIFF_CONTEXT_CHARS = 100  # unchanged paragraphs are shown cut to this length in the diff
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_ATTRIBUTION_KINDS = frozenset({BoilerplateKind.ATTRIBUTION})


def split_sentences(text: str) -> list[str]:
    """A paragraph's sentences, cut after end punctuation followed by a capital or digit."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def align_paragraphs(
    parent: tuple[str, ...], copy: tuple[str, ...]
) -> list[tuple[int | None, int | None]]:
    """Pairs (parent index, copy index) in order; None on one side for a dropped or added paragraph."""
    keys_a = [comparison_key(text) for text in parent]
    keys_b = [comparison_key(text) for text in copy]
    rows, cols = len(keys_a), len(keys_b)
    # Every paragraph against every other at once (compiled), the same ratios fuzz.ratio gives.
    ratios: list[list[float]] = [[] for _ in range(rows)]
    if rows and cols:
        ratios = cdist(keys_a, keys_b, scorer=fuzz.ratio, dtype=np.float64).tolist()
    # Weighted LCS: a pair scores its similarity, so an edited paragraph still pairs up.
    score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        below, here, row = score[i + 1], score[i], ratios[i]
        for j in range(cols - 1, -1, -1):
            ratio = row[j]
            pair = below[j + 1] + ratio if ratio >= MIN_EDITED_RATIO else -1.0
            here[j] = max(pair, below[j], here[j + 1])
    return _walk(score, ratios, rows, cols)


def _walk(
    score: list[list[float]], ratios: list[list[float]], rows: int, cols: int
) -> list[tuple[int | None, int | None]]:
    pairs: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < rows and j < cols:
        ratio = ratios[i][j]
        if ratio >= MIN_EDITED_RATIO and score[i][j] == score[i + 1][j + 1] + ratio:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            pairs.append((i, None))
            i += 1
        else:
            pairs.append((None, j))
            j += 1
    pairs += [(k, None) for k in range(i, rows)] + [(None, k) for k in range(j, cols)]
    return pairs


def sentence_edits(before: str, after: str) -> list[tuple[str, str]]:
    """The (before, after) sentence runs that differ between two versions of a paragraph."""
    old, new = split_sentences(before), split_sentences(after)
    matcher = difflib.SequenceMatcher(
        a=[comparison_key(s) for s in old], b=[comparison_key(s) for s in new], autojunk=False
    )
    return [
        (" ".join(old[i1:i2]), " ".join(new[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _case_changes(before: str, after: str) -> str:
    pairs = [(a, b) for a, b in zip(before.split(), after.split(), strict=False) if a != b]
    return ", ".join(dict.fromkeys(f"{a} -> {b}" for a, b in pairs))


def title_changes(parent: Article, copy: Article) -> list[Change]:
    """Title label added or removed, case changed, or the headline reworded."""
    changes = []
    if copy.title_label and not parent.title_label:
        changes.append(
            Change(
                "title label added",
                f"title label '{copy.title_label}' added",
                None,
                copy.title_label,
            )
        )
    elif parent.title_label and not copy.title_label:
        changes.append(
            Change(
                "title label removed",
                f"title label '{parent.title_label}' removed",
                parent.title_label,
            )
        )
    old, new = parent.title or "", copy.title or ""
    if old and new and old != new:
        if comparison_key(old) == comparison_key(new):
            detail = f"title case changed ({_case_changes(old, new)})"
            changes.append(Change("title case changed", detail, old, new))
        else:
            changes.append(Change("title reworded", "headline rewritten", old, new))
    return changes


def paragraph_changes(parent: Article, copy: Article) -> list[Change]:
    """Paragraphs added, removed or edited (with the edited sentences), and excerpts."""
    changes, kept = [], 0
    for i, j in align_paragraphs(parent.paragraphs, copy.paragraphs):
        if i is not None and j is not None:
            kept += 1
            changes += _edited(parent.paragraphs[i], copy.paragraphs[j], i, j)
        elif i is not None:
            changes.append(
                Change(
                    "paragraph removed",
                    f"paragraph {i + 1} of the original dropped",
                    parent.paragraphs[i],
                )
            )
        elif j is not None:
            changes.append(
                Change("paragraph added", f"paragraph {j + 1} added", None, copy.paragraphs[j], j)
            )
    if parent.paragraphs and kept * 2 < len(parent.paragraphs):
        detail = f"excerpt: {kept} of the original's {len(parent.paragraphs)} paragraphs"
        changes.append(Change("excerpt", detail))
    return changes


def _edited(before: str, after: str, i: int, j: int) -> list[Change]:
    if comparison_key(before) == comparison_key(after):
        return []
    edits = sentence_edits(before, after) or [(before, after)]
    where = f"paragraph {i + 1} edited" + ("" if i == j else f" (paragraph {j + 1} in the copy)")
    return [Change("paragraph edited", where, old or None, new or None, j) for old, new in edits]


def page_changes(parent: Article, copy: Article) -> list[Change]:
    """Media inserted, boilerplate appended, byline, dates and tags added, comments dropped."""
    return (
        _media_changes(parent, copy)
        + _boilerplate_changes(parent, copy)
        + _byline_changes(parent, copy)
        + _date_changes(parent, copy)
        + _tag_changes(parent, copy)
        + _comment_changes(parent, copy)
    )


def _media_changes(parent: Article, copy: Article) -> list[Change]:
    known = {media.url for media in parent.media}
    return [
        Change(
            "media inserted",
            f"{m.kind} inserted{_media_place(m.position)}",
            None,
            m.url,
            m.position,
        )
        for m in copy.media
        if m.url not in known
    ]


def _media_place(position: int | None) -> str:
    # Media.position counts the body paragraphs before the media (0: before the first).
    if position is None:
        return ""
    if position == 0:
        return " before the first body paragraph"
    return f" between body paragraphs {position} and {position + 1}"


def _boilerplate_changes(parent: Article, copy: Article) -> list[Change]:
    known = {comparison_key(block.text) for block in parent.boilerplate}
    changes = []
    for block in copy.boilerplate:
        if comparison_key(block.text) in known:
            continue
        kind = "attribution added" if block.kind in _ATTRIBUTION_KINDS else "boilerplate appended"
        changes.append(Change(kind, f"{block.kind} appended", None, block.text))
    return changes


def _byline_changes(parent: Article, copy: Article) -> list[Change]:
    if not copy.byline or comparison_key(copy.byline) == comparison_key(parent.byline or ""):
        return []
    if not parent.byline:
        return [Change("byline added", f"byline added: {copy.byline}", None, copy.byline)]
    return [Change("byline changed", "byline changed", parent.byline, copy.byline)]


def _date_changes(parent: Article, copy: Article) -> list[Change]:
    stated = [a.text for a in copy.attributions if a.published]
    added = [copy.published] if copy.published and not parent.published else []
    if not stated and not added:
        return []
    return [
        Change(
            "dates added",
            "dates added: " + "; ".join(added + stated),
            None,
            "; ".join(added + stated),
        )
    ]


def _tag_changes(parent: Article, copy: Article) -> list[Change]:
    known = {(tag.name, comparison_key(tag.value)) for tag in parent.tags}
    new = [tag for tag in copy.tags if (tag.name, comparison_key(tag.value)) not in known]
    if not new:
        return []
    listed = "; ".join(f"{tag.name}: {tag.value}" for tag in new)
    return [Change("tags added", f"tags added: {listed}", None, listed)]


def _comment_changes(parent: Article, copy: Article) -> list[Change]:
    if not parent.comments or copy.comments:
        return []
    count = len(parent.comments)
    return [
        Change("comments dropped", f"{count} reader comments not carried over", str(count), "0")
    ]


def copy_changes(parent: Article, copy: Article) -> list[Change]:
    """Every change the copy makes to its parent; 'body unchanged' when the text is the same."""
    body = paragraph_changes(parent, copy)
    if not body:
        body = [Change("body unchanged", "body text otherwise unchanged")]
    return title_changes(parent, copy) + page_changes(parent, copy) + body


def readable_diff(parent: Article, copy: Article) -> str:
    """A unified-diff-like text of the copy against its parent that a journalist can read."""
    return "\n".join(_diff_lines(parent, copy))


def _header(prefix: str, article: Article) -> str:
    label = f"{article.title_label}: " if article.title_label else ""
    where = ", ".join(part for part in (article.outlet, article.published) if part)
    return f"{prefix} article {article.id}: {label}{article.title or '(no title)'}" + (
        f" ({where})" if where else ""
    )


def _short(text: str) -> str:
    return text if len(text) <= DIFF_CONTEXT_CHARS else text[: DIFF_CONTEXT_CHARS - 1] + "…"


def _diff_lines(parent: Article, copy: Article) -> Iterator[str]:
    yield _header("---", parent)
    yield _header("+++", copy)
    inserted: dict[int | None, list[str]] = {}
    for change in _media_changes(parent, copy):
        after = (
            None if change.position is None else change.position - 1
        )  # paragraph index it follows
        inserted.setdefault(after, []).append(f"+ [{change.detail}] {change.after}")
    for i, j in align_paragraphs(parent.paragraphs, copy.paragraphs):
        yield from _diff_pair(parent, copy, i, j)
        if j is not None:
            yield from inserted.pop(j, [])
    for lines in inserted.values():
        yield from lines
    for change in _boilerplate_changes(parent, copy):
        yield f"+ [{change.detail}] {change.after}"
    for change in _comment_changes(parent, copy):
        yield f"- [{change.detail}]"


def _diff_pair(parent: Article, copy: Article, i: int | None, j: int | None) -> Iterator[str]:
    if i is not None and j is not None:
        before, after = parent.paragraphs[i], copy.paragraphs[j]
        if comparison_key(before) == comparison_key(after):
            yield f"  {_short(after)}"
            return
        yield f"@@ paragraph {i + 1} edited @@"
        for old, new in sentence_edits(before, after) or [(before, after)]:
            if old:
                yield f"- {old}"
            if new:
                yield f"+ {new}"
    elif i is not None:
        yield f"- {parent.paragraphs[i]}"
    elif j is not None:
        yield f"+ {copy.paragraphs[j]}"
