"""Who copied whom: each family becomes a tree rooted at its origin, every edge with its evidence.

The origin rule. Evidence is gathered for both directions of every linked pair. *Stated*
evidence (attribution lines, bylines, wire markers, datelines, canonical links, media hosted on
the other outlet's domain, the other outlet's boilerplate carried along, naming the other outlet)
decides first: the member with the largest net stated support is the origin. With no stated
evidence, the earliest publication date wins (dates stated by a copy for its original count);
then the smaller id. So the origin is the earliest article unless stated evidence says
otherwise, and that evidence is listed on the edges.

The tree grows from the origin, each step attaching the outside member whose best in-tree
parent has the strongest net evidence (a maximum-spanning arborescence, greedy). An edge's
confidence is noisy-or(supporting weights) * (1 - noisy-or(contrary weights)).

External origin: when every member credits one outlet and none of them is that outlet (all say
"(AP)" and no AP article is in the family), the origin is outside the corpus. The family names
that outlet, has no origin article, and every member's parent is None: each is taken to have
copied the wire directly, so no in-corpus parent and no changes are listed.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime

from newstrace.extract.wire import WIRE_SERVICES
from newstrace.models import Attribution, Evidence, FamilyMember, ReuseLink
from newstrace.normalize import comparison_key
from newstrace.reuse.evidence import (
    ATTRIBUTION_WEIGHT,
    PUBLICATION_ORDER_WEIGHT,
    UNKNOWN_OUTLET_FACTOR,
    UNSTATED_KINDS,
    Node,
    coverages,
    credit_evidence,
    edge_evidence,
    lag_hours,
    noisy_or,
    parse_when,
    same_outlet_name,
    stated_date,
)
from newstrace.reuse.excerpts import excerpted, may_name

# ---- the tree -----------------------------------------------------------------------------

Support = dict[tuple[int, int], list[Evidence]]


def pair_support(nodes: Mapping[int, Node], links: Mapping[tuple[int, int], ReuseLink]) -> Support:
    """Evidence for both directions of every link inside one family."""
    support: Support = {}
    for (a, b), link in links.items():
        support[(a, b)] = edge_evidence(nodes[a], nodes[b], link)
        support[(b, a)] = edge_evidence(nodes[b], nodes[a], link)
    return support


def _stated_net(support: Support) -> dict[int, float]:
    net: dict[int, float] = {}
    for (parent, copy), evidence in support.items():
        stated = sum(e.weight for e in evidence if e.kind not in UNSTATED_KINDS)
        net[parent] = net.get(parent, 0.0) + stated
        net[copy] = net.get(copy, 0.0) - stated
    return net


def _date_key(node: Node) -> tuple[int, str]:
    when = parse_when(node.article.published)
    if when is None:
        return (1, "")
    return (0, (when[1] or datetime.combine(when[0], datetime.min.time(), UTC)).isoformat())


def _stated_dates(nodes: Mapping[int, Node], support: Support) -> dict[int, str]:
    """Dates copies state for members that carry none of their own (for ordering the origin)."""
    dates: dict[int, str] = {}
    for parent, copy in sorted(support):
        if nodes[parent].article.published is None and parent not in dates:
            stated = stated_date(nodes[copy].article, nodes[parent])
            if stated:
                dates[parent] = stated
    return dates


def _contained_net(support: Support) -> dict[int, float]:
    """How far each member holds the others' texts (containment evidence, as parent minus as
    copy): of two texts one day apart by no stated hour, the fuller one is the likelier source."""
    net: dict[int, float] = {}
    for (parent, copy), evidence in support.items():
        weight = sum(e.weight for e in evidence if e.kind == "containment")
        net[parent] = net.get(parent, 0.0) + weight
        net[copy] = net.get(copy, 0.0) - weight
    return net


def is_wire_service(outlet: str | None) -> bool:
    """Whether an outlet is a news agency ("Reuters", "Sputnik News", "apnews.com")."""
    if not outlet:
        return False
    key = comparison_key(outlet.split(".")[0] if "." in outlet and " " not in outlet else outlet)
    names = {key, key.removesuffix(" news"), key.removesuffix("news")}
    return bool(names & WIRE_SERVICES)


def _day_ties(nodes: Mapping[int, Node]) -> set[str]:
    """Days on which two members fall and one of them states no hour: their order is unknown."""
    by_day: dict[str, list[bool]] = {}
    for node in nodes.values():
        when = parse_when(node.article.published)
        if when is not None:
            by_day.setdefault(when[0].isoformat(), []).append(when[1] is None)
    return {day for day, untimed in by_day.items() if len(untimed) > 1 and any(untimed)}


def choose_origin(nodes: Mapping[int, Node], support: Support) -> int:
    """The member with the most net stated support; else the earliest. Members of one day
    whose hours are unknown are ordered by what else is known: a news agency's own text first
    (agencies sell stories to others), then the text that holds the other's; else the
    smallest id."""
    net = _stated_net(support)
    stated_dates = _stated_dates(nodes, support)
    dated = {
        i: Node(n.article.with_changes(published=stated_dates[i]), n.domain)
        if i in stated_dates
        else n
        for i, n in nodes.items()
    }
    ties, contained = _day_ties(dated), _contained_net(support)

    def key(article_id: int) -> tuple[float, int, str, str, int, float, str, int]:
        node = dated[article_id]
        undated, moment = _date_key(node)
        hour = "" if moment[:10] in ties else moment  # an unknown hour orders nothing
        wire = 0 if is_wire_service(node.article.outlet) else 1
        holds = -round(contained.get(article_id, 0.0), 6)
        stated = -round(max(net.get(article_id, 0.0), 0.0), 6)
        return (stated, undated, moment[:10], hour, wire, holds, moment, article_id)

    return min(nodes, key=key)


def origin_evidence(
    nodes: Mapping[int, Node], support: Support, origin: int
) -> tuple[Evidence, ...]:
    """Why this member is the origin: what its copies state, and where its date stands."""
    found = []
    net = _stated_net(support).get(origin, 0.0)
    if net > 0:
        kinds = sorted(
            {e.kind for (p, _), ev in support.items() if p == origin for e in ev} - UNSTATED_KINDS
        )
        pointing = sum(1 for (p, _) in support if p == origin)
        detail = f"its copies point to it ({pointing} links, net {net:.2f}): {', '.join(kinds)}"
        found.append(Evidence("stated evidence", detail, round(min(net, 1.0), 4)))
    dates = {**{i: n.article.published for i, n in nodes.items()}, **_stated_dates(nodes, support)}
    own = dates.get(origin)
    earlier = [i for i, d in dates.items() if i != origin and (lag_hours(d, own) or 0) > 0]
    if earlier:
        other = min(earlier)
        detail = (
            f"article {other} is dated earlier ({dates[other]}); stated evidence outweighs the date"
        )
        found.append(Evidence("publication order", detail, -PUBLICATION_ORDER_WEIGHT))
    elif own:
        found.append(
            Evidence(
                "publication order",
                f"earliest date in the family ({own})",
                PUBLICATION_ORDER_WEIGHT,
            )
        )
    if not found:
        detail = "no stated evidence or dates decide; the first stored article is taken"
        found.append(Evidence("tie-break", detail, 0.0))
    return tuple(found)


def _net_weight(support: Support, parent: int, copy: int) -> float:
    forward = sum(e.weight for e in support.get((parent, copy), []))
    return forward - sum(e.weight for e in support.get((copy, parent), []))


def _contrary(evidence: Evidence) -> Evidence:
    """Evidence for the reverse direction, worded as what it says against this edge."""
    if evidence.kind == "publication order":
        detail = (
            "the copy's date is earlier than its parent's; the parent is kept on stronger evidence"
        )
        return Evidence(evidence.kind, f"against: {detail} ({evidence.detail})", -evidence.weight)
    return Evidence(
        evidence.kind, f"against (points the other way): {evidence.detail}", -evidence.weight
    )


def _member(support: Support, parent: int, copy: int, link: ReuseLink) -> FamilyMember:
    forward = support.get((parent, copy), [])
    backward = support.get((copy, parent), [])
    # One item can never be evidence both for and against: a line, credit or date that reads
    # both ways proves neither direction and is dropped from both.
    both = {(e.kind, e.detail) for e in forward} & {(e.kind, e.detail) for e in backward}
    positive = [e for e in forward if (e.kind, e.detail) not in both]
    contrary = [_contrary(e) for e in backward if (e.kind, e.detail) not in both]
    confidence = noisy_or([e.weight for e in positive]) * (
        1 - noisy_or([-e.weight for e in contrary])
    )
    coverage = coverages(link, parent)[0]
    if not positive and not contrary:
        detail = "no credit, date order or carried line says which copied which; confidence 0"
        positive = [Evidence("tie-break", detail, 0.0)]
    return FamilyMember(
        copy, parent, round(coverage, 4), round(confidence, 4), tuple(positive + contrary)
    )


def grow_tree(
    nodes: Mapping[int, Node],
    links: Mapping[tuple[int, int], ReuseLink],
    support: Support,
    origin: int,
) -> list[FamilyMember]:
    """Attach members one by one along the strongest net evidence, starting from the origin."""
    neighbours: dict[int, list[int]] = {}
    for a, b in links:
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    evidence = origin_evidence(nodes, support, origin)
    confidence = round(noisy_or([e.weight for e in evidence if e.weight > 0]), 4)
    members = [FamilyMember(origin, None, 1.0, confidence, evidence)]
    placed = {origin}
    heap: list[tuple[float, tuple[int, str], int, int]] = []
    while True:
        for other in neighbours.get(members[-1].article, []):
            parent = members[-1].article
            if other not in placed:
                key = (-_net_weight(support, parent, other), _date_key(nodes[other]), other, parent)
                heapq.heappush(heap, key)
        while heap and heap[0][2] in placed:
            heapq.heappop(heap)
        if not heap:
            return sorted(members, key=lambda m: m.article)
        _, _, copy, parent = heapq.heappop(heap)
        placed.add(copy)
        members.append(
            _member(support, parent, copy, links[(min(parent, copy), max(parent, copy))])
        )


def _credits_to_outside(node: Node) -> list[Attribution]:
    own = node.article.outlet
    return [
        a for a in node.article.attributions if a.outlet and not same_outlet_name(a.outlet, own)
    ]


def _independent(nodes: Mapping[int, Node], name: str) -> bool:
    """Whether a name every member credits is credited by a credit line, or by in-text credits
    ("Reuters reported", "told Reuters") no two members share: an in-text credit copied along
    with the text says nothing about where the copy came from."""
    texts: list[set[str]] = []
    for node in nodes.values():
        credits = [a for a in _credits_to_outside(node) if same_outlet_name(a.outlet, name)]
        if any(a.cue not in _IN_TEXT_CUES for a in credits):
            return True
        texts.append({comparison_key(a.text) for a in credits})
    return all(not (a & b) for i, a in enumerate(texts) for b in texts[i + 1 :])


def external_origin(nodes: Mapping[int, Node]) -> str | None:
    """The outlet every member credits when none of them is it (a wire story), else None.

    "X told Reuters" names who did the interview, not where a text came from: it counts for a
    member only when another member credits that outlet in a credit line or "Reuters reported"."""
    credited = [{a.outlet for a in _credits_to_outside(n) if a.outlet} for n in nodes.values()]
    stated = {a.outlet for n in nodes.values() for a in _credits_to_outside(n) if a.cue != "told"}
    if not credited or not all(credited):
        return None
    for name in sorted(credited[0]):
        everyone = all(any(same_outlet_name(name, other) for other in names) for names in credited)
        backed = any(same_outlet_name(name, other) for other in stated if other)
        member = any(same_outlet_name(name, n.article.outlet) for n in nodes.values())
        if everyone and backed and not member and _independent(nodes, name):
            return name
    return None


def external_members(nodes: Mapping[int, Node], wire: str) -> list[FamilyMember]:
    """Members of a family whose origin is outside the corpus: each credits the wire directly."""
    members = []
    for article_id in sorted(nodes):
        credits = [
            a for a in nodes[article_id].article.attributions if same_outlet_name(a.outlet, wire)
        ]
        evidence = [e for e in (credit_evidence(a, 1.0) for a in credits) if e is not None]
        confidence = noisy_or([e.weight for e in evidence])
        members.append(FamilyMember(article_id, None, 1.0, round(confidence, 4), tuple(evidence)))
    return members


_IN_TEXT_CUES = frozenset({"reported", "told"})
# Credits that make an origin external: what a text states about where it came from.
_CREDIT_CUES = frozenset(
    {
        "authored",
        "original source",
        "originally published",
        "first appeared",
        "source",
        "provided by",
        "via",
        "byline",
        "wire marker",
        "dateline",
    }
)
_CUE_STRENGTH = (
    "original source",
    "originally published",
    "first appeared",
    "provided by",
    "source",
    "via",
    "authored",
    "byline",
    "wire marker",
    "dateline",
)
_BACKING_KINDS = frozenset({"attribution", "canonical link", "byline", "wire marker"})
# A later member's credit outweighs the earliest member's date only when it states an origin
# ("originally published by", "first appeared", "via X", a syndication tag, a wire marker, a
# byline), not a tip, a source or an "X reported" (citing a report is not republishing it).
_ORIGIN_CUES = frozenset(
    {
        "authored",
        "original source",
        "originally published",
        "first appeared",
        "provided by",
        "via",
        "byline",
        "wire marker",
    }
)


def _outside_credits(
    nodes: Mapping[int, Node], article_id: int, cues: frozenset[str] = _CREDIT_CUES
) -> list[Attribution]:
    """A member's credits to an outlet that is no member's own. "Authored by A" credits the
    writer's own publication, named by the writer, unless a member is A's or signed by A."""
    outlets = [n.article.outlet for n in nodes.values()]
    signed = {comparison_key(name) for n in nodes.values() for name in n.article.authors}
    credits = [
        replace(a, outlet=a.author) if a.cue == "authored" and a.author else a
        for a in nodes[article_id].article.attributions
        if not (a.cue == "authored" and comparison_key(a.author or "") in signed)
    ]
    return [
        a
        for a in credits
        if a.outlet and a.cue in cues and not any(may_name(a.outlet, o) for o in outlets)
    ]


def _credit_strength(credit: Attribution) -> int:
    """Where a credit's cue ranks: a line saying where the text came from ("originally
    published at X") above a byline, a wire marker or a date line."""
    order = list(_CUE_STRENGTH)
    return order.index(credit.cue) if credit.cue in order else len(order)


def credited_outside(
    nodes: Mapping[int, Node], support: Support, origin: int
) -> tuple[str, Evidence] | None:
    """The outlet outside the corpus a family's text came from, with the credit that says so.

    The earliest member itself crediting an outlet that is no member's makes that outlet the
    origin; so does any member's such credit when nothing stated points to the earliest."""
    excerpt = excerpted(nodes, origin)
    if excerpt is not None:
        return excerpt
    own = sorted(_outside_credits(nodes, origin), key=_credit_strength)
    if own:
        credit = own[0]
        detail = f"its text credits {credit.outlet}, outside the corpus: “{credit.text}”"
        return credit.outlet or "", Evidence("attribution", detail, ATTRIBUTION_WEIGHT)
    backed = any(
        e.kind in _BACKING_KINDS for (p, _), found in support.items() if p == origin for e in found
    )
    if backed:
        return None
    credits = [(i, a) for i in sorted(nodes) for a in _outside_credits(nodes, i, _ORIGIN_CUES)]
    if not credits:
        return None
    name = Counter(a.outlet for _, a in credits).most_common(1)[0][0] or ""
    stating = [(i, a) for i, a in credits if same_outlet_name(a.outlet, name)]
    quoted = "; ".join(f"article {i}: “{a.text}”" for i, a in stating[:3])
    detail = f"members credit {name}, an outlet outside the corpus, and none is credited: {quoted}"
    return name, Evidence("external origin", detail, ATTRIBUTION_WEIGHT * UNKNOWN_OUTLET_FACTOR)
