"""Title labels ("Video:", "[Opinion]") and bylines ("By Jane Doe")."""

from __future__ import annotations

import re

from newstrace.extract.credit_names import plain_line

MAX_LABEL_LINE_CHARS = 40
MAX_BYLINE_CHARS = 120
MAX_BYLINE_WORDS = 14
MAX_SENTENCE_BYLINE_WORDS = 6  # a longer "By ..." line ending in "." is a sentence

LABELS = {
    "video": "Video", "videos": "Video", "watch": "Watch", "opinion": "Opinion",
    "exclusive": "Exclusive", "analysis": "Analysis", "breaking": "Breaking",
    "breaking news": "Breaking", "live": "Live", "live updates": "Live", "photos": "Photos",
    "photo": "Photos", "pictures": "Photos", "gallery": "Photos", "podcast": "Podcast",
    "editorial": "Editorial", "explainer": "Explainer", "update": "Update",
    "updated": "Update", "interview": "Interview", "review": "Review",
    "commentary": "Commentary", "audio": "Audio", "listen": "Listen", "op-ed": "Op-Ed",
    "fact check": "Fact Check", "satire": "Satire", "report": "Report", "blog": "Blog",
}  # fmt: skip
_LABEL = "|".join(sorted((re.escape(label) for label in LABELS), key=len, reverse=True))
_LEADING_LABEL = re.compile(
    rf"\s*(?:[\[(]\s*(?P<bracketed>{_LABEL})\s*[\])]\s*[:|\-–—]?\s*"
    rf"|(?P<plain>{_LABEL})(?:\s*[:|]\s*|\s+[-–—]\s+))(?P<rest>\S.*)",
    re.IGNORECASE | re.DOTALL,
)
_TRAILING_LABEL = re.compile(
    rf"(?P<rest>.*\S)(?:\s*[\[(]\s*(?P<bracketed>{_LABEL})\s*[\])]|\s+[|]\s+(?P<plain>{_LABEL}))\s*",
    re.IGNORECASE | re.DOTALL,
)

_BYLINE = re.compile(
    r"\s*(?:(?:written|posted|reported|words|story|text|photos?)\s+)?by\s*:?\s+(?P<name>\S.*)"
    r"|\s*byline:\s*(?P<other>\S.*)",
    re.IGNORECASE | re.DOTALL,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# Where a byline's name ends: a date, a weekday, "Updated", "Email the author", a "|" field.
_BYLINE_END = re.compile(
    r"(?:\s*[,|•·—–-]\s*|\s+)(?:updated\b|published\b|posted\b|on\s*$|email the author|e-mail\b"
    rf"|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|{_MONTH}\s+\d{{1,2}}\b"
    rf"|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}).*$|\s*\|.*$",
    re.IGNORECASE | re.DOTALL,
)
_SPACE_COMMA = re.compile(r"\s+,")
_CONNECTOR_WORDS = (
    "and of the at for in de del della der van von la le da di du dos bin al el y & staff "
    "correspondent reporter writer editor contributor columnist"
)
_NAME_CONNECTORS = frozenset(_CONNECTOR_WORDS.split())


def label_word(text: str) -> str | None:
    """The normalised label when a whole line is one ("VIDEO", "[Opinion]"), else None."""
    if not isinstance(text, str) or len(text) > MAX_LABEL_LINE_CHARS:
        return None
    return LABELS.get(" ".join(text.strip(" []():|").lower().split()))


def split_title_label(title: str) -> tuple[str | None, str]:
    """Split a leading label ("Video: ...") from a title: (label or None, title)."""
    if not isinstance(title, str):
        return None, title
    match = _LEADING_LABEL.fullmatch(title) or _TRAILING_LABEL.fullmatch(title)
    if match is None:
        return None, title
    groups = match.groupdict()
    word = groups.get("bracketed") or groups.get("plain") or ""
    label = LABELS.get(" ".join(word.lower().split()))
    return (label, match.group("rest").strip()) if label else (None, title)


def _name_like(name: str) -> bool:
    """A byline name: a few mostly capitalised words, not a sentence ("By the time...")."""
    words = name.split()
    if not words or len(name) > MAX_BYLINE_CHARS or len(words) > MAX_BYLINE_WORDS:
        return False
    if not name[0].isupper() or sum(char.isalpha() for char in name) < 2:
        return False
    if name.endswith(("!", "?")) or (name.endswith(".") and len(words) > MAX_SENTENCE_BYLINE_WORDS):
        return False
    lower = [w for w in words if w[0].islower() and w.lower().strip(",") not in _NAME_CONNECTORS]
    return len(lower) * 3 <= len(words)


def parse_byline(line: str) -> str | None:
    """The name in a byline line ("By Jane Doe"), or None when the line is not a byline."""
    if not isinstance(line, str) or len(line) > MAX_BYLINE_CHARS * 2:
        return None
    plain, _ = plain_line(line, MAX_BYLINE_CHARS)
    match = _BYLINE.fullmatch(plain)
    if match is None:
        return None
    name = _BYLINE_END.sub("", match.group("name") or match.group("other"))
    name = _SPACE_COMMA.sub(",", name).strip(" ,;:|*_-—")
    return name if _name_like(name) else None
