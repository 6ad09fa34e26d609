"""A small invented corpus with known copies for the scale-out tests (no real text).

Stories are sentences of invented words drawn with a fixed seed; each story may be copied
whole, excerpted, edited, copied again from a copy (families of three or more) or re-run by
its own outlet; unrelated articles fill the rest. Article ids are shuffled so that position
and id order differ, as they do in shard files.
"""

from __future__ import annotations

import random

from newstrace.engines.base import TextItem

SEED = 6
SYLLABLES = ("ka", "lo", "mi", "ne", "tor", "va", "shi", "gre", "pul", "dan", "os", "rek", "fu")


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _paragraph(rng: random.Random, vocabulary: list[str]) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(rng.randint(25, 45))) + "."


def _edited(rng: random.Random, paragraphs: list[str], vocabulary: list[str]) -> list[str]:
    """One word in twelve swapped in two paragraphs, the last paragraph dropped."""
    changed = list(paragraphs[:-1])
    for index in rng.sample(range(len(changed)), 2):
        words = changed[index].split()
        changed[index] = " ".join(
            rng.choice(vocabulary) if k % 12 == 5 else w for k, w in enumerate(words)
        )
    return changed


def corpus(stories: int = 30, unrelated: int = 50) -> list[TextItem]:
    """Originals, their copies and unrelated articles, as TextItems with shuffled ids."""
    rng = random.Random(SEED)
    vocabulary = _vocabulary(rng, 600)
    outlets = [f"outlet-{k}" for k in range(12)]
    texts: list[tuple[str | None, list[str]]] = []
    for _ in range(stories):
        original = [_paragraph(rng, vocabulary) for _ in range(rng.randint(5, 9))]
        outlet = rng.choice(outlets)
        texts.append((outlet, original))
        kinds = rng.sample(["full", "excerpt", "edited", "chain", "same"], rng.randint(0, 3))
        for kind in kinds:
            other = rng.choice([o for o in outlets if o != outlet])
            if kind == "full":
                texts.append((other, original))
            elif kind == "excerpt":
                start = rng.randrange(len(original) - 2)
                own = [_paragraph(rng, vocabulary) for _ in range(3)]
                texts.append((other, [own[0], *original[start : start + 2], *own[1:]]))
            elif kind == "edited":
                texts.append((other, _edited(rng, original, vocabulary)))
            elif kind == "chain":
                middle = _edited(rng, original, vocabulary)
                texts.append((other, middle))
                texts.append((None, _edited(rng, middle, vocabulary)))  # outlet unknown
            else:
                texts.append((outlet, original[1:]))
    for _ in range(unrelated):
        paragraphs = [_paragraph(rng, vocabulary) for _ in range(rng.randint(1, 6))]
        texts.append((rng.choice(outlets), paragraphs))
    texts.append((outlets[0], []))  # an empty body
    ids = rng.sample(range(1, 10 * len(texts)), len(texts))
    return [
        TextItem(article_id, outlet, "\n\n".join(paragraphs))
        for article_id, (outlet, paragraphs) in zip(ids, texts, strict=True)
    ]
