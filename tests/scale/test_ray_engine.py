"""Tests for newstrace.engines.ray: a two-worker Ray cluster gives the local engine's answers."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from newstrace.engines import Engine, make_engine
from newstrace.engines import ray as ray_engine
from newstrace.engines.base import TextItem
from newstrace.engines.local import LocalEngine
from newstrace.engines.ray import RayEngine
from newstrace.models import ReuseLink
from newstrace.reuse.families import connected_families
from newstrace.settings import Settings

from .corpus import corpus

pytestmark = pytest.mark.usefixtures("ray_cluster")


def _small_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many small tasks, so chunks, partitions and align blocks all have several members."""
    monkeypatch.setattr(ray_engine, "HASH_TASK_ARTICLES", 16)
    monkeypatch.setattr(ray_engine, "ALIGN_TASK_PAIRS", 5)
    monkeypatch.setattr(ray_engine, "ALIGN_BLOCK_ARTICLES", 40)


def _families(links: list[ReuseLink]) -> dict[int, tuple[int, ...]]:
    return connected_families((link.a, link.b) for link in links if not link.same_outlet)


@pytest.mark.parametrize("partitions", [1, 3])
def test_ray_engine_find_links_equal_local(
    monkeypatch: pytest.MonkeyPatch, partitions: int
) -> None:
    _small_tasks(monkeypatch)
    items = corpus()
    local = LocalEngine().find_links(items, Settings())
    engine = RayEngine(partitions=partitions)
    found = engine.find_links(items, Settings())
    assert found == local
    assert _families(found) == _families(local)
    # The corpus has copies across outlets, within one outlet and chains of three or more.
    assert any(link.same_outlet for link in local)
    assert max(len(members) for members in _families(local).values()) >= 3
    assert engine.stats.index_bytes > 0 and engine.stats.tasks["align"] > 1


@pytest.mark.parametrize("new_share", [0.3])
def test_ray_engine_new_ids_equal_local(monkeypatch: pytest.MonkeyPatch, new_share: float) -> None:
    _small_tasks(monkeypatch)
    items = corpus()
    new_ids = {item.id for k, item in enumerate(items) if k % int(1 / new_share) == 0}
    local = LocalEngine().find_links(items, Settings(), new_ids)
    assert RayEngine(partitions=2).find_links(items, Settings(), new_ids) == local
    assert all(link.a in new_ids or link.b in new_ids for link in local)


@pytest.mark.parametrize("min_shared", [1, 4])
def test_ray_engine_stage_methods_equal_local(
    monkeypatch: pytest.MonkeyPatch, min_shared: int
) -> None:
    _small_tasks(monkeypatch)
    settings = Settings(min_shared_shingles=min_shared)
    bodies = [item.body for item in corpus()]
    local, ray_based = LocalEngine(), RayEngine(partitions=3)
    hashes, prints = ray_based.hash_articles(bodies, settings)
    local_hashes, local_prints = local.hash_articles(bodies, settings)
    assert np.array_equal(hashes.flat, local_hashes.flat)
    assert np.array_equal(prints.hashes, local_prints.hashes)
    is_new = np.arange(len(bodies)) % 2 == 0
    pairs = ray_based.candidates(prints, is_new, settings)
    assert pairs.tolist() == local.candidates(local_prints, is_new, settings).tolist()
    assert ray_based.align(hashes, pairs, settings) == local.align(local_hashes, pairs, settings)


@pytest.mark.parametrize("items", [[], [TextItem(1, "a", "one short body")]])
def test_ray_engine_handles_tiny_corpora(items: list[TextItem]) -> None:
    assert RayEngine().find_links(items, Settings()) == []


def test_ray_engine_is_an_engine_of_its_own() -> None:
    engine: Engine = make_engine("ray", workers=2)
    assert isinstance(engine, RayEngine) and not isinstance(engine, LocalEngine)


def test_ray_engine_verify_and_fingerprints_equal_local(monkeypatch: pytest.MonkeyPatch) -> None:
    _small_tasks(monkeypatch)
    items = corpus()
    pairs = [*itertools.pairwise(items), (items[5], items[2])]
    local, ray_based = LocalEngine(), RayEngine(partitions=2)
    assert ray_based.verify(pairs, Settings()) == local.verify(pairs, Settings(jobs=1))
    bodies = [item.body for item in items]
    prints, lengths = ray_based.fingerprints(bodies, Settings())
    local_prints, local_lengths = local.fingerprints(bodies, Settings(jobs=1))
    assert [p.tolist() for p in prints] == [p.tolist() for p in local_prints]
    assert lengths.tolist() == local_lengths.tolist()
