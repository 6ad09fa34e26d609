"""The parts of a text worth spaCy's named-entity pass: the words around names the gazetteer
may hold.

spaCy's small English model reads each word with a few words either side (its encoder sees
four tokens each way), so the entities of a window of some words around a capitalised name
are those of the whole text there. Sentences with no capitalised name any place or people
carry ("said on Monday that the talks would go on") need no pass at all, nor do words
capitalised only because they start a sentence ("In", "But"): on news text the windows hold
about a third of the words, and the named-entity pass, most of the time spent on a text,
takes roughly that share of the time the whole text would.
"""

from __future__ import annotations

import re
from collections.abc import Callable

WINDOW_TOKENS = 4  # words kept on each side of a candidate name: the encoder's reach
MAX_NAME_TOKENS = 4
# Words capitalised only where they start a sentence or are "I": never a place's name by
# themselves, though the gazetteer holds an "In", "As" or "May" ("In Gainesville" still opens a
# window at "Gainesville"). Pronouns, articles, prepositions, conjunctions, months, weekdays;
# in capitals ("US", "OR", "ME") they are a country's or a state's code.
_NEVER_NAME_WORDS = """
i we he she it they you me us him her them my our his its their your this that these those
a an the in on at to of by for from with as but and or nor so if no not yes one all some
any each every both after before when while where who what why how there here then also
yet still just only even than though although because since until unless about over under
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr
"""
NEVER_NAMES = frozenset(_NEVER_NAME_WORDS.split())
# words without their apostrophes and hyphens ("Sudan's", "Egyptian-US" hold "Sudan", "US"),
# with their dots ("U.S.", "Mt. Vernon", "Darfur." at a sentence's end)
_TOKEN = re.compile(r"[^\W_]+(?:\.[^\W_]+)*\.?|[^\w\s]")
# a word of four letters or more then a full stop, or "!", "?": not "U.S.", "Mt.", "D.C."
_SENTENCE_END = re.compile(r"^(?:[!?]|.*[^\W\d_]{4}\.)$")


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each word and punctuation mark."""
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]


def _name_runs(tokens: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """(first, last) token indexes of each run of capitalised words, a few words at most."""
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(tokens):
        if not tokens[index][2][:1].isupper():
            index += 1
            continue
        last = index
        while last + 1 < len(tokens) and last - index + 1 < MAX_NAME_TOKENS:
            if not tokens[last + 1][2][:1].isupper():
                break
            last += 1
        runs.append((index, last))
        index = last + 1
    return runs


def _never_a_name(word: str) -> bool:
    """Whether a capitalised word alone is never a place's name: "In", "But", "I", not "US"."""
    return (len(word) == 1 or not word.isupper()) and word.casefold() in NEVER_NAMES


def _parts(words: list[str]) -> list[str]:
    """Every run of consecutive words of a name ("New York City" -> "New York", "York"...)."""
    return [
        " ".join(words[start:end])
        for start in range(len(words))
        for end in range(start + 1, len(words) + 1)
    ]


def _sentence_bounds(tokens: list[tuple[int, int, str]], first: int, last: int) -> tuple[int, int]:
    """The window's token range, widened by WINDOW_TOKENS each way within the sentence."""
    start = first
    while (
        start > 0
        and first - start < WINDOW_TOKENS
        and not _SENTENCE_END.match(tokens[start - 1][2])
    ):
        start -= 1
    end = last
    while (
        end + 1 < len(tokens)
        and end - last < WINDOW_TOKENS
        and not _SENTENCE_END.match(tokens[end][2])
    ):
        end += 1
    return start, end


def candidate_windows(text: str, may_be_place: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Sorted, disjoint (start, end) character ranges around the capitalised names of which
    some part may be a place or a people's name, each within its sentence."""
    tokens = _tokens(text)
    windows: list[tuple[int, int]] = []
    for first, last in _name_runs(tokens):
        if first == last and _never_a_name(tokens[first][2]):
            continue
        if not any(may_be_place(part) for part in _parts([t[2] for t in tokens[first : last + 1]])):
            continue
        start, end = _sentence_bounds(tokens, first, last)
        span = (tokens[start][0], tokens[end][1])
        if windows and span[0] <= windows[-1][1] + 1:
            windows[-1] = (windows[-1][0], max(windows[-1][1], span[1]))
        else:
            windows.append(span)
    return windows
