"""A small invented corpus with copies across outlets, and a canonical snapshot of a store."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path
from typing import Any

from newstrace.store.schema import SCHEMA_VERSION

from .strategies import VERBS, WORDS

OUTLETS = ("Valley Tribune", "Harbor Watch", "Northern Courier", "Coastal Ledger")
# Conflict reports some stories carry, so that the events stage reads and stores something.
REPORTS = (
    "Gunmen killed {n} villagers near Kandahar on Tuesday, a district official said.",
    "Police fired tear gas at protesters who burned tyres and blocked roads in Lagos on Friday.",
    "An air strike hit a market in Idlib on Sunday, killing {n} people, rescuers said.",
)


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 18))]
    words.insert(len(words) // 2, rng.choice(VERBS))
    return f"The {' '.join(words)} {rng.randint(1, 9999)}."


def _paragraphs(rng: random.Random, count: int) -> list[str]:
    return [" ".join(_sentence(rng) for _ in range(2)) for _ in range(count)]


def write_corpus(folder: Path, stories: int = 24, seed: int = 11) -> list[str]:
    """JSONL exports (one per outlet) and text dumps; every third story copied by another outlet."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    records: dict[str, list[dict[str, str]]] = {outlet: [] for outlet in OUTLETS}
    for number in range(stories):
        origin = OUTLETS[number % len(OUTLETS)]
        title = " ".join(rng.choice(WORDS) for _ in range(5)).capitalize()
        paragraphs = _paragraphs(rng, rng.randint(3, 6))
        if number % 4 == 0:
            paragraphs.insert(1, REPORTS[number // 4 % len(REPORTS)].format(n=2 + number % 5))
        day = f"2024-03-{1 + number % 27:02d}"
        records[origin].append(
            {"id": f"s{number}", "title": title, "published": day, "outlet": origin,
             "text": "\n\n".join(paragraphs)}
        )  # fmt: skip
        if number % 3 == 0:
            copier = OUTLETS[(number + 1) % len(OUTLETS)]
            copied = [*paragraphs[: rng.randint(2, len(paragraphs))], *_paragraphs(rng, 1)]
            copied.append(f"The original source of this article is {origin}")
            records[copier].append(
                {"id": f"c{number}", "title": f"Video: {title}", "published": f"2024-04-{1 + number % 27:02d}",
                 "outlet": copier, "text": "\n\n".join(copied)}
            )  # fmt: skip
    inputs = []
    for outlet, rows in records.items():
        path = folder / f"{outlet.lower().replace(' ', '-')}.jsonl"
        path.write_text("".join(json.dumps(row) + "\n" for row in rows))
        inputs.append(str(path))
    dumps = folder / "dumps"
    dumps.mkdir(exist_ok=True)
    for number in range(6):
        text = "\n\n".join([f"Dump story {number}", *_paragraphs(rng, 3)])
        (dumps / f"story-{number}.txt").write_text(text + "\n")
    (dumps / "empty.txt").write_text("")
    inputs.append(str(dumps))
    return inputs


_ARTICLE_KEY = """(SELECT d.source || '#' || coalesce(d.source_id, '') FROM articles x
JOIN documents d ON d.id = x.document_id WHERE x.id = {})"""


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple[Any, ...]]:
    return sorted(tuple(row) for row in conn.execute(sql))


def snapshot(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Everything ingest, trace and events produce, keyed by source rather than row id."""
    key = _ARTICLE_KEY.format
    return {
        "articles": _rows(conn, f"SELECT {key('a.id')}, o.name, a.title, a.title_label, a.byline,"
                          " a.published, a.body, a.authors FROM articles a"
                          " LEFT JOIN outlets o ON o.id = a.outlet_id"),
        "parts": _rows(conn, f"SELECT {key('p.article_id')}, 'paragraph', p.position, p.text FROM paragraphs p"
                       f" UNION ALL SELECT {key('c.article_id')}, 'comment', c.position, c.text FROM comments c"
                       f" UNION ALL SELECT {key('b.article_id')}, b.kind, b.position, b.text FROM boilerplate b"
                       f" UNION ALL SELECT {key('t.article_id')}, t.cue, 0, t.text FROM attributions t"
                       f" UNION ALL SELECT {key('g.article_id')}, g.name, 0, g.value FROM tags g"),
        "failures": _rows(conn, "SELECT source, source_id, error FROM documents WHERE error IS NOT NULL"),
        "links": _rows(conn, f"SELECT {key('l.a')}, {key('l.b')}, l.shared_tokens, l.coverage_a,"
                       " l.coverage_b, l.same_outlet, (SELECT group_concat(p.a_start || ':' || p.a_end"
                       " || ':' || p.b_start || ':' || p.b_end) FROM passages p WHERE p.link_id = l.id)"
                       " FROM reuse_links l"),
        "members": _rows(conn, f"SELECT {key('f.origin_article')}, f.origin_outlet, f.external, f.size,"
                         f" {key('m.article_id')}, {key('m.parent_id')}, m.coverage, m.confidence"
                         " FROM family_members m JOIN families f ON f.id = m.family_id"),
        "evidence": _rows(conn, f"SELECT {key('article_id')}, kind, detail, weight FROM member_evidence"),
        "changes": _rows(conn, f"SELECT {key('article_id')}, kind, detail, before, after FROM member_changes"),
        "edges": _rows(conn, "SELECT * FROM outlet_edges"),
        "inferences": _rows(conn, f"SELECT {key('article_id')}, field, value, evidence FROM inferences"),
        "traced": _rows(conn, f"SELECT {key('article_id')}, tokens FROM traced_articles"),
        "events": _rows(conn, f"SELECT {key('e.article_id')}, e.event_type, e.sub_event_type,"
                        " e.fatalities_best, e.actors, e.places, (SELECT group_concat("
                        f"{key('x.article_id')} || ':' || x.sentence_start) FROM event_articles x"
                        " WHERE x.event_id = e.id) FROM events e"),
        "processed": _rows(conn, f"SELECT {key('article_id')}, events FROM events_processed"),
    }  # fmt: skip


CONSISTENCY_CHECKS = {
    "a stored document without its article": """SELECT d.id FROM documents d WHERE d.content IS
        NOT NULL AND d.error IS NULL AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.document_id = d.id)""",
    "an article whose paragraphs do not make its body": """SELECT a.id FROM articles a WHERE a.body
        != coalesce((SELECT group_concat(text, char(10) || char(10)) FROM (SELECT text FROM paragraphs p
        WHERE p.article_id = a.id ORDER BY position)), '')""",
    "a link without passages": """SELECT l.id FROM reuse_links l
        WHERE NOT EXISTS (SELECT 1 FROM passages p WHERE p.link_id = l.id)""",
    "a family whose size is not its member count": """SELECT f.id FROM families f
        WHERE f.size != (SELECT count(*) FROM family_members m WHERE m.family_id = f.id)""",
    "an event not linked to the article it was read in": """SELECT e.id FROM events e
        WHERE NOT EXISTS (SELECT 1 FROM event_articles x WHERE x.event_id = e.id)""",
    "events of an article without its processed mark": """SELECT e.article_id
        FROM events e WHERE NOT EXISTS (SELECT 1 FROM events_processed p
        WHERE p.article_id = e.article_id)""",
    "a document stored twice": """SELECT source, source_id FROM documents
        GROUP BY source, source_id HAVING count(*) > 1""",
}


def consistency_problems(conn: sqlite3.Connection) -> list[str]:
    """What is wrong with a store after a crash: integrity, orphans, half-written rows."""
    problems = []
    integrity = conn.execute("PRAGMA integrity_check").fetchall()
    if integrity != [("ok",)]:
        problems.append(f"integrity_check: {integrity[:5]}")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version < SCHEMA_VERSION:
        # Killed while the file was being created: each migration is one transaction, so the
        # file must hold exactly the tables of a version, and nothing else yet.
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            problems.append("tables of an unrecorded migration")
        return problems
    orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
    if orphans:
        problems.append(f"orphan rows: {orphans[:5]}")
    try:
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    except sqlite3.DatabaseError as exc:
        problems.append(f"full-text index out of step: {exc}")
    for name, sql in CONSISTENCY_CHECKS.items():
        found = conn.execute(sql).fetchall()
        if found:
            problems.append(f"{name}: {found[:5]}")
    return problems
