"""Turn a plain-text or Markdown page dump into units: logical lines with Markdown removed.

A unit is what a reader sees as one paragraph or one line: blank lines separate blocks,
hard breaks split a block, and soft-wrapped lines are joined back together.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace

from newstrace.extract.credit_names import unwrap_links
from newstrace.extract.credits import parse_attribution
from newstrace.extract.media_kinds import media_kind
from newstrace.models import Attribution
from newstrace.normalize import normalize_line


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


WRAP_MIN_CHARS = 40  # a wrapped line is at least this long...
WRAP_MAX_CHARS = 100  # ...in a block whose lines are all at most this long
WRAP_MIN_SHARE = 0.6  # ...and at least this share of the block's longest line
MAX_EMPHASIS_UNIT_CHARS = 20_000  # longer units are not real paragraphs; skip emphasis clean-up
MAX_MEDIA_UNIT_CHARS = 2_500
MIN_LIST_LINKS = 2
LINK_LIST_SHARE = 0.7  # a line whose text is this much link text is a link list


@dataclass(frozen=True, slots=True)
class Unit:
    """One logical line of a dump: its Markdown source and its plain text."""

    raw: str
    text: str
    block: int
    heading: bool = False
    list_item: bool = False


_HARD_BREAK = re.compile(r"(?: {2,}|\t|\\)$")
_BLOCK_START = re.compile(r"^\s{0,3}(?:#{1,6}\s|>|[-*+•]\s|\d{1,3}[.)]\s|[-*_=]{3,}\s*$|\|)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_TOP_HEADING = re.compile(r"^\s{0,3}#{1,2}\s+")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_LIST_MARK = re.compile(r"^\s{0,3}(?:[-*•]\s+|\d{1,3}[.)]\s+)")
_BULLET = re.compile(r"^\s{0,3}[-*•]\s+")  # bullets go; item numbers are kept as text
_QUOTE_MARK = re.compile(r"^\s{0,3}(?:>\s?)+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~\"'<=$&^])")
# Link text and targets exclude brackets and parentheses so that a scan from one "[" stops at
# the next one: runs of "[a](" stay linear.
_TARGET = r"\(\s*<?([^()\[\]\s<>]{0,2000})>?(?:\s+\"[^\"\n]{0,300}\")?\s*\)"
_IMAGE = re.compile(r"!\[([^\[\]\n]{0,500})\]" + _TARGET)
_LINK = re.compile(r"\[([^\[\]\n]{0,1000})\]" + _TARGET)
_REF_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\[[^\[\]\n]{0,100}\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^\s<>]{1,2000})>", re.I)
_HTML_TAG = re.compile(
    r"</?(?:br|p|div|span|em|strong|b|i|u|small|sup|sub|a|font|center|hr)\b[^<>\n]{0,300}>", re.I
)
_STRONG = re.compile(r"(?<![\w*])(\*\*|__)(?=\S)([^*_\n]{1,5000}?)(?<=\S)\1(?![\w*])")
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]{0,5000}?[^\s*])?\*(?![\w*])")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]{0,5000}?[^\s_])?_(?![\w_])")
_CODE = re.compile(r"`([^`\n]{1,1000})`")
_TRAILING_HASHES = re.compile(r"\s+#+\s*$")
_PLACEHOLDER_BASE = 0xF0000  # supplementary private-use plane: escaped characters wait here
_PLACEHOLDER = re.compile("[\U000f0000-\U000f007f]")


def _hide_escapes(text: str) -> str:
    # Escaped characters must not take part in emphasis or links, so park them first.
    return _ESCAPE.sub(lambda match: chr(_PLACEHOLDER_BASE + ord(match.group(1))), text)


def _restore_escapes(text: str) -> str:
    return _PLACEHOLDER.sub(lambda match: chr(ord(match.group(0)) - _PLACEHOLDER_BASE), text)


def _link_text(match: re.Match[str]) -> str:
    return match.group(1)


# Every substitution below needs one of these characters, a "-" bullet first on the line or a
# parked escape, so a line with none of them is only normalised: most lines of body text.
_MARKUP_CHARS = frozenset("\\#>*_[]<&`•!")


def _has_markup(raw: str) -> bool:
    return (
        not _MARKUP_CHARS.isdisjoint(raw)
        or raw.lstrip().startswith("-")
        or _PLACEHOLDER.search(raw) is not None
    )


def clean_inline(raw: str) -> str:
    """Plain text of one Markdown line: links, emphasis, escapes and markers removed."""
    if not _has_markup(raw):
        return normalize_line(raw)
    text = _hide_escapes(raw)
    text = _HEADING.sub("", text)
    text = _QUOTE_MARK.sub("", text)
    text = _BULLET.sub("", text)
    text = _TRAILING_HASHES.sub("", text) if raw.lstrip().startswith("#") else text
    text = _IMAGE.sub("", text)
    text = _LINK.sub(_link_text, text)
    text = _REF_LINK.sub(_link_text, text)
    text = _AUTOLINK.sub(lambda match: match.group(1), text)
    text = _HTML_TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    if len(text) <= MAX_EMPHASIS_UNIT_CHARS:
        text = _CODE.sub(lambda match: match.group(1), text)
        text = _STRONG.sub(lambda match: match.group(2), text)
        text = _EMPHASIS_STAR.sub(lambda match: match.group(1) or "", text)
        text = _EMPHASIS_UNDERSCORE.sub(lambda match: match.group(1) or "", text)
    # Doubly escaped dumps ("IMR\\_30") leave a backslash before punctuation once restored.
    text = _ESCAPE.sub(lambda match: match.group(1), _restore_escapes(text))
    return normalize_line(text)


def _is_wrapped(line: str, longest: int) -> bool:
    return (
        longest <= WRAP_MAX_CHARS
        and len(line) >= WRAP_MIN_CHARS
        and len(line) >= WRAP_MIN_SHARE * longest
    )


def _logical_lines(block: list[str]) -> list[list[str]]:
    """Group a block's raw lines into logical lines: split at hard breaks, join soft wraps."""
    longest = max(len(line.rstrip()) for line in block)
    groups: list[list[str]] = []
    previous: str | None = None
    for line in block:
        joins = (
            previous is not None
            and not _HARD_BREAK.search(previous)
            and not _BLOCK_START.match(line)
            and not _HEADING.match(previous)
            and _is_wrapped(previous.rstrip(), longest)
        )
        if joins:
            groups[-1].append(line)
        else:
            groups.append([line])
        previous = line
    return groups


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _make_unit(lines: list[str], block: int, setext: bool) -> Unit:
    raw = " ".join(_HARD_BREAK.sub("", line).strip() for line in lines)
    return Unit(
        raw=raw,
        text=clean_inline(raw),
        block=block,
        heading=setext or bool(_HEADING.match(lines[0])),
        list_item=bool(_LIST_MARK.match(lines[0])),
    )


def split_units(text: str) -> list[Unit]:
    """The logical lines of a dump, in order, each with its block number; separators dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    units: list[Unit] = []
    for number, block in enumerate(_blocks(text)):
        groups = _logical_lines(block)
        for index, lines in enumerate(groups):
            if _SETEXT.match(lines[0]) and index > 0:
                continue
            setext = index + 1 < len(groups) and bool(_SETEXT.match(groups[index + 1][0]))
            unit = _make_unit(lines, number, setext)
            if any(char.isalnum() for char in unit.text) or _media_url(unit.raw):
                units.append(unit)
    return units


_WHOLE_IMAGE = re.compile(r"!\[[^\[\]\n]{0,500}\]" + _TARGET)
_WHOLE_LINK = re.compile(r"\[([^\[\]\n]{0,1000})\]" + _TARGET)
_WHOLE_URL = re.compile(r"<?((?:https?:)?//[^\s<>]{3,2000})>?")
_IFRAME = re.compile(
    r"<(?:iframe|embed|video|audio|source)\b[^>]{0,1000}?\bsrc=[\"']([^\"']{3,2000})[\"']", re.I
)


def _clean_url(url: str) -> str:
    url = url.replace("\\", "").strip()
    return "https:" + url if url.startswith("//") else url


def _media_url(raw: str) -> tuple[str, str] | None:
    """(url, kind) when a unit is nothing but one media link, image or embed."""
    text = raw.strip().strip("*_").strip()
    if not text or len(text) > MAX_MEDIA_UNIT_CHARS:
        return None
    if match := _WHOLE_IMAGE.fullmatch(text):
        return _clean_url(match.group(1)), "image"
    if match := _IFRAME.match(text):
        url = _clean_url(match.group(1))
        return url, media_kind(url) or "iframe"
    candidates: list[str] = []
    if match := _WHOLE_LINK.fullmatch(text):
        candidates = [match.group(2), match.group(1)]
    elif match := _WHOLE_URL.fullmatch(text):
        candidates = [match.group(1)]
    for candidate in candidates:
        url = _clean_url(candidate)
        kind = media_kind(url) if url.startswith(("http://", "https://")) else None
        if kind is not None:
            return url, kind
    return None


def media_of(unit: Unit) -> tuple[str, str] | None:
    """(url, kind) when the unit stands alone as a media link; None otherwise."""
    return _media_url(unit.raw)


def is_link_list(unit: Unit) -> bool:
    """A line that is mostly links ("Home | World | Politics" as Markdown links): navigation."""
    links = _LINK.findall(unit.raw[:MAX_MEDIA_UNIT_CHARS])
    if len(links) < MIN_LIST_LINKS or len(unit.raw) > MAX_MEDIA_UNIT_CHARS:
        return False
    linked = sum(len(text) for text, _ in links)
    return linked >= LINK_LIST_SHARE * len(unit.text.replace(" ", ""))


def is_top_heading(unit: Unit) -> bool:
    """A level-one or level-two Markdown heading ("# Title")."""
    return bool(_TOP_HEADING.match(unit.raw))


def link_url(unit: Unit) -> str | None:
    """The first web address a unit links to, Markdown link targets included."""
    return unwrap_links(unit.raw)[1]


def unit_attribution(unit: Unit) -> Attribution | None:
    """The attribution a unit states, with the URL of its Markdown link when the text lost it."""
    attribution = parse_attribution(unit.text)
    if attribution is None or attribution.url is not None:
        return attribution
    return replace(attribution, url=link_url(unit))
