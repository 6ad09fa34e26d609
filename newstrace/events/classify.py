"""One parsed candidate sentence -> its main trigger, event type, status and actor roles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newstrace.events.lexicon import Trigger, lexicon, triggers

_TWO_WORD = {"air strike", "air raid", "drone strike", "gas attack", "chemical attack"}
_TARGETED = {
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Riots",
}  # fmt: skip
_TARGETED_SUBS = {
    "Arrests", "Disrupted weapons use", "Looting/property destruction",
    "Protest with intervention", "Excessive force against protesters",
}  # fmt: skip
_AGENT_DEPS = {"nsubj", "agent", "poss", "csubj"}
_PATIENT_DEPS = {"dobj", "nsubjpass", "pobj", "attr", "obj", "dative"}
_PATIENT_PREPS = {"against", "on", "at", "of", "targeting", "upon"}
NEGATION_REACH = 6  # heads above a trigger searched for "no" ("no signs of any kind of withdrawal")
_SPECULATIVE_MODALS = {"could", "may", "might", "should", "must", "can"}
_PLANNED_AUX = {"will", "'ll", "shall", "wo", "would"}


@dataclass(frozen=True, slots=True)
class Reading:
    """What a sentence's main trigger says: the kind of event, its status and the role tokens."""

    trigger: Any  # spaCy token
    rule: Trigger
    status: str
    agent_tokens: frozenset[int]
    patient_tokens: frozenset[int]
    clause_tokens: frozenset[int]
    pronoun_subject: bool


def _lemma(token: Any) -> str:
    return str(token.lemma_).lower()


def _needs_met(rule: Trigger, token: Any) -> bool:
    """A trigger's needed word ("blocked ... road", "exchange of fire") stands in its own
    phrase or beside it, not anywhere in the sentence ("streets" far from "two blocks")."""
    if rule.needs is None:
        return True
    near = [*token.subtree, token.head, *token.head.children]
    return bool(rule.needs & ({t.text.lower() for t in near} | {_lemma(t) for t in near}))


def find_triggers(doc: Any) -> list[tuple[Any, Trigger]]:
    """Every token of a parsed sentence that carries an event by the lexicon."""
    rules = triggers()
    found = []
    for token in doc:
        two_word = f"{_lemma(token)} {_lemma(token.head)}" in _TWO_WORD
        skipped = token.pos_ in {"PROPN", "ADP", "DET", "PRON"} or token.dep_ == "compound"
        if (
            skipped
            and not (token.dep_ == "compound" and two_word)
            and not _hyphenated(token, rules)
        ):
            continue
        key = _hyphenated(token, rules) or _lemma(token)
        if token.i + 1 < len(doc) and f"{key} {_lemma(doc[token.i + 1])}" in _TWO_WORD:
            key = f"{key} {_lemma(doc[token.i + 1])}"
        rule = next((rules[k] for k in (key, *_stems(token.text.lower())) if k in rules), None)
        if rule is not None and _needs_met(rule, token) and not _negated(token):
            found.append((token, rule))
    return found


def _hyphenated(token: Any, rules: dict[str, Trigger]) -> str | None:
    """A trigger spaCy splits at its hyphen: "sit-in", "shoot-out"."""
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].text == "-":
        word = f"{token.text.lower()}-{doc[token.i + 2].text.lower()}"
        return word if word in rules else None
    return None


def _stems(word: str) -> list[str]:
    """Base forms to try when the lemmatizer misses ("raped" -> "rap")."""
    stems = [word]
    for suffix, add in (
        ("ied", "y"),
        ("ies", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stems.append(word[: -len(suffix)] + add)
    return stems


def _negated(token: Any) -> bool:
    """ "did not attack", "no attack", "no signs of a withdrawal"."""
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.text.lower() == "no") for c in token.children):
        return True
    for head in list(token.ancestors)[:NEGATION_REACH]:
        if head.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.text.lower() == "no" for c in head.children
        ):
            return True
    return False


def _depth(token: Any) -> int:
    return sum(1 for _ in token.ancestors)


def main_trigger(found: list[tuple[Any, Trigger]]) -> tuple[Any, Trigger] | None:
    """The trigger that carries the sentence: highest priority, then nearest the root."""
    if not found:
        return None
    tokens = {token.i for token, _ in found}
    # Of coordinated triggers ("evacuation of bases and regrouping of forces") the first leads.
    found = [p for p in found if not (p[0].dep_ == "conj" and p[0].head.i in tokens)] or found
    return min(found, key=lambda pair: (-pair[1].priority, _depth(pair[0]), pair[0].i))


def _clause_verb(trigger: Any) -> Any:
    """The verb whose clause the trigger is in (the trigger itself when a verb)."""
    token = trigger
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:
        if token.dep_ in {"nsubj", "nsubjpass", "dobj"} or token.head.pos_ in {"VERB", "AUX"}:
            return token.head if token.head.pos_ in {"VERB", "AUX"} else token
        token = token.head
    return token


def status(trigger: Any) -> str:
    """reported, planned or speculative, from the trigger's auxiliaries and governing words."""
    planned_heads = set(lexicon()["planned_heads"])
    speculative = set(lexicon()["speculative_cues"])
    found = "reported"
    path = [trigger, *trigger.ancestors]
    for index, token in enumerate(path):
        for child in token.children:
            word = child.text.lower()
            if child.dep_ in {"aux", "auxpass"} and word in _SPECULATIVE_MODALS:
                return "speculative"
            if child.dep_ in {"aux", "auxpass"} and word in _PLANNED_AUX:
                found = "planned"
            if child.dep_ == "mark" and word in {"if", "unless"}:
                return "speculative"
        if token.text.lower() in speculative or _lemma(token) in speculative:
            return "speculative"
        planning = _lemma(token) in planned_heads or token.text.lower() in planned_heads
        if index and planning and _governs_future(path[index - 1]):
            found = "planned"
    if any(t.text == "?" for t in trigger.doc):
        return "speculative"
    return found


def _governs_future(child: Any) -> bool:
    """An infinitive or purpose complement: "plans to attack", "preparing for an offensive"."""
    if child.dep_ in {"xcomp", "acl", "advcl", "ccomp"} and any(
        c.text.lower() == "to" for c in child.children
    ):
        return True
    return child.dep_ in {"xcomp", "pobj", "prep", "acl", "dobj"}


def _subtree_ids(token: Any) -> set[int]:
    return {t.i for t in token.subtree}


def _roles(trigger: Any) -> tuple[set[int], set[int], bool]:
    """Token ids on the agent side and the patient side of the trigger's clause."""
    verb = _clause_verb(trigger)
    agent: set[int] = set()
    patient: set[int] = set()
    pronoun = False
    heads = [verb]
    inherits = verb.dep_ in {"conj", "xcomp", "advcl"}
    if inherits and not any(c.dep_ in _AGENT_DEPS for c in verb.children):
        heads.append(verb.head)  # "X attacked and seized Y": X is the subject of both
    for head in heads:
        for child in head.children:
            if child.dep_ in {"nsubj", "csubj"} or child.dep_ == "agent":
                agent |= _subtree_ids(child)
                pronoun = pronoun or (child.pos_ == "PRON" and child.dep_ == "nsubj")
            elif child.dep_ in {"dobj", "nsubjpass", "attr", "dative"} or (
                child.dep_ == "prep" and child.text.lower() in _PATIENT_PREPS
            ):
                patient |= _subtree_ids(child)
    if trigger.i != verb.i:
        for child in trigger.children:
            if child.dep_ in {"poss", "compound", "amod"} or (
                child.dep_ == "prep" and child.text.lower() == "by"
            ):
                agent |= _subtree_ids(child)
            elif child.dep_ == "prep" and child.text.lower() in _PATIENT_PREPS:
                patient |= _subtree_ids(child)
    return agent, patient - agent, pronoun


def read(doc: Any) -> Reading | None:
    """The reading of a parsed sentence, or None when no trigger carries an event."""
    found = main_trigger(find_triggers(doc))
    if found is None:
        return None
    trigger, rule = found
    agent, patient, pronoun = _roles(trigger)
    verb = _clause_verb(trigger)
    clause = _subtree_ids(verb) | agent | patient
    return Reading(
        trigger,
        rule,
        status(trigger),
        frozenset(agent),
        frozenset(patient),
        frozenset(clause),
        pronoun,
    )


def is_targeted(event_type: str, sub_event_type: str) -> bool:
    """Whether the event has a target: its object-side actors are recipients, not partners."""
    return event_type in _TARGETED or sub_event_type in _TARGETED_SUBS
