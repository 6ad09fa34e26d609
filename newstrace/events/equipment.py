"""Weapons and platforms named in an event sentence, as the noun phrases that name them."""

from __future__ import annotations

from typing import Any

from newstrace.events.lexicon import lexicon
from newstrace.events.tokens import token_words

_EQUIPPED = {"equip", "mount", "arm", "fit", "load"}
_LEADING = {"even", "also", "only", "just", "including", "some", "both"}


def _qualified(token: Any, words: set[str]) -> bool:
    """A generic head ("systems", "vehicles") counts only with a military modifier."""
    needs = lexicon()["equipment_needs_modifier"].get(token.text.lower())
    if needs is None:
        return True
    phrase = {t.text.lower() for t in token.subtree} | {t.lemma_.lower() for t in token.subtree}
    return bool(phrase & set(needs)) or bool(words & set(needs) & {"equipped", "mounted"})


def _phrase(doc: Any, token: Any) -> tuple[int, int]:
    """Token range of the noun phrase a head names, with an "equipped with ..." clause."""
    left = token.i
    while (
        left > 0
        and doc[left - 1].dep_
        in {"compound", "amod", "nummod", "det", "npadvmod", "punct", "advmod", "nmod", "quantmod"}
        and doc[left - 1].head.i >= left - 1
        and doc[left - 1].i < token.i
    ):
        if doc[left - 1].dep_ == "punct" and doc[left - 1].text not in {"-"}:
            break
        left -= 1
    right = token.i + 1
    for child in token.children:
        if child.dep_ == "acl" and child.lemma_.lower() in _EQUIPPED:
            right = max(right, _clause_end(child))
    while left < token.i and doc[left].text.lower() in _LEADING:
        left += 1
    return left, right


def _clause_end(clause: Any) -> int:
    """End of an "equipped with ..." clause, before any clause nested in it ("belonging to")."""
    for token in clause.subtree:
        if token.i > clause.i and token.dep_ in {"acl", "relcl"}:
            return int(token.i)
    return int(clause.right_edge.i + 1)


def equipment(doc: Any) -> list[str]:
    """The equipment phrases of a parsed sentence, longest first kept when they overlap."""
    heads = set(lexicon()["equipment_heads"])
    words = {lower for lower, _ in token_words(doc)}
    spans: list[tuple[int, int]] = []
    for token in doc:
        if (
            token.pos_ in {"NOUN", "PROPN"}
            and token.text.lower() in heads
            and _qualified(token, words)
        ):
            if token.dep_ == "compound":
                continue
            spans.append(_phrase(doc, token))
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: s[0] - s[1]):
        if all(end <= s or start >= e for s, e in kept):
            kept.append((start, end))
    return [doc[s:e].text for s, e in sorted(kept)]
