"""A body cut into sentences, each with its character offsets, in any script."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? … or the CJK/Arabic full stops, before a space (or none, for CJK)
# and an opening quote, bracket, capital or digit; a paragraph break always ends one.
_END = re.compile(r"[.!?…][\"'»”’)\]]*(\s+)(?=[\"'«“„(\[¿¡]?[^\W_a-z])|[。！？؟][\"'»”’)\]]*(\s*)")
# A period after these is not a sentence's end: an ordinal day ("12. Mai") or an abbreviation
# ("Mr.", "Dr.", "U.S.").
_NOT_END = re.compile(r"(?:\b\d{1,2}|\b[A-Z][a-z]{0,2}|\b\w\.\w)\.$")
_PARAGRAPH = re.compile(r"\n\s*\n")
MIN_SENTENCE_CHARS = 2


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a body: its text and where it lies in the body."""

    start: int
    end: int
    text: str


def _pieces(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence spans of one paragraph (body[start:end])."""
    spans, cursor = [], start
    for match in _END.finditer(body, start, end):
        group = 1 if match.group(1) is not None else 2
        if _NOT_END.search(body, max(cursor, match.start() - 8), match.start() + 1):
            continue
        spans.append((cursor, match.start(group)))
        cursor = match.end(group)
    spans.append((cursor, end))
    return spans


def _trimmed(body: str, start: int, end: int) -> tuple[int, int]:
    """The span without its surrounding whitespace."""
    text = body[start:end]
    lead = len(text) - len(text.lstrip())
    return start + lead, start + len(text.rstrip())


def split_sentences(body: str) -> list[Sentence]:
    """The body's sentences in order, with offsets into the body; blank pieces dropped."""
    sentences: list[Sentence] = []
    cursor = 0
    bounds = [m.span() for m in _PARAGRAPH.finditer(body)] + [(len(body), len(body))]
    for gap_start, gap_end in bounds:
        for start, end in _pieces(body, cursor, gap_start):
            start, end = _trimmed(body, start, end)
            if end - start >= MIN_SENTENCE_CHARS:
                sentences.append(Sentence(start, end, body[start:end]))
        cursor = gap_end
    return sentences
