"""Provenance across languages: origin evidence on translated copies (credit lines, media on the
original's domain, publication order) and what a translation left out, added or stopped crediting."""

from __future__ import annotations

import pytest

from newstrace.models import Article, Attribution, Change, Evidence, Family, Format, Media
from newstrace.reuse.evidence import Node
from newstrace.reuse.provenance import family_tree
from newstrace.xling import find_translations

# An invented English report in three paragraphs, and invented translations of it.
ENGLISH = (
    "Flooding in Port Avalon forced 1,250 residents from their homes on Tuesday. "
    "Mayor Ilse Varga said the river rose 3.4 metres in twelve hours.",
    "The Harbor Rescue Service evacuated 312 people by boat from the Kestrel district. "
    "Forecasters at the Nordmark Weather Office expect more rain until Friday.",
    "The damage is estimated at 48 million euros, according to the regional council. "
    "Schools in Port Avalon will stay closed until 14 March.",
)
GERMAN = (
    "Das Hochwasser in Port Avalon hat am Dienstag 1.250 Bewohner aus ihren Häusern vertrieben. "
    "Bürgermeisterin Ilse Varga sagte, der Fluss sei in zwölf Stunden um 3,4 Meter gestiegen.",
    "Der Harbor Rescue Service holte 312 Menschen mit Booten aus dem Viertel Kestrel. "
    "Die Meteorologen des Nordmark Weather Office erwarten bis Freitag weiteren Regen.",
    "Der Schaden wird nach Angaben des Regionalrats auf 48 Millionen Euro geschätzt. "
    "Die Schulen in Port Avalon bleiben bis zum 14. März geschlossen.",
)
# The Russian copy leaves out the damage sentence and adds a paragraph of its own.
RUSSIAN = (
    "Наводнение в Порт-Авалоне во вторник вынудило 1250 жителей покинуть свои дома. "
    "Мэр Ильзе Варга заявила, что река поднялась на 3,4 метра за двенадцать часов.",
    "Служба Harbor Rescue Service эвакуировала на лодках 312 человек из района Кестрел. "
    "Синоптики Nordmark Weather Office ожидают дождей до пятницы.",
    "Школы в Порт-Авалоне будут закрыты до 14 марта.",
    "Наши читатели прислали в редакцию десятки фотографий затопленных улиц и дворов.",
)
HERALD = "Avalon Herald"
HERALD_URL = "https://avalonherald.example/news/floods"


def _article(
    id_: int, language: str, outlet: str, day: str, paragraphs: tuple[str, ...], **extra: object
) -> Article:
    return Article(
        source=f"{outlet}-{id_}",
        format=Format.TEXT,
        paragraphs=paragraphs,
        outlet=outlet,
        published=day,
        language=language,
        id=id_,
        **extra,  # type: ignore[arg-type]
    )


def _original(day: str = "2024-03-05", **extra: object) -> Article:
    return _article(1, "en", HERALD, day, ENGLISH, url=HERALD_URL, **extra)


def _family(original: Article, copy: Article) -> Family:
    """The family of the original and its translated copy, as the provenance stage builds it."""
    [found] = find_translations([original, copy])
    nodes = {
        original.id or 0: Node(original, "avalonherald.example"),
        copy.id or 0: Node(copy, None),
    }
    return family_tree(1, nodes, {(found.link.a, found.link.b): found.link})


def _copy_of(family: Family) -> tuple[int | None, tuple[Evidence, ...], tuple[Change, ...]]:
    member = next(m for m in family.members if m.parent is not None)
    return member.parent, member.evidence, member.changes


@pytest.mark.parametrize(
    "credit",
    ["Quelle: Avalon Herald", "Mit Material von Avalon Herald"],
)
def test_translated_provenance_credit_line_decides_origin_over_dates(credit: str) -> None:
    # The German copy is dated before its original, but credits the original's outlet.
    copy = _article(
        2,
        "de",
        "Nordkurier Online",
        "2024-03-04",
        GERMAN,
        attributions=(Attribution(credit, "source", HERALD),),
    )
    family = _family(_original(), copy)
    assert family.origin_article == 1
    parent, evidence, changes = _copy_of(family)
    assert parent == 1
    assert any(e.kind == "attribution" and HERALD in e.detail for e in evidence)
    assert "attribution dropped" not in [c.kind for c in changes]


@pytest.mark.parametrize("host", ["avalonherald.example"])
def test_translated_provenance_media_on_original_domain_is_evidence(host: str) -> None:
    image = Media(f"https://{host}/img/flood.jpg", "image", 1)
    copy = _article(2, "ru", "Vestnik Severa", "2024-03-06", RUSSIAN, media=(image,))
    parent, evidence, _ = _copy_of(_family(_original(), copy))
    assert parent == 1
    kinds = [e.kind for e in evidence]
    assert "media host" in kinds and "publication order" in kinds


@pytest.mark.parametrize("language", ["ru"])
def test_translated_provenance_lists_left_out_and_added(language: str) -> None:
    copy = _article(2, language, "Vestnik Severa", "2024-03-06", RUSSIAN)
    _, _, changes = _copy_of(_family(_original(), copy))
    by_kind = {c.kind: c for c in changes}
    assert by_kind["translated"].detail == "translated from en into ru"
    left = [c for c in changes if c.kind == "left out in translation"]
    assert [c.before for c in left] == [ENGLISH[2].split(". ")[0] + "."]
    added = [c for c in changes if c.kind == "added in translation"]
    assert [(c.after, c.position) for c in added] == [(RUSSIAN[3], 3)]
    # Nothing else of either side is reported missing: the aligned sentences are not listed.
    assert len(left) == 1 and len(added) == 1
    # The copy names its original nowhere: the dropped credit is a change.
    assert HERALD in by_kind["attribution dropped"].detail


@pytest.mark.parametrize("wire", ["Nordwire"])
def test_translated_provenance_wire_credit_dropped(wire: str) -> None:
    original = _original(attributions=(Attribution(f"Source: {wire}", "source", wire),))
    copy = _article(2, "de", "Nordkurier Online", "2024-03-06", GERMAN)
    _, _, changes = _copy_of(_family(original, copy))
    dropped = [c.detail for c in changes if c.kind == "attribution dropped"]
    assert any(wire in detail for detail in dropped)
    assert any(HERALD in detail for detail in dropped)
    # A full translation leaves nothing out and adds nothing.
    assert not [c for c in changes if c.kind.endswith("in translation")]


@pytest.mark.parametrize("named", ["Wie der Avalon Herald berichtet, bleibt die Lage ernst."])
def test_translated_provenance_naming_the_outlet_is_no_dropped_credit(named: str) -> None:
    copy = _article(2, "de", "Nordkurier Online", "2024-03-06", (*GERMAN, named))
    _, _, changes = _copy_of(_family(_original(), copy))
    assert "attribution dropped" not in [c.kind for c in changes]


@pytest.mark.parametrize(
    "line", ["Quelle: Avalon Herald", "Источник: Avalon Herald", "Fuente: Avalon Herald"]
)
def test_translated_provenance_credit_in_any_language_read_by_the_parser(line: str) -> None:
    from newstrace.extract.credits import parse_credits

    # Dated before its original, the copy is still the copy: its credit line, as the extractor
    # reads it, names the original's outlet.
    copy = _article(2, "de", "Nordkurier Online", "2024-03-04", GERMAN)
    copy = copy.with_changes(attributions=parse_credits([line]))
    family = _family(_original(), copy)
    assert family.origin_article == 1
    _, evidence, changes = _copy_of(family)
    assert any(e.kind == "attribution" for e in evidence)
    assert "attribution dropped" not in [c.kind for c in changes]
