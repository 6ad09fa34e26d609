"""A mention's candidates in the gazetteer and each candidate's prior: how likely a bare
mention of its name means it, before the rest of the text is read."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from rapidfuzz import fuzz

from newstrace.geo.gazetteer import MIN_CITY_POPULATION, Entry, Gazetteer, Kind
from newstrace.geo.mentions import NAMED_REGION_WORDS, Mention
from newstrace.geo.names import normalize, variants

KIND_PRIOR = {
    Kind.CONTINENT: 8.5, Kind.COUNTRY: 9.0, Kind.ADMIN1: 7.0, Kind.ADMIN2: 3.5,
    Kind.SITE: 6.5, Kind.AREA: 6.5, Kind.REGION: 9.0,
}  # fmt: skip
CITY_POPULATION_WEIGHT = 1.1  # per power of ten: a city of 2 million outranks a region
COUNTRY_OVER_CITY = 2.0  # a country's prior over a city's of the same population
MIN_COUNTRY_POPULATION = 100_000  # a microstate is still named as a country
# "the village of X": a place this size is never a city of 50,000 people, and a text names a
# village only inside the country it is about.
SMALL_PLACE_MAX_POPULATION = 50_000
MAX_ACRONYM_ONLY_LETTERS = 3
PEOPLE_ENDINGS = ("ish", "ese")  # "English", "Scottish", "Sudanese": adjectives of places
POINT_KINDS = frozenset({Kind.CITY, Kind.SITE})
PRIOR_CACHE_SIZE = 1 << 16  # the candidates of a text's names recur across texts
ADJECTIVE_KINDS = frozenset({Kind.CONTINENT, Kind.COUNTRY, Kind.ADMIN1})
# "SA", "T&T", "D.R.C.": capitals with dots, spaces or an ampersand between them.
_INITIALS = re.compile(r"^[A-Z](?:[.&\s]*[A-Z]){1,4}\.?$")
# A city this big is known abroad by other spellings of its name ("Odessa" of "Odesa"): they
# count as its own name, not as a rare alternate name a small namesake bears as its own. Only
# spellings: GeoNames' alternate names of a big city hold other cities' names too ("Cancun").
WORLD_CITY_POPULATION = 1_000_000
SPELLING_MIN_RATIO = 85.0
_LINKING_WORDS = frozenset({"of", "the", "and", "de", "du", "la"})


@lru_cache(maxsize=PRIOR_CACHE_SIZE)
def prior(entry: Entry) -> float:
    """How likely a bare mention of the entry's name means this entry, with no context."""
    if entry.kind == Kind.CITY:
        # cities500 lists only places of 500 people or more (or seats): 0 means not counted
        return CITY_POPULATION_WEIGHT * math.log10(max(entry.population, MIN_CITY_POPULATION))
    if entry.kind == Kind.COUNTRY and entry.population:
        # a country is named far more often than a city of as many people, and a big
        # country's name almost never means its namesake town ("China" is not China, Texas)
        people = max(entry.population, MIN_COUNTRY_POPULATION)
        return CITY_POPULATION_WEIGHT * math.log10(people) + COUNTRY_OVER_CITY
    return KIND_PRIOR[entry.kind]


def candidates(gazetteer: Gazetteer, mention: Mention) -> list[Entry]:
    """Every entry the mention's name may mean; a named region word is tried first."""
    key = mention.key
    if not mention.capitalized:
        return []
    if mention.acronym:
        # "EU" is not the French town of Eu, nor "WA" Wa in Ghana: an acronym names only the
        # places that carry it as one; four capitals or more may be a dateline ("ROME (AP)")
        acronyms = gazetteer.lookup_acronym(key)
        if acronyms or len(key.replace(" ", "")) <= MAX_ACRONYM_ONLY_LETTERS:
            return acronyms
    if mention.region_word in NAMED_REGION_WORDS:
        whole = gazetteer.lookup(f"{key} {mention.region_word}")
        if whole:
            return whole
    demonyms = [d for k in (key, key.removesuffix("s")) if (d := gazetteer.demonym(k))]
    if not demonyms and key.endswith(PEOPLE_ENDINGS):
        demonyms = _named_after(gazetteer, key)[:1]
    for attempt in (key, *variants(key)):
        found = gazetteer.lookup(attempt)
        if found and demonyms:
            # "Canadian officials", "English clubs": the adjective of a country or region, not
            # the small towns called Canadian or English; a region of that name may stay
            return [*demonyms[:1], *(e for e in found if e.kind != Kind.CITY)]
        if found:
            return found
    closest = gazetteer.closest_key(key) if not demonyms else None
    return demonyms[:1] or _named_after(gazetteer, key) or gazetteer.lookup(closest or "")


def _named_after(gazetteer: Gazetteer, key: str) -> list[Entry]:
    """The country or region an adjective names by its ending ("Dagestani", "Ohioans")."""
    word = key.removesuffix("s")
    stems = [word[:-1] + "s", word[:-2], word[:-2] + "o"] if word.endswith("an") else []
    stems += [word[:-1]] if word.endswith(("n", "i")) else []
    stems += [word[:-3], word[:-3] + "a"] if word.endswith("ese") else []
    stems += [word[:-3] + "and", word[:-4] + "land"] if word.endswith("ish") else []
    stems.append(word + "ia")
    for stem in stems:
        found = [e for e in gazetteer.lookup(stem) if e.kind in ADJECTIVE_KINDS]
        if found:
            return found
    return []


def plausible(entries: list[Entry], countries: set[str | None]) -> list[Entry]:
    """The entries a place the text calls a village or camp can be: small, in a country named.

    A text names a village only beside its surroundings: "the village of Sayda" in a
    paragraph on Syria and Turkey is neither Sidon, Lebanon's third city, nor a German hamlet
    of that name; with none left, the mention falls back to a place named near it.
    """
    return [
        e
        for e in entries
        if e.kind in POINT_KINDS
        and e.population <= SMALL_PLACE_MAX_POPULATION
        and e.country in countries
    ]


def initials(name: str) -> str:
    """The capitals a name is shortened to ("South Africa" -> "SA", "Trinidad and Tobago" ->
    "TT"); "" for a name of one word."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.casefold() not in _LINKING_WORDS]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words)


def spelled_out(mentions: list[Mention], options: list[list[Entry]]) -> list[list[Entry]]:
    """Each acronym's candidates, as the place the text writes out in full where it does
    ("post-apartheid SA" in a text on South Africa is not South Australia)."""
    full: dict[str, list[Entry]] = {}
    for mention, entries in zip(mentions, options, strict=True):
        if entries and (letters := initials(mention.surface)):
            full.setdefault(letters, entries)
    if not full:
        return options
    found = list(options)
    for index, mention in enumerate(mentions):
        if _INITIALS.match(mention.surface):
            whole = full.get(re.sub(r"[.&\s]", "", mention.surface), [])
            # "D-N.Y." beside "New York": the state the acronym names, of those the name may mean
            found[index] = [e for e in whole if e in options[index]] or whole or options[index]
    return found


def own_name(entry: Entry, key: str) -> bool:
    """Whether a name written is an entry's own name, or a world city's spelling of it."""
    own = normalize(entry.name)
    if own == key:
        return True
    return entry.population >= WORLD_CITY_POPULATION and fuzz.ratio(own, key) >= SPELLING_MIN_RATIO


HOLDING_KINDS = frozenset({Kind.COUNTRY, Kind.ADMIN1, Kind.ADMIN2})


def holding(entries: list[Entry], towns: bool) -> list[Entry]:
    """The divisions of a name written as a place's region, else, when `towns` (the name is
    in parentheses), its towns: "El Ayoun (Kankossa)" names a district by its seat."""
    divisions = [e for e in entries if e.kind in HOLDING_KINDS]
    return (divisions or [e for e in entries if e.kind in POINT_KINDS]) if towns else divisions


def writes_county(mention: Mention, entry: Entry) -> bool:
    """Whether the mention writes a county as one ("Walker County", "Rapides Parish"), not a
    bare name some county also bears ("Walker", "Colorado")."""
    if mention.region_word in NAMED_REGION_WORDS:
        return True
    words = normalize(entry.name).split()
    return " ".join(words) == mention.key and len(words) > 1 and words[-1] in NAMED_REGION_WORDS
