"""A text rule's claim found translated: in a new article of another language, one sentence
(or two neighbouring ones) that says what the claim says.

A translation shares no words with the claim, so the cross-language stage's tools decide
(newstrace.xling, read only): its language-independent anchors (numbers, names in Latin
letters, cognates) pick the sentences that share at least MIN_SHARED_ANCHORS of the claim's
and at least AGREEING_SHARE of them, as that stage's aligned sentences must; the best
WINDOWS_EMBEDDED of those are embedded with its multilingual model and the best is the claim
when their cosine reaches MIN_CLAIM_SIMILARITY. That is higher than the stage's bar for
aligned sentences, which stand in a whole aligned article; a lone sentence naming the same
people and place but saying something else scores about 0.86-0.89, its translation 0.92-0.94.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from newstrace.extract.language import paragraph_language
from newstrace.xling.anchors import anchors
from newstrace.xling.embed import E5Embedder, Embedder
from newstrace.xling.scores import anchor_share
from newstrace.xling.sentences import split_sentences
from newstrace.xling.translations import AGREEING_SHARE

MIN_SHARED_ANCHORS = 2  # one shared name is a topic, not a claim
MIN_CLAIM_SIMILARITY = 0.90  # cosine of the claim and its translation (multilingual-e5-small)
WINDOWS_EMBEDDED = 2  # an article's best-anchored sentence windows that are embedded
WINDOW_SENTENCES = 2  # a claim may be told in up to this many sentences


@dataclass(frozen=True, slots=True)
class TranslatedClaim:
    """Where an article tells the claim in its own language, and how close the two are."""

    body_start: int
    body_end: int
    similarity: float


@dataclass
class ClaimReader:
    """The claim's language and anchors, and the embedder (loaded on first need)."""

    claim: str
    embedder: Embedder = field(default_factory=E5Embedder)
    language: str | None = None
    weights: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.language = paragraph_language(self.claim)[0]
        self.weights = dict.fromkeys(anchors(self.claim), 1.0)

    def find(self, body: str) -> TranslatedClaim | None:
        """Where the body tells the claim, or None."""
        if len(self.weights) < MIN_SHARED_ANCHORS:
            return None
        windows = sorted(self._anchored(body), reverse=True)[:WINDOWS_EMBEDDED]
        if not windows:
            return None
        texts = [body[start:end] for _, start, end in windows]
        vectors = self.embedder.embed([self.claim, *texts])
        similarities = vectors[1:] @ vectors[0]
        best = int(similarities.argmax())
        if float(similarities[best]) < MIN_CLAIM_SIMILARITY:
            return None
        _, start, end = windows[best]
        return TranslatedClaim(start, end, round(float(similarities[best]), 4))

    def _anchored(self, body: str) -> Iterable[tuple[float, int, int]]:
        """(anchor share, start, end) of the sentence windows that share enough anchors."""
        sentences = split_sentences(body)
        found = [set(anchors(s.text)) & self.weights.keys() for s in sentences]
        for first in range(len(sentences)):
            for last in range(first, min(first + WINDOW_SENTENCES, len(sentences))):
                shared = set().union(*found[first : last + 1])
                if len(shared) < MIN_SHARED_ANCHORS:
                    continue
                window = dict.fromkeys(
                    anchors(body[sentences[first].start : sentences[last].end]), 1.0
                )
                share = anchor_share(self.weights, window) or 0.0
                if share >= AGREEING_SHARE:
                    yield share, sentences[first].start, sentences[last].end
