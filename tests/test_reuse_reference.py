"""The exhaustive reference of copies finds what it should and nothing else, on texts written here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))

from reuse_reference import Pair, Text, cached_reference, reference_pairs, tokens

STORY = (
    "The harbour authority of Port Meriden closed the northern quay on Thursday after divers "
    "found a crack running along the old sea wall, according to a statement issued by the "
    "authority late in the evening. Fishing boats that normally unload there were sent to the "
    "southern basin, where crews waited for several hours to reach the cold stores. Engineers "
    "from the regional works department said the crack was about forty metres long and had "
    "probably widened during the storms of the previous winter. The mayor told reporters that "
    "repairs would begin next month and that the quay would reopen before the summer festival, "
    "although she declined to say how much the work would cost or who would pay for it."
)
PADDING = (
    "Our newsroom relies on readers like you. Local reporting takes time, and every story we "
    "publish is checked by two editors before it goes online. If you value independent news "
    "about the coast, consider joining the members who keep this site free for everyone. "
)
OTHER = (
    "A travelling exhibition of medieval maps opened at the city library on Saturday, drawing "
    "long queues of families and students. The curator explained that most of the charts had "
    "never left the archive in Lisbon and that the humidity in the hall is checked every hour. "
    "Visitors can also try drawing their own coastline with quills and ink at a table near "
    "the entrance, which proved especially popular with the youngest guests."
)
ALIGNERS = ["anchored", "difflib"]  # the gate's aligner and the plain one it must equal
STOCK = "said in a statement issued by the authority late in the evening"


def keys(pairs: list[Pair]) -> set[tuple[str, str]]:
    """The unordered key pairs found."""
    return {(p.a, p.b) for p in pairs}


def excerpt(text: str, start: int, count: int) -> str:
    """A run of `count` words of text from word `start`."""
    return " ".join(text.split()[start : start + count])


@pytest.mark.parametrize("aligner", ALIGNERS)
@pytest.mark.parametrize(
    ("copy", "found"),
    [
        (STORY, True),
        (excerpt(STORY, 20, 45), True),
        (PADDING + excerpt(STORY, 0, 60) + " " + PADDING, True),
        (excerpt(STORY, 0, 20), False),
        (PADDING, False),
    ],
    ids=["full", "excerpt", "padded", "too-short", "unrelated"],
)
def test_reuse_reference_finds_copies(aligner: str, copy: str, found: bool) -> None:
    texts = [Text("a", "Outlet A", STORY + " " + OTHER), Text("b", "Outlet B", copy)]
    assert keys(reference_pairs(texts, 1, aligner)) == ({("a", "b")} if found else set())


@pytest.mark.parametrize("aligner", ALIGNERS)
@pytest.mark.parametrize(
    "edit",
    [
        ("on Thursday", "on Friday"),
        ("forty metres", "40 metres"),
        ("The mayor told reporters", "Mayor Ana Rocha told journalists"),
    ],
)
def test_reuse_reference_copy_with_edits(aligner: str, edit: tuple[str, str]) -> None:
    edited = STORY.replace(*edit)
    assert edited != STORY
    texts = [Text("a", "Outlet A", STORY), Text("b", "Outlet B", edited)]
    (pair,) = reference_pairs(texts, 1, aligner)
    assert pair.identical_tokens >= len(tokens(STORY)) - 6
    assert pair.passages == 1


@pytest.mark.parametrize("aligner", ALIGNERS)
@pytest.mark.parametrize("moved", [True])
def test_reuse_reference_moved_paragraphs(aligner: str, moved: bool) -> None:
    first, second = excerpt(STORY, 0, 30), excerpt(STORY, 40, 30)
    texts = [
        Text("a", "A", f"{first} {OTHER} {second}"),
        Text("b", "B", f"{second} {PADDING} {first}"),
    ]
    (pair,) = reference_pairs(texts, 1, aligner)
    # a tie between equally long runs may shift an edge word of a passage, never more
    assert pair.passages == 2 and pair.identical_tokens >= 58


@pytest.mark.parametrize("aligner", ALIGNERS)
@pytest.mark.parametrize("stock", [STOCK])
def test_reuse_reference_stock_phrase_is_no_copy(aligner: str, stock: str) -> None:
    texts = [
        Text("a", "A", f"{OTHER} The mayor {stock}."),
        Text("b", "B", f"{PADDING} A spokesman {stock}."),
    ]
    assert reference_pairs(texts, 1, aligner) == []


@pytest.mark.parametrize("aligner", ALIGNERS)
@pytest.mark.parametrize(
    ("outlets", "found"),
    [(("Outlet A", "Outlet A"), False), (("Outlet A", None), True), ((None, None), True)],
    ids=["same-outlet", "one-unknown", "both-unknown"],
)
def test_reuse_reference_outlets(
    aligner: str, outlets: tuple[str | None, str | None], found: bool
) -> None:
    texts = [Text("a", outlets[0], STORY), Text("b", outlets[1], STORY + " " + PADDING)]
    assert keys(reference_pairs(texts, 1, aligner)) == ({("a", "b")} if found else set())


@pytest.mark.parametrize("workers", [2])
def test_reuse_reference_parallel_equals_serial(workers: int) -> None:
    texts = [
        Text(
            f"t{i}", f"Outlet {i % 3}", excerpt(STORY, i, 70) + " " + (OTHER if i % 2 else PADDING)
        )
        for i in range(12)
    ]
    serial = reference_pairs(texts, workers=1)
    assert reference_pairs(texts, workers=workers) == serial
    assert len(serial) == sum(1 for i in range(12) for j in range(i + 1, 12) if i % 3 != j % 3)


@pytest.mark.parametrize(
    "text", ["\u201cQuoted\u201d \u2014 Caf\u00e9 NEWS\u2019s", "Ｆｕｌｌ width"]
)
def test_reuse_reference_tokens_normalised(text: str) -> None:
    assert tokens(text) in (["quoted", "café", "news", "s"], ["full", "width"])


@pytest.mark.parametrize("name", ["tiny"])
def test_reuse_reference_cache(tmp_path: Path, name: str) -> None:
    texts = [Text("a", "A", STORY), Text("b", "B", STORY)]
    first, run = cached_reference(texts, tmp_path, name, workers=1)
    again, rerun = cached_reference(texts, tmp_path, name, workers=1)
    assert (first, run["cached"], rerun["cached"]) == (again, False, True)
    changed, run = cached_reference([*texts, Text("c", "C", OTHER)], tmp_path, name, workers=1)
    assert (changed, run["cached"]) == (first, False)
