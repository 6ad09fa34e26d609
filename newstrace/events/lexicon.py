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


def _trigger_forms() -> list[str]:
    """Word stems a sentence must contain to be worth parsing: every trigger's inflections."""
    stems = set()
    for lemma in lexicon()["triggers"]:
        stem = lemma[:-1] if lemma.endswith(("e", "y")) and len(lemma) > 4 else lemma
        stems.add(re.escape(stem))
    return sorted(stems, key=len, reverse=True)


@cache
def candidate_pattern() -> re.Pattern[str]:
    """A regex that finds any inflection of any trigger word (a cheap pre-filter before spaCy)."""
    irregular = ["fought", "shot", "sent", "left", "struck", "stricken", "killed", "withdrew", "withdrawn",
                 "seized", "forming", "placed", "burnt", "dead", "died", "ied", "ieds", "took control"]  # fmt: skip
    words = "|".join([*_trigger_forms(), *irregular])
    return re.compile(rf"\b(?:{words})", re.IGNORECASE)
