"""Copy families and the facts the provenance stage infers: writing them, reading them back."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator
from typing import Any

from newstrace.models import (
    Change,
    Evidence,
    Family,
    FamilyMember,
    Inference,
    MemberArticle,
    StoredFamily,
)
from newstrace.models.reuse import TRANSLATION
from newstrace.store.writer import outlet_id

# The tables the provenance stage rebuilds from the links on every run, children first.
PROVENANCE_TABLES = (
    "member_evidence",
    "member_changes",
    "family_members",
    "families",
    "outlet_edges",
    "link_kinds",
)
# One line of the families overview: id, origin article, origin outlet, external, size.
FamilySummary = tuple[int, int | None, str | None, bool, int]

_INFERRED_COLUMNS = {"outlet": "outlet_id", "published": "published"}
_MEMBERS_SQL = """
SELECT m.article_id, d.source, d.source_id, o.name, a.published, m.parent_id, m.coverage,
       m.confidence
FROM family_members m JOIN articles a ON a.id = m.article_id
JOIN documents d ON d.id = a.document_id LEFT JOIN outlets o ON o.id = a.outlet_id
WHERE m.family_id = ? ORDER BY m.parent_id IS NOT NULL, m.article_id
"""


def clear_provenance(conn: sqlite3.Connection, stage: str) -> None:
    """Undo a stage's inferred facts and empty the tables it rebuilds; the caller holds the
    transaction."""
    for article_id, field in conn.execute(
        "SELECT article_id, field FROM inferences WHERE stage = ?", (stage,)
    ).fetchall():
        column = _INFERRED_COLUMNS.get(field)
        if column:
            conn.execute(f"UPDATE articles SET {column} = NULL WHERE id = ?", (article_id,))
    conn.execute("DELETE FROM inferences WHERE stage = ?", (stage,))
    for table in PROVENANCE_TABLES:
        if table == "link_kinds":  # a translation's kind is stored with its link: kept
            conn.execute("DELETE FROM link_kinds WHERE kind != ?", (TRANSLATION,))
        else:
            conn.execute(f"DELETE FROM {table}")


def clear_families(conn: sqlite3.Connection, family_ids: Collection[int], stage: str) -> None:
    """Undo what a stage inferred for these families' members and delete the families (their
    members, evidence and changes go with them); the caller holds the transaction."""
    ids = json.dumps(sorted(family_ids))
    members = (
        "SELECT article_id FROM family_members WHERE family_id IN (SELECT value FROM json_each(?))"
    )
    rows = conn.execute(
        f"SELECT article_id, field FROM inferences WHERE stage = ? AND article_id IN ({members})",
        (stage, ids),
    ).fetchall()
    for article_id, field in rows:
        column = _INFERRED_COLUMNS.get(field)
        if column:
            conn.execute(f"UPDATE articles SET {column} = NULL WHERE id = ?", (article_id,))
        conn.execute(
            "DELETE FROM inferences WHERE article_id = ? AND field = ?", (article_id, field)
        )
    conn.execute("DELETE FROM families WHERE id IN (SELECT value FROM json_each(?))", (ids,))


def outlet_domain_of(conn: sqlite3.Connection, name: str | None) -> str | None:
    """The stored domain of the outlet with this name, or None."""
    row = conn.execute("SELECT domain FROM outlets WHERE name = ?", (name,)).fetchone()
    return row[0] if row and row[0] else None


def write_inferences(conn: sqlite3.Connection, inferences: Iterable[Inference], stage: str) -> None:
    """Store inferred facts and fill the articles' missing outlet or date with them."""
    for inference in inferences:
        conn.execute(
            "INSERT INTO inferences (article_id, field, value, evidence, stage) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (article_id, field) DO UPDATE SET value = excluded.value,"
            " evidence = excluded.evidence, stage = excluded.stage",
            (inference.article_id, inference.field, inference.value, inference.evidence, stage),
        )
        if inference.field == "outlet":
            conn.execute(
                "UPDATE articles SET outlet_id = ? WHERE id = ? AND outlet_id IS NULL",
                (outlet_id(conn, inference.value, None), inference.article_id),
            )
        elif inference.field == "published":
            conn.execute(
                "UPDATE articles SET published = ? WHERE id = ? AND published IS NULL",
                (inference.value, inference.article_id),
            )


def write_family(conn: sqlite3.Connection, family: Family) -> None:
    """Insert a family with its members, their evidence (weights to 4 places) and changes."""
    conn.execute(
        "INSERT INTO families (id, origin_article, origin_outlet, external, size)"
        " VALUES (?, ?, ?, ?, ?)",
        (
            family.id,
            family.origin_article,
            family.origin_outlet,
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
            "INSERT INTO member_evidence (family_id, article_id, kind, detail, weight)"
            " VALUES (?, ?, ?, ?, ?)",
            [(*key, e.kind, e.detail, round(e.weight, 4)) for e in member.evidence],
        )
        conn.executemany(
            "INSERT INTO member_changes (family_id, article_id, kind, detail, before, after,"
            " position) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(*key, c.kind, c.detail, c.before, c.after, c.position) for c in member.changes],
        )


def _member(conn: sqlite3.Connection, family_id: int, row: tuple[Any, ...]) -> FamilyMember:
    key = (family_id, row[0])
    evidence = conn.execute(
        "SELECT kind, detail, weight FROM member_evidence WHERE family_id = ? AND article_id = ?"
        " ORDER BY id",
        key,
    )
    changes = conn.execute(
        "SELECT kind, detail, before, after, position FROM member_changes"
        " WHERE family_id = ? AND article_id = ? ORDER BY id",
        key,
    )
    return FamilyMember(
        article=row[0],
        parent=row[5],
        coverage=row[6],
        confidence=row[7],
        evidence=tuple(Evidence(*r) for r in evidence),
        changes=tuple(Change(*r) for r in changes),
    )


def load_stored_family(conn: sqlite3.Connection, family_id: int) -> StoredFamily | None:
    """One stored family with its members' articles, or None when there is no such family.

    Members come origin first, then by article id."""
    row = conn.execute(
        "SELECT id, origin_article, origin_outlet, external FROM families WHERE id = ?",
        (family_id,),
    ).fetchone()
    if row is None:
        return None
    rows = conn.execute(_MEMBERS_SQL, (family_id,)).fetchall()
    members = tuple(_member(conn, family_id, r) for r in rows)
    family = Family(members, row[1], row[2], bool(row[3]), row[0])
    return StoredFamily(family, {r[0]: MemberArticle(*r[1:5]) for r in rows})


def load_family(conn: sqlite3.Connection, family_id: int) -> Family | None:
    """One stored family (members origin first, then by article id), or None."""
    stored = load_stored_family(conn, family_id)
    return stored.family if stored else None


def family_ids(conn: sqlite3.Connection) -> list[int]:
    """The ids of every stored family, in order."""
    return [row[0] for row in conn.execute("SELECT id FROM families ORDER BY id").fetchall()]


def iter_stored_families(conn: sqlite3.Connection) -> Iterator[StoredFamily]:
    """Every stored family with its members' articles, by id."""
    for family_id in family_ids(conn):
        stored = load_stored_family(conn, family_id)
        if stored is not None:
            yield stored


def family_of(conn: sqlite3.Connection, article_id: int) -> int | None:
    """The id of the family an article belongs to, or None."""
    row = conn.execute(
        "SELECT family_id FROM family_members WHERE article_id = ?", (article_id,)
    ).fetchone()
    return int(row[0]) if row else None


def family_summaries(conn: sqlite3.Connection) -> list[FamilySummary]:
    """Every family's id, origin article and outlet, whether external, and size; biggest first."""
    rows = conn.execute(
        "SELECT id, origin_article, origin_outlet, external, size FROM families"
        " ORDER BY size DESC, id"
    ).fetchall()
    return [(r[0], r[1], r[2], bool(r[3]), r[4]) for r in rows]
