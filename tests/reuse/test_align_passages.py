"""A copy made of several short passages, reordered among common-word filler, is still found."""

from __future__ import annotations

import random

from newstrace.reuse.align import align_pair
from newstrace.reuse.tokens import tokenise

PASSAGES = [
    "the harbour board voted on tuesday evening to close the northern breakwater to all fishing boats for at least three months while engineers inspect the storm damage",
    "the closure will cost the local fleet an estimated four hundred thousand euros in lost catches according to figures presented by the fishermen's cooperative at the meeting",
    "boats will be allowed to moor at the southern quay instead but skippers said the longer route around the headland would add almost an hour to every trip",
]
COMMON = [
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "that",
    "is",
    "was",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "it",
    "an",
    "be",
    "this",
    "which",
    "or",
]


def _filler(rng: random.Random, words: int) -> str:
    # Text of common words only: an LCS aligner happily chains these between the two sides.
    return " ".join(rng.choice(COMMON) for _ in range(words))


def test_align_passages_finds_several_short_reordered_passages() -> None:
    rng = random.Random(7)
    original = (
        " ".join(f"{_filler(rng, 60)} {passage}" for passage in PASSAGES) + " " + _filler(rng, 60)
    )
    copy = (
        " ".join(f"{_filler(rng, 45)} {passage}" for passage in reversed(PASSAGES))
        + " "
        + _filler(rng, 45)
    )
    link = align_pair((1, 2), (tokenise(original), tokenise(copy)), False)
    assert link is not None and len(link.passages) == 3
