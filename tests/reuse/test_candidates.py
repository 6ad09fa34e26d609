"""Tests for newstrace.reuse.candidates: pairs from the shingle index with a frequency cap."""

from __future__ import annotations

import numpy as np
import pytest

from newstrace.reuse.candidates import candidate_pairs
from newstrace.reuse.shingles import _mix, fingerprints

from .links_stories import BRIDGE, body, edited_copy, excerpt_copy, unrelated


def _prints(*values: list[int]) -> list[np.ndarray]:
    # Spread like real shingle hashes: the index packs documents into the hashes' low bits.
    return [np.unique(_mix(np.array(sorted(set(value)), dtype=np.uint64))) for value in values]


def _pairs(found: np.ndarray) -> set[tuple[int, int]]:
    return {(int(a), int(b)) for a, b in found.tolist()}


@pytest.mark.parametrize(("min_shared", "expected"), [(1, {(0, 1), (0, 2), (1, 2)}), (2, {(0, 1)})])
def test_candidates_threshold_on_shared_count(min_shared: int, expected: set) -> None:
    prints = _prints([1, 2, 3, 4], [2, 3, 9], [4, 9])
    found = candidate_pairs(prints, np.ones(3, dtype=bool), 100, min_shared)
    assert _pairs(found) == expected


@pytest.mark.parametrize("max_doc_frequency", [3])
def test_candidates_frequency_cap_drops_common_shingles(max_doc_frequency: int) -> None:
    # Hash 7 is in every article (a common phrase); 1 and 2 are shared by articles 0 and 1 only.
    prints = _prints([7, 1, 2], [7, 1, 2], [7], [7])
    found = candidate_pairs(prints, np.ones(4, dtype=bool), max_doc_frequency, 1)
    assert _pairs(found) == {(0, 1)}


@pytest.mark.parametrize("chunk_pairs", [1, 2, 1_000])
def test_candidates_only_pairs_with_a_new_side(chunk_pairs: int) -> None:
    prints = _prints([1, 2], [1, 2], [1, 2], [1, 2])
    is_new = np.array([False, False, True, False])
    found = candidate_pairs(prints, is_new, 100, 2, chunk_pairs)
    assert _pairs(found) == {(0, 2), (1, 2), (2, 3)}


@pytest.mark.parametrize("sample_modulus", [4])
def test_candidates_find_partial_copies(sample_modulus: int) -> None:
    bodies = [body(BRIDGE), excerpt_copy(), edited_copy(), unrelated()]
    prints, _ = fingerprints(bodies, 5, sample_modulus)
    found = _pairs(candidate_pairs(prints, np.ones(len(bodies), dtype=bool), 100, 2))
    assert {(0, 1), (0, 2), (1, 2)} <= found


@pytest.mark.parametrize("count", [0, 1])
def test_candidates_empty_inputs(count: int) -> None:
    found = candidate_pairs(_prints(*[[] for _ in range(count)]), np.ones(count, bool), 10, 1)
    assert found.shape == (0, 2)


@pytest.mark.parametrize("chunk_pairs", [1, 7, 50])
def test_candidates_counted_in_small_chunks_match_one_chunk(chunk_pairs: int) -> None:
    rng = np.random.default_rng(5)
    prints = _prints(*(rng.integers(0, 60, 12).tolist() for _ in range(40)))
    is_new = rng.random(40) < 0.6
    whole = candidate_pairs(prints, is_new, 30, 2)
    split = candidate_pairs(prints, is_new, 30, 2, chunk_pairs)
    assert len(whole) > 10
    assert np.array_equal(whole, split)


def test_candidates_equal_a_plain_count_of_shared_shingles() -> None:
    rng = np.random.default_rng(11)
    values = [rng.integers(0, 80, rng.integers(0, 20)).tolist() for _ in range(60)]
    prints = _prints(*values)
    is_new = rng.random(60) < 0.5
    expected = set()
    for a in range(60):
        for b in range(a + 1, 60):
            shared = set(prints[a].tolist()) & set(prints[b].tolist())
            frequent = {h for h in shared if sum(h in set(p.tolist()) for p in prints) > 25}
            if (is_new[a] or is_new[b]) and len(shared - frequent) >= 2:
                expected.add((a, b))
    assert _pairs(candidate_pairs(prints, is_new, 25, 2, 40)) == expected
