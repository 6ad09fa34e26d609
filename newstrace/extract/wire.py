"""Attributions stated by wire markers and bylines: "ATHENS (Reuters) -", "By Associated Press".

A byline is an attribution when it names an organisation rather than a person: a wire
service, a name ending in a news-organisation word ("... Press Agency", "... Tribune"), or an
outlet the same page names elsewhere as the original source.
"""

from __future__ import annotations

import re

from newstrace.models import Article, Attribution
from newstrace.normalize import comparison_key

WIRE_SERVICES = frozenset(
    comparison_key(name)
    for name in (
        "Reuters", "Thomson Reuters", "AP", "Associated Press", "The Associated Press", "AFP",
        "Agence France-Presse", "Agence France Presse", "Bloomberg", "Bloomberg News", "dpa",
        "Deutsche Presse-Agentur", "EFE", "ANSA", "Xinhua", "TASS", "RIA Novosti", "Interfax",
        "Sputnik", "Anadolu", "Anadolu Agency", "PA", "PA Media", "Press Association", "Kyodo",
        "Kyodo News", "Yonhap", "UPI", "United Press International", "CNN Wire", "AAP",
        "Australian Associated Press", "Canadian Press", "The Canadian Press", "IANS", "PTI",
        "Press Trust of India", "ANI", "Europa Press", "Jiji Press", "Reuters Staff",
    )
)  # fmt: skip
# Last words that make a name an organisation's rather than a person's.
_ORGANISATION_WORDS = frozenset(
    [
        "agency",
        "press",
        "news",
        "service",
        "services",
        "wire",
        "newswire",
        "times",
        "post",
        "tribune",
        "herald",
        "media",
        "network",
        "journal",
        "gazette",
        "daily",
        "online",
        "report",
        "reporter",
        "courier",
        "dispatch",
        "chronicle",
        "telegraph",
        "guardian",
        "observer",
        "review",
        "record",
        "ledger",
        "sentinel",
        "monitor",
        "bulletin",
        "radio",
        "tv",
        "television",
        "channel",
        "broadcasting",
        "magazine",
        "digest",
        "insider",
        "watch",
        "front",
    ]
)
# Last words of an organisation that publishes under its own name rather than a person's.
ORGANISATION_ENDINGS = frozenset(
    [
        "association",
        "clinic",
        "institute",
        "foundation",
        "university",
        "society",
        "center",
        "centre",
        "hospital",
        "inc",
        "llc",
        "ltd",
        "corporation",
    ]
)
# "ATHENS (Reuters) -", "Washington (CNN)President ...": a dash, or the story's first capital.
_WIRE_MARKER = re.compile(
    r"^(?:[A-Z][A-Za-z0-9 .,'’/-]{0,60}?\s*)?\((?P<wire>[A-Z][A-Za-z .&-]{0,40}?)\)"
    r"(?:\s*[-—–:]|\s*(?=[A-Z“\"‘]))"
)
# Page chrome (a kicker, "Updated 9:14 AM ET", a photo credit) may come before the marker.
MAX_MARKER_PARAGRAPHS = 6
_BY = re.compile(r"^\s*by\s+", re.I)


def is_organisation(name: str) -> bool:
    """Whether a byline names a wire service or news organisation rather than a person."""
    key = comparison_key(_BY.sub("", name))
    if key in WIRE_SERVICES:
        return True
    words = key.replace("-", " ").split()
    if len(words) > 1 and words[0] == "the":  # "The Commercial Appeal": no person's name
        return True
    return bool(words) and words[-1] in _ORGANISATION_WORDS | ORGANISATION_ENDINGS


def _wire_marker(paragraphs: tuple[str, ...]) -> Attribution | None:
    """The "(Reuters)" marker opening the story, in one of its first paragraphs."""
    for paragraph in paragraphs[:MAX_MARKER_PARAGRAPHS]:
        match = _WIRE_MARKER.match(paragraph)
        if match is None:
            continue
        wire = match.group("wire").strip()
        if comparison_key(wire) in WIRE_SERVICES or wire.isupper() or is_organisation(wire):
            return Attribution(text=match.group(0).strip(), cue="wire marker", outlet=wire)
    return None  # "(photo)" or "(left)" is no agency


def _byline(article: Article) -> Attribution | None:
    if not article.byline:
        return None
    name = _BY.sub("", article.byline).strip()
    named_elsewhere = {comparison_key(a.outlet) for a in article.attributions if a.outlet}
    if not (is_organisation(name) or comparison_key(name) in named_elsewhere):
        return None
    return Attribution(text=f"By {name}", cue="byline", outlet=name)


def with_wire_attributions(article: Article) -> Article:
    """The article with attributions added for a wire marker and an organisation byline."""
    found = [a for a in (_byline(article), _wire_marker(article.paragraphs)) if a is not None]
    known = {(a.cue, comparison_key(a.outlet or "")) for a in article.attributions}
    new = [a for a in found if (a.cue, comparison_key(a.outlet or "")) not in known]
    return article.with_changes(attributions=article.attributions + tuple(new)) if new else article


def _name_key(name: str) -> str:
    """An outlet name as letters and digits, without "The" or a domain's ending."""
    name = re.sub(r"^(?:https?://)?(?:www\.)?", "", name.strip().casefold())
    name = re.sub(r"\.[a-z]{2,12}/?$", "", name).removeprefix("the ")
    return re.sub(r"[^0-9a-z]+", "", name)


def without_own_date_lines(article: Article) -> Article:
    """The article without date-line credits to its own outlet: "Global Research, March 31,
    2020" on Global Research's page is its date, while on a partner's page it says whose
    story it is."""
    own = _name_key(article.outlet or "")
    kept = tuple(
        a
        for a in article.attributions
        if not (a.cue == "dateline" and own and _name_key(a.outlet or "") == own)
    )
    return (
        article
        if len(kept) == len(article.attributions)
        else article.with_changes(attributions=kept)
    )
