"""The geocoder: toponym recognition and context-aware resolution behind one small API."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newstrace.geo.candidates import POINT_KINDS, plausible
from newstrace.geo.evidence import STANDALONE_KINDS, supported
from newstrace.geo.fallbacks import inner_place, locality
from newstrace.geo.gazetteer import Entry, Gazetteer, Kind, load
from newstrace.geo.mentions import DISTRICT_WORDS, Mention, read_mention
from newstrace.geo.names import normalize
from newstrace.geo.recognize import EntitySpan, Recognizer
from newstrace.geo.resolve import REGION_KINDS, Choice, DocumentResolution, paragraph
from newstrace.models.places import Place

# Words that make a name a feature of the place named before them ("Homs refinery").
FEATURE_WORDS = frozenset(
    [
        "airport",
        "airbase",
        "base",
        "bridge",
        "camp",
        "checkpoint",
        "citadel",
        "city",
        "crossing",
        "dam",
        "district",
        "downtown",
        "field",
        "hospital",
        "market",
        "mosque",
        "neighborhood",
        "neighbourhood",
        "port",
        "prison",
        "refinery",
        "square",
        "station",
        "stadium",
        "university",
        "village",
        "area",
        "town",
    ]
)
FAMOUS_CITY_POPULATION = 1_000_000
# Words before a name that make it a facility named after a place ("Camp Taji").
LEADING_FACILITY_WORDS = frozenset({"camp", "fort", "base"})
# "the village of X near Saraqib": an unknown name falls back to the place it is said to be in.
FALLBACK_LINK = re.compile(
    r"^(?:[^.;!?]{0,60}?\b(?:near|in|outside|of|close to)\s+(?:the\s+)?"
    r"|(?:\s+(?:town|village|city|area|district|commune|sector|municipality))?\s*[,(]\s*)$"
)  # "Bakirkoy town, Istanbul", "Kinyinya commune (Ruyigi)"


# "near", "outside", "west of", "10 km from": a place by a town, not in it.
NEAR_LINK = re.compile(r"\b(?:near|outside|close to|(?:north|south|east|west)\w*\s+of|km|miles)\b")


class Geocoder:
    """Finds place names in text and resolves them to GeoNames points with a precision."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        """A geocoder over a gazetteer (the cached default when None)."""
        self._gazetteer = gazetteer
        self._recognizer: Recognizer | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer, loaded (from the cache when built before) on first use."""
        if self._gazetteer is None:
            self._gazetteer = load()
        return self._gazetteer

    @property
    def recognizer(self) -> Recognizer:
        """The toponym recognizer, made on first use."""
        if self._recognizer is None:
            self._recognizer = Recognizer(self.gazetteer)
        return self._recognizer

    def toponyms(
        self, text: str, entities: Sequence[EntitySpan] | None = None
    ) -> list[tuple[int, int]]:
        """The (start, end) character spans of the place names in a text.

        `entities`: the (start_char, end_char, spaCy label) named entities of the caller's own
        parse of `text` with the same model; given them, spaCy is not run again.
        """
        return self.recognizer.toponyms(text, entities)

    def resolve(
        self,
        text: str,
        spans: Sequence[tuple[int, int]] | None = None,
        focus_country: str | None = None,
        entities: Sequence[EntitySpan] | None = None,
    ) -> list[Place | None]:
        """One entry per span, in order (spans found by toponyms(text, entities) when None)."""
        # spans the caller gives are places by its word: each gets the best answer there is
        given = spans is not None
        spans = list(spans) if spans is not None else self.toponyms(text, entities)
        _check_spans(text, spans)
        known = self._known_whole
        mentions = [read_mention(text, start, end, known) for start, end in spans]
        focus = focus_country.upper() if focus_country else None
        choices = self._choices(text, mentions, focus, given)
        return [_place(m, c) if c else None for m, c in zip(mentions, choices, strict=True)]

    def _choices(
        self, text: str, mentions: list[Mention], focus: str | None, given: bool
    ) -> list[Choice | None]:
        """Each mention's choice, falling back to the place a name lies in or near; a given
        span the gazetteer lacks, to a place inside its name or the town the text is about."""
        resolution = DocumentResolution(self.gazetteer, text, mentions, focus)
        # names the gazetteer lacks: the place a named feature lies in, flagged as a fallback
        partial = {i for i, found in enumerate(resolution.options) if not found}
        for index in sorted(partial):
            countries = resolution.countries_around(index)
            found, whole = self._part_candidates(mentions[index], countries, given)
            resolution.options[index] = found
            if whole:
                partial.discard(index)
        choices = _unsupported_parts(resolution.choose(), partial)
        choices = [
            Choice(c.entry, True) if c and i in partial else c for i, c in enumerate(choices)
        ]
        choices = [c or _linked(text, mentions, choices, i) for i, c in enumerate(choices)]
        choices = [c or _nearby(text, mentions, choices, i) for i, c in enumerate(choices)]
        if not given:
            return choices
        return [c or _local(mentions, choices, i) for i, c in enumerate(choices)]

    def _known_whole(self, name: str) -> bool:
        """Whether the gazetteer holds the name as written ("South Carolina", "West Bank",
        "South Korean"): a direction word in it is part of the name, not a part of a place."""
        key = normalize(name)
        return self.gazetteer.has(key) or self.gazetteer.demonym(key) is not None

    def _part_candidates(
        self, mention: Mention, countries: set[str | None], given: bool
    ) -> tuple[list[Entry], bool]:
        """A name the gazetteer lacks whole: a curated site written after the city it serves
        ("Kirkuk K1 base" -> K1 base, whole), else the place a named feature lies in ("Aleppo
        Citadel", "Kirkuk K1 base" -> the city; "Camp Taji" -> a Taji in a country named)."""
        words = mention.surface.split()
        for size in range(1, len(words) - 1):
            found = self.gazetteer.lookup(normalize(" ".join(words[size:])))
            sites = [e for e in found if e.kind in (Kind.SITE, Kind.AREA)]
            if sites:
                return sites, True
        if words and words[-1].casefold() in FEATURE_WORDS:
            for size in range(len(words) - 1, 0, -1):
                found = self.gazetteer.lookup(normalize(" ".join(words[:size])))
                points = [e for e in found if e.kind in POINT_KINDS]
                if found:
                    return points or found, False
        if len(words) > 1 and words[0].casefold() in LEADING_FACILITY_WORDS:
            return plausible(
                self.gazetteer.lookup(normalize(" ".join(words[1:]))), countries
            ), False
        if mention.acronym or not given:
            return [], False
        return inner_place(mention.surface, self._inner_known, self._lookup), False

    def _inner_known(self, name: str) -> bool:
        """Whether a name inside a longer one is a well-known place, not a word that is also a
        town's name ("Street", "Hall", "Union" in "Royal Street", "Concert Hall")."""
        if not self.recognizer.known(name, minor_cities=True):
            return False
        key = normalize(name)
        return key not in self.gazetteer.words or any(map(_famous, self.gazetteer.lookup(key)))

    def _lookup(self, name: str) -> list[Entry]:
        """The gazetteer's entries for a name as written."""
        return self.gazetteer.lookup(normalize(name))


def _unsupported_parts(choices: list[Choice | None], partial: set[int]) -> list[Choice | None]:
    """The choices with each place read inside a longer name ("Bains" of "Bains and Grants
    Town") dropped where it lies far from every place the text names whole: a word of a name
    is weaker evidence than a name, and a text about the Bahamas is not set in Brittany."""
    whole = [c.entry for i, c in enumerate(choices) if c is not None and i not in partial]
    if not whole:
        return choices
    return [
        None if c is not None and i in partial and not _believed(c.entry, whole) else c
        for i, c in enumerate(choices)
    ]


def _believed(entry: Entry, whole: list[Entry]) -> bool:
    """Whether a place read inside a longer name stands: a country or a region ("Bank of
    Japan"), or a place near those the text names whole."""
    return entry.kind in STANDALONE_KINDS or supported(entry, whole)


def _linked(
    text: str, mentions: list[Mention], choices: list[Choice | None], index: int
) -> Choice | None:
    """The choice of the next mention the unknown one is said to be near or in, if any."""
    if mentions[index].acronym:
        return None  # an acronym no gazetteer holds names an organisation ("GNA forces")
    end = mentions[index].end
    for later, choice in zip(mentions[index + 1 :], choices[index + 1 :], strict=True):
        if later.start - end > 80:
            return None
        link = text[end : later.start]
        if choice is not None and FALLBACK_LINK.match(link):
            inside = not mentions[index].small and NEAR_LINK.search(link) is None
            return Choice(choice.entry, fallback=True, inside=inside)
    return None


def _nearby(
    text: str,
    mentions: list[Mention],
    choices: list[Choice | None],
    index: int,
) -> Choice | None:
    """A village or camp no gazetteer holds: the closest place named in its paragraph.

    ACLED codes an unfound village at the nearest known town with precision 2; the nearest
    known from the text is the town or site named closest to it in the same paragraph ("near
    the village of Sayda ... the nearby town of Ayn Issa").
    """
    mention = mentions[index]
    if mention.acronym or not (mention.small or _facility(mention)):
        return None
    start, end = paragraph(text, mention.start)
    found = [
        (abs(m.start - mention.start), c.entry)
        for m, c in zip(mentions, choices, strict=True)
        if c is not None and not c.fallback and start <= m.start < end
        and c.entry.kind in POINT_KINDS
    ]  # fmt: skip
    return Choice(min(found, key=lambda f: f[0])[1], fallback=True) if found else None


def _famous(entry: Entry) -> bool:
    """Whether a place is known by name the world over, though the name is also a word
    ("Manila", "Dubai"): a country or a city of a million people."""
    return entry.kind == Kind.COUNTRY or entry.population >= FAMOUS_CITY_POPULATION


def _local(mentions: list[Mention], choices: list[Choice | None], index: int) -> Choice | None:
    """A street, building or other name no gazetteer holds: the town the text is about."""
    if mentions[index].acronym or not mentions[index].capitalized:
        return None  # an acronym no gazetteer holds names an organisation ("GNA forces")
    found = locality(mentions, [c.entry if c and not c.fallback else None for c in choices], index)
    return Choice(found, fallback=True) if found else None


def _facility(mention: Mention) -> bool:
    """Whether the name is a camp or base ("Camp Taji", "Kirkuk K1 base")."""
    words = mention.surface.casefold().split()
    return len(words) > 1 and (words[0] in LEADING_FACILITY_WORDS or words[-1] in FEATURE_WORDS)


def precision(entry: Entry, mention: Mention, fallback: bool, inside: bool = False) -> int:
    """ACLED's geo_precision: 1 the named place, 2 near it or part of it, 3 a region.

    A district (a second-level division) is coded 2, as ACLED codes a district's seat; a
    place the gazetteer lacks, given at the region the text writes it in, is a point inside
    that region, not the region as a whole: 2 as well. A building, street or quarter in a
    town ("a protest at the press club in Khulna") is coded at the town with 1, as ACLED
    codes an event inside the town it names; an unknown village at the town it is near, or
    a feature named after a town ("Aleppo airport", "Mosul Q9 base"), 2.
    """
    if entry.kind == Kind.ADMIN2 or (fallback and entry.kind == Kind.ADMIN1):
        return 2
    if entry.kind in REGION_KINDS:
        return 3
    if (fallback and not inside) or mention.near or mention.part:
        return 2
    return 2 if mention.region_word in DISTRICT_WORDS else 1


def _place(mention: Mention, choice: Choice) -> Place:
    """The Place of a mention's choice."""
    entry = choice.entry
    return Place(mention.start, mention.end, _name(entry, mention, choice), entry.lat, entry.lon,
                 entry.geonameid, entry.country, precision(entry, mention, choice.fallback, choice.inside))  # fmt: skip


def _name(entry: Entry, mention: Mention, choice: Choice) -> str:
    """The name as written ("Palmyra" for Tadmur), unless that is an abbreviation or a part."""
    written = mention.surface
    abbreviation = "." in written or (written.isupper() and len(written) <= 4)
    if choice.fallback or abbreviation or entry.kind not in (Kind.ADMIN1, Kind.ADMIN2, Kind.CITY):
        return entry.name
    return written if written[:1].isupper() else entry.name


def _check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    """Raise ValueError for a span outside the text."""
    for start, end in spans:
        if not (0 <= start < end <= len(text)):
            raise ValueError(f"span [{start}, {end}] is outside the text of {len(text)} characters")


__all__ = ["Geocoder", "Kind", "Place"]
