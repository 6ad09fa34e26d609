"""Translated copies: found across languages, aligned sentence by sentence, never invented."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from newstrace.models import Article, Format
from newstrace.xling import TRANSLATION, find_translations
from newstrace.xling.align import SentenceInfo, align
from newstrace.xling.anchors import anchors
from newstrace.xling.sentences import split_sentences

from .stories import ENGLISH, GERMAN, OTHER_GERMAN, RUSSIAN


class FakeEmbedder:
    """An ideal translation model for the invented texts: a sentence group's vector is the set of
    story sentences it holds, whatever their language, so translations embed alike."""

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised vector per text, a dimension per sentence of the invented report."""
        rows = np.zeros((len(texts), len(ENGLISH) + 1), dtype=np.float32)
        for row, text in enumerate(texts):
            for side in (ENGLISH, GERMAN, RUSSIAN):
                for k, sentence in enumerate(side):
                    rows[row, k] += sentence in text
            rows[row, -1] += not rows[row].any()  # the other story: unlike any of the report
            rows[row] /= np.linalg.norm(rows[row])
        return rows


class DoubtingEmbedder:
    """A model that reads no pair of sentences as a translation."""

    def __init__(self) -> None:
        self.given = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Orthogonal vectors: every text given unlike every other."""
        rows = np.zeros((len(texts), 4096), dtype=np.float32)
        for row in range(len(texts)):
            rows[row, self.given % 4096] = 1.0
            self.given += 1
        return rows


def _article(
    id_: int, sentences: list[str], language: str, outlet: str, day: str = "2024-03-05"
) -> Article:
    paragraphs = tuple(" ".join(sentences[k : k + 2]) for k in range(0, len(sentences), 2))
    return Article(
        f"a{id_}", Format.TEXT, paragraphs, outlet=outlet, published=day, language=language, id=id_
    )


@pytest.fixture
def articles() -> list[Article]:
    return [
        _article(1, ENGLISH, "en", "Avalon Herald"),
        _article(2, GERMAN, "de", "Nordblatt", "2024-03-06"),
        _article(3, RUSSIAN, "ru", "Вести Севера", "2024-03-06"),
        _article(4, OTHER_GERMAN, "de", "Museumsbote"),
    ]


@pytest.mark.parametrize("embedder", [None, FakeEmbedder()])
def test_translations_link_each_translation_to_its_original(articles, embedder) -> None:
    found = find_translations(articles, embedder=embedder)
    # the two translations of one original are translations of each other too; the museum
    # story of the same town and day is not
    assert {(t.link.a, t.link.b) for t in found} == {(1, 2), (1, 3), (2, 3)}
    assert all(t.link.kind and t.link.kind.kind == TRANSLATION for t in found)


def test_translations_need_sentences_that_embed_alike(articles) -> None:
    # aligned numbers and names are not enough when the sentences do not mean the same
    assert find_translations(articles, embedder=DoubtingEmbedder()) == []


@pytest.mark.parametrize("pair", [(1, 2), (1, 3)])
def test_translations_align_sentences_in_document_order(articles, pair) -> None:
    link = next(t for t in find_translations(articles) if (t.link.a, t.link.b) == pair)
    a, b = articles[pair[0] - 1], articles[pair[1] - 1]
    aligned = [
        (a.body[p.a_start : p.a_end], b.body[p.b_start : p.b_end]) for p in link.link.passages
    ]
    originals = ENGLISH
    translations = {2: GERMAN, 3: RUSSIAN}[pair[1]]
    assert aligned == list(zip(originals, translations, strict=True))
    assert link.link.coverage_a == pytest.approx(1.0, abs=0.05)
    assert len(link.similarities) == len(link.link.passages)


@pytest.mark.parametrize("keep", [slice(2, 5)])
def test_translations_find_an_excerpt_where_it_lies(keep: slice) -> None:
    english = _article(1, ENGLISH, "en", "Avalon Herald")
    excerpt = _article(2, GERMAN[keep], "de", "Nordblatt")
    (found,) = find_translations([english, excerpt])
    starts = [english.body[p.a_start : p.a_end] for p in found.link.passages]
    assert starts == ENGLISH[keep]
    assert found.link.coverage_b == pytest.approx(1.0, abs=0.05)
    assert found.link.coverage_a < 0.7


@pytest.mark.parametrize(
    "other",
    [
        _article(2, OTHER_GERMAN, "de", "Museumsbote"),  # same town, other story
        _article(2, ENGLISH, "en", "Copy Daily"),  # same language: the reuse engine's job
        _article(2, GERMAN, None, "Nordblatt"),  # language undetermined
        _article(2, GERMAN, "de", "Nordblatt", "2023-01-05"),  # a year apart
        _article(2, ["OK."], "de", "Nordblatt"),  # nearly empty
    ],
)
def test_translations_never_link_what_is_not_a_translation(other: Article) -> None:
    english = _article(1, ENGLISH, "en", "Avalon Herald")
    assert find_translations([english, other]) == []


@pytest.mark.parametrize("articles_in", [[], [Article("x", Format.TEXT, (), language="en", id=1)]])
def test_translations_of_nothing_is_nothing(articles_in: list[Article]) -> None:
    assert find_translations(articles_in) == []


@pytest.mark.parametrize("pair", [(1, 2)])
def test_translations_to_json_names_languages_and_passages(articles, pair) -> None:
    link = next(t for t in find_translations(articles) if (t.link.a, t.link.b) == pair)
    data = link.to_json()
    assert (data["kind"], data["language_a"], data["language_b"]) == (TRANSLATION, "en", "de")
    assert {"a_start", "a_end", "b_start", "b_end", "similarity"} <= set(data["passages"][0])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Mr. Lee met Dr. Ortiz on 12. May in Lyon. They spoke.",
            ["Mr. Lee met Dr. Ortiz on 12. May in Lyon.", "They spoke."],
        ),
        (
            'He said: "We leave." Then he left.\n\nNew paragraph',
            ['He said: "We leave."', "Then he left.", "New paragraph"],
        ),
        ("市政府周一宣布。警方逮捕了两人。", ["市政府周一宣布。", "警方逮捕了两人。"]),
    ],
)
def test_translations_sentences_keep_their_offsets(body: str, expected: list[str]) -> None:
    sentences = split_sentences(body)
    assert [s.text for s in sentences] == expected
    assert all(body[s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    ("original", "translation", "shared"),
    [
        ("President Putin arrived on 12 May.", "Президент Путин прибыл 12 мая.", {"puti", "#12"}),
        ("Chancellor Merkel visited Athens.", "Kanzlerin Merkel besuchte Athen.", {"merk", "athe"}),
    ],
)
def test_translations_anchors_meet_across_scripts(
    original: str, translation: str, shared: set[str]
) -> None:
    assert shared <= set(anchors(original)) & set(anchors(translation))


@pytest.mark.parametrize("extra", [2])
def test_translations_alignment_skips_inserted_sentences(extra: int) -> None:
    a = [SentenceInfo(60, {f"k{i}": 3.0}) for i in range(4)]
    b = a[:2] + [SentenceInfo(60, {f"x{i}": 3.0}) for i in range(extra)] + a[2:]
    matches = align(a, b)
    assert [(m.a_first, m.b_first) for m in matches] == [
        (0, 0),
        (1, 1),
        (2, 2 + extra),
        (3, 3 + extra),
    ]


@pytest.mark.parametrize("task_pairs", [1, 2])
def test_translations_aligned_in_tasks_equal_aligned_at_once(articles, task_pairs: int) -> None:
    # What the Ray engine does: the candidate pairs cut into tasks (translation_task, the plain
    # function each Ray task runs), the rows joined in order, then selected in the driver.
    from newstrace.engines.ray_tasks import translation_task
    from newstrace.xling.translations import prepare, select

    texts, weights, candidates = prepare(articles)
    assert len(candidates) > task_pairs  # several tasks
    rows = []
    for start in range(0, len(candidates), task_pairs):
        rows += translation_task(texts, weights, candidates[start : start + task_pairs])[0]
    embedder = FakeEmbedder()
    in_tasks = select(texts, rows, embedder)
    assert in_tasks == find_translations(articles, embedder=embedder)
    assert len(in_tasks) == 3
