"""Toponyms from a caller's own spaCy parse: the events stage parses once and hands over entities."""

from __future__ import annotations

import pytest

from newstrace.geo import Geocoder
from newstrace.geo.recognize import Recognizer

TEXTS = [
    "Shelling hit Saraqib in Idlib province on Monday, and Syrian troops moved towards Aleppo.",
    "The Huntsville Fire Department said the blaze near Madison, Alabama, was contained.",
]


class _NoSpacy(Recognizer):
    """A recognizer that fails if it ever runs spaCy itself."""

    @property
    def nlp(self) -> object:
        raise AssertionError("spaCy must not run when entities are given")


@pytest.mark.parametrize("text", TEXTS)
def test_geocoder_toponyms_from_given_entities_match_own_parse(
    geocoder: Geocoder, text: str
) -> None:
    entities = geocoder.recognizer.entities(text)
    no_spacy = Geocoder(geocoder.gazetteer)
    no_spacy._recognizer = _NoSpacy(geocoder.gazetteer)
    assert no_spacy.toponyms(text, entities=entities) == geocoder.toponyms(text)
    resolved = no_spacy.resolve(text, entities=entities)
    assert [p.name if p else None for p in resolved] == [
        p.name if p else None for p in geocoder.resolve(text)
    ]


@pytest.mark.parametrize(
    ("entities", "expected"),
    [
        ([], ["Saraqib"]),  # cued by "in": found without any entity
        ([(27, 34, "GPE")], ["Saraqib", "Belgium"]),  # a given entity is kept
    ],
)
def test_geocoder_toponyms_given_entities_still_reads_the_text(
    geocoder: Geocoder, entities: list[tuple[int, int, str]], expected: list[str]
) -> None:
    text = "Clashes in Saraqib; later, Belgium sent aid."
    no_spacy = Geocoder(geocoder.gazetteer)
    no_spacy._recognizer = _NoSpacy(geocoder.gazetteer)
    found = no_spacy.toponyms(text, entities=entities)
    assert [text[s:e] for s, e in found] == expected
