"""Reuse links and their aligned passages: writing them, and reading them back as models."""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

import sqlite_utils

from newstrace.models import Article, Format, LinkSide, Passage, ReuseLink, StoredLink
from newstrace.models.reuse import BOILERPLATE, TRANSLATION, LinkKind

# One link of an article: link id, the other article, shared tokens, coverage of this article,
# whether both are of one outlet, whether this article is the link's side a.
ArticleLink = tuple[int, int, int, float, bool, bool]

_LINKS_SQL = """SELECT l.id, l.a, l.b, l.shared_tokens, l.coverage_a, l.coverage_b, l.verbatim_ratio,
l.same_outlet, p.a_start, p.a_end, p.b_start, p.b_end, p.tokens, p.verbatim, p.similarity
FROM reuse_links l LEFT JOIN passages p ON p.link_id = l.id {where}
ORDER BY l.a, l.b, p.a_start, p.id"""
_KINDS_SQL = """SELECT l.a, l.b, k.kind, k.reporting_tokens, k.quoted_tokens, k.boilerplate_tokens,
k.speaker, k.evidence FROM link_kinds k JOIN reuse_links l ON l.id = k.link_id"""
_CROSS_LINKS_SQL = """
SELECT id, a, b, shared_tokens, coverage_a, coverage_b, verbatim_ratio, same_outlet
FROM reuse_links WHERE same_outlet = 0 ORDER BY a, b
"""
_CROSS_PASSAGES_SQL = """
SELECT link_id, a_start, a_end, b_start, b_end, tokens, verbatim, similarity FROM passages
WHERE link_id IN (SELECT id FROM reuse_links WHERE same_outlet = 0) ORDER BY link_id, a_start, id
"""
_SIDE_SQL = """SELECT a.id, d.source, d.source_id, o.name, a.body FROM articles a
JOIN documents d ON d.id = a.document_id LEFT JOIN outlets o ON o.id = a.outlet_id
WHERE a.id IN (?, ?)"""
_ARTICLE_LINKS_SQL = """
SELECT id, CASE WHEN a = ? THEN b ELSE a END, shared_tokens,
       CASE WHEN a = ? THEN coverage_a ELSE coverage_b END, same_outlet, a = ?
FROM reuse_links WHERE a = ? OR b = ? ORDER BY shared_tokens DESC, id
"""
_LINK_KIND_SQL = "SELECT kind, speaker FROM link_kinds WHERE link_id = ?"
# Articles of a known language other than the given ones (or any known language when more than
# one is given), dated within the window or undated: the partners a translation may have.
_PARTNERS_SQL = """SELECT id FROM articles WHERE language IS NOT NULL
AND (language NOT IN ({languages}) OR {several})
AND (published IS NULL OR substr(published, 1, 10) BETWEEN ? AND ?) ORDER BY id"""
_TEXTS_SQL = """SELECT a.id, o.name, a.published, a.language, a.body FROM articles a
LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id IN ({ids})"""


def sqlite_connection(conn: sqlite_utils.Database | sqlite3.Connection) -> sqlite3.Connection:
    """The plain sqlite3 connection of a store, given either kind."""
    return conn.conn if isinstance(conn, sqlite_utils.Database) else conn


def write_link(conn: sqlite3.Connection, link: ReuseLink) -> int:
    """Insert one link and its passages; return the link's id. The caller holds the transaction."""
    cursor = conn.execute(
        "INSERT INTO reuse_links (a, b, shared_tokens, coverage_a, coverage_b,"
        " verbatim_ratio, same_outlet) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            link.a,
            link.b,
            link.shared_tokens,
            link.coverage_a,
            link.coverage_b,
            link.verbatim_ratio,
            int(link.same_outlet),
        ),
    )
    link_id = int(cursor.lastrowid or 0)
    conn.executemany(
        "INSERT INTO passages (link_id, a_start, a_end, b_start, b_end, tokens, verbatim,"
        " similarity) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (link_id, p.a_start, p.a_end, p.b_start, p.b_end, p.tokens, p.verbatim, p.similarity)
            for p in link.passages
        ],
    )
    if link.kind is not None and link.kind.kind == TRANSLATION:
        # Found by the cross-language stage, not by reading the shared text: its kind is
        # stored with it and kept when provenance classifies the other links again.
        _insert_kinds(conn, [(link_id, link.kind)])
    return link_id


def write_links(conn: sqlite3.Connection, links: Iterable[ReuseLink]) -> None:
    """Insert links and their passages (and a translation's kind); the caller holds the
    transaction."""
    for link in links:
        write_link(conn, link)


def _insert_kinds(conn: sqlite3.Connection, rows: Iterable[tuple[int, LinkKind]]) -> None:
    conn.executemany(
        "INSERT INTO link_kinds (link_id, kind, reporting_tokens, quoted_tokens,"
        " boilerplate_tokens, speaker, evidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                link_id,
                k.kind,
                k.reporting_tokens,
                k.quoted_tokens,
                k.boilerplate_tokens,
                k.speaker,
                k.evidence,
            )
            for link_id, k in rows
        ],
    )


def linked_pairs(conn: sqlite3.Connection, ids: Iterable[int]) -> set[tuple[int, int]]:
    """The (a, b) keys of every stored link touching the given articles."""
    found: set[tuple[int, int]] = set()
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), 500):
        batch = wanted[start : start + 500]
        marks = ",".join("?" * len(batch))
        sql = f"SELECT a, b FROM reuse_links WHERE a IN ({marks}) OR b IN ({marks})"
        found.update((a, b) for a, b in conn.execute(sql, batch + batch))
    return found


def several_languages(conn: sqlite3.Connection) -> bool:
    """Whether the stored articles are of more than one known language (two short queries that
    let a store of one language skip the cross-language stage)."""
    first = conn.execute("SELECT language FROM articles WHERE language IS NOT NULL LIMIT 1")
    row = first.fetchone()
    if row is None:
        return False
    sql = "SELECT 1 FROM articles WHERE language IS NOT NULL AND language != ? LIMIT 1"
    return conn.execute(sql, (row[0],)).fetchone() is not None


def translation_partners(
    conn: sqlite3.Connection, languages: set[str], first: str, last: str
) -> list[int]:
    """Ids of stored articles a translation of the given languages' articles may pair with:
    another known language, dated between first and last (ISO days) or undated."""
    ordered = sorted(languages)
    sql = _PARTNERS_SQL.format(
        languages=",".join("?" * len(ordered)), several=int(len(ordered) > 1)
    )
    return [row[0] for row in conn.execute(sql, (*ordered, first, last))]


def translation_texts(conn: sqlite3.Connection, ids: Iterable[int]) -> list[Article]:
    """The articles the cross-language stage reads: id, outlet, date, language and the stored
    body (one paragraph, so passage offsets fall in the stored body)."""
    found: list[Article] = []
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), 500):
        batch = wanted[start : start + 500]
        sql = _TEXTS_SQL.format(ids=",".join("?" * len(batch)))
        for article_id, outlet, published, language, body in conn.execute(sql, batch):
            found.append(
                Article(
                    "store",
                    Format.TEXT,
                    (body or "",),
                    outlet=outlet,
                    published=published,
                    language=language,
                    id=article_id,
                )
            )
    return sorted(found, key=lambda article: article.id or 0)


def iter_links(
    conn: sqlite_utils.Database | sqlite3.Connection, cross_outlet_only: bool = True
) -> Iterator[ReuseLink]:
    """Stored links with their passages and kinds (once provenance has run), ordered by (a, b);
    cross-outlet ones only by default. Every aligned link, boilerplate ones included: what
    the aligner found, for measuring it; `iter_stored_links` gives what a reader is shown."""
    connection = sqlite_connection(conn)
    kinds = link_kinds(connection)
    where = "WHERE l.same_outlet = 0" if cross_outlet_only else ""
    rows = connection.execute(_LINKS_SQL.format(where=where))
    for _, group in itertools.groupby(rows, key=lambda row: row[0]):
        records = list(group)
        passages = tuple(Passage(*row[8:15]) for row in records if row[8] is not None)
        link = _link(records[0], passages)
        kind = kinds.get((link.a, link.b))
        yield replace(link, kind=kind) if kind else link


def links_among(conn: sqlite3.Connection, ids: Collection[int]) -> dict[tuple[int, int], ReuseLink]:
    """The cross-outlet links between two of these articles, with passages and stored kinds."""
    among = "IN (SELECT value FROM json_each(:ids))"
    where = f"WHERE l.same_outlet = 0 AND l.a {among} AND l.b {among}"
    params = {"ids": json.dumps(sorted(ids))}
    kinds = {
        (row[0], row[1]): LinkKind(*row[2:])
        for row in conn.execute(_KINDS_SQL + f" WHERE l.a {among} AND l.b {among}", params)
    }
    found = {}
    rows = conn.execute(_LINKS_SQL.format(where=where), params)
    for _, group in itertools.groupby(rows, key=lambda row: row[0]):
        records = list(group)
        passages = tuple(Passage(*row[8:15]) for row in records if row[8] is not None)
        link = _link(records[0], passages)
        kind = kinds.get((link.a, link.b))
        found[(link.a, link.b)] = replace(link, kind=kind) if kind else link
    return found


def link_kinds(conn: sqlite3.Connection) -> dict[tuple[int, int], LinkKind]:
    """The stored kind of every classified link, keyed (a, b); none in a store older than them."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'link_kinds'").fetchone():
        return {}
    return {(row[0], row[1]): LinkKind(*row[2:]) for row in conn.execute(_KINDS_SQL)}


def write_link_kinds(conn: sqlite3.Connection, kinds: dict[tuple[int, int], LinkKind]) -> None:
    """Replace the stored kinds of links, all but translations (stored with their links, kept);
    the caller holds the transaction."""
    conn.execute("DELETE FROM link_kinds WHERE kind != ?", (TRANSLATION,))
    kept = {row[0] for row in conn.execute("SELECT link_id FROM link_kinds")}
    ids = {(a, b): i for i, a, b in conn.execute("SELECT id, a, b FROM reuse_links")}
    _insert_kinds(
        conn,
        [(ids[key], k) for key, k in kinds.items() if key in ids and ids[key] not in kept],
    )


def _link(row: tuple[Any, ...], passages: tuple[Passage, ...]) -> ReuseLink:
    # row: id, a, b, shared_tokens, coverage_a, coverage_b, verbatim_ratio, same_outlet
    return ReuseLink(
        a=row[1],
        b=row[2],
        shared_tokens=row[3],
        coverage_a=row[4],
        coverage_b=row[5],
        verbatim_ratio=row[6],
        passages=passages,
        same_outlet=bool(row[7]),
    )


def cross_outlet_links(conn: sqlite3.Connection) -> dict[tuple[int, int], ReuseLink]:
    """Every stored link between two outlets, keyed by (a, b) with a < b, with its passages."""
    passages: dict[int, list[Passage]] = {}
    for row in conn.execute(_CROSS_PASSAGES_SQL):
        passages.setdefault(row[0], []).append(Passage(*row[1:]))
    links = {}
    for row in conn.execute(_CROSS_LINKS_SQL):
        link = _link(row, tuple(passages.get(row[0], ())))
        links[(link.a, link.b)] = link
    return links


def link_sides(conn: sqlite3.Connection, a: int, b: int) -> dict[int, LinkSide]:
    """The two articles of a link, by id: source, outlet and body."""
    return {row[0]: LinkSide(*row[1:5]) for row in conn.execute(_SIDE_SQL, (a, b))}


def iter_stored_links(
    conn: sqlite_utils.Database | sqlite3.Connection, kinds: frozenset[str] | None = None
) -> Iterator[StoredLink]:
    """Each cross-outlet link with both of its articles, ordered by (a, b): those of the given
    kinds, or by default every one but boilerplate (boilerplate is no copy)."""
    connection = sqlite_connection(conn)
    for link in iter_links(connection):
        kind = link.kind.kind if link.kind else None
        if (kind not in kinds) if kinds is not None else kind == BOILERPLATE:
            continue
        sides = link_sides(connection, link.a, link.b)
        yield StoredLink(link, sides[link.a], sides[link.b])


def article_links(conn: sqlite3.Connection, article_id: int) -> list[ArticleLink]:
    """The links of one article, most shared tokens first, as seen from that article."""
    rows = conn.execute(_ARTICLE_LINKS_SQL, (article_id,) * 5).fetchall()
    return [(r[0], r[1], r[2], r[3], bool(r[4]), bool(r[5])) for r in rows]


def longest_passage(conn: sqlite3.Connection, link_id: int) -> Passage | None:
    """The passage of a link with the most aligned tokens, or None when it has none."""
    row = conn.execute(
        "SELECT a_start, a_end, b_start, b_end, tokens, verbatim, similarity FROM passages"
        " WHERE link_id = ? ORDER BY tokens DESC, id LIMIT 1",
        (link_id,),
    ).fetchone()
    return Passage(*row) if row else None


def article_languages(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, str | None]:
    """The stored language of each given article (None where unknown)."""
    wanted = sorted(set(ids))
    sql = f"SELECT id, language FROM articles WHERE id IN ({','.join('?' * len(wanted))})"
    return dict(conn.execute(sql, wanted).fetchall()) if wanted else {}


def pair_passages(conn: sqlite3.Connection, a: int, b: int) -> list[Passage]:
    """The passages of the link between two articles (either order), in a's reading order."""
    first, second = min(a, b), max(a, b)
    rows = conn.execute(
        "SELECT p.a_start, p.a_end, p.b_start, p.b_end, p.tokens, p.verbatim, p.similarity"
        " FROM passages p JOIN reuse_links l ON l.id = p.link_id WHERE l.a = ? AND l.b = ?"
        " ORDER BY p.a_start, p.id",
        (first, second),
    )
    return [Passage(*row) for row in rows]


def link_outlets(conn: sqlite3.Connection, links: Iterable[ReuseLink]) -> dict[int, str | None]:
    """The outlet name of every article of the given links."""
    ids = sorted({article for link in links for article in (link.a, link.b)})
    found: dict[int, str | None] = {}
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        sql = (
            "SELECT a.id, o.name FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id"
            f" WHERE a.id IN ({','.join('?' * len(batch))})"
        )
        found.update(dict(conn.execute(sql, batch).fetchall()))
    return found


def link_kind_label(conn: sqlite3.Connection, link_id: int) -> str | None:
    """A stored link's kind as a reader reads it ("shared quotation (both quote X)"), or None."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'link_kinds'").fetchone():
        return None
    row = conn.execute(_LINK_KIND_SQL, (link_id,)).fetchone()
    if row is None:
        return None
    return f"{row[0]} (both quote {row[1]})" if row[1] else str(row[0])


def articles_sharing_terms(
    conn: sqlite3.Connection, terms: Sequence[str], language: str, limit: int
) -> list[int]:
    """Ids of up to `limit` articles in a language whose text best matches any of the terms
    (names, figures), by the full-text index's rank."""
    quoted = [f'"{term.replace(chr(34), "")}"' for term in terms if term.strip('"')]
    if not quoted:
        return []
    sql = (
        "SELECT a.id FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
        " WHERE articles_fts MATCH ? AND a.language = ? ORDER BY articles_fts.rank LIMIT ?"
    )
    return [row[0] for row in conn.execute(sql, (" OR ".join(quoted), language, limit))]
