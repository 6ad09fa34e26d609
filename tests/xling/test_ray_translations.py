"""The cross-language stage on the Ray engine: `trace --engine ray` stores the translations the
local engine stores, its candidate pairs aligned in Ray tasks."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from newstrace.engines import ray as ray_engine
from newstrace.engines.local import LocalEngine
from newstrace.engines.ray import RayEngine
from newstrace.engines.trace import trace_links
from newstrace.ingest import parse_mapping
from newstrace.ingest.run import IngestOptions, ingest
from newstrace.settings import Settings
from newstrace.store import connect

pytestmark = pytest.mark.usefixtures("ray_cluster")

# Two invented reports with invented translations, and the same days' unrelated news.
STORIES = {
    "en-flood": (
        "en",
        "Flooding in Port Avalon forced 1,250 residents from their homes on Tuesday. "
        "Mayor Ilse Varga said the river rose 3.4 metres in twelve hours.\n\n"
        "The Harbor Rescue Service evacuated 312 people by boat from the Kestrel district. "
        "Schools in Port Avalon will stay closed until 14 March.",
    ),
    "de-flood": (
        "de",
        "Das Hochwasser in Port Avalon hat am Dienstag 1.250 Bewohner aus ihren Häusern "
        "vertrieben. Bürgermeisterin Ilse Varga sagte, der Fluss sei in zwölf Stunden um 3,4 "
        "Meter gestiegen.\n\nDer Harbor Rescue Service holte 312 Menschen mit Booten aus dem "
        "Viertel Kestrel. Die Schulen in Port Avalon bleiben bis zum 14. März geschlossen.",
    ),
    "ru-flood": (
        "ru",
        "Наводнение в Порт-Авалоне во вторник вынудило 1250 жителей покинуть свои дома. "
        "Мэр Ильзе Варга заявила, что река поднялась на 3,4 метра за двенадцать часов.\n\n"
        "Служба Harbor Rescue Service эвакуировала на лодках 312 человек из района Кестрел. "
        "Школы в Порт-Авалоне будут закрыты до 14 марта.",
    ),
    "en-museum": (
        "en",
        "A new maritime museum opened in Lyonnet on Monday, director Maren Olsen said. "
        "She expects 80,000 visitors in its first year.\n\n"
        "The building cost 21 million euros and took four years to finish. "
        "Entry is free for children under 12.",
    ),
    "fr-museum": (
        "fr",
        "Un nouveau musée maritime a ouvert lundi à Lyonnet, a annoncé sa directrice Maren "
        "Olsen. Elle attend 80 000 visiteurs la première année.\n\n"
        "Le bâtiment a coûté 21 millions d'euros et quatre ans de travaux. "
        "L'entrée est gratuite pour les enfants de moins de 12 ans.",
    ),
    "de-other": (
        "de",
        "In Port Avalon eröffnete am Montag eine neue Brücke über den Fluss. "
        "Sie ist 410 Meter lang und kostete 33 Millionen Euro.\n\n"
        "Bürgermeisterin Ilse Varga nannte sie ein Zeichen für die Zukunft der Stadt.",
    ),
}


def _store(folder: Path) -> Path:
    folder.mkdir()
    source = folder / "news.jsonl"
    rows = [
        {"id": key, "outlet": f"{key} outlet", "text": body, "published": f"2024-03-0{k + 1}"}
        for k, (key, (_, body)) in enumerate(STORIES.items())
    ]
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    mapping = parse_mapping("text=text,published=published,id=id,outlet=outlet")
    ingest(connect(folder / "news.db"), [str(source)], Settings(), IngestOptions(mapping))
    return folder / "news.db"


def _translations(db: Path) -> list[tuple[object, ...]]:
    """Every stored translation link with its passages, as plain rows."""
    conn = sqlite3.connect(db)
    return conn.execute(
        "SELECT l.a, l.b, l.coverage_a, l.coverage_b, p.a_start, p.a_end, p.b_start, p.b_end,"
        " p.similarity FROM reuse_links l JOIN link_kinds k ON k.link_id = l.id"
        " JOIN passages p ON p.link_id = l.id WHERE k.kind = 'translation'"
        " ORDER BY l.a, l.b, p.a_start"
    ).fetchall()


@pytest.mark.parametrize("task_pairs", [1])
def test_ray_translations_equal_local(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, task_pairs: int
) -> None:
    monkeypatch.setattr(ray_engine, "TRANSLATION_TASK_PAIRS", task_pairs)  # one task per pair
    local_db, ray_db = _store(tmp_path / "local"), _store(tmp_path / "ray")
    trace_links(connect(local_db), Settings(), LocalEngine())
    engine = RayEngine()
    trace_links(connect(ray_db), Settings(), engine)
    local, on_ray = _translations(local_db), _translations(ray_db)
    assert on_ray == local
    linked = {(a, b) for a, b, *_ in local}
    assert len(linked) == 4  # en-de, en-ru, de-ru of the flood; en-fr of the museum
    assert engine.stats.tasks.get("translations", 0) > 1
