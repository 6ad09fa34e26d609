"""Reported fatalities as {low, best, high}, by ACLED's rules for vague and bounded counts."""

from __future__ import annotations

import re
from functools import cache

from newstrace.events.lexicon import lexicon
from newstrace.models.events import Fatalities

_DEATH = r"(?:killed|dead|died|slain|executed|massacred|beheaded|shot dead|lost their lives|perished|murdered)"
_BOUND = r"(?P<bound>at least|more than|over|up to|nearly|almost|about|around|some|approximately|an estimated|as many as)?\s*"
# Words between a count and its verb ("2 members of the militia were killed"); never a word
# that starts another clause, so "3 were injured and one killed" does not count the injured.
_PEOPLE = (
    r"(?:(?!(?:were|was|are|is|injured|wounded|hurt|and|but|while|after|when|in|on|said|says"
    r"|told|reported|claimed|that|who|which)\b)"
    r"[\w'’-]+\s+){0,6}?"
)
# A count is digits standing alone ("1,200", "12"), never part of a date, an age ("25-year-old"),
# a unit ("5th", "7.62mm") or a year followed by a comma ("On 3 May 2020, gunmen killed 1").
_DIGITS = (
    r"(?<![\d.,/:-])(?:\d+\s?[-–]\s?\d+(?!\s?[-–]?\s?(?:year|month|day|week))"  # "10-15": the lower
    r"|\d{1,3}(?:,\d{3})+|\d+)(?![\w.,/:-]\w|\w)"
)


@cache
def _quantity() -> str:
    words = sorted([*lexicon()["number_words"], *lexicon()["vague_counts"]], key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words)
    return rf"(?P<q>{_DIGITS}|(?:{alternation})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)(?:\s+of)?"


@cache
def _patterns() -> list[re.Pattern[str]]:
    quantity = _BOUND + _quantity()
    return [
        re.compile(
            rf"\b{quantity}\s+{_PEOPLE}(?:were|was|have been|had been|are|is|being)?\s*(?:reportedly\s+|allegedly\s+)?{_DEATH}\b",
            re.I,
        ),
        re.compile(
            rf"\b(?:killed|killing|kills|kill|executed|executing|murdered|murdering|beheaded"
            rf"|massacred|lynched|shot dead)\s+{quantity}\b",
            re.I,
        ),
        re.compile(
            rf"\b{quantity}\s+(?:fatalities|fatality|deaths)\b(?!\s+(?:in|of)\s+(?:the\s+)?(?:year|country|state|total))",
            re.I,
        ),
        re.compile(rf"\bdeath toll\s+(?:\w+\s+){{0,3}}?(?:to|at|of)\s+{quantity}\b", re.I),
        re.compile(rf"\b(?:leaving|left)\s+{quantity}\s+{_PEOPLE}dead\b", re.I),
    ]


_NONE = re.compile(
    r"\b(?:no one|nobody|no casualties|no deaths|no fatalities|no injuries or deaths)\b", re.I
)


def _number(text: str) -> tuple[int, int, int | None] | None:
    """(low, best, high) of a quantity's words."""
    words = text.lower().replace(",", "")
    bounds = re.fullmatch(r"(\d+)\s?[-–]\s?(\d+)", words)
    if bounds:
        low, high = sorted(int(b) for b in bounds.groups())
        return low, low, high
    if words.isdigit():
        value = int(words)
        return value, value, value
    vague = lexicon()["vague_counts"]
    if words in vague:
        low, best, high = vague[words]
        return int(low), int(best), int(high)
    numbers = lexicon()["number_words"]
    parts = re.split(r"[- ]", words)
    if all(p in numbers for p in parts) and parts:
        value = sum(int(numbers[p]) for p in parts)
        return value, value, value
    return None


def _bounded(
    bound: str | None, low: int, best: int, high: int | None
) -> tuple[int, int, int | None]:
    bound = (bound or "").lower()
    if bound == "at least":
        return low, best, None
    if bound in {"more than", "over"}:
        return low + 1, best + 1, None
    if bound in {"up to", "as many as"}:
        return 1, best, high
    return low, best, high


def fatalities(text: str) -> Fatalities | None:
    """Deaths reported in a text; counts of separate groups add up; None when none reported."""
    total: list[int] = [0, 0, 0]
    high_known, words, seen = True, [], set()
    nobody = _NONE.search(text)
    for pattern in _patterns():
        for match in pattern.finditer(text):
            if match.start() in seen or _after_including(text, match.start()):
                continue
            if nobody and nobody.start() <= match.end() and match.start() <= nobody.end():
                continue
            if _loose_article(match):
                continue
            for bound, quantity in _counts(text, match):
                value = _number(quantity)
                if value is None:
                    continue
                seen.add(match.start())
                low, best, high = _bounded(bound, *value)
                total[0], total[1] = total[0] + low, total[1] + best
                total[2] += high or 0
                high_known = high_known and high is not None
            words.append(match.group(0).strip())
    if words:
        return Fatalities(total[0], total[1], total[2] if high_known else None, "; ".join(words))
    said_none = _NONE.search(text)
    if said_none and (re.search(_DEATH, text, re.I) or "no " in said_none.group(0).lower()):
        return Fatalities(0, 0, 0, _NONE.search(text).group(0))  # type: ignore[union-attr]
    return None


def _loose_article(match: re.Match[str]) -> bool:
    """ "an operation by commandos killed": "a"/"an" counts one only right before its noun."""
    quantity = (match.group("q") or "").lower()
    return quantity in {"a", "an"} and len(match.group(0).split()) > 5


def _counts(text: str, match: re.Match[str]) -> list[tuple[str | None, str]]:
    """The match's count and one coordinated before it ("five soldiers and three civilians")."""
    counts = [(match.group("bound"), match.group("q"))]
    before = re.search(
        rf"\b{_BOUND}{_quantity()}\s+[\w-]+(?:\s+[\w-]+)?\s+and\s*$", text[: match.start()], re.I
    )
    if before:
        counts.append((before.group("bound"), before.group("q")))
    return counts


def _after_including(text: str, start: int) -> bool:
    """A count inside "including two children" is part of a total already counted."""
    return bool(
        re.search(r"\b(?:including|among them|of whom)\s*$", text[max(0, start - 20) : start], re.I)
    )
