"""Credit lines in other languages read, and their outlets matched across scripts."""

from __future__ import annotations

import pytest

from newstrace.extract.credits import parse_credits
from newstrace.reuse.evidence import same_outlet_name


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Quelle: Nordkurier Online", ("source", "Nordkurier Online")),
        ("Quelle: dpa", ("source", "dpa")),
        ("Источник: Вестник Севера", ("source", "Вестник Севера")),
        ("Fuente: Diario del Puerto", ("source", "Diario del Puerto")),
        ("المصدر: وكالة الأنباء الساحلية", ("source", "وكالة الأنباء الساحلية")),
        ("Źródło: Gazeta Portowa", ("source", "Gazeta Portowa")),
        ("Zdroj: Přístavní listy", ("source", "Přístavní listy")),
        ("Source : Le Courrier du Port", ("source", "Le Courrier du Port")),
        ("Source\u00a0: Le Courrier du Port", ("source", "Le Courrier du Port")),
        ("Fonte: Jornal da Barra", ("source", "Jornal da Barra")),
        ("По материалам Вестника Севера", ("source", "Вестника Севера")),
        (
            "Dieser Artikel erschien zuerst bei Hafenblatt.",
            ("originally published", "Hafenblatt"),
        ),
        (
            "Cet article a été publié initialement sur Le Courrier du Port.",
            ("originally published", "Le Courrier du Port"),
        ),
        (
            "Publicado originalmente en Diario del Puerto.",
            ("originally published", "Diario del Puerto"),
        ),
        (
            "Статья впервые опубликована на сайте «Вестник Севера»",
            ("originally published", "Вестник Севера"),
        ),
    ],
)
def test_credits_read_credit_lines_in_other_languages(line: str, expected: tuple[str, str]) -> None:
    (credit,) = parse_credits([line])
    assert (credit.cue, credit.outlet) == expected
    assert credit.text == " ".join(line.split())


@pytest.mark.parametrize(
    "line",
    [
        "Laut Hafenblatt wurde der Kai geschlossen.",  # "according to": a source of a claim
        "По данным Вестника Севера, причал закрыт.",
        "Según Diario del Puerto, el muelle cerró.",
        "Quelle: eigene Recherche",  # "own research" names no outlet
        "Publié le 12 mars 2020",  # a date line, no credit
    ],
)
def test_credits_leave_statements_and_date_lines_in_other_languages_uncredited(
    line: str,
) -> None:
    assert parse_credits([line]) == ()


@pytest.mark.parametrize(
    ("credited", "outlet", "same"),
    [
        ("РИА Новости", "RIA Novosti", True),
        ("Спутник", "Sputnik", True),
        ("ТАСС", "TASS", True),
        ("Вестник Севера", "Vestnik Severa", True),
        ("Agência Lusa", "Agencia Lusa", True),
        ("РИА Новости", "Коммерсантъ", False),  # two names in one script are not one outlet
        ("وكالة الأنباء", "Northgate Monitor", False),
    ],
)
def test_credits_in_other_scripts_match_the_outlet_by_its_latin_spelling(
    credited: str, outlet: str, same: bool
) -> None:
    assert same_outlet_name(credited, outlet) is same
