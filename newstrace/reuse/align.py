"""Verify a candidate pair: align the token sequences (rapidfuzz LCS) into passages with offsets.

A passage chains the LCS's identical blocks while the gap between two blocks stays within
max_gap_tokens on each side and the chain keeps MIN_PASSAGE_IDENTITY; its size is the longer
of its two token spans. Alignment repeats on the tokens not yet aligned (a moved paragraph),
up to MAX_ALIGN_ROUNDS. A link needs the passages' identical tokens to reach MIN_SHARED_TOKENS.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Indel

from newstrace.models import Passage, ReuseLink
from newstrace.reuse.definition import MIN_PASSAGE_IDENTITY, MIN_PASSAGE_TOKENS, MIN_SHARED_TOKENS
from newstrace.reuse.text import Tokens

MAX_ALIGN_ROUNDS = 3  # the first alignment plus two for passages moved out of order
MIN_EDGE_BLOCK_TOKENS = 3  # a passage starts and ends on a run this long, not a stray word


@dataclass(frozen=True, slots=True)
class Span:
    """A passage in token positions: [a_start, a_end) and [b_start, b_end), with identical tokens."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    matched: int

    @property
    def tokens(self) -> int:
        """Aligned tokens: the longer of the two sides."""
        return max(self.a_end - self.a_start, self.b_end - self.b_start)

    @property
    def identity(self) -> float:
        """Share of the aligned tokens identical on both sides."""
        return self.matched / self.tokens if self.tokens else 0.0


def token_codes(words: list[str], vocabulary: dict[str, int]) -> list[int]:
    """Tokens as small integers from a vocabulary shared by the articles compared (cheap to compare)."""
    return [vocabulary.setdefault(word, len(vocabulary)) for word in words]


def token_ids(a: Tokens, b: Tokens) -> tuple[list[int], list[int]]:
    """Both token sequences as codes from one fresh vocabulary."""
    vocabulary: dict[str, int] = {}
    return token_codes(a.words, vocabulary), token_codes(b.words, vocabulary)


def matching_blocks(a_ids: list[int], b_ids: list[int]) -> list[Span]:
    """The identical blocks of a longest-common-subsequence alignment, in order."""
    return [
        Span(block.a, block.a + block.size, block.b, block.b + block.size, block.size)
        for block in Indel.editops(a_ids, b_ids).as_matching_blocks()
        if block.size
    ]


def _span(chain: list[Span]) -> Span:
    """One span from its first to its last block, with the blocks' identical tokens."""
    first, last = chain[0], chain[-1]
    matched = sum(block.matched for block in chain)
    return Span(first.a_start, last.a_end, first.b_start, last.b_end, matched)


def _trimmed(chain: list[Span]) -> list[Span]:
    """A chain without the stray short matches ("the", "of") the LCS picks up at its ends."""
    start, end = 0, len(chain)
    while start < end and chain[start].matched < MIN_EDGE_BLOCK_TOKENS:
        start += 1
    while end > start and chain[end - 1].matched < MIN_EDGE_BLOCK_TOKENS:
        end -= 1
    return chain[start:end]


def _chains(blocks: list[Span], max_gap_tokens: int) -> list[list[Span]]:
    """Ordered blocks grouped while gaps stay small and the group keeps MIN_PASSAGE_IDENTITY."""
    chains: list[list[Span]] = []
    matched = 0
    for block in blocks:
        if chains:
            first, last = chains[-1][0], chains[-1][-1]
            gap = max(block.a_start - last.a_end, block.b_start - last.b_end)
            tokens = max(block.a_end - first.a_start, block.b_end - first.b_start)
            if gap <= max_gap_tokens and matched + block.matched >= MIN_PASSAGE_IDENTITY * tokens:
                chains[-1].append(block)
                matched += block.matched
                continue
        chains.append([block])
        matched = block.matched
    return chains


def chain_passages(blocks: list[Span], max_gap_tokens: int) -> list[Span]:
    """Chain ordered identical blocks into passages that meet the definition of a copy."""
    spans = [_span(chain) for chain in map(_trimmed, _chains(blocks, max_gap_tokens)) if chain]
    return [
        span
        for span in spans
        if span.tokens >= MIN_PASSAGE_TOKENS and span.identity >= MIN_PASSAGE_IDENTITY
    ]


def _mask(ids: list[int], spans: list[Span], side: str, base: int) -> None:
    """Replace aligned tokens by values found nowhere else, so the next round skips them."""
    for span in spans:
        start, end = (span.a_start, span.a_end) if side == "a" else (span.b_start, span.b_end)
        for position in range(start, end):
            ids[position] = base - position


def align_spans(codes: tuple[list[int], list[int]], max_gap_tokens: int) -> list[Span]:
    """All passages shared by two token-code sequences, ordered by position in a."""
    a_ids, b_ids = list(codes[0]), list(codes[1])  # copies: masking must not touch the caller's
    found: list[Span] = []
    for _ in range(MAX_ALIGN_ROUNDS):
        spans = chain_passages(matching_blocks(a_ids, b_ids), max_gap_tokens)
        found.extend(spans)
        a_left = len(a_ids) - sum(span.a_end - span.a_start for span in found)
        b_left = len(b_ids) - sum(span.b_end - span.b_start for span in found)
        if not spans or min(a_left, b_left) < MIN_PASSAGE_TOKENS:
            break
        _mask(a_ids, spans, "a", -1)
        _mask(b_ids, spans, "b", -1 - len(a_ids))
    return sorted(found, key=lambda span: span.a_start)


def _passage(span: Span, a: Tokens, b: Tokens) -> Passage:
    return Passage(
        a_start=int(a.starts[span.a_start]),
        a_end=int(a.ends[span.a_end - 1]),
        b_start=int(b.starts[span.b_start]),
        b_end=int(b.ends[span.b_end - 1]),
        tokens=span.tokens,
        verbatim=round(span.identity, 4),
    )


def link_from_spans(
    ids: tuple[int, int], tokens: tuple[Tokens, Tokens], spans: list[Span], same_outlet: bool
) -> ReuseLink | None:
    """A ReuseLink for articles a < b from their passages, or None below MIN_SHARED_TOKENS."""
    matched = sum(span.matched for span in spans)
    if matched < MIN_SHARED_TOKENS:
        return None
    a, b = tokens
    aligned = sum(span.tokens for span in spans)
    return ReuseLink(
        a=ids[0],
        b=ids[1],
        shared_tokens=matched,
        coverage_a=round(sum(span.a_end - span.a_start for span in spans) / len(a), 4),
        coverage_b=round(sum(span.b_end - span.b_start for span in spans) / len(b), 4),
        verbatim_ratio=round(matched / aligned, 4),
        passages=tuple(_passage(span, a, b) for span in spans),
        same_outlet=same_outlet,
    )


def align_pair(
    ids: tuple[int, int],
    tokens: tuple[Tokens, Tokens],
    same_outlet: bool,
    max_gap_tokens: int,
    codes: tuple[list[int], list[int]] | None = None,
) -> ReuseLink | None:
    """Align two articles (ids a < b, their tokens and optional token codes) into a link, or None."""
    if min(len(tokens[0]), len(tokens[1])) < MIN_PASSAGE_TOKENS:
        return None
    spans = align_spans(codes or token_ids(tokens[0], tokens[1]), max_gap_tokens)
    return link_from_spans(ids, tokens, spans, same_outlet)
