"""Shorter names of regions as texts write them: "Dagestan" for "Dagestan, Respublika"."""

from __future__ import annotations

import re
from collections.abc import Container

from newstrace.geo.names import normalize

# Words that name a region's type in its GeoNames or ISO name, in the languages those use.
# "County" and "Parish" stay: English texts write them ("Rapides Parish").
TYPE_WORDS = (
    "governorate|province|provincia|provincie|oblast|oblast'|region|regione|respublika|"
    "republic|kray|krai|prefecture|department|departamento|departement|estado|state|"
    "muhafazat|wilayat|wilaya|voivodeship|autonomous|okrug|district of|territory"
)
_TYPE = re.compile(rf"\b(?:{TYPE_WORDS})\b(?:\s+of)?", re.IGNORECASE)
# "Northern Africa", "Western Asia": GeoNames' names of regions that English also writes short.
DIRECTION_ADJECTIVES = {"Northern": "North", "Southern": "South", "Eastern": "East",
                        "Western": "West"}  # fmt: skip

# The Associated Press's abbreviations of US states, as US newspapers write them.
AP_STATE_ABBREVIATIONS = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.",
    "DE": "Del.", "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.",
    "KY": "Ky.", "LA": "La.", "MD": "Md.", "MA": "Mass.", "MI": "Mich.", "MN": "Minn.",
    "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.", "NV": "Nev.", "NH": "N.H.",
    "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.", "OK": "Okla.",
    "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.",
    "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.", "WI": "Wis.", "WY": "Wyo.",
    "DC": "D.C.",
}  # fmt: skip


def short_names(name: str, aliases: tuple[str, ...] | list[str]) -> list[str]:
    """The names without a type word or a trailing ", Type" part, where that leaves a name."""
    found: list[str] = []
    for full in (name, *aliases):
        head = full.split(",")[0].strip()
        bare = re.sub(r"\s+", " ", _TYPE.sub(" ", head)).strip(" -")
        found += [n for n in (head, bare) if n and n != full and len(n) > 2]
    return found


def us_state_abbreviations(iso_code: str | None) -> list[str]:
    """The AP abbreviation of a US state ("US-KY" -> ["Ky."]), else nothing."""
    if not iso_code or not iso_code.startswith("US-"):
        return []
    abbreviation = AP_STATE_ABBREVIATIONS.get(iso_code[3:])
    return [abbreviation] if abbreviation else []


def direction_forms(name: str, taken: Container[str]) -> list[str]:
    """ "Northern Africa" as English also writes it, "North Africa", where no other place bears
    that name ("North America" is the continent, not GeoNames' region "Northern America")."""
    first, _, rest = name.partition(" ")
    short = DIRECTION_ADJECTIVES.get(first)
    if short is None or not rest or normalize(f"{short} {rest}") in taken:
        return []
    return [f"{short} {rest}"]


def region_adjectives(names: list[str]) -> list[str]:
    """The adjectives of a named region's people ("Central America" -> "Central American")."""
    return [name + "n" for name in names if name.endswith("a") and name[:1].isupper()]
