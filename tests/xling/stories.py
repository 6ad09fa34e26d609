"""The invented stories the cross-language tests share, and the commands that store them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from newstrace.cli import main

# An invented report and its invented translations, sentence for sentence (the French one
# drops the damage sentence), and the same days' other news of the same town.
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
RUSSIAN = [
    "Наводнение в Порт-Авалоне во вторник вынудило 1250 жителей покинуть свои дома.",
    "Мэр Ильзе Варга заявила, что уровень реки за двенадцать часов поднялся на 3,4 метра.",
    "Служба спасения Harbor Rescue Service эвакуировала на лодках 312 человек из района Kestrel.",
    "Синоптики Nordmark Weather Office ожидают дождей до пятницы.",
    "Ущерб оценивается в 48 миллионов евро, сообщил региональный совет.",
    "Школы Порт-Авалона будут закрыты до 14 марта.",
]
FRENCH = [
    "Les inondations à Port Avalon ont chassé mardi 1 250 habitants de leurs maisons.",
    "La maire Ilse Varga a déclaré que la rivière était montée de 3,4 mètres en douze heures.",
    "Le Harbor Rescue Service a évacué en bateau 312 personnes du quartier de Kestrel.",
    "Les prévisionnistes du Nordmark Weather Office attendent encore de la pluie jusqu'à vendredi.",
    "Les écoles de Port Avalon resteront fermées jusqu'au 14 mars.",
]
OTHER_GERMAN = [
    "In Port Avalon eröffnete am Montag ein neues Museum für Schifffahrt.",
    "Direktorin Maren Olsen erwartet im ersten Jahr 80.000 Besucher.",
    "Der Bau kostete 21 Millionen Euro und dauerte vier Jahre.",
    "Der Eintritt ist für Kinder unter 12 Jahren frei.",
]
OTHER_FRENCH = [
    "Un nouveau musée de la navigation a ouvert ses portes lundi à Lyonnet.",
    "Sa directrice Maren Olsen attend 80 000 visiteurs la première année.",
    "Les travaux ont coûté 21 millions d'euros et ont duré quatre ans.",
    "L'entrée est gratuite pour les enfants de moins de 12 ans.",
]


def record(
    id_: str, outlet: str, day: str, sentences: list[str], title: str = "", per_paragraph: int = 2
) -> dict[str, str]:
    """An input record of `ingest`: the sentences in paragraphs of per_paragraph sentences."""
    paragraphs = [
        " ".join(sentences[k : k + per_paragraph]) for k in range(0, len(sentences), per_paragraph)
    ]
    return {
        "id": id_,
        "publisher": outlet,
        "published": day,
        "title": title,
        "text": "\n\n".join(paragraphs),
    }


def invoke(*args: str) -> str:
    """A newstrace command's output; the command must succeed."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def lines(output: str) -> list[dict[str, Any]]:
    """The JSON objects of an --nl output."""
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def ingest_and_trace(folder: Path, records: list[dict[str, str]]) -> str:
    """A store of the records, ingested and traced as a user would; its path."""
    source = folder / "news.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    db = str(folder / "news.db")
    invoke("ingest", db, str(source))
    invoke("trace", db, "--silent")
    return db
