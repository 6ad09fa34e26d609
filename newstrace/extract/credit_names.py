"""Reading a credit line: Markdown links unwrapped (their target kept), bullets and bold marks
removed, and the outlet named after a cue ("Source: X", "via X", a domain, a wire service)."""

from __future__ import annotations

import re

from newstrace.extract.wire import WIRE_SERVICES, is_organisation
from newstrace.normalize import comparison_key

MAX_OUTLET_CHARS = 80
MAX_OUTLET_WORDS = 8
_ACRONYM = re.compile(r"[A-Z]{2,6}")
# Link text and targets exclude brackets and parentheses so a scan stops at the next "[".
MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\(\s*<?([^()\[\]\s<>]{0,2000})>?\s*\)")
_BARE_URL = re.compile(r"<?(https?://[^\s<>()\[\]]{1,2000})>?")
_LEAD_MARKS = re.compile(r"^[\s*_#>|•·/\-–—]+")
_OUTLET_END = re.compile(
    r"\s*(?:copyright\b|©|\(c\)|\s+(?:on|at)\s|\s+in\s+(?=\d)|,|\s+under\b|\s+with\s+permission"
    r"|\s+and\s+(?:is|was)\s|\s+\||\s+-\s|\s+—|\.\s|\.$|\)|;|:$|https?://|<|\s+here\b)",
    re.IGNORECASE,
)
_MONTH_START = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.IGNORECASE
)
_DOMAIN = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,12}", re.IGNORECASE)
_QUOTE_MARKS = "*_\"'“”«»„‚‹›"
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


def outlet_from(rest: str) -> str | None:
    """The outlet named at the start of the text that follows an attribution cue."""
    rest = rest.strip().strip(_QUOTE_MARKS)
    if rest.lower().startswith(("http://", "https://", "www.")):
        host = _URL_HOST.match(rest if "://" in rest else "http://" + rest)
        return host.group(1) if host else None
    end = _OUTLET_END.search(rest)
    name = (rest[: end.start()] if end else rest).strip(" ,:;." + _QUOTE_MARKS)
    if not name or len(name) > MAX_OUTLET_CHARS or len(name.split()) > MAX_OUTLET_WORDS:
        return None
    if _MONTH_START.match(name) or name[0].isdigit():
        return None
    if _DOMAIN.fullmatch(name) or comparison_key(name) in WIRE_SERVICES:
        return name  # "dpa" is written in lower case
    return name if name[0].isalnum() and not name[0].islower() else None


def news_organisation(name: str) -> bool:
    """Whether a name is a wire service, a news organisation, an acronym or a domain."""
    name = re.sub(r"^[Tt]he\s+", "", name.strip())
    return bool(
        comparison_key(name) in WIRE_SERVICES
        or is_organisation(name)
        or _ACRONYM.fullmatch(name)
        or _DOMAIN.fullmatch(name)
    )
