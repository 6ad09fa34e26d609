"""The engine's alignment equals the plain reference of eval/ on edited copies (same definition).

The reference (difflib over whole token lists, every pair) is slow and obviously right; the
engine finds the same anchors from shared grams and aligns only gaps it may bridge. Random
copies with replaced, inserted and deleted words, moved paragraphs and repeated phrases must get
the same identical-token count, passage for passage, from both.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "eval"))

from reuse_reference import align as reference_align

from newstrace.reuse.align import align_spans, encode

WORDS = [f"w{n}" for n in range(40)]  # a small vocabulary: many accidental short matches


def _edited(rng: random.Random, original: list[str]) -> list[str]:
    """A copy with word edits at a random rate, and sometimes its halves swapped."""
    rate = rng.choice((0.02, 0.08, 0.15, 0.25))
    copy: list[str] = []
    for word in original:
        roll = rng.random()
        if roll < rate / 3:
            continue  # deleted
        if roll < 2 * rate / 3:
            copy.append(rng.choice(WORDS))  # replaced
        elif roll < rate:
            copy.extend((word, rng.choice(WORDS)))  # inserted after
        else:
            copy.append(word)
    if rng.random() < 0.3:
        half = len(copy) // 2
        copy = copy[half:] + copy[:half]
    padding = [rng.choice(WORDS) for _ in range(rng.randrange(0, 40))]
    return padding + copy + padding[::-1]


@pytest.mark.parametrize("seed", range(60))
def test_engine_alignment_equals_the_reference(seed: int) -> None:
    rng = random.Random(seed)
    original = [rng.choice(WORDS) for _ in range(rng.randrange(30, 160))]
    copy = _edited(rng, original)
    a, b = encode(original), encode(copy)
    engine = align_spans(a, b)
    reference = reference_align(a.codes, b.codes, "difflib")
    assert [(s.a_start, s.a_end, s.b_start, s.b_end, s.matched) for s in engine] == [
        (s.a_start, s.a_end, s.b_start, s.b_end, s.identical) for s in reference
    ]
