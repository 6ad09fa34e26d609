"""What a place needs to be believed: the rest of the text, or a name no word shares.

A text's places hang together: a town far from every other place the text names, in a
country none of them lies in, is most often a word that is also a name ("Naval", "Police",
"Save") or a same-name place on another continent. Such a choice stands only on strong
evidence of its own (a country, a region, a city of 100,000 people or a capital); otherwise
the mention takes the likeliest of its candidates that does fit the text, or none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from newstrace.geo.gazetteer import Entry, Kind
from newstrace.geo.mentions import Mention

FAR_KM = 1000.0  # farther from every other place named than this: needs evidence of its own
STRONG_POPULATION = 100_000
# Kinds a bare name may stand for without support: the text's own countries and regions.
STANDALONE_KINDS = frozenset({Kind.COUNTRY, Kind.CONTINENT, Kind.REGION, Kind.AREA})
EARTH_RADIUS_KM = 6371.0
# Words of direction and landform that name divisions in many countries by description.
DESCRIPTIVE_WORDS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central"}
    | {"middle", "upper", "lower", "inner", "outer", "greater", "coast", "coastal", "gulf"}
    | {"valley", "capital", "lakes", "islands", "highlands", "lowlands", "plains", "plateau"}
    | {"border", "delta", "interior", "mountain", "mountains", "river", "the", "region"}
)


def strong(entry: Entry) -> bool:
    """Whether a place is likely named for itself anywhere: a country, a region, a big city."""
    if entry.kind in STANDALONE_KINDS or entry.kind == Kind.ADMIN1 or entry.capital:
        return True
    return entry.population >= STRONG_POPULATION


def word_like(mention: Mention, entry: Entry, words: frozenset[str]) -> bool:
    """Whether the name is an English word and the place a small one ("Naval", "Minister")."""
    return (
        entry.kind in (Kind.CITY, Kind.SITE)
        and entry.population < STRONG_POPULATION
        and mention.key in words
    )


def described(mention: Mention, entry: Entry) -> bool:
    """Whether a division's name is only a description ("Coast", "Western", "North West", "The
    Valley"): such a name is every country's, and the rest of the text must support the one
    meant; "the Western countries", "the Gulf" are no province of Fiji or Papua New Guinea."""
    return entry.kind in (Kind.ADMIN1, Kind.ADMIN2) and descriptive(mention.key)


def descriptive(key: str) -> bool:
    """Whether a name is only words of direction and landform ("central", "north west")."""
    return all(w in DESCRIPTIVE_WORDS for w in key.split())


def supported(entry: Entry, others: Sequence[Entry]) -> bool:
    """Whether another place named lies in the entry's country or within FAR_KM of it."""
    if any(o.country is not None and o.country == entry.country for o in others):
        return True
    points = [o for o in others if o.kind not in STANDALONE_KINDS]
    if not points:
        return False
    lat, lon = np.radians(entry.lat), np.radians(entry.lon)
    lats, lons = np.radians([o.lat for o in points]), np.radians([o.lon for o in points])
    h = np.sin((lats - lat) / 2) ** 2 + np.cos(lat) * np.cos(lats) * np.sin((lons - lon) / 2) ** 2
    distances = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
    return bool((distances < FAR_KM).any())


def checked(
    mentions: Sequence[Mention],
    options: Sequence[list[Entry]],
    chosen: Sequence[Entry | None],
    rank: Callable[[int, list[Entry]], Entry | None],
    cued: Callable[[int], bool],
    words: frozenset[str],
) -> list[Entry | None]:
    """The choices with each unsupported weak one replaced by a candidate that fits, or none.

    `rank(index, entries)` picks the best of some candidates of a mention; `cued(index)` says
    whether the text itself vouches for a mention ("the village of X", "X (Kech, Balochistan)").
    """
    result = list(chosen)
    for index, entry in enumerate(chosen):
        if entry is None or cued(index):
            continue
        key = mentions[index].key
        others = [e for i, e in enumerate(chosen) if e is not None and mentions[i].key != key]
        if others and supported(entry, others):
            continue
        if not others:
            result[index] = None if word_like(mentions[index], entry, words) else entry
            continue
        fitting = [e for e in options[index] if supported(e, others)]
        wordy = word_like(mentions[index], entry, words)
        wordy = wordy or described(mentions[index], entry)
        if fitting and (not strong(entry) or wordy):
            result[index] = rank(index, fitting)
        elif wordy or (len(options[index]) > 1 and not strong(entry)):
            # a name only one place bears ("Saipan") is evidence of its own
            result[index] = None
    return result
