"""The provenance stage: families, origins, changes, inferred facts and the outlet network.

Everything is recomputed from reuse_links in one transaction, so a re-run writes identical
rows. Facts this stage inferred on an earlier run are cleared first and inferred again, so
they never count as the article's own evidence.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from newstrace.models import Family, FamilyMember, ReuseLink
from newstrace.reuse.changes import copy_changes
from newstrace.reuse.evidence import Node, same_outlet_name, url_host
from newstrace.reuse.families import connected_families, load_cross_outlet_links
from newstrace.reuse.network import outlet_edges, write_outlet_edges
from newstrace.reuse.origin import (
    choose_origin,
    external_members,
    external_origin,
    grow_tree,
    pair_support,
)
from newstrace.settings import Settings
from newstrace.store import load_article, transaction
from newstrace.store.writer import outlet_id

STAGE = "reuse"
_TABLES = ("member_evidence", "member_changes", "family_members", "families", "outlet_edges")


@dataclass
class ProvenanceSummary:
    """What a provenance run wrote."""

    families: int = 0
    members: int = 0
    external_origins: int = 0
    inferences: int = 0
    outlet_edges: int = 0


@dataclass(frozen=True, slots=True)
class Inference:
    """A fact about an origin article stated only by its copies."""

    article_id: int
    field: str  # "outlet" or "published"
    value: str
    evidence: str


def build_provenance(db: sqlite_utils.Database, settings: Settings) -> ProvenanceSummary:
    """Recompute families, origins, changes, inferences and the outlet network from the links."""
    del settings  # no tunables yet; kept so every stage has the same signature
    summary = ProvenanceSummary()
    with transaction(db) as conn:
        _reset(conn)
        links = load_cross_outlet_links(conn)
        families = connected_families(links)
        by_family = _links_by_family(families, links)
        for family_id, members in families.items():
            _build_family(conn, family_id, members, by_family[family_id], summary)
        edges = outlet_edges(conn)
        write_outlet_edges(conn, edges)
        summary.outlet_edges = len(edges)
    return summary


def _links_by_family(
    families: Mapping[int, tuple[int, ...]], links: Mapping[tuple[int, int], ReuseLink]
) -> dict[int, dict[tuple[int, int], ReuseLink]]:
    family_of_article = {a: family_id for family_id, members in families.items() for a in members}
    grouped: dict[int, dict[tuple[int, int], ReuseLink]] = {family_id: {} for family_id in families}
    for key, link in links.items():
        grouped[family_of_article[key[0]]][key] = link
    return grouped


def _reset(conn: sqlite3.Connection) -> None:
    for article_id, field in conn.execute(
        "SELECT article_id, field FROM inferences WHERE stage = ?", (STAGE,)
    ).fetchall():
        column = {"outlet": "outlet_id", "published": "published"}.get(field)
        if column:
            conn.execute(f"UPDATE articles SET {column} = NULL WHERE id = ?", (article_id,))
    conn.execute("DELETE FROM inferences WHERE stage = ?", (STAGE,))
    for table in _TABLES:
        conn.execute(f"DELETE FROM {table}")


def _node(conn: sqlite3.Connection, article_id: int) -> Node:
    article = load_article(conn, article_id)
    if article is None:
        raise LookupError(f"reuse link names article {article_id}, which is not stored")
    row = conn.execute("SELECT domain FROM outlets WHERE name = ?", (article.outlet,)).fetchone()
    return Node(article, (row[0] if row and row[0] else None) or url_host(article.url))


def family_tree(
    family_id: int, nodes: Mapping[int, Node], links: Mapping[tuple[int, int], ReuseLink]
) -> Family:
    """One family's tree: its origin (or external wire), parents, evidence and changes."""
    wire = external_origin(nodes)
    if wire is not None:
        return Family(tuple(external_members(nodes, wire)), None, wire, True, family_id)
    support = pair_support(nodes, links)
    origin = choose_origin(nodes, support)
    members = [_with_changes(member, nodes) for member in grow_tree(nodes, links, support, origin)]
    return Family(tuple(members), origin, nodes[origin].article.outlet, False, family_id)


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


def _build_family(
    conn: sqlite3.Connection,
    family_id: int,
    members: tuple[int, ...],
    links: Mapping[tuple[int, int], ReuseLink],
    summary: ProvenanceSummary,
) -> None:
    nodes = {article_id: _node(conn, article_id) for article_id in members}
    family = family_tree(family_id, nodes, links)
    inferences = infer_facts(family, nodes)
    _write_inferences(conn, inferences)
    outlet = next(
        (
            i.value
            for i in inferences
            if i.article_id == family.origin_article and i.field == "outlet"
        ),
        None,
    )
    _write_family(conn, family, family.origin_outlet or outlet)
    summary.families += 1
    summary.members += len(family.members)
    summary.external_origins += family.external
    summary.inferences += len(inferences)


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


def _write_inferences(conn: sqlite3.Connection, inferences: list[Inference]) -> None:
    for inference in inferences:
        conn.execute(
            "INSERT INTO inferences (article_id, field, value, evidence, stage) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (article_id, field) DO UPDATE SET value = excluded.value,"
            " evidence = excluded.evidence, stage = excluded.stage",
            (inference.article_id, inference.field, inference.value, inference.evidence, STAGE),
        )
        if inference.field == "outlet":
            new_id = outlet_id(conn, inference.value, None)
            conn.execute(
                "UPDATE articles SET outlet_id = ? WHERE id = ? AND outlet_id IS NULL",
                (new_id, inference.article_id),
            )
        elif inference.field == "published":
            conn.execute(
                "UPDATE articles SET published = ? WHERE id = ? AND published IS NULL",
                (inference.value, inference.article_id),
            )


def _write_family(conn: sqlite3.Connection, family: Family, origin_outlet: str | None) -> None:
    conn.execute(
        "INSERT INTO families (id, origin_article, origin_outlet, external, size) VALUES (?, ?, ?, ?, ?)",
        (
            family.id,
            family.origin_article,
            origin_outlet,
            int(family.external),
            len(family.members),
        ),
    )
    for member in family.members:
        key = (family.id, member.article)
        conn.execute(
            "INSERT INTO family_members (family_id, article_id, parent_id, coverage, confidence)"
            " VALUES (?, ?, ?, ?, ?)",
            (*key, member.parent, member.coverage, member.confidence),
        )
        conn.executemany(
            "INSERT INTO member_evidence (family_id, article_id, kind, detail, weight) VALUES (?, ?, ?, ?, ?)",
            [(*key, e.kind, e.detail, round(e.weight, 4)) for e in member.evidence],
        )
        conn.executemany(
            "INSERT INTO member_changes (family_id, article_id, kind, detail, before, after, position)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(*key, c.kind, c.detail, c.before, c.after, c.position) for c in member.changes],
        )


# ---- readers --------------------------------------------------------------------------------

_MEMBERS_SQL = """
SELECT m.article_id, d.source, d.source_id, o.name, a.published, m.parent_id, m.coverage,
       m.confidence
FROM family_members m JOIN articles a ON a.id = m.article_id
JOIN documents d ON d.id = a.document_id LEFT JOIN outlets o ON o.id = a.outlet_id
WHERE m.family_id = ? ORDER BY m.parent_id IS NOT NULL, m.article_id
"""


def _member_json(conn: sqlite3.Connection, family_id: int, row: tuple[Any, ...]) -> dict[str, Any]:
    key = (family_id, row[0])
    evidence = conn.execute(
        "SELECT kind, detail, weight FROM member_evidence WHERE family_id = ? AND article_id = ? ORDER BY id",
        key,
    )
    changes = conn.execute(
        "SELECT kind, detail, before, after, position FROM member_changes"
        " WHERE family_id = ? AND article_id = ? ORDER BY id",
        key,
    )
    names = (
        "article",
        "source",
        "source_id",
        "outlet",
        "published",
        "parent",
        "coverage",
        "confidence",
    )
    member = dict(zip(names, row, strict=True))
    member["evidence"] = [dict(zip(("kind", "detail", "weight"), r, strict=True)) for r in evidence]
    change_names = ("kind", "detail", "before", "after", "position")
    member["changes"] = [dict(zip(change_names, r, strict=True)) for r in changes]
    return member


def family_json(conn: sqlite3.Connection, family_id: int) -> dict[str, Any] | None:
    """One stored family in the documented JSON shape, or None."""
    row = conn.execute(
        "SELECT id, origin_article, origin_outlet, external FROM families WHERE id = ?",
        (family_id,),
    ).fetchone()
    if row is None:
        return None
    members = conn.execute(_MEMBERS_SQL, (family_id,)).fetchall()
    return {
        "id": row[0],
        "origin": {"article": row[1], "outlet": row[2], "external": bool(row[3])},
        "members": [_member_json(conn, family_id, member) for member in members],
    }


def families_json(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Every stored family, by id, in the documented JSON shape."""
    for (family_id,) in conn.execute("SELECT id FROM families ORDER BY id").fetchall():
        family = family_json(conn, family_id)
        if family is not None:
            yield family


def family_of(conn: sqlite3.Connection, article_id: int) -> int | None:
    """The id of the family an article belongs to, or None."""
    row = conn.execute(
        "SELECT family_id FROM family_members WHERE article_id = ?", (article_id,)
    ).fetchone()
    return int(row[0]) if row else None
