"""An article's language: ISO 639-1 from its body, its title as a fallback, None when unsure."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from newstrace.extract.dispatch import extract
from newstrace.extract.language import article_language, declared, identify
from newstrace.models import Article, Document, Format
from newstrace.settings import Settings


@pytest.mark.parametrize(
    ("paragraphs", "language"),
    [
        (["The harbour authority said on Monday that the new ferry line will open in May."], "en"),
        (
            ["Die Stadtverwaltung teilte am Montag mit, dass die neue Fährlinie im Mai öffnet."],
            "de",
        ),
        (["La mairie a annoncé lundi que la nouvelle ligne de ferry ouvrira en mai."], "fr"),
        (
            [
                "Администрация города сообщила в понедельник, что новая паромная линия откроется в мае."
            ],
            "ru",
        ),
        (["Radnice v pondělí oznámila, že nová trajektová linka se otevře v květnu."], "cs"),
        (["El ayuntamiento anunció el lunes que la nueva línea de ferry abrirá en mayo."], "es"),
        (["أعلنت البلدية يوم الاثنين أن خط العبّارات الجديد سيفتتح في مايو."], "ar"),
        (["市政府周一宣布，新的渡轮航线将于五月开通。"], "zh"),
    ],
)
def test_language_identify_names_the_body_language(paragraphs: list[str], language: str) -> None:
    assert identify(paragraphs) == language


@pytest.mark.parametrize(
    "paragraphs", [[], [""], ["OK"], ["Putin"], ["12.05.2024 14:30"], ["https://example.org/a/b"]]
)
def test_language_identify_is_none_for_empty_or_very_short_text(paragraphs: list[str]) -> None:
    assert identify(paragraphs) is None


@pytest.mark.parametrize(
    "paragraphs",
    [
        [
            "Die Regierung kündigte am Dienstag neue Hilfen für die Landwirte im Süden an.",
            "Nach Angaben des Ministeriums sollen die Zahlungen noch vor dem Winter beginnen.",
            'Ein Sprecher sagte auf Englisch: "We are ready."',
        ]
    ],
)
def test_language_identify_follows_most_of_a_mixed_page(paragraphs: list[str]) -> None:
    assert identify(paragraphs) == "de"


@pytest.mark.parametrize(
    ("value", "language"),
    [("en-US", "en"), ("de_DE", "de"), ("FR", "fr"), ("", None), (None, None), ("english", None)],
)
def test_language_declared_becomes_iso_639_1(value: str | None, language: str | None) -> None:
    assert declared(value) == language


@pytest.mark.parametrize(
    ("article", "language"),
    [
        (
            Article(
                "a", Format.TEXT, (), title="Le gouvernement annonce un nouveau plan pour l'énergie"
            ),
            "fr",
        ),
        (Article("b", Format.TEXT, ("OK",), language="pt-BR"), "pt"),
        (
            Article(
                "c",
                Format.TEXT,
                ("Der Bürgermeister eröffnete am Freitag die neue Brücke.",),
                language="en",
            ),
            "de",
        ),
    ],
)
def test_language_article_uses_body_then_title_then_declared(
    article: Article, language: str
) -> None:
    assert article_language(article) == language


@pytest.mark.parametrize("text", ["Il sindaco ha inaugurato venerdì il nuovo ponte sul fiume.\n"])
def test_language_is_set_on_every_extracted_article(text: str) -> None:
    document = Document("note.txt", Format.TEXT, text.encode(), "h1")
    assert extract(document, Settings()).language == "it"


@hypothesis_settings(max_examples=50, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=5))
def test_language_identify_never_crashes_and_answers_a_code_or_none(paragraphs: list[str]) -> None:
    language = identify(paragraphs)
    assert language is None or (len(language) == 2 and language.islower())
