"""Read the head of a page dump: title and label, byline, outlet and dates, tag lines.

Page chrome before the title ("Share on Facebook", "e-mail", a bare date) is skipped and
kept as boilerplate; after the title, metadata lines are read until the first paragraph
that reads as article text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from newstrace.extract.blocks import (
    classify_boilerplate,
    label_word,
    parse_byline,
    split_title_label,
)
from newstrace.extract.comments_text import is_comment_header
from newstrace.extract.credits import credit_line, person_outlet_byline, stands_alone
from newstrace.extract.dates import find_date, find_date_line, is_timestamp_line
from newstrace.extract.markup import (
    Unit,
    is_link_list,
    is_top_heading,
    link_url,
    media_of,
    unit_attribution,
)
from newstrace.models import Attribution, Boilerplate, BoilerplateKind, Tag
from newstrace.normalize import comparison_key


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


PRE_TITLE_MAX_UNITS = 8  # chrome lines skipped while looking for the title
HEADER_SCAN_UNITS = 10  # lines after the title searched for byline, dates and tags
TITLE_MAX_CHARS = 300
TITLE_MAX_WORDS = 40
DOTTED_TITLE_MAX_WORDS = 16  # longer lines ending in "." are sentences, not headlines
TWO_SENTENCE_TITLE_MAX_WORDS = 20
BODY_LIKE_WORDS = 20  # a line this long ends the header
ATTRIBUTION_LINE_MAX_CHARS = 300
TAG_LINE_MAX_CHARS = 600
CHROME_MAX_WORDS = 12  # lines above a Markdown headline this short are site chrome
SECTION_LABEL_MAX_WORDS = 2  # "Politics", "Hot Take": a section name above the real title
TITLE_MIN_WORDS_AFTER_LABEL = 3
SITE_SUFFIX_MAX_WORDS = 4  # "Headline | Site Name"

_TAG_NAMES = {
    "region": "Region", "regions": "Region", "theme": "Theme", "themes": "Theme",
    "in-depth report": "In-depth Report", "tags": "Tags", "tag": "Tags", "topics": "Topics",
    "topic": "Topics", "categories": "Categories", "category": "Categories",
    "keywords": "Keywords", "keyword": "Keywords", "filed under": "Categories",
    "subjects": "Topics", "subject": "Topics", "section": "Section", "sections": "Section",
}  # fmt: skip
_TAG_LINE = re.compile(
    r"(?P<name>" + "|".join(sorted(map(re.escape, _TAG_NAMES), key=len, reverse=True)) + r")"
    r"\s*:\s*(?P<values>\S.*)",
    re.I | re.S,
)
_TAG_SPLIT = re.compile(r"\s*(?:,|;|\s\|\s|•)\s*")
_WIRE_CREDIT = re.compile(
    r"(?:the\s+)?(?:associated press|ap|reuters|afp|agence france-presse|upi|dpa|bloomberg"
    r"|xinhua|tass|efe|ansa|press association|pa)",
    re.I,
)
# "Name, Outlet Published 3:55 a.m. ET July 16, 2018": where a byline's dates begin.
_DATE_TAIL = re.compile(r"\s+(?=(?:published|posted|updated|last updated)\b)", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.I)
_ROLE = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|columnist|contributor|staff|professor"
    r"|analyst|producer|photographer|bureau|chief|director|fellow)\b",
    re.I,
)
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.[A-Z]\.|\b(?:Jr|Sr|Inc|Co|Ltd|Corp|St|Bros)\.)$")
_URL_ONLY = re.compile(r"(?:https?://|www\.)\S+")
_SENTENCE_BREAK = re.compile(r"(\w+)\.[\"”’)]?\s+[A-Z\"“]")
_TITLE_ABBREVIATIONS = _word_set("sen rep gov gen amb col lt mr mrs ms dr st no vs prof jr sr")


@dataclass(slots=True)
class Header:
    """What the head of a page says, and which units it used."""

    title: str | None = None
    title_label: str | None = None
    title_index: int | None = None
    byline: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    published: str | None = None
    updated: str | None = None
    tags: list[Tag] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    boilerplate: list[Boilerplate] = field(default_factory=list)
    used: set[int] = field(default_factory=set)


def parse_tag_line(text: str) -> list[Tag]:
    """Tags from a line such as "Topics: Labour, Shipping"; [] for other lines."""
    if len(text) > TAG_LINE_MAX_CHARS:
        return []
    match = _TAG_LINE.fullmatch(text.strip())
    if match is None:
        return []
    name = _TAG_NAMES[" ".join(match.group("name").lower().split())]
    values = [value.strip(" .") for value in _TAG_SPLIT.split(match.group("values"))]
    return [Tag(name, value) for value in values if value]


def split_authors(byline: str) -> tuple[str, ...]:
    """Author names in a byline ("A, B and C"), without roles such as "AP Diplomatic Writer"."""
    parts = [part.strip(" .") for part in _AUTHOR_SPLIT.split(byline)]
    names = [part for part in parts if part and not _ROLE.search(part)]
    return tuple(names) or ((byline,) if byline else ())


def _sentence_breaks(text: str) -> int:
    """Full stops that end a sentence: after a lower-case word that is no abbreviation."""
    return sum(
        1
        for match in _SENTENCE_BREAK.finditer(text)
        if match.group(1)[-2:].islower() and match.group(1).lower() not in _TITLE_ABBREVIATIONS
    )


def _title_like(text: str) -> bool:
    """A headline: short, not a URL, at most two sentences, no full stop after a long line."""
    words = len(text.split())
    if not words or words > TITLE_MAX_WORDS or len(text) > TITLE_MAX_CHARS:
        return False
    if text.endswith(":") or _URL_ONLY.fullmatch(text):
        return False
    sentences = _sentence_breaks(text)
    # Headlines rarely end in a full stop; "U.S." or "Inc." at the end is an abbreviation.
    full_stop = text.endswith(".") and not _ABBREVIATION_END.search(text)
    return (
        sentences < 2
        and not (full_stop and words > DOTTED_TITLE_MAX_WORDS)
        and not (sentences == 1 and words > TWO_SENTENCE_TITLE_MAX_WORDS)
    )


def _strip_site_suffix(title: str) -> str:
    """ "Headline | Site Name" -> "Headline"."""
    head, _, suffix = title.rpartition(" | ")
    if head and len(suffix.split()) <= SITE_SUFFIX_MAX_WORDS and len(head.split()) >= 3:
        return head.strip()
    return title


def _body_like(text: str) -> bool:
    return len(text.split()) >= BODY_LIKE_WORDS


def _read_date(header: Header, unit: Unit) -> bool:
    return _take_date(header, unit.text, link_url(unit))


def _take_date(header: Header, text: str, url: str | None = None) -> bool:
    """Read a date line; the outlet it names is kept as a credit, so a page hosting another
    outlet's story ("USA TODAY Published July 16, 2018" on a partner site) says whose it is.
    A name that is the page's own title ("Meet the Press - July 15, 2018") is no outlet."""
    found = find_date_line(text)
    if found is None:
        return False
    outlet = found.outlet
    if outlet and header.title and comparison_key(outlet) == comparison_key(header.title):
        outlet = None
    if found.updated:
        header.updated = header.updated or found.published
        return True
    if outlet and (
        header.published is None or comparison_key(header.outlet or "") != comparison_key(outlet)
    ):
        header.attributions.append(
            Attribution(text, "dateline", outlet, url, published=found.published)
        )
    if header.published is None:
        header.published, header.outlet = found.published, header.outlet or outlet
    return True


def _read_byline(header: Header, text: str) -> bool:
    line, dates = _dated_byline(text)
    # Read below the title only ("Headline | Site" above it is no byline); a second
    # "Name, Outlet" line below a byline credits the photo that follows.
    first = header.title is not None and header.byline is None
    credit = person_outlet_byline(line, dated=bool(dates)) if first else None
    name = credit.author if credit is not None else parse_byline(line)
    if name is None and _WIRE_CREDIT.fullmatch(line.strip(" •|")):
        name = line.strip(" •|")
    if name is None:
        return False
    if credit is not None:
        header.attributions.append(credit)
    if header.byline is None:
        header.byline, header.authors = name, split_authors(name)
        for part in dates:
            _take_date(header, part)
        if header.published is None and (day := find_date(line)) is not None:
            header.published = day
    return True


def _dated_byline(text: str) -> tuple[str, list[str]]:
    """ "A and B, USA TODAY Published 3:55 a.m. ET July 16, 2018 | Updated ...": the byline,
    and the date lines that follow it on the same line."""
    parts = _DATE_TAIL.split(text.strip(), maxsplit=1)
    if len(parts) < 2 or not parts[0]:
        return text, []
    return parts[0].rstrip(" ,|-—"), [p for p in re.split(r"\s+\|\s+", parts[1]) if p]


def _read_credit(header: Header, unit: Unit, index: int) -> bool:
    """A line below the title that is a credit ("The Hill•", "Authored by A via B")."""
    if len(unit.text) > ATTRIBUTION_LINE_MAX_CHARS:
        return False
    credit = unit_attribution(unit) or credit_line(unit.text, bylines=False)
    if credit is None or not stands_alone(credit):
        return False
    header.attributions.append(credit)
    header.boilerplate.append(
        Boilerplate(unit.text, BoilerplateKind.ATTRIBUTION, credit.cue, index)
    )
    return True


def _read_tags(header: Header, text: str) -> bool:
    tags = parse_tag_line(text)
    header.tags.extend(tags)
    return bool(tags)


def _read_boilerplate(header: Header, unit: Unit, index: int) -> bool:
    attribution = unit_attribution(unit) or credit_line(unit.text, bylines=False)
    short = len(unit.text) <= ATTRIBUTION_LINE_MAX_CHARS
    if attribution is not None and short and stands_alone(attribution):
        header.attributions.append(attribution)
        kind, evidence = BoilerplateKind.ATTRIBUTION, attribution.cue
    elif (found := classify_boilerplate(unit.text)) is not None:
        kind, evidence = found
    elif is_timestamp_line(unit.text):
        kind, evidence = BoilerplateKind.NAVIGATION, "timestamp"
    elif is_comment_header(unit.text):
        kind, evidence = BoilerplateKind.NAVIGATION, "comment section header"
    elif is_link_list(unit):
        kind, evidence = BoilerplateKind.NAVIGATION, "list of links"
    else:
        return False
    header.boilerplate.append(Boilerplate(unit.text, kind, evidence, index))
    return True


def _read_meta(header: Header, unit: Unit, index: int) -> bool:
    """Take a metadata or chrome line into the header; False when it is not one."""
    if unit.heading or media_of(unit) is not None:
        return False
    text = unit.text
    return (
        _read_date(header, unit)
        or _read_byline(header, text)
        or _read_tags(header, text)
        or _read_boilerplate(header, unit, index)
    )


def _set_title(header: Header, unit: Unit, index: int) -> None:
    label, title = split_title_label(_strip_site_suffix(unit.text))
    header.title, header.title_index = title, index
    header.title_label = label or header.title_label
    header.used.add(index)


def _section_label(unit: Unit, following: Sequence[Unit]) -> bool:
    """A one- or two-word line ("Politics", "VIDEO") right above a longer headline."""
    if len(unit.text.split()) > SECTION_LABEL_MAX_WORDS or not following:
        return False
    after = following[0].text
    if after.endswith(".") and not _ABBREVIATION_END.search(after):
        return False  # a sentence below a short line: the short line is the headline
    return _title_like(after) and len(after.split()) >= TITLE_MIN_WORDS_AFTER_LABEL


def _read_section_label(header: Header, unit: Unit, index: int) -> None:
    label = label_word(unit.text)
    if label is not None:
        header.title_label = header.title_label or label
    else:
        header.boilerplate.append(
            Boilerplate(unit.text, BoilerplateKind.NAVIGATION, "section label", index)
        )
    header.used.add(index)


def _headline_index(window: Sequence[Unit]) -> int | None:
    """Where a "# Headline" sits below a few short chrome lines, in a Markdown dump."""
    for index, unit in enumerate(window):
        if is_top_heading(unit):
            return index
        if len(unit.text.split()) > CHROME_MAX_WORDS:
            return None
    return None


def _skip_chrome(header: Header, unit: Unit, index: int) -> None:
    header.boilerplate.append(
        Boilerplate(unit.text, BoilerplateKind.NAVIGATION, "above the headline", index)
    )
    header.used.add(index)


def _find_title(header: Header, units: Sequence[Unit]) -> int:
    """Read chrome and metadata before the title, set the title; the index to read on from."""
    window = units[:PRE_TITLE_MAX_UNITS]
    headline = _headline_index(window)
    for index, unit in enumerate(window):
        section = _title_like(unit.text) and _section_label(unit, window[index + 1 :])
        if section and label_word(unit.text) is not None:
            _read_section_label(header, unit, index)
        elif not unit.heading and _read_meta(header, unit, index):
            header.used.add(index)
        elif headline is not None and index < headline:
            _skip_chrome(header, unit, index)
        elif section:
            _read_section_label(header, unit, index)
        elif _title_like(unit.text):
            _set_title(header, unit, index)
            return index + 1
        else:
            return index
    return len(window)


def _read_after_title(header: Header, unit: Unit, index: int) -> bool:
    """Metadata below the title; other chrome there is left to the body pass, which knows
    where the page's closing boilerplate starts."""
    if unit.heading or media_of(unit) is not None:
        return False
    if header.title and unit.text.casefold() == header.title.casefold():
        evidence = "repeated title"
    elif is_timestamp_line(unit.text):
        evidence = "timestamp"
    else:
        text = unit.text
        return (
            _read_date(header, unit)
            or _read_byline(header, text)
            or _read_tags(header, text)
            or _read_credit(header, unit, index)
        )
    header.boilerplate.append(Boilerplate(unit.text, BoilerplateKind.NAVIGATION, evidence, index))
    return True


def parse_header(units: Sequence[Unit]) -> Header:
    """Title, label, byline, outlet, dates, tags and chrome at the head of a page."""
    header = Header()
    start = _find_title(header, units)
    for index in range(start, min(len(units), start + HEADER_SCAN_UNITS)):
        if _read_after_title(header, units[index], index):
            header.used.add(index)
        elif _body_like(units[index].text):
            break
    return header
