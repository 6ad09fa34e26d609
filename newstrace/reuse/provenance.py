"""The provenance stage: link kinds, families over republications, origins, the network.

Every cross-outlet link is classified first (reuse/kinds.py): only republications join
families and make outlet edges; shared quotations are listed apart and boilerplate is no copy.
Members' dates follow their texts (reuse/textdates.py), and a family whose text credits an
outlet outside the corpus has that outlet as its origin (reuse/origin.py, credited_outside).
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import sqlite_utils

from newstrace import progress
from newstrace.models import Change, Evidence, Family, FamilyMember, Inference, ReuseLink
from newstrace.models.reuse import REPUBLICATION, TRANSLATION
from newstrace.reuse.batches import WorkerPool
from newstrace.reuse.changes import copy_changes
from newstrace.reuse.evidence import ATTRIBUTION_WEIGHT, Node, same_outlet_name, url_host
from newstrace.reuse.families import connected_families
from newstrace.reuse.kinds_workers import link_kinds
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
from newstrace.reuse.translated import translation_changes
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
# Families worth the worker processes (starting them costs about a second), and the members
# read from the store per worker task.
PARALLEL_MIN_FAMILIES = 2_000
TASK_MEMBERS = 400


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
    """Recompute families, origins, changes, inferences and the outlet network from the links.

    Link kinds and each family's tree are computed in worker processes when there are many;
    the store is read and written here, in one transaction."""
    summary = ProvenanceSummary()
    pool = WorkerPool(settings.jobs if settings.jobs > 0 else os.cpu_count() or 1)
    try:
        with transaction(db) as conn:
            clear_provenance(conn, STAGE)
            with progress.stage("link kinds", None, "links"):
                links = republications(conn, summary, pool)
            families = connected_families(links)
            by_family = links_by_family(families, links)
            with progress.stage("provenance", len(families), "families"):
                tasks = family_tasks(conn, families, by_family)
                for family, inferences in family_results(tasks, len(families), pool):
                    write_inferences(conn, inferences, STAGE)
                    write_family(conn, family)
                    summary.add(family, inferences)
                    progress.advance()
            summary.outlet_edges = _network(conn)
    finally:
        pool.close()
    return summary


def _network(conn: sqlite3.Connection) -> int:
    """Rebuild the outlet network from the stored families (a few aggregate reads)."""
    with progress.stage("network", None, "copies"):
        copies = family_copies(conn)
        edges = outlet_edges(copies)
        write_outlet_edges(conn, edges)
        progress.advance(len(copies))
    return len(edges)


FamilyTask = tuple[int, dict[int, Node], dict[tuple[int, int], ReuseLink]]
FamilyResult = tuple[Family, list[Inference]]


def family_tasks(
    conn: sqlite3.Connection,
    families: Mapping[int, tuple[int, ...]],
    by_family: Mapping[int, dict[tuple[int, int], ReuseLink]],
) -> Iterator[list[FamilyTask]]:
    """The families with their members read from the store, TASK_MEMBERS members or so at a
    time (each family whole); read here, in the thread that holds the connection."""
    batch: list[FamilyTask] = []
    members = 0
    domains: dict[str | None, str | None] = {}  # outlet name -> stored domain, read once each
    for family_id, articles in families.items():
        nodes = {article_id: _node(conn, article_id, domains) for article_id in articles}
        batch.append((family_id, nodes, by_family[family_id]))
        members += len(articles)
        if members >= TASK_MEMBERS:
            yield batch
            batch, members = [], 0
    if batch:
        yield batch


def _provenance_task(batch: list[FamilyTask]) -> list[FamilyResult]:
    """One task's families: tree, changes, evidence and inferences of each."""
    return [family_provenance(*task) for task in batch]


def family_results(
    tasks: Iterable[list[FamilyTask]], families: int, pool: WorkerPool
) -> Iterator[FamilyResult]:
    """Each family's provenance, in task order: in the pool's workers for many families."""
    parallel = families >= PARALLEL_MIN_FAMILIES
    return pool.ordered(_provenance_task, tasks, parallel)


def republications(
    conn: sqlite3.Connection,
    summary: ProvenanceSummary | None = None,
    pool: WorkerPool | None = None,
) -> dict[tuple[int, int], ReuseLink]:
    """Classify every cross-outlet link (stored), and return the republications and the
    translations: the links families and the outlet network stand on. A translation keeps the
    kind the cross-language stage stored with it (its text is not the same-language text the
    classifier reads) and groups like a republication."""
    every, translated = [], {}
    for link in iter_links(conn, cross_outlet_only=False):
        if link.kind is not None and link.kind.kind == TRANSLATION:
            translated[(link.a, link.b)] = link
        else:
            every.append(link)
    ids = sorted({article for link in every for article in (link.a, link.b)})
    kinds = link_kinds(every, article_texts(conn, ids), pool or WorkerPool(1))
    write_link_kinds(conn, kinds)
    progress.advance(len(kinds) + len(translated))
    cross = cross_outlet_links(conn)
    if summary is not None:
        counts = Counter(kind.kind for kind in kinds.values())
        counts.update(TRANSLATION for key in translated if key in cross)
        summary.link_kinds = dict(counts)
    found = {
        key: replace(link, kind=kinds[key])
        for key, link in cross.items()
        if key in kinds and kinds[key].kind == REPUBLICATION
    }
    found.update((key, link) for key, link in translated.items() if key in cross)
    return dict(sorted(found.items()))


def links_by_family(
    families: Mapping[int, tuple[int, ...]], links: Mapping[tuple[int, int], ReuseLink]
) -> dict[int, dict[tuple[int, int], ReuseLink]]:
    """The links of each family, keyed by family id."""
    family_of_article = {a: family_id for family_id, members in families.items() for a in members}
    grouped: dict[int, dict[tuple[int, int], ReuseLink]] = {family_id: {} for family_id in families}
    for key, link in links.items():
        grouped[family_of_article[key[0]]][key] = link
    return grouped


def _node(conn: sqlite3.Connection, article_id: int, domains: dict[str | None, str | None]) -> Node:
    article = load_article(conn, article_id)
    if article is None:
        raise LookupError(f"reuse link names article {article_id}, which is not stored")
    if article.outlet not in domains:
        domains[article.outlet] = outlet_domain_of(conn, article.outlet)
    return Node(article, domains[article.outlet] or url_host(article.url))


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
        _with_notes(_with_changes(member, nodes, links), notes)
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


def _with_changes(
    member: FamilyMember, nodes: Mapping[int, Node], links: Mapping[tuple[int, int], ReuseLink]
) -> FamilyMember:
    if member.parent is None:
        return member
    parent, copy = nodes[member.parent].article, nodes[member.article].article
    key = (min(member.parent, member.article), max(member.parent, member.article))
    changes = _translated(parent, copy, links.get(key))
    if changes is None:  # one language: what changed is read from the diff
        changes = copy_changes(parent, copy)
    return FamilyMember(
        member.article,
        member.parent,
        member.coverage,
        member.confidence,
        member.evidence,
        tuple(changes),
    )


def _translated(parent: Any, copy: Any, link: ReuseLink | None) -> list[Change] | None:
    """A copy in another (known) language than its parent: what the translation changed, read
    from its aligned passages (reuse/translated.py); None for a copy in its parent's language."""
    if not parent.language or not copy.language or parent.language == copy.language:
        return None
    return translation_changes(parent, copy, link)


def infer_facts(family: Family, nodes: Mapping[int, Node]) -> list[Inference]:
    """Outlet and date of parents that state none, taken from what their copies credit."""
    children: dict[int, list[Any]] = {}
    for member in family.members:
        if member.parent is not None:
            children.setdefault(member.parent, []).append(nodes[member.article].article)
    found: list[Inference] = []
    for parent_id in sorted(children):
        found += _infer_for(nodes[parent_id], children[parent_id])
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
