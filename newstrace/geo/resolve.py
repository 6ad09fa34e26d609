"""Choosing the place each mention means, from the gazetteer and the rest of the text.

Each candidate gets a prior (cities and countries by population, a country well above a
city of as many people; regions by kind) and context: the country and region focus the
text's other names point to, regions and places named beside it, "City, Region" written out,
a town and the county holding it both named, and region words ("Idlib countryside" wants a
region). A first pass picks each mention's best on prior and focus alone; the second adds the
co-mentioned places that first pass found, so one clear mention pulls an ambiguous one to
its area.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from newstrace.geo.candidates import (
    HOLDING_KINDS,
    POINT_KINDS,
    candidates,
    holding,
    own_name,
    plausible,
    prior,
    spelled_out,
    writes_county,
)
from newstrace.geo.evidence import checked, descriptive
from newstrace.geo.focus import REGION_KINDS, infer_focus, nearness, point_km, same_world
from newstrace.geo.gazetteer import Entry, Gazetteer, Kind
from newstrace.geo.mentions import (
    CHAIN_CHARS,
    Mention,
    following_regions,
    listed,
    town_chain,
)
from newstrace.geo.names import normalize

NAME_BONUS = 1.5  # the mention writes the entry's own name, not one of its alternate names
CAPITAL_BONUS = 1.5
FOCUS_BONUS = 3.0
GIVEN_FOCUS_BONUS = 4.0
FOCUS_MIN_SHARE = 0.25
REGION_FOCUS_BONUS = 1.5
REGION_FOCUS_MIN_SHARE = 0.3
CONTEXT_ROUNDS = 2
REGION_WANTED_BONUS = 4.0
WRITTEN_REGION_BONUS = 10.0  # "Paris, Texas" all but settles it
SAME_REGION_BONUS = 2.5
NESTED_BONUS = 5.0  # a place and the county holding it, both named: nearly "City, County"
SEAT_KM = 50.0  # a town this near the point of a division of its name lies in it
CHAIN_TOWN_KM = 150.0  # "X (Kankossa)": a district named after its seat reaches this far
SEAT_MARGIN = 0.5  # a bare "Berane", "Sfax": the town, a little above the province named after it
TIE_BREAK = 1e-3  # the share of the prior that decides between otherwise equal scores


@dataclass(frozen=True, slots=True)
class Choice:
    """A mention's chosen entry and how it was reached."""

    entry: Entry
    fallback: bool = False  # resolved to a place the name sits in, not the name itself
    inside: bool = False  # a fallback to the town a named building or quarter stands in


def paragraph(text: str, position: int) -> tuple[int, int]:
    """The start and end of the paragraph (text between line breaks) holding a position."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


class DocumentResolution:
    """The mentions of one text, resolved together."""

    def __init__(
        self, gazetteer: Gazetteer, text: str, mentions: list[Mention], focus: str | None
    ) -> None:
        """Read every mention's candidates and the text's country and region focus."""
        self.gazetteer, self.text, self.mentions = gazetteer, text, mentions
        self._scores: dict[tuple[int, int], float] = {}
        self._divisions: dict[int, dict[int | None, Entry]] = {}  # each mention's divisions
        self.chains = [following_regions(text, m.end) for m in mentions]
        self.written_regions = self._written_regions()
        self.options = spelled_out(mentions, [candidates(gazetteer, m) for m in mentions])
        self.given_focus = focus
        keys = [m.key for m in mentions]
        countries = infer_focus(self.options, keys, "country", FOCUS_MIN_SHARE)
        self.focus = {key: focus or found for key, found in countries.items()}
        self.region_focus = infer_focus(self.options, keys, "admin1", REGION_FOCUS_MIN_SHARE)
        self.options = [
            plausible(entries, self.countries_around(i)) if m.small else entries
            for i, (m, entries) in enumerate(zip(mentions, self.options, strict=True))
        ]
        self._read_counties()

    def _written_regions(self) -> set[int]:
        """The mentions written as the region of the one before ("Celaya, Guanajuato",
        "Sirwah (Marib)", "near al-Bukamal in Deir-ez-Zor"): the region, not its namesake town."""
        found: set[int] = set()
        for index, mention in enumerate(self.mentions[1:], start=1):
            before = self.mentions[index - 1]
            near = mention.start - before.end < CHAIN_CHARS
            if near and mention.key in self.chains[index - 1] and not listed(self.text, mention):
                found.add(index)
        return found

    def countries_around(self, index: int) -> set[str | None]:
        """The text's focus and the countries of the likeliest places named in the paragraph."""
        start, end = paragraph(self.text, self.mentions[index].start)
        countries: set[str | None] = {
            max(entries, key=prior).country
            for i, (m, entries) in enumerate(zip(self.mentions, self.options, strict=True))
            if entries and i != index and start <= m.start < end
        }
        focus = self.focus[self.mentions[index].key]
        return (countries | {focus if isinstance(focus, str) else None}) - {None}

    def choose(self) -> list[Choice | None]:
        """Each mention's choice, or None where no entry fits."""
        groups = self._alike()
        choices = self._round(groups, None)
        for _ in range(CONTEXT_ROUNDS):
            previous, choices = choices, self._round(groups, choices)
            if choices == previous:
                break  # a round that changes nothing is followed by one that changes nothing
        chosen = [c.entry if c else None for c in choices]
        entries = checked(
            self.mentions,
            self.options,
            chosen,
            lambda index, found: self._pick(index, found, choices),
            lambda index: self._cued(index, chosen[index]),
            self.gazetteer.words,
        )
        entries = [self._consistent(i, entries) for i in range(len(entries))]
        return [Choice(e) if e else None for e in entries]

    def _consistent(self, index: int, entries: list[Entry | None]) -> Entry | None:
        """The mention's choice, or where the regions written after it contradict that, its
        best candidate they do not ("El Ayoun (Kankossa)": the Mauritanian town), else None."""
        entry = entries[index]
        if entry is None or not self._contradicted(index, entries):
            return entry
        region = entries[index + 1 : index + 2]
        fitting = [
            e for e in self.options[index]
            if e is not entry and e.kind in (*POINT_KINDS, Kind.ADMIN2) and self._placed(index, e)
            and not self._contradicted(index, [*entries[:index], e, *region])
        ]  # fmt: skip
        return self._pick(index, fitting, None)

    def _placed(self, index: int, entry: Entry) -> bool:
        """Whether a candidate lies where the text writes the place: in a region it names after
        it, or beside a town it names in parentheses ("El Ayoun (Kankossa)")."""
        if any(self._within(entry, key) for key in self.chains[index]):
            return True
        if not town_chain(self.text, self.mentions[index]):
            return False
        towns = [
            t for key in self.chains[index] for t in self.gazetteer.lookup(key)
            if t.kind in POINT_KINDS
        ]  # fmt: skip
        return any(point_km(entry, town) < CHAIN_TOWN_KM for town in towns)

    def _alike(self) -> list[list[int]]:
        """The mentions in groups that must resolve alike: one name written the same way, with
        the same words around it and the same candidates ("Dublin" seven times is one choice)."""
        groups: dict[tuple[object, ...], list[int]] = {}
        for index, mention in enumerate(self.mentions):
            signature = (
                mention.key, mention.near, mention.part, mention.region_word, mention.capitalized,
                mention.settlement, mention.acronym, tuple(self.chains[index]),
                index in self.written_regions, tuple(map(id, self.options[index])),
            )  # fmt: skip
            groups.setdefault(signature, []).append(index)
        return list(groups.values())

    def _round(
        self, groups: list[list[int]], context: list[Choice | None] | None
    ) -> list[Choice | None]:
        """Each mention's best choice given the last round's, worked out once per group."""
        choices: list[Choice | None] = [None] * len(self.mentions)
        for group in groups:
            best = self._best(group[0], context)
            for index in group:
                choices[index] = best
        return choices

    def _cued(self, index: int, entry: Entry | None) -> bool:
        """Whether the text vouches for the mention: "the village of X", "X (Kech, Balochistan)";
        or the name is a division's too, and the town its seat: a name, not a word."""
        if self.mentions[index].settlement is not None:
            return True
        if entry is not None and self._seat(index, entry) is not None:
            return True
        return entry is not None and any(self._within(entry, k) for k in self.chains[index])

    def _contradicted(self, index: int, entries: list[Entry | None]) -> bool:
        """Whether a town lies outside the region the text writes it in ("Kamianka, Donetsk"
        where only another province has a Kamianka): it is a place the gazetteer lacks."""
        entry, region = entries[index], entries[index + 1] if index + 1 < len(entries) else None
        if entry is None or entry.kind not in (*POINT_KINDS, Kind.ADMIN2):
            return False
        if self._other_country(index, entry):
            return True
        if region is None or index + 1 not in self.written_regions:
            return False
        if descriptive(self.mentions[index + 1].key):
            return False  # "Lilongwe (Central)": every country has a "Central" to mistake
        if region.kind in POINT_KINDS:  # "Goyali, Gadabay": a town's district named as a town
            return region.country != entry.country
        if region.kind not in HOLDING_KINDS:
            return False
        if entry.admin1 is None:  # a town GeoNames files under no division ("Lilongwe (Central)")
            return entry.country != region.country
        if region.kind == Kind.COUNTRY:
            return entry.country != region.country
        # a district is checked by its province: GeoNames files many towns under no district or
        # under one since re-drawn ("Oicha (Beni, Nord-Kivu)", "Alaverdi (Tumanyan, Lori)")
        province = region.geonameid if region.kind == Kind.ADMIN1 else region.admin1
        return province not in (entry.admin1, None) and region.geonameid != entry.admin2

    def _other_country(self, index: int, entry: Entry) -> bool:
        """Whether every division the text writes the place in ("Shewan area of Bala Buluk
        district, Farah") lies in another country than the place chosen."""
        following = self.mentions[index + 1 : index + 2]
        if following and listed(self.text, following[0]):
            return False  # "Berlin, Paris and London": a list, not a place and its regions
        # "Lilongwe (Central)": a name every country's divisions bear says nothing of which
        towns = town_chain(self.text, self.mentions[index])
        regions = [
            r for key in self.chains[index] if not descriptive(key)
            for r in holding(self.gazetteer.lookup(key), towns)
        ]  # fmt: skip
        return bool(regions) and all(r.country != entry.country for r in regions)

    def _best(self, index: int, context: list[Choice | None] | None) -> Choice | None:
        """The mention's best candidate, with the other mentions' choices as context."""
        entry = self._pick(index, self.options[index], context)
        return Choice(entry) if entry else None

    def _pick(
        self, index: int, entries: list[Entry], context: list[Choice | None] | None
    ) -> Entry | None:
        """The best of some candidates of a mention, with the others' choices as context."""
        if not entries:
            return None
        scores = np.array([self._scored(index, e) for e in entries])
        if context is not None:
            scores += self._context_scores(index, entries, context)
        # equal scores ("Beja" the town of Portugal's and of Tunisia's province): the bigger
        scores += TIE_BREAK * np.array([prior(e) for e in entries])
        return entries[int(np.argmax(scores))]

    def _read_counties(self) -> None:
        """For each name, the counties the text's other names write out ("Walker County") and
        the counties holding the places they may mean; read before fallbacks are added.

        "Huntsville" beside "Walker County" is Huntsville, Texas, the seat of Walker County,
        Texas, not the larger Huntsville in Alabama; and that Walker County is the Texan one.
        """
        counties: defaultdict[str, set[int | None]] = defaultdict(set)
        holders: defaultdict[str, set[int | None]] = defaultdict(set)
        for mention, entries in zip(self.mentions, self.options, strict=True):
            for entry in entries:
                if entry.kind == Kind.ADMIN2 and writes_county(mention, entry):
                    counties[mention.key].add(entry.geonameid)
                elif entry.kind in POINT_KINDS and entry.admin2:
                    holders[mention.key].add(entry.admin2)
        self.counties_written: dict[str, set[int | None]] = {}
        self.counties_holding: dict[str, set[int | None]] = {}
        for key in {m.key for m in self.mentions}:
            self.counties_written[key] = set().union(
                *(ids for k, ids in counties.items() if k != key)
            )
            self.counties_holding[key] = set().union(
                *(ids for k, ids in holders.items() if k != key)
            )

    def _nested(self, mention: Mention, entry: Entry) -> bool:
        """Whether the entry lies in a county another name writes out, or is a county written
        out that holds a place another name may mean."""
        if entry.kind == Kind.ADMIN2 and writes_county(mention, entry):
            return entry.geonameid in self.counties_holding[mention.key]
        return entry.admin2 is not None and entry.admin2 in self.counties_written[mention.key]

    def _scored(self, index: int, entry: Entry) -> float:
        """The candidate's score without context, worked out once per mention and entry."""
        key = (index, id(entry))
        found = self._scores.get(key)
        if found is None:
            found = self._scores[key] = self._score(index, entry)
        return found

    def _score(self, index: int, entry: Entry) -> float:
        """Prior, focus, region words and a written "City, Region" for one candidate."""
        mention, score = self.mentions[index], prior(entry)
        if entry.capital:
            score += CAPITAL_BONUS
        if self._nested(mention, entry):
            score += NESTED_BONUS
        if own_name(entry, mention.key):
            score += NAME_BONUS
        if entry.country and entry.country == self.focus[mention.key]:
            score += GIVEN_FOCUS_BONUS if self.given_focus else FOCUS_BONUS
        region_focus = self.region_focus[mention.key]
        if region_focus and entry.admin1 == region_focus:
            score += REGION_FOCUS_BONUS
        wants_region = mention.part or mention.region_word or index in self.written_regions
        if wants_region and entry.kind in REGION_KINDS:
            score += REGION_WANTED_BONUS
        if not wants_region and (division := self._seat(index, entry)) is not None:
            score = max(score, self._scored(index, division) + SEAT_MARGIN)
        if mention.settlement and entry.kind in POINT_KINDS:
            score += REGION_WANTED_BONUS  # "the city of Idlib", "Idlib city": not the province
        written = self.chains[index]
        if any(key != mention.key and self._within(entry, key) for key in written):
            score += WRITTEN_REGION_BONUS
        return score

    def _seat(self, index: int, entry: Entry) -> Entry | None:
        """The division a town gives its name to and lies in, both candidates of the mention.

        A bare name of both most often means the town, as news and ACLED's codebook read it:
        the town takes the division's standing; "province", "(Sfax)" after a place, ask for
        the division."""
        if entry.kind not in POINT_KINDS:
            return None
        divisions = self._divisions.get(index)
        if divisions is None:
            divisions = self._divisions[index] = {
                e.geonameid: e for e in self.options[index] if e.kind in (Kind.ADMIN1, Kind.ADMIN2)
            }
        # both bear the name, as their own or an alternate one ("Dubai" in the emirate GeoNames
        # calls "Dubayy"), unless only the division bears it as its own: "New York" is the
        # state's name and "New York City" the city's
        key, own = self.mentions[index].key, normalize(entry.name)
        holders = [divisions.get(h) for h in (entry.admin1, entry.admin2) if h is not None]
        if entry.admin1 is None:  # a town GeoNames files under no division ("Cork", "Sligo")
            holders += [d for d in divisions.values() if point_km(entry, d) < SEAT_KM]
        for division in holders:
            if division is None or not self._largest_in(index, entry, division):
                continue  # a hamlet of the name is no seat: the division's city is
            if own == key or normalize(division.name) != key:
                return division
        return None

    def _largest_in(self, index: int, entry: Entry, division: Entry) -> bool:
        """Whether no other town of the mention's candidates in the division is bigger: the
        town a division is named after is its largest of that name ("Zaporizhzhia" the city
        of 700,000, not the village of 600 people in the same oblast)."""
        return all(
            e.population <= entry.population
            for e in self.options[index]
            if e.kind in POINT_KINDS and division.geonameid in (e.admin1, e.admin2)
        )

    def _within(self, entry: Entry, region_key: str) -> bool:
        """Whether the entry lies in a region or country of that name."""
        for region in self.gazetteer.lookup(region_key):
            if region.kind == Kind.COUNTRY and region.country == entry.country:
                return True
            if region.kind == Kind.ADMIN1 and region.geonameid == entry.admin1:
                return True
            if region.kind == Kind.ADMIN2 and region.geonameid == entry.admin2:
                return True
        return False

    def _context_scores(
        self, index: int, entries: list[Entry], context: list[Choice | None]
    ) -> np.ndarray:
        """Bonuses from the regions and points the other mentions resolved to."""
        # a rival reading of the same name is no evidence: "Harare City Council" read as the
        # city must not make a bare "Harare" the province the city lies in
        key, rivals = self.mentions[index].key, {e.geonameid for e in entries}
        others = [
            c.entry
            for i, c in enumerate(context)
            if c is not None and i != index and self.mentions[i].key != key
            and c.entry.geonameid not in rivals
        ]  # fmt: skip
        regions: dict[int, set[int | None]] = {}
        for other in others:
            region = other.geonameid if other.kind == Kind.ADMIN1 else other.admin1
            if region:
                regions.setdefault(region, set()).add(other.geonameid)
        scores = np.array([SAME_REGION_BONUS if _supported(e, regions) else 0.0 for e in entries])
        points = [e for e in others if e.kind not in (Kind.COUNTRY, Kind.CONTINENT, Kind.REGION)]
        if points:
            scores += nearness(entries, points)
        if others:
            scores += same_world(entries, others)
        return scores


def _supported(entry: Entry, regions: dict[int, set[int | None]]) -> bool:
    """Whether another place than the entry itself was found in the entry's region."""
    return entry.admin1 is not None and bool(regions.get(entry.admin1, set()) - {entry.geonameid})
