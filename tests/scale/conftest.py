"""Fixtures of the scale-out tests: one local Ray cluster with two workers for the whole package."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

ray = pytest.importorskip("ray")


@pytest.fixture(scope="package")
def ray_cluster() -> Iterator[None]:
    """A local Ray cluster with two worker CPUs, started once and stopped after the tests."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()
