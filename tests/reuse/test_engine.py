"""Tests for newstrace.engines.local: every copy among a set of articles, and nothing else."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newstrace.engines import ENGINES, Engine, make_engine, steps
from newstrace.engines import local as engine_module
from newstrace.engines.base import TextItem
from newstrace.engines.local import LocalEngine, find_links
from newstrace.settings import Settings

from .links_stories import BRIDGE, body, edited_copy, excerpt_copy, full_copy, unrelated


def _items() -> list[TextItem]:
    return [
        TextItem(10, "Norrvik Herald", body(BRIDGE)),
        TextItem(11, "Coast Daily", full_copy()),
        TextItem(12, None, excerpt_copy()),
        TextItem(13, "Valley Post", edited_copy()),
        TextItem(14, "Norrvik Herald", unrelated()),
        TextItem(15, "Norrvik Herald", body(BRIDGE)),  # the outlet's own repeat
    ]


COPIES = {(10, 11), (10, 12), (10, 13), (10, 15), (11, 12), (11, 13), (11, 15), (12, 13)}
COPIES |= {(12, 15), (13, 15)}


@pytest.mark.parametrize("settings", [Settings(), Settings(shingle_sample_modulus=1)])
def test_engine_finds_every_copy_and_no_unrelated(settings: Settings) -> None:
    links = find_links(_items(), settings)
    assert {(link.a, link.b) for link in links} == COPIES
    assert [(link.a, link.b) for link in links] == sorted(COPIES)


@pytest.mark.parametrize(
    ("pair", "same_outlet"), [((10, 15), True), ((10, 11), False), ((10, 12), False)]
)
def test_engine_marks_links_within_one_outlet(pair: tuple[int, int], same_outlet: bool) -> None:
    links = {(link.a, link.b): link for link in LocalEngine().find_links(_items(), Settings())}
    assert links[pair].same_outlet is same_outlet


@pytest.mark.parametrize("new_ids", [{12}, {14}, {12, 13}])
def test_engine_new_ids_limit_links_to_new_articles(new_ids: set[int]) -> None:
    links = find_links(list(reversed(_items())), Settings(), new_ids)
    expected = {pair for pair in COPIES if set(pair) & new_ids}
    assert {(link.a, link.b) for link in links} == expected


@pytest.mark.parametrize(
    "items",
    [[], [TextItem(1, None, "")], [TextItem(1, None, "Short."), TextItem(2, None, "Short.")]],
)
def test_engine_handles_empty_and_short_bodies(items: list[TextItem]) -> None:
    assert find_links(items, Settings()) == []


def test_engine_verify_in_worker_processes_matches_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    items = _items()
    pairs = [(a, b) for a in items for b in items if a.id < b.id] * 3
    serial = LocalEngine().verify(pairs, Settings(jobs=1))
    monkeypatch.setattr(engine_module, "PARALLEL_MIN_PAIRS", 2)
    engine = LocalEngine()
    try:
        parallel = engine.verify(pairs, Settings(jobs=2))
    finally:
        engine.close()
    assert parallel == serial
    assert {(link.a, link.b) for link in serial} == COPIES


def test_verify_orders_each_pair_and_drops_unrelated() -> None:
    items = _items()
    found = LocalEngine().verify([(items[0], items[4]), (items[1], items[0])], Settings(jobs=1))
    assert [(link.a, link.b) for link in found] == [(10, 11)]


@pytest.mark.parametrize("chunk_articles", [3, 1000])
def test_spilled_token_hashes_equal_those_kept_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk_articles: int
) -> None:
    # Spilled, each chunk is its own file (three here with chunks of 3): reads span them.
    monkeypatch.setattr(engine_module, "HASH_CHUNK_ARTICLES", chunk_articles)
    bodies = [item.body for item in _items()] + ["", "Short."]
    engine = LocalEngine()
    kept, kept_prints = engine.hash_articles(bodies, Settings(jobs=1))
    spilled, spilled_prints = engine.hash_articles(bodies, Settings(jobs=1), tmp_path)
    assert spilled.folder == tmp_path and kept.folder is None
    assert len(list(tmp_path.glob("tokens-*.u64"))) == -(-len(bodies) // chunk_articles)
    for index in range(len(bodies)):
        assert np.array_equal(kept.article(index), spilled.article(index))
    for first, last in [(0, len(bodies)), (2, 7), (4, 4)]:
        assert np.array_equal(kept.articles(first, last), spilled.articles(first, last))
    assert np.array_equal(kept.flat, spilled.flat)
    assert np.array_equal(kept_prints.hashes, spilled_prints.hashes)
    assert kept_prints.counts.tolist() == spilled_prints.counts.tolist()


class _CountingItems(list[TextItem]):
    """Items that count how many bodies were read through slices (as a lazy store would)."""

    def __init__(self, items: list[TextItem]) -> None:
        super().__init__(items)
        self.slices = 0

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        if isinstance(index, slice):
            self.slices += 1
        return super().__getitem__(index)


def test_find_links_reads_bodies_a_chunk_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "HASH_CHUNK_ARTICLES", 2)
    items = _CountingItems(_items())
    links = find_links(items, Settings(jobs=1))
    assert {(link.a, link.b) for link in links} == COPIES
    assert items.slices == 3  # six articles, two per chunk


@pytest.mark.parametrize("cache_articles", [2, 3, 4])
def test_engine_small_encoding_cache_gives_the_same_links(
    monkeypatch: pytest.MonkeyPatch, cache_articles: int
) -> None:
    # Many pairs over few cached articles: each pair must still find both sides encoded.
    expected = find_links(_items(), Settings(jobs=1))
    monkeypatch.setattr(steps, "ENCODED_CACHE_ARTICLES", cache_articles)
    assert find_links(_items(), Settings(jobs=1)) == expected


def test_make_engine_gives_the_local_engine_as_an_engine() -> None:
    engine: Engine = make_engine("local")
    assert isinstance(engine, LocalEngine) and "local" in ENGINES
    assert {(link.a, link.b) for link in engine.find_links(_items(), Settings(jobs=1))} == COPIES


def test_make_engine_refuses_an_unknown_name() -> None:
    with pytest.raises(ValueError, match="unknown engine"):
        make_engine("spark")


def test_fingerprints_are_those_of_hash_articles() -> None:
    bodies = [item.body for item in _items()]
    engine = LocalEngine()
    prints, lengths = engine.fingerprints(bodies, Settings(jobs=1))
    hashes, joined = engine.hash_articles(bodies, Settings(jobs=1))
    assert np.array_equal(np.concatenate(prints), joined.hashes)
    assert lengths.tolist() == np.diff(hashes.offsets).tolist()
