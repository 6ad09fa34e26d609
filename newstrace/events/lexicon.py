"""The curated data files of the event extractor, loaded once: taxonomy, triggers, cues, aliases."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word that can carry an event, and what kind of event it carries."""

    lemma: str
    event_type: str
    sub_event_type: str
    plover: str | None
    priority: int
    needs: frozenset[str] | None


def load(name: str) -> dict[str, Any]:
    """One data file as parsed JSON."""
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


@cache
def taxonomy() -> dict[str, Any]:
    """ACLED event types, sub-event types, disorder types and the PLOVER cross-walk."""
    return load("taxonomy.json")


@cache
def lexicon() -> dict[str, Any]:
    """Trigger words, hedges, cues, source classes, equipment and count words."""
    return load("lexicon.json")


@cache
def triggers() -> dict[str, Trigger]:
    """Trigger lemma (lower case, one or two words) -> trigger."""
    found = {}
    for lemma, (event_type, sub, plover, priority, needs) in lexicon()["triggers"].items():
        found[lemma] = Trigger(
            lemma, event_type, sub, plover, priority, frozenset(needs) if needs else None
        )
    return found


def plover_for(sub_event_type: str, trigger: Trigger | None = None) -> str:
    """The PLOVER type of a sub-event type, or the trigger's more specific one."""
    if trigger is not None and trigger.plover and trigger.event_type == "Strategic developments":
        return trigger.plover
    for spec in taxonomy()["event_types"].values():
        if sub_event_type in spec["sub_event_types"]:
            return str(spec["sub_event_types"][sub_event_type])
    return "MOBILIZE"


def disorder_for(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type of an event type (a few sub-event types differ)."""
    overrides = taxonomy()["disorder_overrides"]
    if sub_event_type in overrides:
        return str(overrides[sub_event_type])
    return str(taxonomy()["event_types"][event_type]["disorder_type"])


# Inflections the stems miss, with the trigger they belong to (None: a death word for counts).
_IRREGULAR = {
    "fought": "fight", "shot": "shoot", "sent": "send", "left": "leave", "struck": "strike",
    "stricken": "strike", "killed": "kill", "withdrew": "withdraw", "withdrawn": "withdraw",
    "seized": "seize", "forming": "form", "placed": "place", "burnt": "burn", "dead": None,
    "died": None, "ied": "ied", "ieds": "ied", "took control": None, "found": "find",
}  # fmt: skip


def _stem(lemma: str) -> str:
    return lemma[:-1] if lemma.endswith(("e", "y")) and len(lemma) > 4 else lemma


@cache
def _stem_needs() -> dict[str, frozenset[str] | None]:
    """Stem (lower case) -> the words one of which a sentence needs, None when it needs none."""
    found: dict[str, frozenset[str] | None] = {}
    rules = triggers()
    forms = [(_stem(lemma), lemma) for lemma in rules]
    forms += [(word, lemma or "") for word, lemma in _IRREGULAR.items()]
    for stem, lemma in forms:
        needs = rules[lemma].needs if lemma in rules else None
        if stem not in found:
            found[stem] = needs
        else:
            known = found[stem]
            found[stem] = None if known is None or needs is None else known | needs
    return found


def trie_pattern(words: list[str]) -> str:
    """One regex alternation of the words as a prefix tree, longest match first: the same
    matches as the words sorted by length and joined by "|", without trying each in turn."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(tree)


def _node_pattern(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _node_pattern(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


@cache
def candidate_pattern() -> re.Pattern[str]:
    """A regex that finds any inflection of any trigger word (a cheap pre-filter before spaCy)."""
    return re.compile(rf"\b{trie_pattern(sorted(_stem_needs()))}", re.IGNORECASE)


_WORD = re.compile(r"\w[\w'-]*")


@cache
def _stem_lemmas() -> dict[str, frozenset[str]]:
    """Stem (lower case) -> the trigger lemmas it may stand for ("" for a death word)."""
    found: dict[str, set[str]] = {}
    for lemma in triggers():
        found.setdefault(_stem(lemma), set()).add(lemma)
    for word, irregular in _IRREGULAR.items():
        found.setdefault(word, set()).add(irregular or "")
    return {stem: frozenset(lemmas) for stem, lemmas in found.items()}


@cache
def _context_words() -> dict[str, frozenset[str]]:
    """Context trigger kind -> the words one of which its sentence needs (see `about_context`)."""
    data = lexicon()
    armed = {*data["armed_context"], *data["melee_weapons"], *data["victim_words"]}
    return {"armed": frozenset(armed), "protest": frozenset(data["protest_cues"])}


def lacks_context(text: str) -> bool:
    """Whether every trigger word of a text is a context trigger ("fight", "rally") with no word
    of its context there (no armed, weapon or victim word; no protest word): the text carries an
    event only if it names an actor, so the caller need not parse it when it names none."""
    kinds = lexicon()["context_triggers"]
    lemmas = _stem_lemmas()
    words: set[str] | None = None
    for match in candidate_pattern().findall(text):
        found = lemmas.get(match.lower(), frozenset({""}))
        kind = next((k for k, listed in kinds.items() if found <= set(listed)), None)
        if kind is None:
            return False
        if words is None:  # whole words and their parts ("journalist-killing", "victim's")
            words = {w.lower() for w in (*_WORD.findall(text), *re.findall(r"\w+", text))}
            words |= {w[:-1] for w in words if w.endswith("s")}
        if words & _context_words()[kind]:
            return False
    return True


def may_carry_event(text: str) -> bool:
    """Whether a text holds a trigger word whose needed context words (if any) are there too."""
    matches = candidate_pattern().findall(text)
    if not matches:
        return False
    needed = _stem_needs()
    words: set[str] | None = None
    for match in matches:
        needs = needed.get(match.lower())
        if needs is None:
            return True
        if words is None:
            words = {w.lower() for w in _WORD.findall(text)}
            words |= {w[:-1] for w in words if w.endswith("s")}
        if needs & words:
            return True
    return False
