"""Fixtures of the cross-language tests: stores ingested and traced as a user would, and a local
Ray cluster, started only by the tests that ask."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from .stories import ingest_and_trace


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[None]:
    """A local Ray cluster with two worker CPUs for one module, stopped after its tests."""
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def traced_store(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[list[dict[str, str]]], str]:
    """A maker of stores: the records ingested and traced in a folder of their own."""

    def make(records: list[dict[str, str]]) -> str:
        return ingest_and_trace(tmp_path_factory.mktemp("xling"), records)

    return make
