"""Every country an actor can belong to: the curated rows of data/actors.json first, then each
other country of the geocoder's country data (newstrace.geo) with its common name and demonyms;
and the guard that keeps a person ("Chad Smith", "Michael Jordan") or a US state ("Atlanta,
Georgia") from standing for a country."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import Any

from newstrace.events.lexicon import load

# A capitalised word right before or after a country's name makes it part of another name,
# unless it is a word that opens a sentence or names a part, a day or a month.
_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")
_NAME_AFTER = re.compile(r"^\s+([A-Z][a-z]+)")
_NOT_NAMES = frozenset({
    "in", "on", "at", "from", "the", "and", "but", "for", "to", "of", "by", "as", "with",
    "after", "before", "when", "while", "since", "across", "near", "inside", "outside",
    "throughout", "both", "then", "also", "into", "over", "under", "within", "against",
    "between", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
})  # fmt: skip
# "Atlanta, Georgia", "Tbilisi, Georgia": a place's label, where it is, not an actor.
_LABEL_BEFORE = re.compile(r"\b[A-Z][\w'.-]*,\s+$")
_LOOK_CHARS = 20


@cache
def country_rows() -> list[list[Any]]:
    """[name as in "Military Forces of NAME", ISO alpha-2, capitals, demonyms, forces' names]:
    the curated rows, then every other country with its common name and demonyms (its capital
    is left out: many are also common names elsewhere, "Victoria", "Kingston")."""
    from newstrace.geo.regions import common_names, demonyms

    rows: list[list[Any]] = [list(row) for row in load("actors.json")["countries"]]
    known = {row[1] for row in rows}
    taken = {word.casefold() for row in rows for word in (row[0], *row[2], *row[3])}
    words = demonyms()
    # A demonym of two countries ("Congolese", "Dominican") names neither for sure.
    counts = Counter(w.casefold() for code in words for w in set(words[code]))
    for code, name in sorted(common_names().items()):
        if code in known or name.casefold() in taken:
            continue
        own = [w for w in words.get(code, []) if counts[w.casefold()] == 1]
        rows.append([name, code, [], [w for w in own if w.casefold() not in taken], []])
    return rows


@cache
def shared_with_us_states() -> frozenset[str]:
    """Country names that are also US states' names, lower case."""
    return frozenset(n.casefold() for n in load("actors.json")["names_shared_with_us_states"])


def names_another(text: str, start: int, end: int, labels: bool = True) -> bool:
    """Whether the country name at text[start:end] is part of a person's name ("Chad Smith"),
    or (with `labels`) a place's label ("Lagos, Nigeria": where, not who), so that it does not
    stand for the country as an actor."""
    before = text[max(0, start - _LOOK_CHARS) : start]
    after = text[end : end + _LOOK_CHARS]
    neighbours = [m.group(1) for m in (_NAME_BEFORE.search(before), _NAME_AFTER.match(after)) if m]
    named = any(word.casefold() not in _NOT_NAMES for word in neighbours)
    return named or (labels and bool(_LABEL_BEFORE.search(before)))


def shared_name_doubtful(name: str, text: str, demonyms: list[str]) -> bool:
    """A name shared with a US state ("Georgia") counts for the country only in a text that also
    uses the country's demonym ("Georgian")."""
    if name.casefold() not in shared_with_us_states():
        return False
    return not any(re.search(rf"\b{re.escape(d)}\b", text) for d in demonyms)
