"""The provenance stage: link kinds, families over republications, origins, the network.

Every cross-outlet link is classified first (reuse/kinds.py): only republications join
families and make outlet edges; shared quotations are listed apart and boilerplate is no copy.
Members' dates follow their texts (reuse/textdates.py), and a family whose text credits an
outlet outside the corpus has that outlet as its origin (reuse/origin.py, credited_outside).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import sqlite_utils

from newstrace.models import Evidence, Family, FamilyMember, Inference, ReuseLink
from newstrace.models.reuse import REPUBLICATION
from newstrace.reuse.changes import copy_changes
from newstrace.reuse.evidence import ATTRIBUTION_WEIGHT, Node, same_outlet_name, url_host
from newstrace.reuse.families import connected_families
from newstrace.reuse.kinds import classify_links
from newstrace.reuse.network import outlet_edges
from newstrace.reuse.origin import (
    choose_origin,
    credited_outside,
    external_members,
    external_origin,
    grow_tree,
    pair_support,
)
from newstrace.reuse.textdates import text_dates
from newstrace.settings import Settings
from newstrace.store import load_article, transaction
from newstrace.store.families import (
    clear_provenance,
    outlet_domain_of,
    write_family,
    write_inferences,
)
from newstrace.store.links import cross_outlet_links, iter_links, write_link_kinds
from newstrace.store.network import family_copies, write_outlet_edges
from newstrace.store.runs import article_texts

STAGE = "reuse"


@dataclass
class ProvenanceSummary:
    """What a provenance run wrote."""

    families: int = 0
    members: int = 0
    external_origins: int = 0
    inferences: int = 0
    outlet_edges: int = 0
    link_kinds: dict[str, int] = field(default_factory=dict)  # cross-outlet links by kind

    def add(self, family: Family, inferences: list[Inference]) -> None:
        """Count one family and the facts inferred in it."""
        self.families += 1
        self.members += len(family.members)
        self.external_origins += family.external
        self.inferences += len(inferences)


def build_provenance(db: sqlite_utils.Database, settings: Settings) -> ProvenanceSummary:
    """Recompute families, origins, changes, inferences and the outlet network from the links."""
    del settings  # no tunables yet; kept so every stage has the same signature
    summary = ProvenanceSummary()
    with transaction(db) as conn:
        clear_provenance(conn, STAGE)
        links = republications(conn, summary)
        families = connected_families(links)
        by_family = links_by_family(families, links)
        for family_id, members in families.items():
            nodes = {article_id: _node(conn, article_id) for article_id in members}
            family, inferences = family_provenance(family_id, nodes, by_family[family_id])
            write_inferences(conn, inferences, STAGE)
            write_family(conn, family)
            summary.add(family, inferences)
        edges = outlet_edges(family_copies(conn))
        write_outlet_edges(conn, edges)
        summary.outlet_edges = len(edges)
    return summary


def republications(
    conn: sqlite3.Connection, summary: ProvenanceSummary | None = None
) -> dict[tuple[int, int], ReuseLink]:
    """Classify every cross-outlet link (stored), and return the republications: the links
    families and the outlet network stand on."""
    every = list(iter_links(conn, cross_outlet_only=False))
    ids = sorted({article for link in every for article in (link.a, link.b)})
    kinds = classify_links(every, article_texts(conn, ids))
    write_link_kinds(conn, kinds)
    if summary is not None:
        summary.link_kinds = dict(Counter(kind.kind for kind in kinds.values()))
    return {
        key: replace(link, kind=kinds[key])
        for key, link in cross_outlet_links(conn).items()
        if key in kinds and kinds[key].kind == REPUBLICATION
    }


def links_by_family(
    families: Mapping[int, tuple[int, ...]], links: Mapping[tuple[int, int], ReuseLink]
) -> dict[int, dict[tuple[int, int], ReuseLink]]:
    """The links of each family, keyed by family id."""
    family_of_article = {a: family_id for family_id, members in families.items() for a in members}
    grouped: dict[int, dict[tuple[int, int], ReuseLink]] = {family_id: {} for family_id in families}
    for key, link in links.items():
        grouped[family_of_article[key[0]]][key] = link
    return grouped


def _node(conn: sqlite3.Connection, article_id: int) -> Node:
    article = load_article(conn, article_id)
    if article is None:
        raise LookupError(f"reuse link names article {article_id}, which is not stored")
    return Node(article, outlet_domain_of(conn, article.outlet) or url_host(article.url))


def family_provenance(
    family_id: int, nodes: Mapping[int, Node], links: Mapping[tuple[int, int], ReuseLink]
) -> tuple[Family, list[Inference]]:
    """One family's tree and the facts its copies state about their parents.

    An origin with no outlet of its own takes the outlet its copies credit it to."""
    family = family_tree(family_id, nodes, links)
    inferences = infer_facts(family, nodes)
    outlet = next(
        (
            i.value
            for i in inferences
            if i.article_id == family.origin_article and i.field == "outlet"
        ),
        None,
    )
    return replace(family, origin_outlet=family.origin_outlet or outlet), inferences


def family_tree(
    family_id: int, nodes: Mapping[int, Node], links: Mapping[tuple[int, int], ReuseLink]
) -> Family:
    """One family's tree: its origin (or external wire), parents, evidence and changes."""
    wire = external_origin(nodes)
    if wire is not None:
        return Family(tuple(external_members(nodes, wire)), None, wire, True, family_id)
    dated, notes = _dated(nodes)
    support = pair_support(dated, links)
    origin = choose_origin(dated, support)
    members = [
        _with_notes(_with_changes(member, nodes), notes)
        for member in grow_tree(dated, links, support, origin)
    ]
    outside = credited_outside(dated, support, origin)
    if outside is not None:
        name, credit = outside
        members = [_from_outside(m, dated, name, credit, origin) for m in members]
        return Family(tuple(members), None, name, True, family_id)
    return Family(tuple(members), origin, nodes[origin].article.outlet, False, family_id)


def _from_outside(
    member: FamilyMember, nodes: Mapping[int, Node], name: str, credit: Evidence, origin: int
) -> FamilyMember:
    """A member of a family whose origin is outside the corpus: the earliest member, and any
    member whose own text credits that outlet, copied it directly (no in-corpus parent)."""
    if member.article == origin:
        evidence = (credit, *member.evidence)
        return replace(member, evidence=evidence, confidence=round(credit.weight, 4))
    own = [
        a
        for a in nodes[member.article].article.attributions
        if a.outlet and same_outlet_name(a.outlet, name)
    ]
    if not own:
        return member
    detail = f"credits {name} itself: “{own[0].text}”"
    found = Evidence("attribution", detail, ATTRIBUTION_WEIGHT)
    return FamilyMember(member.article, None, 1.0, ATTRIBUTION_WEIGHT, (found,), ())


def _dated(nodes: Mapping[int, Node]) -> tuple[dict[int, Node], dict[int, Evidence]]:
    """The members with the dates their texts allow (reuse/textdates.py), and why each changed."""
    found = text_dates({i: n.article for i, n in nodes.items()})
    dated = {
        i: Node(n.article.with_changes(published=found[i][0]), n.domain) if i in found else n
        for i, n in nodes.items()
    }
    return dated, {i: note for i, (_, note) in found.items()}


def _with_notes(member: FamilyMember, notes: Mapping[int, Evidence]) -> FamilyMember:
    note = notes.get(member.article)
    return replace(member, evidence=(*member.evidence, note)) if note else member


def _with_changes(member: FamilyMember, nodes: Mapping[int, Node]) -> FamilyMember:
    if member.parent is None:
        return member
    changes = copy_changes(nodes[member.parent].article, nodes[member.article].article)
    return FamilyMember(
        member.article,
        member.parent,
        member.coverage,
        member.confidence,
        member.evidence,
        tuple(changes),
    )


def infer_facts(family: Family, nodes: Mapping[int, Node]) -> list[Inference]:
    """Outlet and date of parents that state none, taken from what their copies credit."""
    found: list[Inference] = []
    for parent_id in sorted({m.parent for m in family.members if m.parent is not None}):
        children = [nodes[m.article].article for m in family.members if m.parent == parent_id]
        found += _infer_for(nodes[parent_id], children)
    return found


def _infer_for(parent: Node, children: list[Any]) -> list[Inference]:
    article = parent.article
    credits = [
        (child, a)
        for child in children
        for a in child.attributions
        if a.outlet and not same_outlet_name(a.outlet, child.outlet)
    ]
    if article.outlet or not credits or article.id is None:
        return []
    name = Counter(a.outlet for _, a in credits).most_common(1)[0][0]
    named = [(child, a) for child, a in credits if same_outlet_name(a.outlet, name)]
    found = [Inference(article.id, "outlet", name, _inference_evidence(named))]
    dated = [(child, a) for child, a in named if a.published]
    if not article.published and dated:
        value = Counter(a.published for _, a in dated).most_common(1)[0][0]
        stating = [(child, a) for child, a in dated if a.published == value]
        found.append(Inference(article.id, "published", value, _inference_evidence(stating)))
    return found


def _inference_evidence(credits: list[tuple[Any, Any]]) -> str:
    by_child: dict[int, list[str]] = {}
    outlets: dict[int, str] = {}
    for child, attribution in credits:
        by_child.setdefault(child.id, []).append(f'"{attribution.text}"')
        outlets[child.id] = child.outlet or "unknown outlet"
    parts = [
        f"copy {cid} ({outlets[cid]}) states " + ", ".join(texts) for cid, texts in by_child.items()
    ]
    return "inferred from its copies: " + "; ".join(parts)
