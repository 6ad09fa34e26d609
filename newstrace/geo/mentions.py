"""What the words around a place name say about it: "near X", "southern X", "X countryside"."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from newstrace.geo.names import is_acronym, normalize

_DIRECTION = (
    r"(?:north|south|east|west|north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west)"
    r"(?:ern)?|central|rural|greater|eastern|western"
)
# A direction word before the name: "southern Idlib", "the western Aleppo countryside".
DIRECTION_BEFORE = re.compile(rf"\b(?:{_DIRECTION})\s+(?:parts?\s+of\s+)?$", re.IGNORECASE)
# Words before the name that put the event close to it, not in it.
NEAR_BEFORE = re.compile(
    r"\b(?:near(?:by)?|outside(?:\s+of)?|close\s+to|on\s+the\s+outskirts\s+of|outskirts\s+of|"
    r"(?:in\s+the\s+)?(?:vicinity|area)\s+of|around|(?:just\s+)?(?:north|south|east|west)\s+of|"
    r"(?:km|kilometers|kilometres|miles)\s+(?:\w+\s+)?(?:from|of))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A word after the name that makes it a region: "Idlib countryside", "Aleppo province".
REGION_AFTER = re.compile(
    r"^\s+(countryside|province|governorate|region|state|oblast|district|county|parish|"
    r"municipality)\b",
    re.IGNORECASE,
)
REGION_WORDS = ("countryside", "province", "governorate", "region", "state", "oblast")
# Words after a name that put the event on a front line or in the land around a town: ACLED's
# precision 2 ("the Ftireh front", "the Uri sector", "Handwara subdistrict"); "Karak area" is
# most often the town itself.
NEAR_AFTER = re.compile(
    r"^\s+(?:front(?:line)?s?|axis|outskirts|sector|sub-?district|taluka|tehsil)\b",
    re.IGNORECASE,
)
DISTRICT_WORDS = frozenset({"district", "municipality", "county", "parish"})
# Region words that are part of a second-level region's own name ("Rapides Parish").
NAMED_REGION_WORDS = ("county", "parish", "district", "oblast", "province", "governorate")
LOOK_BEHIND_CHARS = 40
ACRONYM_CONTEXT_CHARS = 30  # capitals with lower case this near are an acronym, not a headline
# "the village of X", "a small town called X": the text says how small the place is.
SETTLEMENT_BEFORE = re.compile(
    r"\b(village|hamlet|town|city|settlement|camp)s?\s+(?:of|called|named)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
SMALL_SETTLEMENTS = frozenset({"village", "hamlet", "settlement", "camp"})
# Words after a name that make it the town, not the region of the same name ("Idlib city").
SETTLEMENT_AFTER = frozenset({"city", "town", "village"})
# written in lower case: "Mexico City" and "Kansas City" are names of their own
_SETTLEMENT_AFTER = re.compile(r"^\s+(city|town|village)\b")


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name in its context, read for what the resolver needs."""

    start: int
    end: int
    surface: str  # the name as written, without direction words or a region word
    near: bool  # "near X", "outside X": precision 2 at best
    part: bool  # "southern X", "X countryside": a part of X
    region_word: str | None  # "province", "county", ... written with the name
    capitalized: bool = True  # written as a name (or in a text that never capitalizes)
    settlement: str | None = None  # "village", "town"... written before the name
    acronym: bool = False  # "US", "N.Y.", "NSW" in running text, not a word of a headline
    key: str = field(init=False, repr=False, compare=False)  # the name's lookup key

    def __post_init__(self) -> None:
        """Work out the lookup key once: resolution reads it for every candidate."""
        object.__setattr__(self, "key", normalize(self.surface))

    @property
    def small(self) -> bool:
        """Whether the text calls the place a village, hamlet or camp: a place few know."""
        return self.settlement in SMALL_SETTLEMENTS


def read_mention(text: str, start: int, end: int, known: Callable[[str], bool]) -> Mention:
    """Read a span and the words around it; `known` tells names the gazetteer holds whole."""
    surface = text[start:end]
    inner_direction = None
    if not known(surface):
        inner_direction = re.match(rf"^(?:the\s+)?(?:{_DIRECTION})\s+", surface, re.IGNORECASE)
        if inner_direction and len(surface) > inner_direction.end():
            surface = surface[inner_direction.end() :]
        surface, inner_region = _split_region_word(surface)
    else:
        inner_region = None
    following = _SETTLEMENT_AFTER.match(text[end : end + 10])
    settled_after = following.group(1).lower() if following else None
    if inner_region in SETTLEMENT_AFTER:
        inner_region, settled_after = None, inner_region
    before = text[max(0, start - LOOK_BEHIND_CHARS) : start]
    after = REGION_AFTER.match(text[end : end + 20])
    region_word = inner_region or (after.group(1).lower() if after else None)
    part = bool(inner_direction or DIRECTION_BEFORE.search(before)) or region_word == "countryside"
    near = NEAR_BEFORE.search(before) is not None or bool(NEAR_AFTER.match(text[end : end + 15]))
    capitalized = any(c.isupper() for c in surface) or not any(c.isupper() for c in text)
    settlement_before = SETTLEMENT_BEFORE.search(before)
    settlement = settlement_before.group(1).lower() if settlement_before else settled_after
    around = text[max(0, start - ACRONYM_CONTEXT_CHARS) : end + ACRONYM_CONTEXT_CHARS]
    acronym = is_acronym(surface) and any(c.islower() for c in around)
    return Mention(start, end, surface.strip(), near, part, region_word, capitalized,
                   settlement, acronym)  # fmt: skip


def _split_region_word(surface: str) -> tuple[str, str | None]:
    """ "Idlib countryside" -> ("Idlib", "countryside"); other names are left whole."""
    words = surface.split()
    if len(words) > 1 and (
        words[-1].lower() in (*REGION_WORDS, *NAMED_REGION_WORDS) or words[-1] in SETTLEMENT_AFTER
    ):
        return " ".join(words[:-1]), words[-1].lower()
    return surface, None


# A name of up to three words; a full stop ends it ("near Pisky, Donetsk. During the day")
# unless it is inside an abbreviation ("N.Y.") or after "St", "Mt", "Ft".
_REGION_WORD = r"(?:al-)?[A-Z][\w'’-]*(?:\.[A-Z][\w'’-]*)*"
# "Valle del Cauca", "W. Va."
_JOIN = r"(?:\s+(?:(?:de|del|de la|do|da|dos|das)\s+)?|(?:(?<=St|Mt|Ft)|(?<=\b[A-Z]))\.\s*)"
_REGION_NAME = rf"{_REGION_WORD}(?:{_JOIN}{_REGION_WORD}){{0,2}}"
# The regions a text writes a place in: "Alexandria, Louisiana", "Buleda (Kech, Balochistan)",
# "Saraqib in Idlib", "X village of Y District".
# a division's kind written after its name: "of Bala Buluk district, Farah"
_KIND_WORD = (
    r"(?:\s+(?:district|province|governorate|region|county|state|division|oblast|municipality))?"
)
# what the place itself is, written before its regions: "Cuauhtemoc municipality, Chihuahua",
# "Kinyinya commune (Ruyigi)", "Bani Siyah area (Raizh, Sadah)"
_OWN_KIND_WORD = (
    r"(?:\s+(?:district|municipality|commune|city|town|village|area|sector|sub-?district|"
    r"tehsil|township|parish|county))?"
)
_CHAIN = re.compile(
    rf"^{_OWN_KIND_WORD}"
    rf"(?:\s*,\s*|\s*\(\s*|\s+(?:(?:village|town|city|area)\s+)?(?:of|in)\s+(?:the\s+)?"
    rf"(?:(?:{_DIRECTION})\s+)?)"  # "near Karama in eastern Raqqa countryside"
    rf"({_REGION_NAME}){_KIND_WORD}((?:\s*,\s*{_REGION_NAME}{_KIND_WORD})*)"
)
_REGION_NAME_RUN = re.compile(_REGION_NAME)
_TRAILING_REGION_WORD = re.compile(
    r"\s+(?:district|province|governorate|region|county|state|division|municipality)$"
)
CHAIN_CHARS = 80


def following_regions(text: str, end: int) -> list[str]:
    """The keys of the regions written right after a place, the chain a text locates it by."""
    match = _CHAIN.match(text[end : end + CHAIN_CHARS])
    if not match:
        return []
    names = [match.group(1), *match.group(2).split(",")]
    keys = [normalize(n) for n in names if n.strip()]
    return [k for key in keys for k in dict.fromkeys((key, _TRAILING_REGION_WORD.sub("", key)))]


def chain_spans(text: str, end: int) -> list[tuple[int, int]]:
    """The (start, end) spans of the region names written right after a place."""
    match = _CHAIN.match(text[end : end + CHAIN_CHARS])
    if not match:
        return []
    spans = [(end + match.start(1), end + match.end(1))]
    offset = end + match.start(2)
    spans += [
        (offset + name.start(), offset + name.end())
        for name in _REGION_NAME_RUN.finditer(match.group(2))
    ]
    return spans


def following_region(text: str, end: int) -> str | None:
    """The key of the first region written right after a place, if any."""
    regions = following_regions(text, end)
    return regions[0] if regions else None


_WORD = r"(?:[a-z]{1,2}['’])?[A-Z][\w'’.-]*"  # "Homs", "d'Ivoire"
_NAME = rf"(?:the\s+)?{_WORD}(?:\s+(?:(?:de|del|da|do|dos|of|the|al|el|la)\s+)?{_WORD})*"
_LIST_AFTER = re.compile(rf"(?:\s*,\s*{_NAME})*\s*,?\s+(?:and|or)\s+{_NAME}")
# "Arizona, California, Colorado, Georgia, ...": more names in a row than a place's regions
_LONG_RUN = re.compile(rf"(?:\s*,\s*{_NAME}){{3}}")
LIST_CHARS = 200


def listed(text: str, mention: Mention) -> bool:
    """Whether a name is an item of a list ("Aleppo, Homs and Hama"), not a region written
    after a place ("San Juan, Lagunillas, Merida state"): names follow it after commas up to
    an "and" or "or" before the last."""
    end = mention.end + LIST_CHARS
    return (
        _LIST_AFTER.match(text, mention.end, end) is not None
        or _LONG_RUN.match(text, mention.end, end) is not None
    )


def town_chain(text: str, mention: Mention) -> bool:
    """Whether the regions after a place are in parentheses and written out ("El Ayoun
    (Kankossa)"), not initials ("Deoband (UP)"): a town named there places it."""
    start = skip_space(text, mention.end)
    return text.startswith("(", start) and not re.match(r"\(\s*[A-Z&.]{1,4}\b", text[start:])


def skip_space(text: str, position: int) -> int:
    """The position of the first character at or after `position` that is not a space."""
    while position < len(text) and text[position] == " ":
        position += 1
    return position
