"""The queries of site-boilerplate learning: repeated paragraphs, an outlet's stories, the move.

Paragraph hashes cross this interface as hex text (as the boilerplate table keeps them);
paragraph_spans holds them as integers. A paragraph is named by one integer key, its article id
and position (paragraph_key), since paragraphs are rows of a view, not a table.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence

from newstrace.store.compact import PARAGRAPH_SEPARATOR, hex_hash, spans

POSITION_BITS = 20  # a paragraph key: article id shifted left, position in the low bits
SQL_VARIABLES = 500

_TEXT = "substr(a.body, s.start + 1, s.end - s.start)"
_HEX = "printf('%016x', s.text_hash)"

_OCCURRENCES_SQL = f"""
SELECT a.outlet_id, x.text_hash, count(DISTINCT x.article_id) AS articles
FROM (
    SELECT s.article_id, {_HEX} AS text_hash FROM paragraph_spans s
    WHERE s.end - s.start <= :max_chars
    UNION ALL
    SELECT article_id, text_hash FROM boilerplate WHERE kind = 'site-repeated'
) AS x JOIN articles a ON a.id = x.article_id
WHERE a.outlet_id IS NOT NULL
GROUP BY a.outlet_id, x.text_hash
HAVING articles >= :min_stories
"""

_OUTLET_HASHES_SQL = f"""
SELECT s.article_id, {_HEX} FROM paragraph_spans s JOIN articles a ON a.id = s.article_id
WHERE a.outlet_id = ?
UNION ALL
SELECT b.article_id, b.text_hash FROM boilerplate b JOIN articles a ON a.id = b.article_id
WHERE a.outlet_id = ? AND b.kind = 'site-repeated'
"""


def paragraph_key(article_id: int, position: int) -> int:
    """One integer naming a body paragraph: its article and position."""
    return (article_id << POSITION_BITS) | position


def _unkey(key: int) -> tuple[int, int]:
    return key >> POSITION_BITS, key & ((1 << POSITION_BITS) - 1)


def repeated_paragraphs(
    conn: sqlite3.Connection, max_chars: int, min_articles: int
) -> dict[int, set[str]]:
    """Per outlet id, the hashes of short paragraphs found in at least min_articles articles."""
    by_outlet: dict[int, set[str]] = defaultdict(set)
    params = {"max_chars": max_chars, "min_stories": min_articles}
    for outlet_id, hash_, _count in conn.execute(_OCCURRENCES_SQL, params):
        by_outlet[outlet_id].add(hash_)
    return by_outlet


def outlet_titles(conn: sqlite3.Connection, outlet_id: int) -> list[tuple[int, str]]:
    """(article id, lower-cased title) of an outlet's articles that have a title."""
    sql = (
        "SELECT id, lower(trim(title)) FROM articles"
        " WHERE outlet_id = ? AND coalesce(title, '') != ''"
    )
    return conn.execute(sql, (outlet_id,)).fetchall()


def outlet_paragraph_hashes(conn: sqlite3.Connection, outlet_id: int) -> list[tuple[int, str]]:
    """(article id, paragraph hash) of an outlet's body paragraphs and site-repeated boilerplate."""
    return conn.execute(_OUTLET_HASHES_SQL, (outlet_id, outlet_id)).fetchall()


def outlet_name(conn: sqlite3.Connection, outlet_id: int) -> str:
    """The name of a stored outlet."""
    return str(conn.execute("SELECT name FROM outlets WHERE id = ?", (outlet_id,)).fetchone()[0])


def _move(
    conn: sqlite3.Connection, rows: Sequence[tuple[int, int, str, int]], evidence: str
) -> None:
    """Move (article id, position, text, hash) body paragraphs into site-repeated boilerplate."""
    conn.executemany(
        "INSERT INTO boilerplate (article_id, position, text, kind, evidence, text_hash)"
        " VALUES (?, ?, ?, 'site-repeated', ?, printf('%016x', ?))",
        [
            (article_id, position, text, evidence, hash_)
            for article_id, position, text, hash_ in rows
        ],
    )
    conn.executemany(
        "DELETE FROM paragraph_spans WHERE article_id = ? AND position = ?",
        [(row[0], row[1]) for row in rows],
    )


def move_to_boilerplate(
    conn: sqlite3.Connection, outlet_id: int, text_hash: str, evidence: str
) -> list[int]:
    """Move one paragraph's occurrences in an outlet's bodies into site-repeated boilerplate."""
    rows = conn.execute(
        f"SELECT s.article_id, s.position, {_TEXT}, s.text_hash FROM paragraph_spans s"
        " JOIN articles a ON a.id = s.article_id WHERE s.text_hash = ? AND a.outlet_id = ?",
        (hex_hash(text_hash), outlet_id),
    ).fetchall()
    _move(conn, rows, evidence)
    return [row[0] for row in rows]


def move_paragraphs(
    conn: sqlite3.Connection, paragraph_keys: list[int], evidence: str
) -> list[int]:
    """Move the given body paragraphs into site-repeated boilerplate; the article ids touched."""
    sql = (
        f"SELECT s.article_id, s.position, {_TEXT}, s.text_hash FROM paragraph_spans s"
        " JOIN articles a ON a.id = s.article_id WHERE s.article_id = ? AND s.position = ?"
    )
    rows = [row for key in paragraph_keys for row in conn.execute(sql, _unkey(key))]
    _move(conn, rows, evidence)
    return [row[0] for row in rows]


def rebuild_bodies(conn: sqlite3.Connection, article_ids: Iterable[int]) -> None:
    """Set each article's body to its remaining paragraphs, in order, and their offsets to match."""
    for article_id in sorted(set(article_ids)):
        (body,) = conn.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()
        found = conn.execute(
            "SELECT position, start, end FROM paragraph_spans WHERE article_id = ?"
            " ORDER BY position",
            (article_id,),
        ).fetchall()
        texts = [body[start:end] for _, start, end in found]
        conn.execute(
            "UPDATE articles SET body = ? WHERE id = ?",
            (PARAGRAPH_SEPARATOR.join(texts), article_id),
        )
        conn.executemany(
            "UPDATE paragraph_spans SET start = ?, end = ? WHERE article_id = ? AND position = ?",
            [
                (start, end, article_id, row[0])
                for row, (_, start, end) in zip(found, spans(texts), strict=True)
            ],
        )


def short_paragraphs(
    conn: sqlite3.Connection, outlet_id: int, max_chars: int
) -> list[tuple[int, int, str]]:
    """(paragraph key, article id, text) of an outlet's body paragraphs up to max_chars long."""
    rows = conn.execute(
        f"SELECT s.article_id, s.position, {_TEXT} FROM paragraph_spans s JOIN articles a"
        " ON a.id = s.article_id WHERE a.outlet_id = ? AND s.end - s.start <= ?",
        (outlet_id, max_chars),
    ).fetchall()
    return [(paragraph_key(article, position), article, text) for article, position, text in rows]


def outlet_ids(conn: sqlite3.Connection) -> list[int]:
    """Every stored outlet's id."""
    return [row[0] for row in conn.execute("SELECT id FROM outlets ORDER BY id")]


# --- incremental learning: the articles not looked at yet, and what they touch ------------------


def _chunks(values: Sequence[object]) -> Iterable[Sequence[object]]:
    for start in range(0, len(values), SQL_VARIABLES):
        yield values[start : start + SQL_VARIABLES]


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


def pending_by_outlet(conn: sqlite3.Connection) -> dict[int | None, list[int]]:
    """Articles waiting for site-boilerplate learning, by outlet id (None: no outlet)."""
    found: dict[int | None, list[int]] = defaultdict(list)
    sql = (
        "SELECT a.outlet_id, a.id FROM boilerplate_pending p JOIN articles a ON a.id = p.article_id"
        " ORDER BY a.id"
    )
    for outlet_id, article_id in conn.execute(sql):
        found[outlet_id].append(article_id)
    return found


def clear_pending(conn: sqlite3.Connection, article_ids: Sequence[int]) -> None:
    """Site-boilerplate learning has looked at these articles."""
    conn.executemany(
        "DELETE FROM boilerplate_pending WHERE article_id = ?", [(i,) for i in article_ids]
    )


def paragraphs_of(
    conn: sqlite3.Connection, article_ids: Sequence[int], max_chars: int, text_chars: int
) -> list[tuple[int, int, str | None, str, int]]:
    """(article id, position, text, hash, length) of these articles' body paragraphs up to
    max_chars long; the text only of those up to text_chars long (None for the others)."""
    rows: list[tuple[int, int, str | None, str, int]] = []
    for chunk in _chunks(article_ids):
        rows += conn.execute(
            f"SELECT s.article_id, s.position, CASE WHEN s.end - s.start <= ? THEN {_TEXT} END,"
            f" {_HEX}, s.end - s.start FROM paragraph_spans s JOIN articles a"
            f" ON a.id = s.article_id WHERE s.article_id IN ({_marks(chunk)})"
            " AND s.end - s.start <= ?",
            [text_chars, *chunk, max_chars],
        ).fetchall()
    return rows


_HASH_ARTICLES_SQL = """
SELECT {hex}, s.article_id FROM paragraph_spans s JOIN articles a ON a.id = s.article_id
WHERE s.text_hash IN ({ints}) AND a.outlet_id = ? AND s.end - s.start <= ?
UNION ALL
SELECT b.text_hash, b.article_id FROM boilerplate b JOIN articles a ON a.id = b.article_id
WHERE b.text_hash IN ({hexes}) AND b.kind = 'site-repeated' AND a.outlet_id = ?
"""


_OUTLET_CARRIERS_SQL = f"""
SELECT {_HEX}, s.article_id FROM paragraph_spans s JOIN articles a ON a.id = s.article_id
WHERE a.outlet_id = ? AND s.end - s.start <= ?
UNION ALL
SELECT b.text_hash, b.article_id FROM boilerplate b JOIN articles a ON a.id = b.article_id
WHERE a.outlet_id = ? AND b.kind = 'site-repeated'
"""


def articles_with(
    conn: sqlite3.Connection, outlet_id: int, hashes: Iterable[str], max_chars: int, scan: bool
) -> dict[str, set[int]]:
    """Per paragraph hash, the outlet's articles that hold it in the body (up to max_chars long)
    or as site boilerplate. With scan, the outlet's paragraphs are read in one pass instead of
    looked up hash by hash (the same answer, quicker when the hashes are most of the outlet's)."""
    wanted = set(hashes)
    found: dict[str, set[int]] = defaultdict(set)
    if scan:
        for hash_, article_id in conn.execute(
            _OUTLET_CARRIERS_SQL, (outlet_id, max_chars, outlet_id)
        ):
            if hash_ in wanted:
                found[hash_].add(article_id)
        return found
    for chunk in _chunks(sorted(wanted)):
        marks = _marks(chunk)
        sql = _HASH_ARTICLES_SQL.format(hex=_HEX, ints=marks, hexes=marks)
        params = [*(hex_hash(str(h)) for h in chunk), outlet_id, max_chars, *chunk, outlet_id]
        for hash_, article_id in conn.execute(sql, params):
            found[hash_].add(article_id)
    return found


def outlet_article_count(conn: sqlite3.Connection, outlet_id: int) -> int:
    """How many articles an outlet has."""
    sql = "SELECT count(*) FROM articles WHERE outlet_id = ?"
    return int(conn.execute(sql, (outlet_id,)).fetchone()[0])


def site_repeated_evidence(
    conn: sqlite3.Connection, outlet_id: int, hashes: Iterable[str]
) -> dict[str, str]:
    """Hashes already learned as the outlet's site boilerplate, with the evidence last given."""
    found: dict[str, str] = {}
    for chunk in _chunks(sorted(set(hashes))):
        sql = (
            "SELECT b.text_hash, b.evidence FROM boilerplate b JOIN articles a ON a.id = b.article_id"
            f" WHERE b.text_hash IN ({_marks(chunk)}) AND b.kind = 'site-repeated'"
            " AND a.outlet_id = ? ORDER BY b.id"
        )
        found.update(conn.execute(sql, [*chunk, outlet_id]).fetchall())
    return found


def article_hash_sets(conn: sqlite3.Connection, article_ids: Sequence[int]) -> dict[int, set[str]]:
    """Each article's paragraph hashes (body and site boilerplate) and a key for its title."""
    found: dict[int, set[str]] = defaultdict(set)
    for chunk in _chunks(article_ids):
        marks = _marks(chunk)
        sql = (
            f"SELECT s.article_id, {_HEX} FROM paragraph_spans s WHERE s.article_id IN ({marks})"
            " UNION ALL SELECT article_id, text_hash FROM boilerplate"
            f" WHERE article_id IN ({marks}) AND kind = 'site-repeated'"
            " UNION ALL SELECT id, 'title:' || lower(trim(title)) FROM articles"
            f" WHERE id IN ({marks}) AND coalesce(title, '') != ''"
        )
        for article_id, key in conn.execute(sql, [*chunk, *chunk, *chunk]):
            found[article_id].add(key)
    return found


def add_teaser_leads(
    conn: sqlite3.Connection, rows: Iterable[tuple[int, str, int, int, str]]
) -> None:
    """Record teaser-shaped paragraphs: (outlet id, lead, article id, position, hash)."""
    conn.executemany(
        "INSERT OR IGNORE INTO teaser_leads (outlet_id, lead, article_id, position, text_hash)"
        " VALUES (?, ?, ?, ?, ?)",
        [(o, lead, a, p, hex_hash(h)) for o, lead, a, p, h in rows],
    )


def teasers_with_leads(
    conn: sqlite3.Connection, outlet_id: int, leads: Iterable[str]
) -> dict[str, list[tuple[int, int, int]]]:
    """Per lead, (article id, position, hash) of the outlet's teaser-shaped paragraphs with it."""
    found: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for chunk in _chunks(sorted(set(leads))):
        sql = (
            "SELECT lead, article_id, position, text_hash FROM teaser_leads"
            f" WHERE outlet_id = ? AND lead IN ({_marks(chunk)})"
        )
        for lead, article_id, position, hash_ in conn.execute(sql, [outlet_id, *chunk]):
            found[lead].append((article_id, position, hash_))
    return found
