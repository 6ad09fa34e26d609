"""Attribution lines: "The original source of this article is X", "Originally published by X"."""

from __future__ import annotations

import re

from newstrace.extract.dates import find_date
from newstrace.models import Attribution

MAX_ATTRIBUTION_CHARS = 400
MAX_OUTLET_CHARS = 80
MAX_OUTLET_WORDS = 8


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
    (
        "provided by",
        _cue(
            rf"this {_ARTICLE} (?:was|is) (?:provided|supplied|distributed|syndicated) by(?: the)?"
        ),
    ),
    ("via", re.compile(r"\(via\s+", re.IGNORECASE)),
)

# Link text and targets exclude brackets and parentheses so a scan stops at the next "[".
MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\(\s*<?([^()\[\]\s<>]{0,2000})>?\s*\)")
_BARE_URL = re.compile(r"<?(https?://[^\s<>()\[\]]{1,2000})>?")
_LEAD_MARKS = re.compile(r"^[\s*_#>|•·/\-–—]+")
_OUTLET_END = re.compile(
    r"\s*(?:copyright\b|©|\(c\)|\s+(?:on|at)\s|\s+in\s+(?=\d)|,|\s+under\b|\s+with\s+permission"
    r"|\s+and\s+(?:is|was)\s|\s+\||\s+-\s|\s+—|\.\s|\.$|\)|;|https?://|<)",
    re.IGNORECASE,
)
_MONTH_START = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.IGNORECASE
)
_DOMAIN = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,12}", re.IGNORECASE)
_URL_HOST = re.compile(r"https?://(?:www\.)?([^/\s?#:]+)", re.IGNORECASE)


def unwrap_links(text: str) -> tuple[str, str | None]:
    """Markdown links reduced to their text, and the first real URL seen (link targets first)."""
    urls: list[str] = []

    def keep(match: re.Match[str]) -> str:
        """The link's text, noting its target when it is a web address."""
        if match.group(2).lower().startswith(("http://", "https://")):
            urls.append(match.group(2).replace("\\", ""))
        return match.group(1)

    plain = MARKDOWN_LINK.sub(keep, text)
    bare = _BARE_URL.search(plain)
    if bare is not None:
        urls.append(bare.group(1).rstrip(".,;"))
    return plain, (urls[0] if urls else None)


def plain_line(text: str, max_chars: int) -> tuple[str, str | None]:
    """One line of text with links unwrapped, bold markers and leading bullets removed."""
    plain, url = unwrap_links(" ".join(text[: max_chars * 2].split()))
    return _LEAD_MARKS.sub("", plain.replace("**", "").replace("__", "")), url


def _outlet_from(rest: str) -> str | None:
    """The outlet named at the start of the text that follows an attribution cue."""
    rest = rest.strip().strip("*_\"'“”")
    if rest.lower().startswith(("http://", "https://", "www.")):
        host = _URL_HOST.match(rest if "://" in rest else "http://" + rest)
        return host.group(1) if host else None
    end = _OUTLET_END.search(rest)
    name = (rest[: end.start()] if end else rest).strip(" ,:;.*_\"'“”")
    if not name or len(name) > MAX_OUTLET_CHARS or len(name.split()) > MAX_OUTLET_WORDS:
        return None
    if _MONTH_START.match(name) or name[0].isdigit():
        return None
    if _DOMAIN.fullmatch(name):
        return name
    return name if name[0].isalnum() and not name[0].islower() else None


def stands_alone(attribution: Attribution) -> bool:
    """Whether the attribution is the whole line, not a "(via X)" inside a sentence."""
    return attribution.cue != "via" or attribution.text.startswith("(via")


def parse_attribution(text: str) -> Attribution | None:
    """An attribution stated by a line ("The original source of this article is X"), or None."""
    if not isinstance(text, str):
        return None
    plain, url = plain_line(text, MAX_ATTRIBUTION_CHARS)
    if not plain or len(plain) > MAX_ATTRIBUTION_CHARS:
        return None
    for cue, pattern in _CUES:
        match = pattern.search(plain) if cue == "via" else pattern.match(plain)
        if match is None:
            continue
        rest = plain[match.end() :]
        outlet = _outlet_from(rest)
        if outlet is not None or url is not None:
            return Attribution(plain, cue, outlet=outlet, url=url, published=find_date(rest))
    return None
