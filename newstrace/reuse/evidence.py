"""Evidence that one article was copied from another: what the copy states, carries and dates.

Weights are how far each kind alone should convince a reader (0..1, combined by noisy-or):
a canonical link to the original 0.9; an attribution line ("The original source of this
article is X", "provided by", "Source:") 0.8; a byline or wire marker naming the original's
outlet 0.6; a date line crediting it 0.5; embedded media hosted on its domain 0.5; its donation
appeal or copyright line carried along 0.5; naming it in the copy's own text 0.2; publication
order 0.3; containment (the copy mostly inside the original) 0.15. A credit to a name when the
candidate original's outlet is unknown counts UNKNOWN_OUTLET_FACTOR of its weight.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from newstrace.extract.credit_words import latin_spelling
from newstrace.models import Article, Attribution, BoilerplateKind, Evidence, ReuseLink
from newstrace.normalize import comparison_key

CANONICAL_LINK_WEIGHT = 0.9
ATTRIBUTION_WEIGHT = 0.8
BYLINE_WEIGHT = 0.6
WIRE_MARKER_WEIGHT = 0.6
DATELINE_WEIGHT = 0.5
MEDIA_HOST_WEIGHT = 0.5
CARRIED_BOILERPLATE_WEIGHT = 0.5
MENTION_WEIGHT = 0.2
PUBLICATION_ORDER_WEIGHT = 0.3
CONTAINMENT_WEIGHT = 0.15
# A credit to an outlet name when the candidate parent's own outlet is unknown counts less:
# the name fits, but nothing on the parent confirms it.
UNKNOWN_OUTLET_FACTOR = 0.7
HOURS_PER_DAY = 24
MIN_CONTAINMENT_GAP = 0.2  # coverage difference that makes one side look like an excerpt
UNSTATED_KINDS = frozenset({"publication order", "containment"})
_ATTRIBUTION_CUES = frozenset(
    {"original source", "originally published", "first appeared", "source", "provided by"}
)
_CARRIED_KINDS = {
    BoilerplateKind.APPEAL: "donation appeal",
    BoilerplateKind.COPYRIGHT: "copyright line",
}
_NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
]
_NOT_WORD = re.compile(r"[\W_]+")
_MARKER = re.compile(r"\([^)]*\)")


@dataclass(frozen=True, slots=True)
class Node:
    """A family member as origin detection sees it: the article and its outlet's domain."""

    article: Article
    domain: str | None


# ---- names, hosts and dates -------------------------------------------------------------


def _squash(name: str) -> str:
    """A name's letters and digits in Latin spelling where it has one ("РИА Новости" ->
    "rianovosti"), without a leading "the"."""
    key = latin_spelling(comparison_key(name)).removeprefix("the ")
    return _NOT_WORD.sub("", key)


def _acronym(name: str) -> str:
    words = _NOT_WORD.sub(" ", latin_spelling(comparison_key(name))).split()
    return "".join(word[0] for word in words if word != "the")


_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*)\.[a-z]{2,6}/?$", re.I)


def _undomain(name: str) -> str:
    """A name given as a domain reduced to its site name: "Healthimpactnews.com" ->
    "Healthimpactnews"; any other name unchanged."""
    match = _DOMAIN.match(name.strip())
    return match.group(1).rsplit(".", 1)[-1] if match else name


def same_outlet_name(first: str | None, second: str | None) -> bool:
    """Whether two outlet names mean the same outlet ("The AP" = "AP", "MPA" = "Meridian Press
    Agency", "healthimpactnews.com" = "Health Impact News")."""
    if not first or not second:
        return False
    first, second = _undomain(first), _undomain(second)
    a, b = _squash(first), _squash(second)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((first, second), key=len)
    return _squash(short) == _acronym(long_) and len(_squash(short)) >= 2


def url_host(url: str | None) -> str | None:
    """The host of a URL without www., lower case, or None."""
    if not url or "//" not in url:
        return None
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    return host or None


def host_matches(host: str | None, domain: str | None, outlet: str | None) -> bool:
    """Whether a host is an outlet's domain, or its name spelled as a domain (southfront.org)."""
    if not host:
        return False
    if domain and (host == domain or host.endswith("." + domain)):
        return True
    labels = host.split(".")[:-1]
    return bool(outlet) and _squash(outlet or "") in {_NOT_WORD.sub("", label) for label in labels}


def parse_when(value: str | None) -> tuple[date, datetime | None] | None:
    """A stored date as (day, aware datetime or None for a date-only value), or None."""
    if not value:
        return None
    try:
        if len(value) <= 10:
            return date.fromisoformat(value), None
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.date(), moment


def lag_hours(earlier: str | None, later: str | None) -> float | None:
    """Hours from one stored date to another; whole days when either is a date only."""
    first, second = parse_when(earlier), parse_when(later)
    if first is None or second is None:
        return None
    if first[1] is None or second[1] is None:
        return float((second[0] - first[0]).days * 24)
    return (second[1] - first[1]).total_seconds() / 3600


def describe_lag(hours: float, date_only: bool) -> str:
    """'one day', 'five hours', 'one day (28 hours)': a lag in words a reader takes in at once."""
    if hours < HOURS_PER_DAY and not date_only:
        return _count(round(hours), "hour")
    days = _count(round(hours / HOURS_PER_DAY), "day")
    return days if date_only else f"{days} ({round(hours)} hours)"


def _count(amount: int, unit: str) -> str:
    word = _NUMBER_WORDS[amount] if 0 <= amount < len(_NUMBER_WORDS) else str(amount)
    return f"{word} {unit}{'' if amount == 1 else 's'}"


def noisy_or(weights: list[float]) -> float:
    """The chance at least one independent piece of evidence is right."""
    return 1.0 - math.prod(1.0 - min(max(w, 0.0), 1.0) for w in weights)


# ---- evidence that `copy` was copied from `parent` -----------------------------------------


def _credits(copy: Article, parent: Node) -> list[tuple[Attribution, float]]:
    """The copy's attributions that name the parent's outlet (or could, when it is unknown)."""
    found = []
    for attribution in copy.attributions:
        name = attribution.outlet
        if not name or same_outlet_name(name, copy.outlet):
            continue
        if same_outlet_name(name, parent.article.outlet):
            found.append((attribution, 1.0))
        elif parent.article.outlet is None:
            found.append((attribution, UNKNOWN_OUTLET_FACTOR))
    return found


def credit_evidence(attribution: Attribution, factor: float) -> Evidence | None:
    """The evidence one credit line gives, by its cue; None for cues that prove nothing."""
    name, cue = attribution.outlet, attribution.cue
    if cue in _ATTRIBUTION_CUES:
        detail = f'attribution line names {name} ("{attribution.text}")'
        return Evidence("attribution", detail, ATTRIBUTION_WEIGHT * factor)
    if cue == "byline":
        detail = f"byline names {name} (“{attribution.text}”)"
        return Evidence("byline", detail, BYLINE_WEIGHT * factor)
    if cue == "wire marker":
        marker = _MARKER.search(attribution.text)
        detail = f"dateline marker {marker.group(0) if marker else attribution.text} names {name}"
        return Evidence("wire marker", detail, WIRE_MARKER_WEIGHT * factor)
    if cue == "dateline":
        detail = f'date line credits {name} ("{attribution.text}")'
        return Evidence("dateline", detail, DATELINE_WEIGHT * factor)
    return None


def _attribution_evidence(copy: Article, parent: Node) -> list[Evidence]:
    found: dict[str, Evidence] = {}
    for attribution, factor in _credits(copy, parent):
        evidence = credit_evidence(attribution, factor)
        if evidence is not None and evidence.kind not in found:
            found[evidence.kind] = evidence
    if (
        "byline" not in found
        and copy.byline
        and same_outlet_name(copy.byline, parent.article.outlet)
    ):
        found["byline"] = Evidence(
            "byline", f"byline names {copy.byline} (“{copy.byline}”)", BYLINE_WEIGHT
        )
    return list(found.values())


def _credited_name(copy: Article, parent: Node) -> str | None:
    """The outlet name the copy gives its original: the parent's own, else one it credits."""
    credits = _credits(copy, parent)
    return parent.article.outlet or (credits[0][0].outlet if credits else None)


def _canonical_evidence(copy: Article, parent: Node) -> list[Evidence]:
    parent_url = parent.article.url
    for attribution in copy.attributions:
        if parent_url and attribution.url and attribution.url.rstrip("/") == parent_url.rstrip("/"):
            return [
                Evidence(
                    "canonical link",
                    f"links to the original at {parent_url}",
                    CANONICAL_LINK_WEIGHT,
                )
            ]
        if host_matches(url_host(attribution.url), parent.domain, None):
            detail = f"links to {url_host(attribution.url)}"
            return [
                Evidence("canonical link", detail, CANONICAL_LINK_WEIGHT * UNKNOWN_OUTLET_FACTOR)
            ]
    texts = [block.text for block in copy.boilerplate] + list(copy.paragraphs)
    if parent_url and any(parent_url in text for text in texts):
        return [
            Evidence(
                "canonical link", f"links to the original at {parent_url}", CANONICAL_LINK_WEIGHT
            )
        ]
    return []


def _media_evidence(copy: Article, parent: Node, name: str | None, own: Node) -> list[Evidence]:
    for media in copy.media:
        host = url_host(media.url)
        if host_matches(host, own.domain, copy.outlet):
            continue
        if host_matches(host, parent.domain, name):
            detail = f"embedded {media.kind} hosted on {host} ({media.url})"
            return [Evidence("media host", detail, MEDIA_HOST_WEIGHT)]
    return []


def _boilerplate_evidence(copy: Article, parent: Node, name: str | None) -> list[Evidence]:
    found: dict[str, Evidence] = {}
    for block in copy.boilerplate:
        label = _CARRIED_KINDS.get(block.kind)
        if label is None or label in found:
            continue
        names_parent = bool(name) and _squash(name or "") in _squash(block.text)
        names_copy = bool(copy.outlet) and _squash(copy.outlet or "") in _squash(block.text)
        # A line both carry counts only when it names the parent's outlet and not the copy's:
        # an unnamed or third party's line (a "© REUTERS / photographer" caption) points to
        # neither, and the same line can never be evidence both ways.
        if names_parent and not names_copy:
            detail = f"the original's {label} carried into the copy: “{_clip(block.text)}”"
            found[label] = Evidence("carried boilerplate", detail, CARRIED_BOILERPLATE_WEIGHT)
    return list(found.values())


def _clip(text: str, words: int = 16) -> str:
    """The opening words of a quoted line, so evidence shows what it points to."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _mention_evidence(copy: Article, parent: Node) -> list[Evidence]:
    name = parent.article.outlet
    if not name:
        return []
    shared = {comparison_key(text) for text in parent.article.paragraphs}
    for index, text in enumerate(copy.paragraphs):
        if comparison_key(text) not in shared and comparison_key(name) in comparison_key(text):
            detail = f"the copy names {name} in its own paragraph {index + 1}"
            return [Evidence("mention", detail, MENTION_WEIGHT)]
    return []


def stated_date(copy: Article, parent: Node) -> str | None:
    """The parent's date: its own, else the date the copy states for the outlet it credits."""
    if parent.article.published:
        return parent.article.published
    dated = [a.published for a, _ in _credits(copy, parent) if a.published]
    return dated[0] if dated else None


def _order_evidence(copy: Article, parent: Node) -> list[Evidence]:
    parent_date = stated_date(copy, parent)
    hours = lag_hours(parent_date, copy.published)
    if hours is None or hours <= 0:
        return []
    date_only = len(parent_date or "") <= 10 or len(copy.published or "") <= 10
    whose = "the original's" if parent.article.published else "the original's stated"
    detail = f"republished {describe_lag(hours, date_only)} after {whose} date"
    return [Evidence("publication order", detail, PUBLICATION_ORDER_WEIGHT)]


def _containment_evidence(parent_coverage: float, copy_coverage: float) -> list[Evidence]:
    if copy_coverage - parent_coverage < MIN_CONTAINMENT_GAP:
        return []
    detail = (
        f"the copy is mostly inside the original ({copy_coverage:.0%} of the copy shared,"
        f" {parent_coverage:.0%} of the original)"
    )
    return [Evidence("containment", detail, CONTAINMENT_WEIGHT)]


def edge_evidence(parent: Node, copy: Node, link: ReuseLink) -> list[Evidence]:
    """Every reason to think `copy` was copied from `parent`, strongest first."""
    article = copy.article
    parent_cov, copy_cov = coverages(link, parent.article.id)
    name = _credited_name(article, parent)
    found = (
        _canonical_evidence(article, parent)
        + _attribution_evidence(article, parent)
        + _media_evidence(article, parent, name, copy)
        + _boilerplate_evidence(article, parent, name)
        + _mention_evidence(article, parent)
        + _order_evidence(article, parent)
        + _containment_evidence(parent_cov, copy_cov)
    )
    return sorted(found, key=lambda evidence: -evidence.weight)


def coverages(link: ReuseLink, parent_id: int | None) -> tuple[float, float]:
    """(share of the parent's body in the passages, share of the copy's)."""
    if parent_id == link.a:
        return link.coverage_a, link.coverage_b
    return link.coverage_b, link.coverage_a
