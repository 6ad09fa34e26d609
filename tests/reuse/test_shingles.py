"""Tests for newstrace.reuse.shingles: hashed word n-grams, sampling and stored fingerprints."""

from __future__ import annotations

import numpy as np
import pytest

from newstrace.reuse.shingles import (
    Prints,
    fingerprint_bytes,
    fingerprint_from_bytes,
    fingerprints,
    shingle_hashes,
    token_hashes,
)
from newstrace.reuse.tokens import words

from .links_stories import BRIDGE, FESTIVAL, body


@pytest.mark.parametrize("shingle_tokens", [1, 3, 5])
def test_shingles_one_hash_per_window(shingle_tokens: int) -> None:
    hashes = token_hashes(words(BRIDGE[0]))
    shingles = shingle_hashes(hashes, shingle_tokens)
    assert len(shingles) == len(hashes) - shingle_tokens + 1
    assert shingles.dtype == np.uint64


@pytest.mark.parametrize("text", ["the bridge was closed on tuesday"])
def test_shingles_depend_on_word_order(text: str) -> None:
    forward = shingle_hashes(token_hashes(text.split()), 5)
    backward = shingle_hashes(token_hashes(text.split()[::-1]), 5)
    assert not set(forward.tolist()) & set(backward.tolist())


@pytest.mark.parametrize("too_short", [[], ["one"], ["one", "two", "three", "four"]])
def test_shingles_short_texts_have_none(too_short: list[str]) -> None:
    assert len(shingle_hashes(token_hashes(too_short), 5)) == 0


def sample(shingles: np.ndarray, sample_modulus: int) -> np.ndarray:
    """The plain definition the compiled batch sampling must equal: kept, sorted, unique."""
    return np.unique(shingles[shingles % np.uint64(sample_modulus) == 0])


@pytest.mark.parametrize("sample_modulus", [1, 4])
def test_shingles_batch_fingerprints_match_one_by_one(sample_modulus: int) -> None:
    bodies = [body(BRIDGE), "", "too short", body(FESTIVAL), BRIDGE[3]]
    prints, lengths = fingerprints(bodies, 5, sample_modulus)
    assert lengths.tolist() == [len(words(text)) for text in bodies]
    for text, found in zip(bodies, prints, strict=True):
        expected = sample(shingle_hashes(token_hashes(words(text)), 5), sample_modulus)
        assert np.array_equal(found, expected)


@pytest.mark.parametrize("sample_modulus", [2, 4, 8])
def test_shingles_sampling_is_consistent_across_articles(sample_modulus: int) -> None:
    whole, excerpt = fingerprints([body(BRIDGE), BRIDGE[5]], 5, sample_modulus)[0]
    assert set(excerpt.tolist()) <= set(whole.tolist())
    assert all(value % sample_modulus == 0 for value in whole.tolist())


@pytest.mark.parametrize(("shingle_tokens", "sample_modulus"), [(5, 4)])
def test_shingles_fingerprint_blob_round_trip_and_staleness(
    shingle_tokens: int, sample_modulus: int
) -> None:
    found = fingerprints([body(BRIDGE)], shingle_tokens, sample_modulus)[0][0]
    blob = fingerprint_bytes(found, shingle_tokens, sample_modulus)
    restored = fingerprint_from_bytes(blob, shingle_tokens, sample_modulus)
    assert restored is not None and np.array_equal(restored, found)
    assert fingerprint_from_bytes(blob, shingle_tokens + 1, sample_modulus) is None
    assert fingerprint_from_bytes(b"", shingle_tokens, sample_modulus) is None


def test_prints_concatenate_and_split_back() -> None:
    prints, _ = fingerprints([body(BRIDGE), "", body(FESTIVAL)], 5, 4)
    joined = Prints.of(prints)
    assert joined.counts.tolist() == [len(found) for found in prints]
    assert all(np.array_equal(a, b) for a, b in zip(joined.split(), prints, strict=True))
    both = Prints.joined([joined, Prints.of(prints[:1])])
    assert len(both) == 4 and np.array_equal(both.split()[3], prints[0])
