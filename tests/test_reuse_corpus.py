"""The benchmark corpus builder injects the copies it claims, and the same seed gives the same corpus."""

from __future__ import annotations

import functools
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "benchmarks"))

import reuse_corpus  # noqa: E402

SIZE = 200
COPY_SHARE = 0.25  # more copies than the benchmark's 5 %, so 200 articles hold every edit kind

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (SHARED / "corpora").is_dir(), reason="needs ../shared corpora"),
]


@functools.cache
def _built(seed: int) -> tuple[Path, Path]:
    out = Path(tempfile.mkdtemp(prefix="reuse-corpus-"))
    return reuse_corpus.build(SHARED, SIZE, seed=seed, copy_share=COPY_SHARE, out=out)


@functools.cache
def _corpus(
    seed: int = reuse_corpus.SEED,
) -> tuple[dict[int, dict[str, Any]], list[dict[str, Any]]]:
    articles_path, truth_path = _built(seed)
    articles = {r["id"]: r for r in map(json.loads, articles_path.read_text().splitlines())}
    truth = [json.loads(line) for line in truth_path.read_text().splitlines()]
    return articles, truth


def _paragraphs(article: dict[str, Any]) -> list[str]:
    return article["body"].split("\n\n")


def _within_one_sentence(before: str, after: str) -> bool:
    """Whether the words that differ all lie within a stretch no longer than one source sentence."""
    a, b = before.split(), after.split()
    if len(a) != len(b):
        return False
    changed = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    longest = max(len(s.split()) for s in re.split(r"(?<=[.!?])\s+", before))
    return changed[-1] - changed[0] < longest


def _copies(edit: str) -> list[tuple[dict[str, Any], dict[str, Any], list[int]]]:
    articles, truth = _corpus()
    return [
        (articles[t["source"]], articles[t["copy"]], t["carried"])
        for t in truth
        if t["edit"] == edit
    ]


def test_reuse_corpus_writes_every_article_and_every_edit_kind() -> None:
    articles, truth = _corpus()
    assert sorted(articles) == list(range(1, SIZE + 1))
    assert {t["edit"] for t in truth} == set(reuse_corpus.EDITS)


def test_reuse_corpus_copies_come_later_from_another_outlet() -> None:
    articles, truth = _corpus()
    for record in truth:
        source, copy = articles[record["source"]], articles[record["copy"]]
        assert copy["id"] > source["id"] and copy["published"] > source["published"]
        assert copy["outlet"] != source["outlet"]


@pytest.mark.parametrize("edit", ["verbatim", "title-label"])
def test_reuse_corpus_whole_copies_carry_the_body_unchanged(edit: str) -> None:
    for source, copy, _ in _copies(edit):
        assert copy["body"] == source["body"]
        if edit == "title-label":
            label, _, title = copy["title"].partition(" ")
            assert label in reuse_corpus.TITLE_LABELS and title == source["title"]


@pytest.mark.parametrize("edit", ["boilerplate"])
def test_reuse_corpus_boilerplate_is_appended_after_the_whole_body(edit: str) -> None:
    tokens = reuse_corpus.load_collection("reuters", SHARED).tokens
    templates = reuse_corpus.BOILERPLATE
    for source, copy, _ in _copies(edit):
        paragraphs = _paragraphs(source)
        assert _paragraphs(copy)[: len(paragraphs)] == paragraphs
        appended = _paragraphs(copy)[len(paragraphs) :]
        wordings = {reuse_corpus.outlet_boilerplate(t, copy["outlet"], tokens) for t in templates}
        assert 1 <= len(appended) <= len(templates) and set(appended) <= wordings


@pytest.mark.parametrize("edit", ["dropped"])
def test_reuse_corpus_dropped_copies_keep_the_other_paragraphs_in_order(edit: str) -> None:
    for source, copy, carried in _copies(edit):
        paragraphs = _paragraphs(source)
        assert len(carried) < len(paragraphs)
        assert _paragraphs(copy) == [paragraphs[i] for i in carried]


@pytest.mark.parametrize("edit", ["excerpt"])
def test_reuse_corpus_excerpts_sit_inside_other_text(edit: str) -> None:
    for source, copy, carried in _copies(edit):
        excerpt = "\n\n".join(_paragraphs(source)[i] for i in carried)
        assert len(carried) in (2, 3) and carried == list(range(carried[0], carried[-1] + 1))
        before, found, after = copy["body"].partition(excerpt)
        assert found and before and after


@pytest.mark.parametrize("edit", ["edited"])
def test_reuse_corpus_edited_copies_reword_sentences_only(edit: str) -> None:
    for source, copy, _ in _copies(edit):
        pairs = list(zip(_paragraphs(source), _paragraphs(copy), strict=True))
        changed = [(a, b) for a, b in pairs if a != b]
        # A reworded short sentence may by chance keep every word, so zero changes is possible.
        assert len(changed) <= 2
        assert all(_within_one_sentence(a, b) for a, b in changed)
    assert any(copy["body"] != source["body"] for source, copy, _ in _copies(edit))


def test_reuse_corpus_is_the_same_for_the_same_seed() -> None:
    first = [path.read_bytes() for path in _built(reuse_corpus.SEED)]
    other_dir = Path(tempfile.mkdtemp(prefix="reuse-corpus-"))
    again = reuse_corpus.build(SHARED, SIZE, copy_share=COPY_SHARE, out=other_dir)
    assert [path.read_bytes() for path in again] == first
    assert _built(reuse_corpus.SEED + 1)[0].read_bytes() != first[0]
