"""What a text's names point to together: the country and region most of them may lie in,
and how near each candidate lies to the places the other names were resolved to."""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

from newstrace.geo.candidates import prior
from newstrace.geo.gazetteer import Entry, Kind

EARTH_RADIUS_KM = 6371.0
NEAR_OTHERS_BONUS = ((50.0, 2.0), (150.0, 1.5), (400.0, 0.75))  # (km, bonus), nearest first
SAME_WORLD_KM = 1000.0  # a candidate this near a place or country named lies in the text's part
SAME_WORLD_BONUS = 0.3  # of the world: a tie-breaker ("Gaza" beside "Israel" and "Egypt" is
# the Palestinian governorate, not Mozambique's province of the same kind and standing)
REGION_KINDS = frozenset(
    {Kind.CONTINENT, Kind.COUNTRY, Kind.ADMIN1, Kind.ADMIN2, Kind.AREA, Kind.REGION}
)


def focus_weights(entries: list[Entry], attribute: str) -> dict[object, float]:
    """How much one mention points to each country (or region): its candidates' shares."""
    weights: defaultdict[object, float] = defaultdict(float)
    if not entries:
        return weights
    # a few candidates each: plain floats beat building arrays
    scores = [prior(e) for e in entries]
    top = max(scores)
    shares = [math.exp(s - top) for s in scores]
    total = sum(shares)
    for entry, share in zip(entries, shares, strict=True):
        value = (
            entry.geonameid
            if attribute == "admin1" and entry.kind == Kind.ADMIN1
            else getattr(entry, attribute)
        )
        if value:
            weights[value] += share / total
    return weights


def infer_focus(
    options: list[list[Entry]], keys: list[str], attribute: str, min_share: float
) -> dict[str, object | None]:
    """For each name, the country (or region) the text's other names point to.

    A name is left out of its own focus: "Jordan" written twice beside "Shakopee" must not
    make Jordan the focus that then outvotes Jordan, Minnesota. Each mention spreads one vote
    over its candidates; a focus needs its share of every mention, those that point to none
    (a country has no region) included.
    """
    by_key: defaultdict[str, defaultdict[object, float]] = defaultdict(lambda: defaultdict(float))
    votes: defaultdict[str, int] = defaultdict(int)
    worked: dict[tuple[int, ...], dict[object, float]] = {}  # a name written again: same shares
    for entries, key in zip(options, keys, strict=True):
        if entries:
            votes[key] += 1
            ids = tuple(map(id, entries))
            if ids not in worked:
                worked[ids] = focus_weights(entries, attribute)
            for value, weight in worked[ids].items():
                by_key[key][value] += weight
    total: defaultdict[object, float] = defaultdict(float)
    for weights in by_key.values():
        for value, weight in weights.items():
            total[value] += weight
    all_votes = sum(votes.values())
    focus: dict[str, object | None] = {}
    for key in set(keys):
        others = {v: w - by_key[key].get(v, 0.0) for v, w in total.items()}
        best = max(others, key=others.__getitem__, default=None)
        enough = best is not None and others[best] >= min_share * (all_votes - votes[key])
        focus[key] = best if enough and others[best] > 0 else None
    return focus


def distances_km(
    lat: np.ndarray, lon: np.ndarray, lat0: np.ndarray, lon0: np.ndarray
) -> np.ndarray:
    """Great-circle distances between each point (rows) and each other point (columns)."""
    la, lo = np.radians(lat)[:, None], np.radians(lon)[:, None]
    la0, lo0 = np.radians(lat0)[None, :], np.radians(lon0)[None, :]
    h = np.sin((la0 - la) / 2) ** 2 + np.cos(la) * np.cos(la0) * np.sin((lo0 - lo) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


def point_km(entry: Entry, other: Entry) -> float:
    """The great-circle distance between two entries' points."""
    la, la0 = math.radians(entry.lat), math.radians(other.lat)
    h = (
        math.sin((la0 - la) / 2) ** 2
        + math.cos(la) * math.cos(la0) * math.sin(math.radians(other.lon - entry.lon) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def nearness(entries: list[Entry], others: list[Entry]) -> np.ndarray:
    """A bonus for each entry by how close it lies to the nearest other mentioned place."""
    distances = distances_km(
        np.array([e.lat for e in entries]), np.array([e.lon for e in entries]),
        np.array([o.lat for o in others]), np.array([o.lon for o in others]),
    )  # fmt: skip
    ids, other_ids = (
        np.array([e.geonameid or -1 for e in entries]),
        np.array([o.geonameid or -2 for o in others]),
    )
    nearest = np.where(ids[:, None] == other_ids[None, :], np.inf, distances).min(axis=1)
    bonus = np.zeros(len(entries))
    for limit, value in reversed(NEAR_OTHERS_BONUS):
        bonus[nearest < limit] = value
    regions = np.array([e.kind in REGION_KINDS for e in entries])
    bonus[regions] /= 2  # a region's point says less about where its mention lies
    return bonus


def same_world(entries: list[Entry], others: list[Entry]) -> np.ndarray:
    """A small bonus for each division within SAME_WORLD_KM of another place named, a
    country's own point included: of two namesake provinces alike on everything else, the one
    in the part of the world the text is about (towns have `nearness`)."""
    points = [o for o in others if o.kind not in (Kind.CONTINENT, Kind.REGION)]
    if not points:
        return np.zeros(len(entries))
    distances = distances_km(
        np.array([e.lat for e in entries]), np.array([e.lon for e in entries]),
        np.array([o.lat for o in points]), np.array([o.lon for o in points]),
    )  # fmt: skip
    divisions = np.array([e.kind in (Kind.ADMIN1, Kind.ADMIN2) for e in entries])
    return np.where(divisions & (distances.min(axis=1) < SAME_WORLD_KM), SAME_WORLD_BONUS, 0.0)
