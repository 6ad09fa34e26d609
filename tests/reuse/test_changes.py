"""Changes: what a republisher did to its parent, as records and as a readable diff."""

from __future__ import annotations

import pytest

from newstrace.models import (
    Article,
    Attribution,
    Boilerplate,
    BoilerplateKind,
    Comment,
    Format,
    Media,
    Tag,
)
from newstrace.reuse.changes import align_paragraphs, copy_changes, readable_diff

PARAGRAPHS = (
    "The river rose two metres overnight. Dozens of homes were flooded.",
    "Rescue teams reached the villages by boat on Monday.",
    "The mayor said the damage would take months to repair.",
    "Forecasters expect more rain at the weekend.",
)


def _article(
    article_id: int, paragraphs: tuple[str, ...] = PARAGRAPHS, **fields: object
) -> Article:
    return Article(
        source=f"{article_id}.txt",
        format=Format.TEXT,
        paragraphs=paragraphs,
        id=article_id,
        **fields,
    )  # type: ignore[arg-type]


def _kinds(parent: Article, copy: Article) -> list[str]:
    return [change.kind for change in copy_changes(parent, copy)]


@pytest.mark.parametrize(
    ("parent_title", "copy_title", "label", "kinds"),
    [
        (
            "River Floods The Valley",
            "River Floods the Valley",
            "Video",
            ["title label added", "title case changed"],
        ),
        ("River floods the valley", "Valley under water after storm", None, ["title reworded"]),
        ("River floods the valley", "River floods the valley", None, []),
    ],
)
def test_changes_title(
    parent_title: str, copy_title: str, label: str | None, kinds: list[str]
) -> None:
    parent, copy = _article(1, title=parent_title), _article(2, title=copy_title, title_label=label)
    found = [k for k in _kinds(parent, copy) if k.startswith("title")]
    assert found == kinds


def test_changes_title_case_names_the_words() -> None:
    parent = _article(1, title="Syria And Turkey Prepare For Talks")
    copy = _article(2, title="Syria and Turkey Prepare for Talks")
    change = next(c for c in copy_changes(parent, copy) if c.kind == "title case changed")
    assert "And -> and" in change.detail and "For -> for" in change.detail


@pytest.mark.parametrize(
    ("copy_paragraphs", "kind", "text"),
    [
        (PARAGRAPHS[:3], "paragraph removed", PARAGRAPHS[3]),
        (
            (*PARAGRAPHS[:2], "A local farmer lost his whole herd.", *PARAGRAPHS[2:]),
            "paragraph added",
            "A local farmer lost his whole herd.",
        ),
    ],
)
def test_changes_paragraphs_added_and_removed(
    copy_paragraphs: tuple[str, ...], kind: str, text: str
) -> None:
    changes = copy_changes(_article(1), _article(2, copy_paragraphs))
    found = [c for c in changes if c.kind == kind]
    assert len(found) == 1 and text in (found[0].before or found[0].after or "")


def test_changes_edited_paragraph_lists_the_sentence_before_and_after() -> None:
    edited = (
        "The river rose three metres overnight. Dozens of homes were flooded.",
        *PARAGRAPHS[1:],
    )
    changes = copy_changes(_article(1), _article(2, edited))
    edit = next(c for c in changes if c.kind == "paragraph edited")
    assert edit.before == "The river rose two metres overnight."
    assert edit.after == "The river rose three metres overnight."
    assert edit.position == 0


def test_changes_page_level_additions_and_dropped_comments() -> None:
    parent = _article(1, comments=(Comment("Ann", "Terrible.", 0), Comment("Bo", "Stay safe.", 1)))
    copy = _article(
        2,
        byline="Hill Post",
        published="2020-03-31",
        attributions=(
            Attribution("Hill Post 30 March 2020", "dateline", "Hill Post", published="2020-03-30"),
        ),
        tags=(Tag("Region", "Europe"),),
        media=(Media("https://hillpost.net/v.mp4", "video", 2),),
        boilerplate=(
            Boilerplate("Support Hill Post today.", BoilerplateKind.APPEAL, "cue"),
            Boilerplate(
                "The original source of this article is Hill Post",
                BoilerplateKind.ATTRIBUTION,
                "cue",
            ),
        ),
    )
    changes = {c.kind: c for c in copy_changes(parent, copy)}
    assert set(changes) >= {
        "byline added", "dates added", "tags added", "media inserted",
        "boilerplate appended", "attribution added", "comments dropped", "body unchanged",
    }  # fmt: skip
    assert changes["media inserted"].detail == "video inserted between body paragraphs 2 and 3"
    assert changes["comments dropped"].detail == "2 reader comments not carried over"


def test_changes_excerpt_is_named() -> None:
    changes = copy_changes(_article(1), _article(2, ("My take on the flood.", PARAGRAPHS[1])))
    assert "excerpt" in [c.kind for c in changes]


@pytest.mark.parametrize(
    "copy_paragraphs", [PARAGRAPHS, PARAGRAPHS[1:], (*PARAGRAPHS[:1], "New.", *PARAGRAPHS[1:])]
)
def test_changes_alignment_keeps_order_and_covers_both_sides(
    copy_paragraphs: tuple[str, ...],
) -> None:
    pairs = align_paragraphs(PARAGRAPHS, copy_paragraphs)
    assert [i for i, _ in pairs if i is not None] == list(range(len(PARAGRAPHS)))
    assert [j for _, j in pairs if j is not None] == list(range(len(copy_paragraphs)))


def test_changes_readable_diff_marks_removed_added_and_edited_text() -> None:
    copy = _article(
        2,
        (
            "The river rose three metres overnight. Dozens of homes were flooded.",
            *PARAGRAPHS[1:3],
            "Schools stay shut.",
        ),
        title="Flood",
    )
    diff = readable_diff(_article(1, title="Flood"), copy).splitlines()
    assert diff[0].startswith("--- article 1") and diff[1].startswith("+++ article 2")
    assert "- The river rose two metres overnight." in diff
    assert "+ The river rose three metres overnight." in diff
    assert f"- {PARAGRAPHS[3]}" in diff and "+ Schools stay shut." in diff
