"""Who a claim is attributed to (cue, source, class) and how it is hedged."""

from __future__ import annotations

import re
from typing import Any

from newstrace.events.lexicon import lexicon
from newstrace.events.tokens import doc_text
from newstrace.models.events import UNATTRIBUTED, EventAttribution

_ACCORDING = re.compile(r"\b(according to|citing|quoting)\s+([^,.;:]+)", re.I)
_PRONOUNS = {"they", "he", "she", "it", "we", "i", "them"}
_SOURCE_STOP = re.compile(r"\s+(?:that|who|which|on|in a statement|in a|on \w+day)\b.*$", re.I)


def source_class(source: str | None) -> str:
    """local, partisan, official or unnamed, from the words of the source."""
    if not source:
        return "unattributed"
    text = f" {source.casefold()} "
    classes = lexicon()["source_classes"]
    for name in ("partisan", "local", "unnamed", "official"):
        if any(_has(text, word) for word in classes[name]):
            return name
    return "unnamed"


def _has(text: str, word: str) -> bool:
    if word.startswith("-") or word.endswith("-"):
        return word in text
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w])", text) is not None


def hedge(text: str, cue: str | None) -> str | None:
    """The first hedge word of a text ("allegedly", "reportedly"), else a hedging cue ("claimed")."""
    lowered = text.casefold()
    found = [
        (match.start(), word)
        for word in lexicon()["hedges"]
        for match in [re.search(rf"\b{re.escape(word)}\b", lowered)]
        if match
    ]
    if found:
        return min(found)[1]
    if cue and cue.casefold() in lexicon()["hedge_cues"]:
        return cue
    return None


def _clean(source: str) -> str:
    return _SOURCE_STOP.sub("", source).strip(" ,\"'“”")


def _reporting_verb(doc: Any, trigger: Any) -> Any | None:
    """The cue verb whose clause holds the event: an ancestor of the trigger, else any with a subject."""
    cues = set(lexicon()["cue_verbs"])
    ancestors = [
        t for t in trigger.ancestors if t.lemma_.lower() in cues and t.pos_ in {"VERB", "AUX"}
    ]
    if ancestors:
        return ancestors[0]
    for token in doc:
        cue = token.i != trigger.i and token.lemma_.lower() in cues and token.pos_ == "VERB"
        if cue and any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children):
            return token
    return None


def attribute(doc: Any, trigger: Any) -> tuple[EventAttribution, str | None]:
    """The attribution of the event a trigger carries, and its source's words if a pronoun."""
    text = doc_text(doc)
    match = _ACCORDING.search(text)
    cue: str | None = None
    source: str | None = None
    if match:
        cue, source = match.group(1).lower(), _clean(match.group(2))
    else:
        verb = _reporting_verb(doc, trigger)
        if verb is not None:
            cue = verb.text
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if subjects:
                span = doc[subjects[0].left_edge.i : subjects[0].right_edge.i + 1]
                source = span.text
    if cue is None:
        found = hedge(text, None)
        return (
            UNATTRIBUTED if found is None else EventAttribution(None, None, "unattributed", found)
        ), None
    pronoun = source.casefold() if source and source.casefold() in _PRONOUNS else None
    return EventAttribution(cue, source, source_class(source), hedge(text, cue)), pronoun


def stated_source(text: str) -> EventAttribution | None:
    """The source an earlier sentence names ("According to pro-government sources, ...")."""
    match = _ACCORDING.search(text)
    if match is None:
        return None
    source = _clean(match.group(2))
    return EventAttribution(match.group(1).lower(), source, source_class(source), None)
