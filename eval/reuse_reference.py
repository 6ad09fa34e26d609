r"""The reference of cross-outlet copies: every pair of articles compared, slowly and plainly.

Definition: newstrace/reuse/definition.py (the engine implements the same one, fast). Made
operational here as plainly as possible. Each body is normalised (NFKC, curly quotes and
dashes straightened, case folded) and cut into `\w+` tokens. Two token lists are aligned as
difflib.SequenceMatcher aligns them (no junk heuristic). A passage runs from one verbatim run
of at least ANCHOR_TOKENS tokens (an anchor) to another, through the shorter runs and gaps
between them; its size (aligned tokens) is the longer of its two sides, its identity the share
of that size in verbatim runs. Anchors are chained left to right while the chain stays
MIN_PASSAGE_IDENTITY identical, else a new passage starts. A passage counts from
MIN_PASSAGE_TOKENS aligned tokens. A pair is a copy when the identical tokens of its passages
add up to MIN_SHARED_TOKENS and its outlets differ; an unknown outlet (None) differs from every
outlet, itself included. Text moved around is found by aligning again once the passages found
are masked out, until a round finds no passage.

Why the shortcuts are exact. (1) A pair sharing no word 5-gram has no anchor, hence no
passage. Which pairs share one is decided for all pairs at once, by the sparse product of
the article x 5-gram incidence matrix with itself: no index, no frequency cap, no sampling
(the engine's candidates use all three). (2) Every pair that shares one is aligned in full.
SequenceMatcher over whole bodies costs 15 ms a pair on ReCOVery (20 core-minutes), so the
"anchored" aligner computes the same blocks where passages can lie: it takes the maximal
shared runs of 5+ tokens, picks them longest first exactly as find_longest_match does
(earliest in a, then in b, on ties), and runs SequenceMatcher itself on each gap between two
consecutive anchors, which is the range SequenceMatcher would recurse into. Blocks outside the
first and last anchor cannot belong to a passage. The tests and `ALIGNER = "difflib"` check
both give the same pairs.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import re
import resource
import sys
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from itertools import pairwise, product
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newstrace.reuse.definition import (  # noqa: E402
    ANCHOR_TOKENS,
    MIN_PASSAGE_IDENTITY,
    MIN_PASSAGE_TOKENS,
    MIN_SHARED_TOKENS,
)

# Plain difflib takes 15 ms a pair on ReCOVery (20 core-minutes); "anchored" computes the
# same alignment where passages can lie, from the shared runs: tests check they agree
ALIGNER = "anchored"  # or "difflib": SequenceMatcher over the whole token lists
REFERENCE_VERSION = 1  # bump when the definition or the algorithm changes: old caches expire
CHUNK_PAIRS = 200  # pairs per task handed to a worker process
_STRAIGHT = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_TOKEN = re.compile(r"\w+")
Block = tuple[int, int, int]  # (start in a, start in b, length), token offsets
Grams = dict[tuple[int, ...], list[int]]  # word 5-gram -> where it starts


@dataclass(frozen=True, slots=True)
class Text:
    """One article as the reference sees it: a stable key, its outlet, its body."""

    key: str
    outlet: str | None
    body: str


@dataclass(frozen=True, slots=True)
class Span:
    """A passage in token offsets: a[a_start:a_end] aligned with b[b_start:b_end]."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    tokens: int  # aligned tokens: the longer of the two sides
    identical: int  # of which identical on both sides


@dataclass(frozen=True, slots=True)
class Pair:
    """A cross-outlet copy found by the reference: the two keys (a < b) and what they share."""

    a: str
    b: str
    shared_tokens: int
    identical_tokens: int
    passages: int


def tokens(text: str) -> list[str]:
    """Normalised word tokens: NFKC, straight quotes and dashes, folded case, `\\w+`."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).translate(_STRAIGHT).casefold())


def different_outlets(a: str | None, b: str | None) -> bool:
    """Whether a pair is cross-outlet; an unknown outlet differs from every outlet."""
    return a is None or b is None or a != b


def shingle_pairs(token_ids: Sequence[np.ndarray], outlets: Sequence[str | None]) -> np.ndarray:
    """Every cross-outlet pair (i < j) sharing at least one word 5-gram, from all pairs at once."""
    vocabulary: dict[tuple[int, ...], int] = {}
    rows: list[int] = []
    columns: list[int] = []
    for row, ids in enumerate(token_ids):
        grams = {tuple(ids[k : k + ANCHOR_TOKENS]) for k in range(len(ids) - ANCHOR_TOKENS + 1)}
        found = {vocabulary.setdefault(gram, len(vocabulary)) for gram in grams}
        rows += [row] * len(found)
        columns += list(found)
    incidence = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.int32), (rows, columns)),
        shape=(len(token_ids), max(len(vocabulary), 1)),
    )
    shared = sparse.triu(incidence @ incidence.T, k=1).tocoo()
    keep = [
        different_outlets(outlets[i], outlets[j])
        for i, j in zip(shared.row, shared.col, strict=True)
    ]
    pairs = np.column_stack([shared.row, shared.col])[np.array(keep, dtype=bool)]
    return pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))] if len(pairs) else pairs


def _join(first: Span, blocks: Sequence[Block]) -> Span:
    """The span from `first` through `blocks`; its size is the longer of its two sides."""
    a_end, b_end = blocks[-1][0] + blocks[-1][2], blocks[-1][1] + blocks[-1][2]
    size = max(a_end - first.a_start, b_end - first.b_start)
    identical = first.identical + sum(block[2] for block in blocks)
    return Span(first.a_start, a_end, first.b_start, b_end, size, identical)


def passages_of(blocks: Iterable[Block]) -> list[Span]:
    """One monotone alignment's passages: anchor-to-anchor chains that stay identical enough."""
    spans: list[Span] = []
    between: list[Block] = []  # short runs since the last anchor: they count only if bridged
    for i, j, size in blocks:
        if size < ANCHOR_TOKENS:
            between.append((i, j, size))
            continue
        merged = _join(spans[-1], [*between, (i, j, size)]) if spans else None
        if merged is not None and merged.identical >= MIN_PASSAGE_IDENTITY * merged.tokens:
            spans[-1] = merged
        else:
            spans.append(Span(i, i + size, j, j + size, size, size))
        between = []
    return [s for s in spans if s.tokens >= MIN_PASSAGE_TOKENS]


def gram_positions(ids: Sequence[int]) -> Grams:
    """Where each word 5-gram of a token list starts."""
    where: Grams = {}
    for k in range(len(ids) - ANCHOR_TOKENS + 1):
        where.setdefault(tuple(ids[k : k + ANCHOR_TOKENS]), []).append(k)
    return where


def maximal_runs(a: Sequence[int], b: Sequence[int], grams: tuple[Grams, Grams]) -> list[Block]:
    """Every maximal verbatim run of at least ANCHOR_TOKENS tokens shared by a and b."""
    n, runs = ANCHOR_TOKENS, []
    for gram in grams[0].keys() & grams[1].keys():
        for i, j in product(grams[0][gram], grams[1][gram]):
            if a[i : i + n] != b[j : j + n] or (i and j and a[i - 1] == b[j - 1]):
                continue  # masked since the grams were taken, or inside an earlier run
            size = n
            while i + size < len(a) and j + size < len(b) and a[i + size] == b[j + size]:
                size += 1
            runs.append((i, j, size))
    return runs


def _longest(runs: Sequence[Block], box: tuple[int, int, int, int]) -> Block | None:
    """The longest run clipped to a box, earliest in a then b: find_longest_match's choice."""
    alo, ahi, blo, bhi = box
    best: Block | None = None
    for i, j, size in runs:
        start = max(0, alo - i, blo - j)
        end = min(size, ahi - i, bhi - j)
        if end - start >= ANCHOR_TOKENS:
            found = (i + start, j + start, end - start)
            if best is None or (-found[2], found[0], found[1]) < (-best[2], best[0], best[1]):
                best = found
    return best


def _anchors(runs: Sequence[Block], box: tuple[int, int, int, int]) -> list[Block]:
    """The runs of at least ANCHOR_TOKENS SequenceMatcher keeps in a box: longest first, then
    the same on each side of it."""
    best = _longest(runs, box)
    if best is None:
        return []
    i, j, size = best
    alo, ahi, blo, bhi = box
    left = _anchors(runs, (alo, i, blo, j))
    return [*left, best, *_anchors(runs, (i + size, ahi, j + size, bhi))]


def matching_blocks(a: list[int], b: list[int], runs: list[Block], aligner: str) -> list[Block]:
    """The verbatim runs of SequenceMatcher's alignment that passages can use, in order."""
    if aligner == "difflib":
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        return [tuple(m) for m in matcher.get_matching_blocks()]
    anchors = _anchors(runs, (0, len(a), 0, len(b)))
    blocks: list[Block] = anchors[:1]
    for (i, j, size), following in pairwise(anchors):
        # between two anchors SequenceMatcher aligns the gap on its own: do just that
        gap = SequenceMatcher(
            None, a[i + size : following[0]], b[j + size : following[1]], autojunk=False
        )
        blocks += [(i + size + x, j + size + y, n) for x, y, n in gap.get_matching_blocks() if n]
        blocks.append(following)
    return blocks


def align(
    a: Sequence[int],
    b: Sequence[int],
    aligner: str = ALIGNER,
    grams: tuple[Grams, Grams] | None = None,
) -> list[Span]:
    """Every passage two token lists share, text moved around included."""
    a, b = list(a), list(b)
    grams = grams or (gram_positions(a), gram_positions(b))
    passages: list[Span] = []
    while runs := maximal_runs(a, b, grams):
        found = passages_of(matching_blocks(a, b, runs, aligner))
        if not found:
            break
        passages += found
        for span in found:  # masked tokens are unique, so the next round aligns the rest
            a[span.a_start : span.a_end] = range(-1 - span.a_start, -1 - span.a_end, -1)
            b[span.b_start : span.b_end] = range(-(10**9) - span.b_start, -(10**9) - span.b_end, -1)
    return sorted(passages, key=lambda s: (s.a_start, s.b_start))


def compare(
    a: Sequence[int],
    b: Sequence[int],
    aligner: str = ALIGNER,
    grams: tuple[Grams, Grams] | None = None,
) -> tuple[int, int, int] | None:
    """(aligned tokens, identical tokens, passages) when the pair is a copy, else None."""
    passages = align(a, b, aligner, grams)
    identical = sum(s.identical for s in passages)
    if identical < MIN_SHARED_TOKENS:
        return None
    return sum(s.tokens for s in passages), identical, len(passages)


_WORKER: dict[str, Any] = {}  # token ids and aligner, set in each worker before it compares


def _init_worker(token_ids: list[np.ndarray], aligner: str) -> None:
    _WORKER.update(ids=token_ids, aligner=aligner, cache={})


def _worker_tokens(index: int) -> tuple[list[int], Grams]:
    """A document's tokens and 5-gram positions, computed once per worker."""
    cache = _WORKER.setdefault("cache", {})
    if index not in cache:
        ids = _WORKER["ids"][index].tolist()
        cache[index] = (ids, gram_positions(ids))
    return cache[index]  # type: ignore[no-any-return]


def _compare_chunk(chunk: list[tuple[int, int]]) -> list[tuple[int, int, int, int, int]]:
    """The copies among a chunk of candidate pairs, as (i, j, shared, identical, passages)."""
    found = []
    for i, j in chunk:
        a, b = _worker_tokens(i), _worker_tokens(j)
        result = compare(a[0], b[0], _WORKER["aligner"], (a[1], b[1]))
        if result is not None:
            found.append((i, j, *result))
    return found


def _token_ids(texts: Sequence[Text]) -> list[np.ndarray]:
    """Each body's tokens as integer ids (one vocabulary per corpus): faster to hash."""
    vocabulary: dict[str, int] = {}
    return [
        np.array([vocabulary.setdefault(t, len(vocabulary)) for t in tokens(x.body)], np.int64)
        for x in texts
    ]


def reference_pairs(texts: Sequence[Text], workers: int = 2, aligner: str = ALIGNER) -> list[Pair]:
    """Every cross-outlet copy among the texts, by exhaustive comparison."""
    ids = _token_ids(texts)
    candidates = [(int(i), int(j)) for i, j in shingle_pairs(ids, [t.outlet for t in texts])]
    chunks = [candidates[k : k + CHUNK_PAIRS] for k in range(0, len(candidates), CHUNK_PAIRS)]
    if workers > 1 and len(chunks) > 1:
        # fork shares the token lists with the workers for free; the eval runs on Linux
        with multiprocessing.get_context("fork").Pool(
            workers, _init_worker, (ids, aligner)
        ) as pool:
            results = pool.map(_compare_chunk, chunks, chunksize=1)
    else:
        _init_worker(ids, aligner)
        results = [_compare_chunk(chunk) for chunk in chunks]
    pairs = []
    for i, j, shared, identical, passages in (r for chunk in results for r in chunk):
        a, b = sorted((texts[i].key, texts[j].key))
        pairs.append(Pair(a, b, shared, identical, passages))
    return sorted(pairs, key=lambda p: (p.a, p.b))


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the pool's workers)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def fingerprint(texts: Sequence[Text]) -> str:
    """A hash of the inputs and the definition: the cache key."""
    digest = hashlib.sha256()
    settings = (REFERENCE_VERSION, ANCHOR_TOKENS, MIN_PASSAGE_TOKENS, MIN_SHARED_TOKENS)
    digest.update(repr((settings, MIN_PASSAGE_IDENTITY)).encode())
    for text in sorted(texts, key=lambda t: t.key):
        digest.update(json.dumps([text.key, text.outlet, text.body]).encode())
    return digest.hexdigest()[:16]


def cached_reference(
    texts: Sequence[Text], cache: Path, name: str, workers: int = 2
) -> tuple[list[Pair], dict[str, object]]:
    """The reference pairs, read from the cache when the inputs are unchanged; and how it went."""
    path = cache / f"reuse-reference-{name}-{fingerprint(texts)}.json"
    if path.exists():
        stored = json.loads(path.read_text())
        return [Pair(**p) for p in stored["pairs"]], {**stored["run"], "cached": True}
    started, cpu = time.perf_counter(), _cpu_seconds()
    pairs = reference_pairs(texts, workers)
    run = {
        "seconds": round(time.perf_counter() - started, 1),
        "cpu_seconds": round(_cpu_seconds() - cpu, 1),  # wall time depends on the machine's load
        "workers": workers,
    }
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"run": run, "pairs": [asdict(p) for p in pairs]}))
    return pairs, {**run, "cached": False}
