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

Origins outside the corpus (a wire story, a credited outlet) are read in `external.py`.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from datetime import UTC, datetime

from newstrace.extract.wire import WIRE_SERVICES
from newstrace.models import Evidence, FamilyMember, ReuseLink
from newstrace.normalize import comparison_key
from newstrace.reuse.evidence import (
    PUBLICATION_ORDER_WEIGHT,
    UNSTATED_KINDS,
    Node,
    coverages,
    edge_evidence,
    lag_hours,
    noisy_or,
    parse_when,
    stated_date,
)
from newstrace.reuse.external import credited_outside, external_members, external_origin

# Read in external.py; named here too, where provenance and the tests take them from.
__all__ = [
    "choose_origin",
    "credited_outside",
    "external_members",
    "external_origin",
    "grow_tree",
    "is_wire_service",
    "origin_evidence",
    "pair_support",
]

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
