"""Reported fatalities as {low, best, high}, by ACLED's rules for vague and bounded counts."""

from __future__ import annotations

import re
from functools import cache

from newstrace.events.lexicon import lexicon
from newstrace.models.events import Fatalities

_TO_DEATH = r"(?:shot|stabbed|beaten|hacked|burned|burnt|stoned|tortured|lynched|crushed) to death"
# A body found is a death; a governing or student body is not.
_REMAINS = (
    r"(?<!governing )(?<!legislative )(?<!executive )(?<!student )(?<!advisory )"
    r"(?<!regulatory )(?<!electoral )(?:the\s+)?(?:bod(?:y|ies)|corpses?)"
)
_DEATH = (
    r"(?:killed|dead|died|slain|executed|massacred|beheaded|shot dead|lost their lives|perished"
    rf"|murdered|assassinated|lynched|{_TO_DEATH}|fatally (?:shot|stabbed|wounded|injured|hit|struck))"
)
_BOUND = r"(?P<bound>at least|more than|over|up to|nearly|almost|about|around|some|approximately|an estimated|as many as)?\s*"
# Words between a count and its verb ("2 members of the militia were killed"); never a word
# that starts another clause, so "3 were injured and one killed" does not count the injured.
_PEOPLE = (
    r"(?:(?!(?:were|was|are|is|injured|wounded|hurt|but|while|after|when|in|on|said|says"
    r"|told|reported|claimed|that|who|which)\b)(?!and\s+(?:\d|an?\b|one|two|three|four|five"
    r"|six|seven|eight|nine|ten|several|dozens|many|some|at least))"
    r"[\w'’-]+\s+){0,6}?"
)
# How a victim came to die, told before the death word: "were shot and killed", "was found dead".
_MANNER = r"(?:(?:shot|stabbed|attacked|beaten|hacked|ambushed|found)\s+(?:and\s+)?)?"
_UNKNOWN = re.compile(
    r"\s+(?:unknown|undisclosed|unspecified|unconfirmed|large|small)\s+number", re.I
)
_AUXILIARY = re.compile(r"\b(?:were|was|have been|had been|are|is|being|died|dead)\b", re.I)
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
    # The verb before its count first: in "two gunmen killed three", three died.
    return [
        re.compile(
            rf"\b(?:killed|killing|kills|kill|executed|executing|murdered|murdering|beheaded"
            rf"|massacred|lynched|lynching|shot dead|assassinated|assassinating"
            rf"|fatally (?:shot|shooting|stabbed|stabbing|wounded|wounding))\s+{quantity}\b",
            re.I,
        ),
        re.compile(
            rf"\b{quantity}\s+{_PEOPLE}(?:were|was|have been|had been|are|is|being)?\s*(?:reportedly\s+|allegedly\s+)?{_MANNER}{_DEATH}\b",
            re.I,
        ),
        # "the body of a man was found", "claimed the lives of two", "the deaths of 3 miners"
        re.compile(
            rf"\b(?:{_REMAINS}|(?:claimed|claiming|took|taking|cost|costing)\s+the\s+lives"
            rf"|(?:the\s+)?deaths?)\s+of\s+{quantity}\b(?!\s*(?:%|percent|per\s?cent|years?|months?|days?))",
            re.I,
        ),
        re.compile(
            rf"\b{quantity}\s+(?:fatalities|fatality|deaths)\b(?!\s+(?:in|of)\s+(?:the\s+)?(?:year|country|state|total))",
            re.I,
        ),
        re.compile(rf"\bdeath toll\s+(?:\w+\s+){{0,3}}?(?:to|at|of)\s+{quantity}\b", re.I),
        re.compile(rf"\b(?:leaving|left)\s+{quantity}\s+{_PEOPLE}dead\b", re.I),
    ]


# Where a sentence ends: the next starts with a capital or a figure ("died. 3 fatalities.").
_SENTENCE_END = re.compile(r"(?<=[a-z)\]\"'”’][.!?])\s+(?=[\"“‘(]?[A-Z0-9])")
_BRACKETED = re.compile(
    r"(?<=[a-z]) \((?=[^()]*\d[^()]*\d)(?:\d+ [a-z]+(?:,? (?:and )?|(?=\))))+\)"
)
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
    """Deaths reported in a text, None when none are: counts of separate groups in a sentence
    add up; a later sentence's toll restates or updates an earlier one ("Three officers died.
    3 fatalities."), so across sentences the largest toll is the text's."""
    # A bracketed breakdown ("5 civilians (2 men and 3 women) were killed") restates a count.
    text = _BRACKETED.sub(lambda m: " " * len(m.group(0)), text)
    tolls = [t for t in map(_sentence_toll, _SENTENCE_END.split(text)) if t is not None]
    if not tolls:
        return None
    return max(tolls, key=lambda toll: (toll.best, toll.low))


def _sentence_toll(text: str) -> Fatalities | None:
    """Deaths reported in one sentence; counts of separate groups add up."""
    total: list[int] = [0, 0, 0]
    high_known, words = True, []
    counted: list[tuple[int, int]] = []  # a phrase counts once: "two gunmen killed three" is 3
    nobody = _NONE.search(text)
    for pattern in _patterns():
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in counted):
                continue
            if _after_including(text, match.start()):
                continue
            if nobody and nobody.start() <= match.end() and match.start() <= nobody.end():
                continue
            if _loose_article(match):
                continue
            for bound, quantity, span in _counts(text, match):
                value = _number(quantity)
                if value is None or any(s < span[1] and span[0] < e for s, e in counted):
                    continue
                counted.append(span)
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
    """ "an operation by commandos killed": "a"/"an" counts one only right before its noun, or
    as the subject of a passive or intransitive death ("a local leader of a party was killed")."""
    quantity = (match.group("q") or "").lower()
    if quantity in {"a", "an"} and _UNKNOWN.match(match.group(0)[match.end("q") - match.start() :]):
        return True
    if _AUXILIARY.search(match.group(0)):
        return False
    words = len(match.group(0).split()) - (
        2 if re.search(r"to death$", match.group(0), re.I) else 0
    )
    return quantity in {"a", "an"} and words > 5


def _counts(text: str, match: re.Match[str]) -> list[tuple[str | None, str, tuple[int, int]]]:
    """The match's count and one coordinated before it ("five soldiers and three civilians"),
    each with the span of text it was read from."""
    counts = [(match.group("bound"), match.group("q"), match.span())]
    if match.start("q") - match.start() > len(match.group("bound") or "") + 1:
        return counts  # "shot and killed a driver": a verb comes first, nothing is coordinated
    before = re.search(
        rf"\b{_BOUND}{_quantity()}\s+[\w-]+(?:\s+[\w-]+)?\s+and\s*$", text[: match.start()], re.I
    )
    if before:
        counts.append((before.group("bound"), before.group("q"), before.span()))
    return counts


def _after_including(text: str, start: int) -> bool:
    """A count inside "including two children" is part of a total already counted."""
    return bool(
        re.search(r"\b(?:including|among them|of whom)\s*$", text[max(0, start - 20) : start], re.I)
    )
