"""Translated copies through the commands a user runs: ingest, trace, links, families, network."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newstrace.engines import translations
from newstrace.web.article_view import article_page
from newstrace.web.family_view import family_page

from .stories import ENGLISH, FRENCH, OTHER_FRENCH, ingest_and_trace, invoke, lines, record


@pytest.fixture(scope="module")
def store(traced_store: Callable[[list[dict[str, str]]], str]) -> str:
    return traced_store(
        [
            record("en1", "Avalon Herald", "2024-03-05", ENGLISH, "Floods in Port Avalon"),
            record("fr1", "Le Courrier du Nord", "2024-03-06", FRENCH, "Inondations à Port Avalon"),
            record("fr2", "La Gazette de Lyonnet", "2024-03-06", OTHER_FRENCH, "Un musée ouvre"),
        ]
    )


def test_translation_listed_with_aligned_passages(store: str) -> None:
    links = lines(invoke("links", store, "--kind", "translation", "--nl"))
    assert len(links) == 1
    link = links[0]
    assert link["kind"] == "translation"
    assert {link["a_outlet"], link["b_outlet"]} == {"Avalon Herald", "Le Courrier du Nord"}
    assert len(link["passages"]) >= 3
    for passage in link["passages"]:
        assert 0 <= passage["a_start"] < passage["a_end"]
        assert 0 <= passage["b_start"] < passage["b_end"]
        assert 0.0 <= passage["similarity"] <= 1.0
        assert passage["verbatim"] == 0.0  # a translation shares no words verbatim
    texts = " ".join(p["a_text"] + " " + p["b_text"] for p in link["passages"])
    assert "312" in texts and "Kestrel" in texts
    # The English side lost a sentence in French: the French side is covered more fully.
    english_first = link["a_outlet"] == "Avalon Herald"
    covered_en = link["coverage_a"] if english_first else link["coverage_b"]
    assert 0.5 < covered_en < 1.0


def test_unrelated_foreign_article_gets_no_link(store: str) -> None:
    links = lines(invoke("links", store, "--kind", "all", "--nl"))
    outlets = {name for link in links for name in (link["a_outlet"], link["b_outlet"])}
    assert "La Gazette de Lyonnet" not in outlets


def test_translation_makes_a_family_and_a_network_edge(store: str) -> None:
    families = lines(invoke("families", store, "--nl"))
    assert len(families) == 1
    members = families[0]["members"]
    assert len(members) == 2
    copy = next(m for m in members if m.get("parent") is not None)
    # Translated, the original's outlet named nowhere, and the sentence French left out.
    assert [c["kind"] for c in copy["changes"]] == [
        "translated",
        "attribution dropped",
        "left out in translation",
    ]
    assert copy["changes"][2]["before"] == ENGLISH[4]
    edges = lines(invoke("network", store, "--nl"))
    assert [(e["source"], e["target"], e.get("translations")) for e in edges] == [
        ("Avalon Herald", "Le Courrier du Nord", 1)
    ]


def test_retrace_keeps_the_translation(store: str) -> None:
    invoke("trace", store, "--silent")
    links = lines(invoke("links", store, "--kind", "translation", "--nl"))
    assert len(links) == 1


def test_web_pages_show_aligned_sentences_with_languages(store: str) -> None:
    conn = sqlite3.connect(store)
    family_id = lines(invoke("families", store, "--nl"))[0]["id"]
    page = family_page(conn, family_id, None)
    assert page is not None and page["diff"] is not None
    rows = page["diff"]["rows"]
    assert rows and all(row.kind == "translated" for row in rows)
    assert rows[0].left[0] == ("[en] ", "lang") and rows[0].right[0] == ("[fr] ", "lang")
    assert "1,250" in rows[0].left[1][0] and "1 250" in rows[0].right[1][0]
    assert "similarity" in rows[0].note
    english = next(
        row["id"] for row in lines(invoke("articles", store, "--nl")) if row["language"] == "en"
    )
    article = article_page(conn, english)
    assert article is not None
    [translation] = article["translations"]
    assert (translation["language"], translation["other_language"]) == ("en", "fr")
    assert (
        "Kestrel" in translation["rows"][2]["here"] and "Kestrel" in translation["rows"][2]["there"]
    )


def test_family_report_shows_aligned_sentences(store: str) -> None:
    family_id = lines(invoke("families", store, "--nl"))[0]["id"]
    report = invoke("report", store, "--family", str(family_id), "--full")
    assert "aligned sentences:" in report and "diff against the parent" not in report
    assert "[en] " in report and "[fr] " in report
    assert "of the original not translated" in report and "48 million" in report


def test_store_of_one_language_skips_the_stage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_stage(*args: object, **kwargs: object) -> list[object]:
        raise AssertionError("the cross-language stage ran on a store of one language")

    monkeypatch.setattr(translations, "prepare", no_stage)
    monkeypatch.setattr(translations, "translation_texts", no_stage)
    records = [
        record("en1", "Avalon Herald", "2024-03-05", ENGLISH, "Floods in Port Avalon"),
        record("en2", "Avalon Post", "2024-03-06", ENGLISH[:4], "Floods"),
    ]
    db = ingest_and_trace(tmp_path, records)
    assert lines(invoke("links", db, "--kind", "translation", "--nl")) == []
    assert len(lines(invoke("links", db, "--nl"))) == 1  # the same-language copy is found


def test_big_language_side_is_retrieved_not_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(translations, "RETRIEVE_ABOVE", 3)  # the English side counts as big
    read: list[int] = []
    reader = translations.translation_texts

    def counting(conn: Any, ids: Any) -> Any:
        found = reader(conn, ids)
        read.extend(a.id for a in found)
        return found

    monkeypatch.setattr(translations, "translation_texts", counting)
    filler = [
        record(
            f"en{k}",
            "Avalon Post",
            "2024-03-05",
            [
                f"The school bake sale raised money for new library books on day {k}.",
                "Parents brought cakes and it stayed dry all afternoon.",
            ],
            f"Bake sale {k}",
        )
        for k in range(2, 12)
    ]
    records = [
        record("en1", "Avalon Herald", "2024-03-05", ENGLISH, "Floods in Port Avalon"),
        *filler,
        record("fr1", "Le Courrier du Nord", "2024-03-06", FRENCH, "Inondations à Port Avalon"),
    ]
    db = ingest_and_trace(tmp_path, records)
    links = lines(invoke("links", db, "--kind", "translation", "--nl"))
    assert [{link["a_outlet"], link["b_outlet"]} for link in links] == [
        {"Avalon Herald", "Le Courrier du Nord"}
    ]
    assert len(read) < len(records)  # bake-sale pages sharing no name or figure were not read
