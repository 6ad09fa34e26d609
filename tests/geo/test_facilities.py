"""Villages, camps and bases: what the words around a name say about the place it can be."""

from __future__ import annotations

import pytest

from newstrace.geo import Geocoder


def _found(geocoder: Geocoder, text: str) -> dict[str, tuple[str, str | None, int]]:
    """Each toponym found in the text -> (resolved name, country, precision)."""
    spans = geocoder.toponyms(text)
    return {
        text[s:e]: (p.name, p.country, p.geo_precision)
        for (s, e), p in zip(spans, geocoder.resolve(text, spans), strict=True)
        if p is not None
    }


@pytest.mark.parametrize(
    "text",
    [
        "Rebels in northern Syria shelled positions near the village of Tripoli on Friday. "
        "Government troops hope to retake the nearby town of Saraqib.",
    ],
)
def test_geocoder_village_is_never_a_foreign_city_of_its_name(
    geocoder: Geocoder, text: str
) -> None:
    spans = [(text.index(name), text.index(name) + len(name)) for name in ("Tripoli", "Saraqib")]
    village, town = geocoder.resolve(text, spans)
    # neither Tripoli, Libya nor Tripoli, Lebanon: the town named beside it, precision 2
    assert village is not None and town is not None and town.country == "SY"
    assert (village.geonameid, village.geo_precision) == (town.geonameid, 2)


@pytest.mark.parametrize(
    ("text", "name", "site"),
    [
        ("Coalition troops handed over the Kirkuk K1 base to the Iraqi army.", "Kirkuk K1 base",
         "K-1 Air Base"),
        ("Trainers from Camp Taji returned home after rockets hit Baghdad.", "Camp Taji",
         "Camp Taji"),
    ],
)  # fmt: skip
def test_geocoder_finds_curated_bases_written_with_their_city(
    geocoder: Geocoder, text: str, name: str, site: str
) -> None:
    found = _found(geocoder, text)
    assert found[name] == (site, "IQ", 1)
    assert "Camp" not in found and "Kirkuk" not in found


@pytest.mark.parametrize(
    "text", ["US advisers left the Mosul Q9 base, a camp on the road to Erbil in Iraq."]
)
def test_geocoder_unknown_base_falls_back_to_the_city_it_is_named_after(
    geocoder: Geocoder, text: str
) -> None:
    assert _found(geocoder, text)["Mosul Q9 base"] == ("Mosul", "IQ", 2)
