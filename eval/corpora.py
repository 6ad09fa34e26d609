"""The corpus gate: every Helsinki, ReCOVery and Reuters record ingests with no crash."""

from __future__ import annotations

import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from newstrace.ingest import parse_mapping
from newstrace.ingest.run import IngestOptions, ingest
from newstrace.settings import Settings
from newstrace.store import connect

CORPORA: dict[str, dict[str, Any]] = {
    "helsinki": {
        "paths": ["corpora/helsinki"],
        "map": "text=text,outlet=publisher,id=id",
        "records": 680,
    },
    "recovery": {
        "paths": ["corpora/recovery"],
        "map": "text=body_text,outlet=publisher,published=publish_date,title=title,id=news_id,url=url,author=author",
        "records": 2031,
    },
    "reuters": {
        "paths": ["corpora/reuters21578"],
        "map": "text=body,title=title,published=date,id=attrs.newid",
        "outlet": "Reuters",
        "records": 21578,
    },
}

_FIGURES_SQL = {
    "articles": "SELECT count(*) FROM articles",
    "with_title": "SELECT count(*) FROM articles WHERE coalesce(title, '') != ''",
    "with_date": "SELECT count(*) FROM articles WHERE published IS NOT NULL",
    "with_outlet": "SELECT count(*) FROM articles WHERE outlet_id IS NOT NULL",
    "with_byline": "SELECT count(*) FROM articles WHERE byline IS NOT NULL",
    "boilerplate_paragraphs": "SELECT count(*) FROM boilerplate",
    "site_repeated_paragraphs": "SELECT count(*) FROM boilerplate WHERE kind = 'site-repeated'",
    "failed_items": "SELECT count(*) FROM documents WHERE error IS NOT NULL",
}


def measure_corpus(shared: Path, name: str, settings: Settings) -> dict[str, Any]:
    """Ingest one corpus into a scratch store and count what came out."""
    spec = CORPORA[name]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        db = connect(Path(scratch) / f"{name}.db")
        options = IngestOptions(parse_mapping(spec["map"]), outlet=spec.get("outlet"))
        summary = ingest(db, [str(shared / p) for p in spec["paths"]], settings, options)
        figures = {key: db.execute(sql).fetchone()[0] for key, sql in _FIGURES_SQL.items()}
        db.conn.close()
    figures.update(
        records_expected=spec["records"],
        items=summary.items,
        crashed=False,
        seconds=round(time.perf_counter() - started, 1),
        failures=[f"{f.source}#{f.source_id}: {f.reason}" for f in summary.failures[:20]],
    )
    return figures


def measure(shared: Path, settings: Settings | None = None) -> dict[str, Any]:
    """Ingest every corpus; a crash is recorded, not raised, so the gate can report it."""
    settings = settings or replace(Settings(), jobs=2)
    results: dict[str, Any] = {}
    for name in CORPORA:
        try:
            results[name] = measure_corpus(shared, name, settings)
        except Exception as error:
            results[name] = {"crashed": True, "error": f"{type(error).__name__}: {error}"}
    return results
