"""The gazetteer's sources and name keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.geo import Geocoder
from newstrace.geo import gazetteer as gazetteer_module
from newstrace.geo.curated import read_curated
from newstrace.geo.gazetteer import Kind
from newstrace.geo.mentions import read_mention
from newstrace.geo.names import normalize


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("U.S.", "us"),
        ("St. Louis", "saint louis"),
        ("Ma'arrat al-Nu'man", "maarrat al numan"),
        ("Ḩalab", "halab"),
    ],
)
def test_names_normalize(written: str, key: str) -> None:
    assert normalize(written) == key


def test_curated_every_place_cites_its_source() -> None:
    places = read_curated()
    assert places and all(p.source for p in places)
    assert len({p.name for p in places}) == len(places)


@pytest.mark.parametrize(
    ("name", "kind", "country"), [("Idlib", Kind.ADMIN1, "SY"), ("Kenya", Kind.COUNTRY, "KE")]
)
def test_gazetteer_holds_regions_and_countries_with_geonames_ids(
    geocoder: Geocoder, name: str, kind: Kind, country: str
) -> None:
    entries = [e for e in geocoder.gazetteer.lookup(normalize(name)) if e.kind == kind]
    assert entries and entries[0].country == country and entries[0].geonameid


@pytest.mark.parametrize(
    ("text", "near", "part", "region_word"),
    [
        ("an attack near Saraqib", True, False, None),
        ("raids in southern Saraqib", False, True, None),
        ("raids in the Saraqib countryside", False, True, "countryside"),
    ],
)
def test_mentions_read_the_words_around_a_name(
    text: str, near: bool, part: bool, region_word: str | None
) -> None:
    start = text.index("Saraqib")
    mention = read_mention(text, start, start + 7, lambda name: False)
    assert (mention.near, mention.part, mention.region_word) == (near, part, region_word)


def test_gazetteer_cache_keeps_only_the_current_build(tmp_path: Path) -> None:
    # Each gazetteer version is a ~30 MB build; older ones must not pile up in the cache.
    older = tmp_path / "gazetteer-7-old.pickle"
    older.write_bytes(b"stale")
    unrelated = tmp_path / "tokenhash-1-unicode-14.0.0.npy"
    unrelated.write_bytes(b"kept")
    current = tmp_path / "gazetteer-8-new.pickle"
    gazetteer_module._write_cache(current, {"stand-in": "gazetteer"})  # type: ignore[arg-type]
    assert sorted(p.name for p in tmp_path.iterdir()) == [current.name, unrelated.name]
