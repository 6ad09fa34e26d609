"""Author names cleaned of what bylines wrap them in: "Author", "Written by", roles, dates.

"Liz Kenny Former McKinsey Consultant" is Liz Kenny; "Mayank Gupta, CEO" is Mayank Gupta;
"Updated by Jon Linkov" names an editor, not an author; "Dec" or "Written By" names nobody.
"""

from __future__ import annotations

import html
import re

_LEAD = re.compile(
    r"^\s*(?:(?:article|story|post|recipe|words|text|photos?)\s+)?"
    r"(?:(?:written|posted|authored|reported|created|published)\s+)?(?:by|author(?:s|ed by)?)\s*:?\s+",
    re.I,
)
_NOT_AUTHOR_LEAD = re.compile(
    r"^\s*(?:updated|edited|reviewed|fact[- ]checked|medically reviewed|read more about)\b", re.I
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# Where the name ends: a date, "Last updated", "Reviewed by", "Published".
_TAIL = re.compile(
    rf"\s*[•|·,;-]?\s*(?:\b(?:last\s+)?updated\b|\breviewed\b|\bfact[- ]checked\b|\bpublished\b"
    rf"|\bposted\b|\bon\s+{_MONTH}\s|\b{_MONTH}\s+\d|\b(?!may\b){_MONTH}\s*$|(?<=[•|·,;-])\s*{_MONTH}\s*$"
    r"|\d{1,2}/\d{1,2}/\d{2,4}"
    r"|\d{4}-\d{2}-\d{2}|\bmin(?:ute)?s?\s+read\b|\bsponsored\b).*$",
    re.I,
)
# Words that say what a person does, not who they are.
_ROLE_WORDS = frozenset(
    [
        "founder",
        "co-founder",
        "cofounder",
        "ceo",
        "cto",
        "cfo",
        "coo",
        "president",
        "writer",
        "reporter",
        "editor",
        "contributor",
        "correspondent",
        "columnist",
        "journalist",
        "expert",
        "head",
        "lead",
        "reviewer",
        "analyst",
        "producer",
        "manager",
        "director",
        "specialist",
        "consultant",
        "former",
        "staff",
        "senior",
        "chief",
        "author",
        "strategist",
        "officer",
        "photographer",
        "intern",
        "fellow",
        "professor",
        "attorney",
        "lawyer",
        "dietitian",
        "physician",
        "coordinator",
        "assistant",
        "associate",
        "nurse",
    ]
)
_CREDENTIAL = re.compile(r"^(?:[A-Z]{2,6}|Ph\.?D\.?|M\.?D\.?|[A-Z]-?[A-Z]{2,5}(?:\s*\d+)?)$")
_INITIAL = re.compile(r"^[A-Z]\.?$")
_NOBODY = frozenset(
    {"the author", "author", "written by", "admin", "staff", "unknown", "anonymous", "guest"}
)
MAX_NAME_WORDS = 6
MIN_NAME_LETTERS = 2
_WEEKDAY_OR_MONTH = re.compile(rf"(?:{_MONTH}|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?),?", re.I)
_DOTTED = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)+")  # "page.head.author", "jane.doe"
_PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "de",
        "del",
        "della",
        "da",
        "di",
        "du",
        "dos",
        "bin",
        "al",
        "el",
        "la",
        "le",
        "y",
        "and",
        "&",
    ]
)


def _before_role(words: list[str]) -> list[str]:
    """The words of a name before the first role word ("Tech Reporter", "Former ... Consultant");
    a one-word credit to an organisation's staff ("Podium Staff") is kept whole."""
    for index, word in enumerate(words):
        if index > 1 and word.lower().strip(",.") in _ROLE_WORDS:
            kept = words[:index]
            # a capitalised modifier of the role ("Tech" Reporter) is not part of the name
            if len(kept) > 2 and not _INITIAL.match(kept[-2]):
                kept = kept[:2]
            return kept
    return words


def clean_person(value: str, *, declared: bool = False) -> str | None:
    """A person's name from a byline fragment, or None when it names nobody or an editor.

    A declared name (JSON-LD, meta tags) may be typed in lower case ("kirstin boatto"): the
    page states it is the author, so its letter case is kept rather than the name refused."""
    text = " ".join(html.unescape(value).split()).strip(" \"'“”")
    if not text or _NOT_AUTHOR_LEAD.match(text):
        return None
    text = _once(_TAIL.sub("", _LEAD.sub("", text)).strip(" ,;:|•·-–—"))
    if text.casefold() in _NOBODY:
        return None
    words = _without_avatar_initials(_before_role(_before_digits(text.split())))
    name = " ".join(words).strip(" ,;:|•·-–—")
    if not name or name.casefold() in _NOBODY or _WEEKDAY_OR_MONTH.fullmatch(name):
        return None
    if (
        sum(char.isalpha() for char in name) < MIN_NAME_LETTERS
        or _CREDENTIAL.match(name)
        or len(words) > MAX_NAME_WORDS
        or _DOTTED.fullmatch(name)
    ):
        return None
    if name.lower().strip(",.") in _ROLE_WORDS:
        return None
    return name if _name_like(words) or (declared and _lower_case_name(words)) else None


def _lower_case_name(words: list[str]) -> bool:
    """A name typed all in lower case ("kirstin boatto"), letters only."""
    return all(word.isalpha() and word.islower() for word in words)


def is_organisation_credit(name: str) -> bool:
    """Whether a declared author that is no person's name still names someone: an
    organisation ("JWU", "Ask the Doctors"), not a placeholder ("Staff") or a handle."""
    text = " ".join(name.split())
    return (
        sum(char.isalpha() for char in text) >= MIN_NAME_LETTERS
        and text.casefold() not in _NOBODY
        and not _DOTTED.fullmatch(text)
        and len(text.split()) <= MAX_NAME_WORDS
        and text[0].isupper()
    )


def _name_like(words: list[str]) -> bool:
    """A single handle, or words that are capitalised, initials or name particles."""
    if len(words) == 1:
        return True
    return all(
        word[0].isupper() or not word[0].isalpha() or word.lower() in _PARTICLES for word in words
    )


def _before_digits(words: list[str]) -> list[str]:
    """The words before the first one holding a digit or a lone mark (a date, "• 4 min")."""
    for index, word in enumerate(words):
        lone_mark = not any(char.isalnum() for char in word) and word not in ("&", "/")
        if lone_mark or any(char.isdigit() for char in word):
            return words[:index]
    return words


def _without_avatar_initials(words: list[str]) -> list[str]:
    """A name without the initials an avatar shows before it ("CM Craig McCarthy")."""
    if len(words) > 2 and words[0].isupper() and len(words[0]) <= 3:
        initials = "".join(word[0] for word in words[1:]).upper()
        if initials.startswith(words[0]):
            return words[1:]
    return words


def _is_role_part(part: str, first: str) -> bool:
    """Whether a later part of a split byline is the first person's role, not another person:
    "Jane Doe, Senior Editor", "Jane Doe; Home; Digital Security Expert"."""
    words = part.split()
    if any(word.lower().strip(",.") in _ROLE_WORDS for word in words):
        return True
    return len(words) == 1 and len(first.split()) > 1


def clean_people(names: list[str] | tuple[str, ...], *, declared: bool = False) -> tuple[str, ...]:
    """Names cleaned, nobodies and role fragments dropped, duplicates removed, order kept."""
    parts = [name for name in names if name and name.strip()]
    if len(parts) > 1:
        parts = parts[:1] + [part for part in parts[1:] if not _is_role_part(part, parts[0])]
    cleaned = (clean_person(name, declared=declared) for name in parts)
    return tuple(dict.fromkeys(name for name in cleaned if name))


def _once(name: str) -> str:
    """A name a byline shows twice in a row (an avatar's label and the name) said once."""
    words = name.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return name


MAX_PRINTED_SCAN_CHARS = 500_000


def as_printed(name: str, page_text: str) -> str:
    """A name as the page prints it when a reader dropped its full stops ("Justin C Meserole"
    for "Justin C. Meserole", "Dr Vahid Osman" for "Dr. Vahid Osman") or changed its letter
    case ("Jsteinhardt" for "jsteinhardt"); else the name as given."""
    words = name.split()
    text = page_text[:MAX_PRINTED_SCAN_CHARS]
    if "." in name or re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
        return name
    pattern = r"(?<!\w)" + r"\.?\s+".join(re.escape(word) for word in words) + r"(?!\w)"
    found = re.search(pattern, text) or re.search(pattern, text, re.IGNORECASE)
    return " ".join(found.group(0).split()) if found else name
