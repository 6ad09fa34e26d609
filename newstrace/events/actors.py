"""Actor mentions normalised to ACLED-style names through the alias file, with article context."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from newstrace.events.countries import country_rows, names_another, shared_name_doubtful
from newstrace.events.lexicon import load, trie_pattern
from newstrace.models.events import ActorMention

# "the 20th Division of the so-called Syrian National Army": the unit belongs to the army named.
_UNIT_PREFIX = (
    r"(?:(?:the\s+)?\d+(?:st|nd|rd|th)\s+(?:Division|Brigade|Regiment|Battalion|Corps|Squadron|Army)"
    r"\s+of\s+(?:the\s+)?)?(?:so-called\s+)?"
)
_POSSESSIVE = ("'s", "’s")
_POSSESSOR = re.compile(r"\b(?:its|their|his|her|our|own)\s+$", re.I)
FOCUS = "{country}"  # in the name of a state actor named without its country ("the army")


@dataclass(frozen=True, slots=True)
class Alias:
    """What a surface form stands for."""

    name: str
    inter: int
    kind: str  # state, police, government, proxy, coalition, group, identity, generic
    form: str = ""  # the spelling in the alias file (acronyms must match in capitals)


@dataclass(frozen=True, slots=True)
class AliasTable:
    """Surface forms (lower case) and the one regex that finds any of them in a sentence."""

    forms: dict[str, Alias]
    pattern: re.Pattern[str]
    countries: dict[str, str]  # lower-case name, demonym or capital -> country name
    demonyms: dict[str, list[str]]  # country name -> its demonyms


def _country_forms(row: list[Any], data: dict[str, Any]) -> dict[str, Alias]:
    name, _, capitals, demonyms, extras = row
    bare = name.removeprefix("the ")
    military = Alias(f"Military Forces of {name}", 1, "state")
    police = Alias(f"Police Forces of {name}", 1, "police")
    government = Alias(f"Government of {name}", 1, "government")
    proxy = f"{(demonyms or [bare])[0]}-backed forces"
    forms: dict[str, Alias] = {}
    for words in (*capitals, *extras, bare, name):
        forms[words] = military
    for demonym in demonyms:
        for noun in data["state_nouns"]:
            forms[f"{demonym} {noun}"] = military
        for noun in data["police_nouns"]:
            forms[f"{demonym} {noun}"] = police
        for noun in data["government_nouns"]:
            forms[f"{demonym} {noun}"] = government
        for noun in data["proxy_nouns"]:
            for joiner in ("-backed", "-supported", "-allied", "-led", " backed"):
                forms[f"{demonym}{joiner} {noun}"] = Alias(proxy, 3, "proxy")
            forms[f"pro-{demonym} {noun}"] = Alias(proxy, 3, "proxy")
        forms[f"{demonym} proxies"] = Alias(proxy, 3, "proxy")
        forms[f"{demonym}-led coalition"] = Alias(f"{demonym}-led coalition", 8, "coalition")
    for possessive in _POSSESSIVE:
        for noun in ("army", "military", "armed forces", "troops", "forces", "soldiers"):
            forms[f"{bare}{possessive} {noun}"] = military
        forms[f"{bare}{possessive} government"] = government
        forms[f"{bare}{possessive} proxies"] = Alias(proxy, 3, "proxy")
    forms[f"government of {bare}"] = government
    for article in ("", "the "):  # ACLED's own wording: "military forces of Armenia"
        forms[f"{article}military forces of {bare}"] = military
        forms[f"{article}police forces of {bare}"] = police
    return forms


def _group_forms(data: dict[str, Any]) -> dict[str, Alias]:
    forms: dict[str, Alias] = {}
    for canonical, (inter, aliases) in data["groups"].items():
        kind = "coalition" if "coalition" in canonical else "group"
        kind = "generic" if inter in (5, 6, 7) or canonical.startswith("Unidentified") else kind
        for form in (canonical, *aliases):
            forms[form] = Alias(canonical, inter, kind)
    templates = {"military": "Military Forces of {country}", "police": "Police Forces of {country}",
                 "government": "Government of {country}"}  # fmt: skip
    for role, generic_forms in data["generic_state"].items():
        for form in generic_forms:
            forms.setdefault(form, Alias(templates[role], 1, "focus"))
    for group in data["identity_groups"]:
        for noun in data["identity_nouns"]:
            forms[f"{group} {noun}"] = Alias(f"{group} militias", 4, "identity")
    return forms


@cache
def alias_table() -> AliasTable:
    """The alias table built from data/actors.json."""
    data = load("actors.json")
    forms: dict[str, Alias] = {}
    countries: dict[str, str] = {}
    for row in country_rows():
        forms.update(_country_forms(row, data))
        for word in (row[0].removeprefix("the "), *row[2], *row[3]):
            countries.setdefault(word.casefold(), row[0])
    forms.update(_group_forms(data))
    keyed = {
        form.casefold(): Alias(alias.name, alias.inter, alias.kind, form)
        for form, alias in forms.items()
    }
    alternation = trie_pattern([form.lower() for form in forms])
    pattern = re.compile(rf"(?<![\w-])({_UNIT_PREFIX})({alternation})(?![\w-])", re.IGNORECASE)
    demonyms = {row[0]: list(row[3]) for row in country_rows()}
    return AliasTable(keyed, pattern, countries, demonyms)


def _case_ok(form: str, found: str) -> bool:
    """Acronyms ("US", "SNA") match only in capitals, so "us" the pronoun is no actor."""
    return all(
        not (f.isupper() and len(f.strip(".")) <= 5) or g.isupper()
        for f, g in zip(form.split(), found.split(), strict=False)
    )


def find_actors(text: str, offset: int = 0) -> list[tuple[ActorMention, str]]:
    """Every actor mention in a text with its alias kind; offsets shifted by `offset`."""
    table = alias_table()
    found: list[tuple[ActorMention, str]] = []
    for match in table.pattern.finditer(text):
        alias = table.forms.get(match.group(2).casefold())
        if alias is None or not _case_ok(alias.form, match.group(2)):
            continue
        if _not_the_country(text, match.start(2), match.end(2), table):
            continue
        if alias.kind == "focus" and _POSSESSOR.search(
            text[max(0, match.start() - 12) : match.start()]
        ):
            continue  # "its own troops", "their soldiers": someone else's, named before
        mention = ActorMention(
            alias.name, match.group(0), alias.inter, offset + match.start(), offset + match.end()
        )
        found.append((mention, alias.kind))
    return found


class ActorContext:
    """What the article said before: the coalition last named, the actors of earlier events."""

    def __init__(self) -> None:
        self.coalition: str | None = None

    def resolve(self, mention: ActorMention, kind: str) -> ActorMention:
        """A mention made specific by what came before ("coalition troops" -> the US-led one)."""
        if kind != "coalition":
            return mention
        if "-led" in mention.mention or self.coalition is None:
            self.coalition = mention.name
            return mention
        return ActorMention(self.coalition, mention.mention, 8, mention.start, mention.end)


def country_words() -> dict[str, str]:
    """Lower-case country names, capitals and demonyms -> country name."""
    return alias_table().countries


def normalise(name: str) -> str:
    """A name (from a gold set or a user) normalised through the alias table, else as written."""
    table = alias_table()
    match = table.pattern.fullmatch(name.strip())
    if match:
        alias = table.forms.get(match.group(2).casefold())
        if alias is not None:
            return alias.name
    return name.strip()


def _not_the_country(
    text: str, start: int, end: int, table: AliasTable, labels: bool = True
) -> bool:
    """A country's bare name or capital that is part of a person's name or (with `labels`) a
    place's label, or a name shared with a US state with nothing else of the country said."""
    word = text[start:end].casefold().removeprefix("the ")
    country = table.countries.get(word)
    if country is None or word in {d.casefold() for d in table.demonyms.get(country, [])}:
        return False  # a demonym ("Syrian Army") is no country's name to mistake
    return names_another(text, start, end, labels) or shared_name_doubtful(
        text[start:end], text, table.demonyms.get(country, [])
    )


@cache
def country_codes() -> dict[str, str]:
    """ISO 3166 alpha-2 code -> country name as in actor names."""
    return {row[1]: row[0] for row in country_rows()}


def body_focus(body: str) -> str | None:
    """The country a body names most often (by name, demonym or capital), or None."""
    words = country_words()
    counts: dict[str, int] = {}
    table = alias_table()
    for match in re.finditer(r"[A-Z][\w'.-]+(?:\s[A-Z][\w'.-]+)?", body):
        whole, first, last = match.group(0), match.group(0).split()[0], match.group(0).split()[-1]
        for candidate, at in ((whole, match.start()), (first, match.start()),
                              (last, match.end() - len(last))):  # fmt: skip
            word = candidate.rstrip(".'’")
            country = words.get(word.casefold())
            if country and not _not_the_country(body, at, at + len(word), table, labels=False):
                counts[country] = counts.get(country, 0) + 1
                break
    return max(counts, key=lambda c: counts[c]) if counts else None


# ACLED names unnamed crowds, civilians and armed groups with their country: "Protesters (Chile)".
COUNTRY_SUFFIXED = frozenset({"Protesters", "Rioters", "Civilians", "Unidentified Armed Group"})


def with_focus(mention: ActorMention, country: str | None) -> ActorMention | None:
    """A state actor named without its country ("police") given the article's country, or None;
    protesters, rioters, civilians and unidentified armed groups get the country in brackets."""
    if mention.name in COUNTRY_SUFFIXED and country:
        return ActorMention(
            f"{mention.name} ({country})",
            mention.mention,
            mention.inter,
            mention.start,
            mention.end,
        )
    if FOCUS not in mention.name:
        return mention
    if country is None:
        return None
    return ActorMention(
        mention.name.format(country=country),
        mention.mention,
        mention.inter,
        mention.start,
        mention.end,
    )
