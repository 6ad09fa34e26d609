"""Where a name the gazetteer lacks lies: a place inside its name, or the text's own town.

A street, a building, a school or a team ("Royal Street", "Manila Cathedral", "Dubai World
Cup") is a place no gazetteer of places holds, but one a reader locates at once: at the town
its name carries, else at the town the text is about, the one it names most often.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from newstrace.geo.candidates import POINT_KINDS
from newstrace.geo.gazetteer import Entry, Kind
from newstrace.geo.mentions import Mention
from newstrace.geo.names import normalize
from newstrace.geo.recognize import GENERIC_WORDS

# Words that open or close a span of a name but are never a place's name on their own.
_PARTICLES = frozenset({"of", "the", "and", "de", "du", "des", "la", "le", "for", "at", "on"})
# A locality's kinds, most local first: a town or site, else a county, else a province.
LOCALITY_KINDS = (POINT_KINDS, frozenset({Kind.ADMIN2}), frozenset({Kind.ADMIN1}))


def inner_names(surface: str) -> list[str]:
    """The runs of capitalised words inside a longer name, longest first, then leftmost
    ("University of California" -> "California"; "Cavan County Council" -> "Cavan County",
    "County Council", "Cavan", ...)."""
    words = surface.split()
    runs: list[str] = []
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            part = words[start : start + size]
            if part[0].casefold() in _PARTICLES or part[-1].casefold() in _PARTICLES:
                continue
            if all(w[:1].isupper() or w.casefold() in _PARTICLES for w in part):
                runs.append(" ".join(part))
    return runs


def inner_place(
    surface: str, known: Callable[[str], bool], lookup: Callable[[str], list[Entry]]
) -> list[Entry]:
    """The candidates of the largest well-known place written inside a name, if any."""
    for name in inner_names(surface):
        if normalize(name) not in GENERIC_WORDS and known(name):
            found = lookup(name)
            points = [e for e in found if e.kind in POINT_KINDS]
            return points or found
    return []


def locality(
    mentions: Sequence[Mention], chosen: Sequence[Entry | None], index: int
) -> Entry | None:
    """The text's own town: the most local kind of place it resolved, the one named most
    often, the nearest to the mention among equals; None where the text resolved no place
    below a country."""
    for kinds in LOCALITY_KINDS:
        found = [
            (entry, abs(mentions[i].start - mentions[index].start))
            for i, entry in enumerate(chosen)
            if entry is not None and i != index and entry.kind in kinds
        ]
        if found:
            counts = Counter(entry.geonameid for entry, _ in found)
            return min(found, key=lambda f: (-counts[f[0].geonameid], f[1]))[0]
    return None
