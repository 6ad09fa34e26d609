"""A text rule: a passage (a claim) found in a new article, verbatim or lightly edited.

The full-text index picks the new articles holding any ANCHOR_TOKENS-word run of the claim;
each is then aligned word by word against the claim (difflib, which the reuse stage's
alignment reproduces): the claim is found when runs of at least MIN_RUN_WORDS words, close
together in the article and one of them ANCHOR_TOKENS long, cover MIN_CLAIM_COVERAGE of it.

A translation shares no words with the claim: new articles in other languages are read by
claim_xling (the cross-language stage's anchors and embeddings) instead. The articles found
carrying the claim are tracked like a story, so their translations (and copies) raise alerts
through the link rules once the trace links them too.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from newstrace.models.alerts import CLAIM_FOUND, Alert, AlertPassage
from newstrace.reuse.definition import ANCHOR_TOKENS
from newstrace.reuse.tokens import Tokens, tokenise
from newstrace.store.alert_sources import (
    article_body,
    articles_with_phrases,
    bodies_not_in,
    family_of_article,
    last_article,
)
from newstrace.store.alerts import mark
from newstrace.watch.alerts.claim_xling import ClaimReader, TranslatedClaim
from newstrace.watch.alerts.compose import Context, Found, brief, excerpt, family_url, named
from newstrace.watch.alerts.rules import AlertRule
from newstrace.xling.embed import E5Embedder

ARTICLES = "articles"
MIN_CLAIM_COVERAGE = 0.6  # share of the claim's words the article must carry
MIN_RUN_WORDS = 3  # shorter common runs ("of the") are chance: not counted as the claim
MIN_EDGE_WORDS = 2  # ... but a two-word run after an edit still ends the passage quoted
MAX_PHRASES = 48  # runs of the claim asked of the full-text index
SPREAD_FACTOR = 2  # the matched words may spread over at most this many claim lengths


@dataclass(frozen=True, slots=True)
class ClaimMatch:
    """Where an article carries a claim: the word runs' extent on both sides, and coverage."""

    claim_start: int  # character offsets in the claim
    claim_end: int
    body_start: int  # character offsets in the article's body
    body_end: int
    coverage: float


def claim_phrases(claim: Tokens) -> list[list[str]]:
    """Runs of ANCHOR_TOKENS words of the claim, at most MAX_PHRASES spread over it."""
    count = len(claim.words) - ANCHOR_TOKENS + 1
    step = max(1, -(-count // MAX_PHRASES))
    return [claim.words[i : i + ANCHOR_TOKENS] for i in range(0, count, step)]


def _blocks(claim: Tokens, body: Tokens) -> list[tuple[int, int, int]]:
    matcher = SequenceMatcher(None, claim.words, body.words, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= MIN_EDGE_WORDS]
    if not blocks or max(b.size for b in blocks) < ANCHOR_TOKENS:
        return []
    anchor = max(blocks, key=lambda b: b.size)
    reach = SPREAD_FACTOR * len(claim.words)
    return [(b.a, b.b, b.size) for b in blocks if abs(b.b - anchor.b) <= reach]


def match_claim(claim: Tokens, body_text: str) -> ClaimMatch | None:
    """Where the body carries the claim, or None when it covers too little of it."""
    body = tokenise(body_text)
    blocks = _blocks(claim, body)
    counted = sum(size for _, _, size in blocks if size >= MIN_RUN_WORDS)
    coverage = counted / max(1, len(claim.words))
    if coverage < MIN_CLAIM_COVERAGE:
        return None
    first, last = blocks[0], blocks[-1]
    return ClaimMatch(
        int(claim.starts[first[0]]), int(claim.ends[last[0] + last[2] - 1]),
        int(body.starts[first[1]]), int(body.ends[last[1] + last[2] - 1]),
        round(coverage, 4),
    )  # fmt: skip


def claim_alert(
    conn: sqlite3.Connection, rule: AlertRule, article_id: int, found: ClaimMatch, context: Context,
    translated: TranslatedClaim | None = None,
) -> Alert:  # fmt: skip
    """The alert for a claim found in an article (verbatim or translated): the article and
    both sides' text."""
    text, body = str(rule.value), article_body(conn, article_id)
    passage = AlertPassage(
        found.claim_start, found.claim_end, excerpt(text[found.claim_start : found.claim_end]),
        found.body_start, found.body_end, excerpt(body[found.body_start : found.body_end]),
    )  # fmt: skip
    article, family_id = brief(conn, article_id), family_of_article(conn, article_id)
    return Alert(
        key=f"{rule.key}|article:{article_id}", rule=rule.key, label=rule.label,
        kind=CLAIM_FOUND, copy=article, passage=passage, family_id=family_id,
        summary=f"claim found {'translated ' if translated else ''}in {named(article)}",
        family_url=family_url(context.base_url, family_id, article_id),
        details=_details(found, translated), raised_at=context.now, cycle=context.cycle,
    )  # fmt: skip


def find_claim_alerts(conn: sqlite3.Connection, rule: AlertRule, context: Context) -> Found:
    """New articles carrying a text rule's claim, and the rule's new article mark."""
    after, upto = mark(conn, rule.key, ARTICLES), last_article(conn)
    if upto <= after:
        return Found()
    claim = tokenise(str(rule.value))
    result = Found(marks={ARTICLES: upto})
    for article_id in articles_with_phrases(conn, claim_phrases(claim), after, upto):
        found = match_claim(claim, article_body(conn, article_id))
        if found is not None:
            result.alerts.append(claim_alert(conn, rule, article_id, found, context))
            result.claims.append(article_id)
    _find_translated(conn, rule, context, (after, upto), result)
    return result


def _find_translated(
    conn: sqlite3.Connection, rule: AlertRule, context: Context, span: tuple[int, int],
    result: Found,
) -> None:  # fmt: skip
    """Add the alerts of the new articles in other languages that tell the claim."""
    text = str(rule.value)
    reader = ClaimReader(text, shared_embedder())
    for article_id, body in bodies_not_in(conn, reader.language, *span):
        if article_id in result.claims:
            continue
        translated = reader.find(body)
        if translated is not None:
            found = ClaimMatch(
                0, len(text), translated.body_start, translated.body_end, translated.similarity
            )
            result.alerts.append(claim_alert(conn, rule, article_id, found, context, translated))
            result.claims.append(article_id)


@lru_cache(maxsize=1)
def shared_embedder() -> E5Embedder:
    """One multilingual embedder for the watch's life (its model loads on first use only)."""
    return E5Embedder()


def _details(found: ClaimMatch, translated: TranslatedClaim | None) -> dict[str, object]:
    if translated is None:
        return {"coverage": found.coverage}
    return {"translated": True, "similarity": translated.similarity}
