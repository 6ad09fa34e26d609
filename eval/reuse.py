"""The reuse gate: the fast engine's cross-outlet copies against the exhaustive reference, the
seeds' provenance, ReCOVery's origins (earliest unless stated evidence says otherwise), and the
hand-built provenance audit of ReCOVery and Helsinki (eval/provenance_audit.py).

The reference counts any long shared text as a copy, so recall and precision against it
measure the aligner: every aligned cross-outlet link, whatever its kind. Whether a link is a
republication, a shared quotation or boilerplate is measured by the audit, on links judged by
hand.

Stages still being written are reported as {"status": "stage missing"} instead of failing
the run, so the other suites' gates still run.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import sqlite_utils
from provenance_audit import measure_audit
from reuse_reference import Pair, Text, align, cached_reference, tokens

from newstrace.ingest import parse_mapping
from newstrace.ingest.run import IngestOptions, ingest
from newstrace.settings import Settings
from newstrace.store import connect

HERE = Path(__file__).resolve().parent
AUDITED = (
    "recovery",
    "helsinki",
)  # corpora with a hand-built provenance audit (eval/gold/provenance)
CACHE = HERE / "out"
SHOWN_PAIRS = 20  # missed and extra pairs listed for diagnosis
HELSINKI_MAP = "text=text,outlet=publisher,id=id"
RECOVERY_MAP = (
    "text=body_text,outlet=publisher,published=publish_date,title=title,id=news_id,url=url,"
    "author=author"
)
CORPORA: dict[str, tuple[str, str]] = {
    "helsinki": ("corpora/helsinki/helsinki_articles.csv", HELSINKI_MAP),
    "census": ("corpora/helsinki/census_articles.csv", HELSINKI_MAP),
    "spotify": ("corpora/helsinki/spotify_articles.csv", HELSINKI_MAP),
    "recovery": ("corpora/recovery", RECOVERY_MAP),
}
STATED_EVIDENCE = {
    "attribution",
    "byline",
    "wire marker",
    "canonical link",
    "media host",
    "carried boilerplate",
    "dateline",
    "text date",  # the text states a date that overrules its page date (reuse/textdates.py)
    "external origin",  # a credit names where the text came from, outside the corpus
}
_TEXTS_SQL = """SELECT a.id, d.source, d.source_id, o.name, a.body FROM articles a
JOIN documents d ON d.id = a.document_id LEFT JOIN outlets o ON o.id = a.outlet_id ORDER BY a.id"""
# A missing stage still yields its gated figures, at zero, so the gate fails instead of the run
MISSING = {"status": "stage missing"}
_SOURCES_SQL = "SELECT a.id, d.source FROM articles a JOIN documents d ON d.id = a.document_id"
Key = tuple[str, str]


def stage(module: str, name: str) -> Callable[..., Any] | None:
    """A reuse stage's entry point, or None while that stage does not exist yet."""
    try:
        return getattr(__import__(module, fromlist=[name]), name)
    except (ImportError, AttributeError):
        return None


def store_texts(db: sqlite_utils.Database) -> tuple[list[Text], dict[int, str]]:
    """The stored articles as the reference sees them, keyed `file#record id`; and id -> key."""
    texts, keys = [], {}
    for article_id, source, source_id, outlet, body in db.execute(_TEXTS_SQL):
        key = f"{Path(source).name}#{source_id if source_id is not None else article_id}"
        texts.append(Text(key, outlet, body or ""))
        keys[article_id] = key
    return texts, keys


def engine_pairs(
    db: sqlite_utils.Database, settings: Settings, keys: dict[int, str]
) -> dict[Key, int] | None:
    """The engine's cross-outlet pairs with their shared tokens; None when the engine is missing."""
    trace_links = stage("newstrace.engines.trace", "trace_links")
    iter_links = stage("newstrace.store.links", "iter_links")
    if trace_links is None or iter_links is None:
        return None
    trace_links(db, settings)
    pairs: dict[Key, int] = {}
    for link in iter_links(db, cross_outlet_only=True):
        a, b = sorted((keys[link.a], keys[link.b]))
        pairs[(a, b)] = link.shared_tokens
    return pairs


def _diagnosis(texts: dict[str, Text], pair: Key, engine_shared: int | None) -> dict[str, Any]:
    """One disagreement: the pair, its outlets, and what each side measured on it."""
    a, b = texts[pair[0]], texts[pair[1]]
    passages = align(*_codes(a.body, b.body))
    return {
        "a": a.key,
        "b": b.key,
        "outlets": [a.outlet, b.outlet],
        "reference_identical_tokens": sum(p.identical for p in passages),
        "reference_passages": [p.tokens for p in passages],
        "engine_shared_tokens": engine_shared,
    }


def _codes(a: str, b: str) -> tuple[list[int], list[int]]:
    """Two bodies' tokens as integer codes of one shared vocabulary."""
    vocabulary: dict[str, int] = {}
    return (
        [vocabulary.setdefault(t, len(vocabulary)) for t in tokens(a)],
        [vocabulary.setdefault(t, len(vocabulary)) for t in tokens(b)],
    )


def agreement(reference: list[Pair], engine: dict[Key, int], texts: list[Text]) -> dict[str, Any]:
    """Pair-level recall and precision of the engine against the reference, with examples."""
    expected = {(p.a, p.b): p for p in reference}
    found = set(engine)
    hits = len(found & set(expected))
    missed = sorted(set(expected) - found, key=lambda k: -expected[k].identical_tokens)
    extra = sorted(found - set(expected), key=lambda k: -engine[k])
    by_key = {t.key: t for t in texts}
    return {
        "engine_pairs": len(found),
        "matched": hits,
        "recall": hits / len(expected) if expected else 1.0,
        "precision": hits / len(found) if found else 1.0,
        "missed": [_diagnosis(by_key, k, None) for k in missed[:SHOWN_PAIRS]],
        "extra": [_diagnosis(by_key, k, engine[k]) for k in extra[:SHOWN_PAIRS]],
        "missed_count": len(missed),
        "extra_count": len(extra),
    }


def ingest_corpus(
    shared: Path, name: str, scratch: Path, settings: Settings
) -> sqlite_utils.Database:
    """A scratch store holding one corpus, ingested the way `newstrace ingest` would."""
    path, mapping = CORPORA[name]
    db = connect(scratch / f"{name}.db")
    ingest(db, [str(shared / path)], settings, IngestOptions(parse_mapping(mapping)))
    return db


def measure_corpus(db: sqlite_utils.Database, name: str, settings: Settings) -> dict[str, Any]:
    """Reference and engine on one ingested corpus."""
    texts, keys = store_texts(db)
    reference, run = cached_reference(texts, CACHE, name, settings.jobs)
    figures: dict[str, Any] = {
        "articles": len(texts),
        "reference_pairs": len(reference),
        "reference_seconds": run["seconds"],
        "reference_cpu_seconds": run.get("cpu_seconds"),
        "reference_cached": run["cached"],
    }
    started = time.perf_counter()
    engine = engine_pairs(db, settings, keys)
    if engine is None:
        return {**figures, **MISSING, "recall": 0.0, "precision": 0.0}
    figures["engine_seconds"] = round(time.perf_counter() - started, 1)
    return {**figures, "status": "measured", **agreement(reference, engine, texts)}


def _evidence_checks(member: dict[str, Any]) -> dict[str, bool]:
    """The seeds' expected evidence, each as a test on the copy's evidence records."""
    found = [(e["kind"], e["detail"].casefold()) for e in member["evidence"]]
    has = lambda kind, word="": any(k == kind and word in d for k, d in found)  # noqa: E731
    return {
        "attribution line naming South Front": has("attribution", "south front"),
        "byline naming South Front": has("byline", "south front"),
        "embedded media hosted on southfront.org": has("media host", "southfront.org"),
        "the original's donation appeal carried into the copy": has("carried boilerplate"),
        "republished one day after the original's stated date": has("publication order"),
    }


def _change_checks(member: dict[str, Any]) -> dict[str, bool]:
    """The seeds' expected changes, each as a test on the copy's change records."""
    changes = member["changes"]
    kinds = {c["kind"] for c in changes}
    label = any(c["kind"] == "title label added" and "Video" in str(c) for c in changes)
    media = any(c["kind"] == "media inserted" and c["position"] == 2 for c in changes)
    body_edits = {"paragraph added", "paragraph removed", "paragraph edited", "excerpt"}
    return {
        "title label 'Video' added": label,
        "title case changed (And -> and, For -> for)": "title case changed" in kinds,
        "byline, dates and tags added": bool(kinds & {"byline added", "byline changed"})
        and {"dates added", "tags added"} <= kinds,
        "video link inserted between body paragraphs 2 and 3": media,
        "appeals, attribution, copyright and disclaimer appended": "boilerplate appended" in kinds,
        "reader comments not carried over": "comments dropped" in kinds,
        "body text otherwise unchanged": not kinds & body_edits,
    }


def _inferred(db: sqlite_utils.Database, article_id: int, field: str) -> str | None:
    """A field of an article after reuse: the stored value, else the value inferred for it."""
    row = db.execute(
        "SELECT value FROM inferences WHERE article_id = ? AND field = ?", (article_id, field)
    ).fetchone()
    if row and row[0]:
        return str(row[0])
    column = "o.name" if field == "outlet" else "a.published"
    sql = (
        f"SELECT {column} FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?"
    )
    found = db.execute(sql, (article_id,)).fetchone()
    return str(found[0]) if found and found[0] else None


_FAMILIES_READER = ("newstrace.store.families", "iter_stored_families")


def _families_json(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every stored family in the `newstrace families` JSON shape."""
    return [family.to_json() for family in stage(*_FAMILIES_READER)(db.conn)]  # type: ignore[misc]


def _seed_checks(db: sqlite_utils.Database, expected: dict[str, Any]) -> dict[str, bool]:
    """Every provenance check of the seeds, on the families built from their store."""
    families = _families_json(db)
    name = lambda m: Path(m["source"]).name  # noqa: E731
    groups = [sorted(name(m) for m in f["members"]) for f in families]
    ids = {Path(source).name: i for i, source in db.execute(_SOURCES_SQL)}
    family = next(
        (
            f
            for f in families
            if {name(m) for m in f["members"]} >= {expected["origin"], expected["derived"]}
        ),
        None,
    )
    members = {name(m): m for m in family["members"]} if family else {}
    derived = members.get(
        expected["derived"], {"evidence": [], "changes": [], "coverage": 0.0, "parent": None}
    )
    checks = {
        "families": groups == [sorted(f) for f in expected["families"]],
        "origin": family is not None and family["origin"]["article"] == ids.get(expected["origin"]),
        "derived": derived["parent"] == ids.get(expected["origin"]),
        "body_coverage_min": (derived["coverage"] or 0.0) >= expected["body_coverage_min"],
    }
    checks.update({f"evidence: {k}": v for k, v in _evidence_checks(derived).items()})
    checks.update({f"changes: {k}": v for k, v in _change_checks(derived).items()})
    return checks


def measure_seeds(shared: Path, settings: Settings) -> dict[str, Any]:
    """The seeds' provenance and their `*_after_reuse` fields, as named checks."""
    if stage("newstrace.reuse.provenance", "build_provenance") is None:
        return {**MISSING, "share": 0.0}
    seeds = shared / "seeds"
    expected = json.loads((seeds / "expected.json").read_text())
    with tempfile.TemporaryDirectory() as scratch:
        db = connect(Path(scratch) / "seeds.db")
        ingest(db, [str(p) for p in sorted(seeds.glob("*.txt"))], settings, IngestOptions())
        stage("newstrace.engines.trace", "trace_links")(db, settings)  # type: ignore[misc]
        stage("newstrace.reuse.provenance", "build_provenance")(db, settings)  # type: ignore[misc]
        checks = _seed_checks(db, expected["provenance"])
        ids = {Path(source).name: i for i, source in db.execute(_SOURCES_SQL)}
        for name, fields in expected["articles"].items():
            for field in ("outlet", "published"):
                if f"{field}_after_reuse" in fields:
                    found = _inferred(db, ids[name], field) or ""
                    want = fields[f"{field}_after_reuse"]
                    checks[f"{name[:3]} {field}_after_reuse"] = found[: len(want)] == want
        db.conn.close()
    results = [{"check": k, "passed": v} for k, v in checks.items()]
    passed = sum(checks.values())
    return {
        "status": "measured",
        "checks": len(checks),
        "passed": passed,
        "share": passed / len(checks),
        "results": results,
    }


def _origin_verdict(family: dict[str, Any]) -> str | None:
    """For a family with dated members of different days: why its origin is right, or None."""
    dated = [m for m in family["members"] if m["published"]]
    days = {m["published"][:10] for m in dated}
    if len(days) < 2:
        return "undated"
    earliest = min(days)
    origin = family["origin"]["article"]
    chosen = next((m for m in family["members"] if m["article"] == origin), None)
    if chosen is not None and (chosen["published"] or "")[:10] == earliest:
        return "earliest"
    stated = [e for m in family["members"] for e in m["evidence"] if e["kind"] in STATED_EVIDENCE]
    return "stated evidence" if stated else None


def measure_origins(db: sqlite_utils.Database, settings: Settings) -> dict[str, Any]:
    """ReCOVery families with members of different dates: origin earliest or backed by evidence."""
    build_provenance = stage("newstrace.reuse.provenance", "build_provenance")
    if build_provenance is None or stage(*_FAMILIES_READER) is None:
        return {**MISSING, "share": 0.0}
    build_provenance(db, settings)
    verdicts = [(f, _origin_verdict(f)) for f in _families_json(db)]
    dated = [(f, v) for f, v in verdicts if v != "undated"]
    right = [f for f, v in dated if v is not None]
    wrong = [
        {
            "family": f["id"],
            "origin": f["origin"],
            "members": [(m["article"], m["outlet"], m["published"]) for m in f["members"]],
        }
        for f, v in dated
        if v is None
    ]
    return {
        "status": "measured",
        "families": len(verdicts),
        "families_dated": len(dated),
        "earliest": sum(1 for _, v in dated if v == "earliest"),
        "stated_evidence": sum(1 for _, v in dated if v == "stated evidence"),
        "share": len(right) / len(dated) if dated else 1.0,
        "wrong": wrong[:SHOWN_PAIRS],
    }


def measure(shared: Path, settings: Settings | None = None) -> dict[str, Any]:
    """Every reuse figure: each corpus against the reference, the seeds, ReCOVery's origins."""
    settings = settings or replace(Settings(), jobs=2)
    figures: dict[str, Any] = {"seeds": _guarded(measure_seeds, shared, settings)}
    for name in CORPORA:
        with tempfile.TemporaryDirectory() as scratch:
            db = ingest_corpus(shared, name, Path(scratch), settings)
            figures[name] = _guarded(measure_corpus, db, name, settings)
            if name == "recovery":
                figures["recovery_origins"] = _guarded(measure_origins, db, settings)
            if name in AUDITED:
                # measure_corpus traced the store; provenance gives links their kinds
                stage("newstrace.reuse.provenance", "build_provenance")(db, settings)  # type: ignore[misc]
                figures[f"{name}_audit"] = _guarded(measure_audit, db, name)
            db.conn.close()
    return figures


def _guarded(run: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """A measurement, or the error that stopped it: a crash is a figure, not a lost run."""
    try:
        return run(*args)
    except Exception as error:
        return {"status": "crashed", "error": f"{type(error).__name__}: {error}"}
