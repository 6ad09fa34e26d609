"""Credit lines: "The original source of this article is X", "Originally published by A at B",
"Sources: X", "via X", "Read the full story by X", a link to the original, bylines naming an
outlet ("Lisa Mascaro, Associated Press"), provider tags ("Reuters•May 20, 2020"), excerpt
date lines ("The Blaze, May 21, 2020:"), and in-text "X reported", "The X report notes",
", via X."; author and outlet apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from newstrace.extract.credit_names import news_organisation, outlet_from, plain_line
from newstrace.extract.credit_words import ORIGINAL_PHRASES, SOURCE_PHRASES, SOURCE_WORDS
from newstrace.extract.dates import find_date, find_outlet_date_line
from newstrace.extract.wire import ORGANISATION_ENDINGS, is_organisation
from newstrace.models import Attribution
from newstrace.normalize import comparison_key

MAX_ATTRIBUTION_CHARS = 400


def _cue(*alternatives: str) -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(alternatives) + r")\s*:?\s*", re.IGNORECASE)


_ARTICLE = r"(?:article|story|post|piece|op-ed|essay|report|commentary)"
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("original source", _cue(rf"the original source of this {_ARTICLE} is")),
    (
        "originally published",
        _cue(
            rf"(?:this {_ARTICLE} (?:was|is|has been) )?originally (?:published|posted|appeared)"
            r"(?:\s+(?:at|by|on|in|with))?"
        ),
    ),
    ("first appeared", _cue(rf"(?:this {_ARTICLE} )?first appeared (?:at|on|in)")),
    (
        "republished",
        _cue(
            rf"(?:this {_ARTICLE} (?:is|was|has been) )?(?:re-?published|reposted|cross-?posted)"
            r"(?: with permission)? (?:from|with permission from|courtesy of)"
        ),
    ),
    (
        "reprinted",
        _cue(
            r"(?:reprinted|republished|reproduced) (?:with|by) (?:kind )?permission(?: of| from)?"
        ),
    ),
    ("source", _cue(r"(?:sources?|credit)\s*:", r"(?:article |story )?courtesy of\b")),
    ("source", _cue(rf"(?:{'|'.join(SOURCE_WORDS)})\s*:", *(rf"{p}\s" for p in SOURCE_PHRASES))),
    ("originally published", _cue(*ORIGINAL_PHRASES)),
    (
        "provided by",
        _cue(
            rf"this {_ARTICLE} (?:was|is) (?:provided|supplied|distributed|syndicated) by(?: the)?"
        ),
    ),
    (  # "Read the full story by the AP": this text retells the named outlet's story
        "original source",
        _cue(
            rf"(?:read|see)\s+the\s+(?:full|complete|whole|original)\s+{_ARTICLE}"
            r"\s+(?:by|from|at|on)(?:\s+(?-i:the)\b)?"
        ),
    ),
    ("via", re.compile(r"\(via\s+|^via\s*:?\s+(?=\S)", re.IGNORECASE)),
    (
        "original link",
        _cue(rf"(?:read|see|view)?\s*(?:the\s+)?original\s+{_ARTICLE}(?:\s+(?:here|at|on))?"),
    ),
)
# "by A at B": a person, then the outlet the credit names.
_PERSON_AT_OUTLET = re.compile(
    r"(?P<author>[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?){1,4})\s+(?:at|for|of|in|on)\s+(?P<rest>\S.*)"
)
_SOURCES_HEADING = re.compile(r"^\W*(?:sources?|credits?|references)\s*:?\W*$", re.IGNORECASE)
MAX_SOURCE_LINES = 5
MAX_CLOSING_LINES = 3
# In-text credit: "The Washington Post reported", "CNN first reported".
_REPORTED = re.compile(
    r"(?P<outlet>(?:[Tt]he\s+)?[A-Z][\w&.'’-]*(?:\s+(?:of\s+|the\s+|&\s+)?[A-Z][\w&.'’-]*){0,5})"
    r"\s+(?:first\s+|originally\s+|previously\s+|earlier\s+)?reported\b"
)
# "The Reuters report notes", "An AP story says": a credit to the outlet whose report it is.
_REPORT_SAYS = re.compile(
    r"(?:[Tt]he|[Aa]n?)\s+(?P<outlet>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4})"
    rf"\s+{_ARTICLE}\s+(?:notes|noted|says|said|states|stated|found|finds|adds|added|reports)\b"
)
# "..., an expert told Reuters": a statement given to a news organisation's reporter.
_TOLD = re.compile(
    r"\b(?:told|tells|tell)\s+(?P<outlet>(?:[Tt]he\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})"
)
_ROLE = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|columnist|contributors?|staff|opinion"
    r"|analyst|producer|photographer|bureau|chief|director|fellow)\b",
    re.I,
)
# "Lisa Mascaro, Associated Press", "A, B and C, Bloomberg": bylines with the outlet the
# people write for; a "Published ... | Updated ..." tail is left to the date reader.
_PERSON = r"[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?){1,3}"
_AND = r"(?:\s*,\s*|\s+(?:[Aa][Nn][Dd]|&)\s+|\s*,\s+(?:[Aa][Nn][Dd]|&)\s+)"
_NAME_OUTLET = re.compile(
    rf"^(?:[Bb]y\s+)?(?P<author>{_PERSON}(?:{_AND}{_PERSON}){{0,4}})\s*[,|]\s*"
    r"(?P<outlet>(?:[Tt]he\s+)?[A-Z][\w&.'’ -]{1,60}?)\.?$"
)
# Last words of a writer's affiliation, which is no outlet ("..., SUNY Upstate University").
_AFFILIATIONS = ORGANISATION_ENDINGS | frozenset(["college", "school", "department"])
_CAPITALS_NAME = re.compile(r"[A-Z][A-Z&.]+(?:\s+[A-Z][A-Z&.]+){0,2}")
# "Authored by Tsvetana Paraskova via Oilprice.com,": a repost naming its author and source.
_AUTHORED_VIA = re.compile(
    rf"^(?:(?:written|authored|posted|submitted)\s+)?by\s+(?P<author>{_PERSON})\s*,?"
    r"\s+via\s+(?P<rest>\S.{0,80})$",
    re.IGNORECASE,
)
_AUTHORED_ALONE = re.compile(rf"^(?i:authored\s+by)\s+(?P<author>{_PERSON})\s*[,.:]?$")
MAX_BYLINE_CHARS = 120
# "Reuters•May 20, 2020": a syndicated story's provider tag, as aggregators print it.
_PROVIDER_TAG = re.compile(r"^(?P<outlet>[^•·]{2,60}?)\s*[•·]\s*(?P<rest>.{0,60})$")
_AGO = re.compile(r"^\d{1,3}\s*(?:min|minute|hour|hr|day|week|month)s?\s+ago$", re.I)
# ", via The Hill." ends a sentence with the outlet a passage was taken from.
_VIA_IN_TEXT = re.compile(
    r"(?:[,;(—–]|\s-)\s*via\s+(?P<outlet>(?:[Tt]he\s+)?[A-Z@][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4})"
    r"\s*(?:[.):]|$)"
)

# A closing "READ MORE" ("– READ MORE", "Continue reading at X") after a dash, a bullet or a
# sentence's end, or as the whole line: the text goes on elsewhere.
_EXCERPT_END = re.compile(
    r"(?:^|[–—|•»]\s*|\s-\s*|[.!?…”\"]\s+)(?:read more|continue reading|keep reading"
    r"|read the (?:full|rest of the|entire|whole) (?:story|article|post|report))"
    r"(?:\s+(?:at|on|from)\s+(?P<rest>[^\s.].{0,80})|\s*[:.…»›>]*\s*(?:https?://\S+)?)$",
    re.IGNORECASE,
)


def stands_alone(attribution: Attribution) -> bool:
    """Whether the attribution is the whole line, not a "(via X)" inside a sentence."""
    if attribution.cue != "via" or attribution.author is not None:
        return True
    return attribution.text.lower().startswith(("(via", "via"))


def parse_attribution(text: str) -> Attribution | None:
    """An attribution stated by a line ("The original source of this article is X"), or None."""
    if not isinstance(text, str):
        return None
    return (_parse_attribution if len(text) <= 2000 else _parse_attribution.__wrapped__)(text)


# Extraction asks this of each paragraph several times (boilerplate, units, credits); long
# paragraphs are not kept (a few thousand short ones are a few megabytes).
@lru_cache(maxsize=4096)
def _parse_attribution(text: str) -> Attribution | None:
    plain, url = plain_line(text, MAX_ATTRIBUTION_CHARS)
    if not plain or len(plain) > MAX_ATTRIBUTION_CHARS:
        return None
    for cue, pattern in _CUES:
        match = pattern.search(plain) if cue == "via" else pattern.match(plain)
        if match is None:
            continue
        rest = plain[match.end() :]
        author, rest = _author_before_outlet(cue, match.group(0), rest)
        outlet = outlet_from(rest)
        if outlet is not None or url is not None:
            published = find_date(rest)
            return Attribution(plain, cue, outlet, url, published, author)
    return None


def _author_before_outlet(cue: str, matched: str, rest: str) -> tuple[str | None, str]:
    """Split "by John W. Whitehead at The Rutherford Institute" into the person and the rest."""
    if not matched.strip().lower().endswith("by") and cue not in ("source", "via"):
        return None, rest
    found = _PERSON_AT_OUTLET.match(rest.strip())
    if found is None or is_organisation(found.group("author")):
        return None, rest
    return found.group("author").rstrip("."), found.group("rest")


def _reported(text: str) -> Attribution | None:
    """An in-text credit to a news organisation: "The Washington Post reported ...", "The
    Reuters report notes ..."."""
    for pattern in (_REPORTED, _REPORT_SAYS, _TOLD):
        found = _credited_in_text(text, pattern)
        if found is not None:
            return found
    return None


def _credited_in_text(text: str, pattern: re.Pattern[str]) -> Attribution | None:
    """The first news organisation the pattern finds credited in the text, with its sentence;
    "told X" is kept apart (cue "told"): X did the interview, the text may be anyone's."""
    for match in pattern.finditer(text[: MAX_ATTRIBUTION_CHARS * 4]):
        outlet = match.group("outlet").rstrip(".")
        if pattern is _REPORT_SAYS:
            outlet = re.sub(r"^[Tt]he\s+", "", outlet)
        if news_organisation(outlet):
            start = text.rfind(".", 0, match.start()) + 1
            end = text.find(".", match.end())
            sentence = text[start : end + 1 if end >= 0 else len(text)].strip()
            return Attribution(sentence, "told" if pattern is _TOLD else "reported", outlet=outlet)
    return None


def person_outlet_byline(line: str, dated: bool = False) -> Attribution | None:
    """ "Lisa Mascaro, Associated Press": the author and the outlet they write for, apart.
    A byline line that went on to state its publication date (`dated`) may name the outlet
    in capitals ("Gregory Korte, USA TODAY Published ..."), as a place never is there."""
    found = _NAME_OUTLET.match(line.strip()) if len(line) <= MAX_BYLINE_CHARS else None
    if found is None:
        return None
    author, outlet = found.group("author").strip(), found.group("outlet").strip()
    if is_organisation(author) or _ROLE.search(author) or not _byline_outlet(outlet, dated):
        return None
    return Attribution(line.strip(), "byline", outlet=outlet, author=author)


def _byline_outlet(name: str, dated: bool) -> bool:
    """Whether the name after a person's byline is an outlet: a news organisation, or, on a
    dated byline, a name written in capitals ("USA TODAY") that is no role ("STAFF WRITER")."""
    last = comparison_key(name).split()[-1:]
    if news_organisation(name) and not _ROLE.search(name) and not set(last) & _AFFILIATIONS:
        return True
    return dated and bool(_CAPITALS_NAME.fullmatch(name)) and not _ROLE.search(name)


def _authored_via(line: str) -> Attribution | None:
    """ "Authored by A via Oilprice.com,": the person and the outlet the repost came from; a
    bare "Authored by A," (the aggregators' form for a writer's own piece; an outlet's own pages
    say "By A") credits the author, no outlet named."""
    if len(line) > MAX_BYLINE_CHARS:
        return None
    found = _AUTHORED_VIA.match(line.strip()) or _AUTHORED_ALONE.match(line.strip())
    if found is None or is_organisation(found.group("author")):
        return None
    if "rest" not in found.groupdict():
        return Attribution(line.strip(), "authored", author=found.group("author"))
    outlet = outlet_from(found.group("rest").rstrip(" ,.:"))
    if outlet is None:
        return None
    return Attribution(line.strip(), "via", outlet=outlet, author=found.group("author"))


def _provider_tag(line: str) -> Attribution | None:
    """ "Reuters•May 20, 2020": the provider an aggregator names for a syndicated story."""
    found = _PROVIDER_TAG.match(line)
    if found is None:
        return None
    rest = found.group("rest").strip()
    published = find_date(rest) if rest else None
    if rest and published is None and not _AGO.match(rest):
        return None
    outlet = outlet_from(found.group("outlet"))
    return Attribution(line, "provided by", outlet, published=published) if outlet else None


def _excerpt_date_line(line: str) -> Attribution | None:
    """ "The Blaze, May 21, 2020:": the outlet and date of the excerpt that follows."""
    if not line.rstrip().endswith(":"):
        return None
    found = find_outlet_date_line(line.rstrip().rstrip(":"))
    outlet, published = found if found is not None else (None, "")
    if outlet is None:
        return None
    # The comma sets the outlet apart: "Dr Lee's advice March 18, 2020:" names no outlet.
    if outlet_from(outlet) is None or not line.startswith(f"{outlet},"):
        return None
    return Attribution(line, "dateline", outlet, published=published[:10])


def _via_in_text(line: str) -> Attribution | None:
    """ "..., via The Hill.": a passage credited to an outlet inside a sentence."""
    for match in _VIA_IN_TEXT.finditer(line[: MAX_ATTRIBUTION_CHARS * 4]):
        outlet = match.group("outlet").rstrip(".")
        if news_organisation(outlet) or outlet.startswith("@"):
            return Attribution(line[:MAX_ATTRIBUTION_CHARS], "via", outlet=outlet)
    return None


def credit_line(line: str, bylines: bool = True) -> Attribution | None:
    """The credit a line states when the whole line is a credit: an attribution line, a
    byline naming an outlet, a provider tag, an excerpt's date line, "Authored by A via B".
    Below a page's head, "Evan Vucci, Associated Press" credits a photo, so a body reads
    bylines with `bylines=False`."""
    forms = (parse_attribution, _authored_via, _provider_tag, _excerpt_date_line)
    for form in (person_outlet_byline, *forms) if bylines else forms:
        found = form(line)
        if found is not None:
            return found
    return None


def _line_credit(line: str) -> Attribution | None:
    """The credit one line states, in whichever form it takes."""
    for form in (credit_line, _via_in_text, _reported):
        found = form(line)
        if found is not None:
            return found
    return None


def excerpt_end(line: str) -> Attribution | None:
    """ "... – READ MORE", "Continue reading at X": the text is an excerpt of one published
    elsewhere, named when the line names it or links to it."""
    plain, url = plain_line(line[-MAX_ATTRIBUTION_CHARS:], MAX_ATTRIBUTION_CHARS)
    found = _EXCERPT_END.search(plain)
    if found is None:
        return None
    rest = (found.group("rest") or "").strip()
    outlet = outlet_from(rest) if rest else None
    return Attribution(found.group(0).strip(' –—-|•».!?…”"'), "excerpt", outlet, url)


def closing_excerpt(lines: Sequence[str]) -> list[Attribution]:
    """The "READ MORE" that closes an excerpt, in its last lines (a site's promo may follow)."""
    for line in reversed(lines[-MAX_CLOSING_LINES:]):
        if _line_credit(line) is None and (excerpt := excerpt_end(line)) is not None:
            return [excerpt]
    return []


def parse_credits(lines: Sequence[str]) -> tuple[Attribution, ...]:
    """Every credit in an article's lines: credit lines, a "Sources:" list, bylines naming an
    outlet, provider tags, "via X", "X reported", an excerpt's closing "READ MORE"."""
    found: list[Attribution] = []
    found.extend(closing_excerpt(lines))
    for index, line in enumerate(lines):
        if _SOURCES_HEADING.match(line):
            for following in lines[index + 1 : index + 1 + MAX_SOURCE_LINES]:
                credit = parse_attribution(f"Source: {following}")
                if credit is None:
                    break
                found.append(credit)
            continue
        credit = _line_credit(line)
        if credit is not None:
            found.append(credit)
    return _unique(found)


def _unique(found: list[Attribution]) -> tuple[Attribution, ...]:
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for credit in found:
        key = (credit.cue, comparison_key(credit.outlet or ""), credit.url or "")
        if key not in seen:
            seen.add(key)
            kept.append(credit)
    return tuple(kept)
