"""Tests for newstrace.engines.ray_index: the sharded shingle index gives candidate_pairs' answer."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.engines.ray_index import sharded_candidate_pairs, split_entries
from newstrace.reuse.candidates import candidate_pairs
from newstrace.reuse.shingles import Prints, _mix


def _prints(values: list[list[int]], low_bits_noise: list[int]) -> Prints:
    """Fingerprints from small shingle ids; some hashes differ from another only in low bits."""
    arrays = []
    for k, value in enumerate(values):
        hashes = _mix(np.array(sorted(set(value)), dtype=np.uint64))
        # Flip a low bit: the local index merges such hashes (its documented packing).
        hashes ^= np.uint64(low_bits_noise[k % len(low_bits_noise)] & 1)
        arrays.append(np.unique(hashes))
    return Prints.of(arrays)


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.lists(st.integers(0, 12), max_size=10), min_size=0, max_size=14),
    noise=st.lists(st.integers(0, 1), min_size=1, max_size=5),
    new=st.lists(st.booleans(), min_size=14, max_size=14),
    max_df=st.integers(2, 6),
    min_shared=st.integers(1, 4),
    partitions=st.integers(1, 5),
)
def test_index_sharded_pairs_equal_candidate_pairs(
    values: list[list[int]],
    noise: list[int],
    new: list[bool],
    max_df: int,
    min_shared: int,
    partitions: int,
) -> None:
    prints = _prints(values, noise)
    is_new = np.array(new[: len(values)], dtype=bool)
    expected = candidate_pairs(prints, is_new, max_df, min_shared)
    found = sharded_candidate_pairs(prints, is_new, max_df, min_shared, partitions)
    assert found.tolist() == expected.tolist()


@pytest.mark.parametrize("partitions", [4])
def test_index_split_entries_keeps_every_entry_once(partitions: int) -> None:
    prints = _prints([[1, 2, 3], [2, 3, 4, 5], [9]], [0])
    pieces = split_entries(prints, 10, 13, partitions)
    assert len(pieces) == partitions
    docs = sorted(int(d) for piece in pieces for d in piece.docs)
    assert docs == [10, 10, 10, 11, 11, 11, 11, 12]
