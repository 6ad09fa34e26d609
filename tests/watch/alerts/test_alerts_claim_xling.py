"""A text rule's claim found translated, in articles of other languages (newstrace.xling's
anchors and embeddings), and not in one that names the same people and place but says
something else."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlite_utils

from newstrace.watch.alerts import DeliveryOptions, parse_rule, run_alerts

StoreArticle = Callable[..., int]
OPTIONS = DeliveryOptions(base_url="http://news.example:8001")
# An invented claim, and invented articles telling it (or not) among other sentences.
CLAIM = "Harbour master Elin Vasterby said 2,000 passengers were stranded in Osterholm on Monday."
TOLD = {
    "de": (
        "Die Fährgesellschaft hat für Dienstag eine neue Verhandlungsrunde angekündigt.",
        "Hafenmeister Elin Vasterby sagte, am Montag seien in Osterholm 2.000 Passagiere"
        " gestrandet.",
        "Die Gewerkschaft will bis Mittwoch streiken.",
    ),
    "fr": (
        "Les négociations reprendront mardi selon la compagnie.",
        "Le capitaine du port Elin Vasterby a déclaré que 2 000 passagers étaient bloqués lundi"
        " à Osterholm.",
        "Le syndicat prévoit de poursuivre la grève jusqu'à mercredi.",
    ),
    "ru": (
        "Переговоры возобновятся во вторник.",
        "Начальник порта Элин Вастерби сообщил, что в понедельник в Остерхольме застряли 2000"
        " пассажиров.",
        "Профсоюз намерен бастовать до среды.",
    ),
}
# The same names, place, day and figure, saying something else.
NOT_TOLD = (
    "Die Fährgesellschaft hat für Dienstag eine neue Verhandlungsrunde angekündigt.",
    "Elin Vasterby eröffnete am Montag in Osterholm einen neuen Fischmarkt mit 2.000 Ständen.",
    "Die Gewerkschaft will bis Mittwoch streiken.",
)


def _alerts(db: sqlite_utils.Database, out: Path, cycle: int) -> list[dict[str, object]]:
    rule = parse_rule({"text": CLAIM, "to": [str(out)]}, 1)
    report = run_alerts(db.conn, [rule], cycle=cycle, options=OPTIONS)
    assert report.failed == 0, report.errors
    return [json.loads(line) for line in out.read_text().splitlines()] if out.exists() else []


@pytest.mark.parametrize("languages", [("de", "fr", "ru")])
def test_alerts_text_rule_finds_the_claim_translated(
    db: sqlite_utils.Database, store_article: StoreArticle, tmp_path: Path,
    languages: tuple[str, ...],
) -> None:  # fmt: skip
    told = {
        store_article(list(TOLD[lang]), source=f"{lang}.html", outlet=f"Outlet {lang}",
                      language=lang, title=f"Fähre {lang}"): lang
        for lang in languages
    }  # fmt: skip
    store_article(list(NOT_TOLD), source="market.html", outlet="Markt", language="de")
    out = tmp_path / "alerts.jsonl"
    alerts = _alerts(db, out, 1)
    assert {alert["copy"]["id"] for alert in alerts} == set(told)  # type: ignore[index]
    for alert in alerts:
        assert alert["summary"].startswith("claim found translated in")  # type: ignore[union-attr]
        assert alert["details"]["translated"] is True  # type: ignore[index]
        copy_text = alert["passage"]["copy"]["text"]  # type: ignore[index]
        assert ("Vasterby" in copy_text or "Вастерби" in copy_text) and "Mittwoch" not in copy_text
        assert alert["passage"]["original"]["text"] == CLAIM  # type: ignore[index]
    assert _alerts(db, out, 2) == alerts  # nothing raised twice
