"""Origins outside the corpus: the outlet a family's text came from when no member is it.

When every member credits one outlet and none of them is that outlet (all say "(AP)" and no AP
article is in the family), the origin is outside the corpus. The family names that outlet, has
no origin article, and every member's parent is None: each is taken to have copied the wire
directly, so no in-corpus parent and no changes are listed. A credit line of the earliest
member ("originally published at X", "READ MORE" excerpts) names an outside origin too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import replace

from newstrace.models import Attribution, Evidence, FamilyMember
from newstrace.normalize import comparison_key
from newstrace.reuse.evidence import (
    ATTRIBUTION_WEIGHT,
    UNKNOWN_OUTLET_FACTOR,
    Node,
    credit_evidence,
    noisy_or,
    same_outlet_name,
)
from newstrace.reuse.excerpts import excerpted, may_name

Support = dict[tuple[int, int], list[Evidence]]


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
