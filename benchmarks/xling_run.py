"""Translations at scale (issue 18, point 6): a corpus mixing languages traced end to end.

The corpus is the reuse benchmark's background (benchmarks/reuse_corpus.py: English mosaics of
Reuters, Helsinki and ReCOVery paragraphs, with injected same-language copies) with the WMT
newstest2014 documents of ../shared/crosslingual inside it: each original once (the 68 English
originals shared by the four pairs too), each professional translation as an article of a
foreign outlet a day later, a third cut to excerpts (eval/crosslingual.py builds them). The
originals are dated across the background's days, so every translation has thousands of same-day
rivals.

It runs the two commands a user runs, `newstrace ingest` and `newstrace trace`, each timed with
its peak memory (the largest process of the command, workers included) and CPU time, and scores
the translation links against the known pairs.

Usage: python benchmarks/xling_run.py --shared ../shared --sizes 10000[,100000] [--pairs de,fr]
Writes benchmarks/out/xling-results.json (merged with earlier sizes).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "eval")]

import crosslingual  # noqa: E402  (eval/crosslingual.py)
import reuse_corpus  # noqa: E402

RESULTS = reuse_corpus.OUT / "xling-results.json"
NEWSTRACE = str(Path(sys.executable).with_name("newstrace"))
MAPPING = "text=body,title=title,published=published,id=id,outlet=outlet"
SOURCE_SIZE = 100_000  # the reuse corpus the background is read from (its first lines)
SEED = 18
_TIME = re.compile(r"^XLING (\S+) (\S+) (\S+) (\d+)$", re.MULTILINE)


def wmt_articles(
    shared: Path, languages: tuple[str, ...] = crosslingual.PAIRS
) -> tuple[list[dict[str, Any]], list[tuple[str, str, str]]]:
    """The WMT originals (each once) and translations as records without ids or dates, and the
    true pairs as (original key, translation key, language pair)."""
    records: dict[str, dict[str, Any]] = {}
    pairs: list[tuple[str, str, str]] = []
    for lang in languages:
        corpus = crosslingual.build_corpus(shared, lang)
        for (a, b), _ in corpus.pairs.items():
            original, translation = corpus.sides[a].article, corpus.sides[b].article
            key_a = f"{original.outlet}|{original.body[:200]}"
            key_b = f"{lang}|{translation.source}"
            for key, article in ((key_a, original), (key_b, translation)):
                records.setdefault(
                    key,
                    {"outlet": article.outlet, "title": "", "body": article.body},
                )
            pairs.append((key_a, key_b, f"en-{lang}"))
    ordered = [{"key": key, **record} for key, record in records.items()]
    return ordered, pairs


def build(
    shared: Path, size: int, folder: Path, languages: tuple[str, ...] = crosslingual.PAIRS
) -> tuple[Path, int, dict[int, int], dict[int, str]]:
    """The mixed corpus of `size` articles as JSONL, how many are WMT's, the true pairs
    (translation -> original id) and each translation's language pair."""
    source, _ = reuse_corpus.ensure(shared, SOURCE_SIZE)
    wmt, pairs = wmt_articles(shared, languages)
    background = size - len(wmt)
    path = folder / f"xling-{size}.jsonl"
    span_s = background * reuse_corpus.STEP_S
    rnd = random.Random(SEED)
    ids: dict[str, int] = {}
    with source.open(encoding="utf-8") as lines, path.open("w", encoding="utf-8") as out:
        for _, line in zip(range(background), lines, strict=False):
            out.write(line)
        originals = {a for a, _, _ in pairs}
        days = {a: rnd.uniform(0, max(1.0, span_s - 86_400)) for a in sorted(originals)}
        translation_of = {b: a for a, b, _ in pairs}
        for k, record in enumerate(wmt):
            key = record.pop("key")
            ids[key] = background + 1 + k
            offset = days[key] if key in days else days[translation_of[key]] + 86_400
            when = reuse_corpus.START + timedelta(seconds=offset)
            row = {"id": ids[key], **record, "published": when.isoformat(timespec="seconds")}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    truth = {ids[b]: ids[a] for a, b, _ in pairs}
    languages = {ids[b]: pair for _, b, pair in pairs}
    return path, len(wmt), truth, languages


def timed(command: list[str]) -> dict[str, float]:
    """Run a command; its wall seconds, CPU seconds and peak memory (MB, largest process)."""
    wrapped = ["/usr/bin/time", "-f", "XLING %e %U %S %M", *command]
    done = subprocess.run(wrapped, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{command[:2]} failed: {done.stderr[-2000:]}")
    wall, user, system, peak_kb = _TIME.findall(done.stderr)[-1]
    return {
        "seconds": round(float(wall), 1),
        "cpu_s": round(float(user) + float(system), 1),
        "peak_mb": round(int(peak_kb) / 1024),
    }


def translation_links(db: Path) -> list[tuple[int, int]]:
    """The stored translation links as (source id, source id) of the corpus."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT da.source_id, db.source_id FROM reuse_links l"
            " JOIN link_kinds k ON k.link_id = l.id AND k.kind = 'translation'"
            " JOIN articles x ON x.id = l.a JOIN documents da ON da.id = x.document_id"
            " JOIN articles y ON y.id = l.b JOIN documents db ON db.id = y.document_id"
        ).fetchall()
    finally:
        conn.close()
    return [(int(a), int(b)) for a, b in rows]


def score(
    found: list[tuple[int, int]], truth: dict[int, int], languages: dict[int, str]
) -> dict[str, Any]:
    """Recall per language pair; links between two translations of one original (siblings) are
    right and counted apart; every other link is false."""
    hits: set[int] = set()
    siblings = false = 0
    for a, b in found:
        if truth.get(b) == a or truth.get(a) == b:
            hits.add(b if truth.get(b) == a else a)
        elif a in truth and b in truth and truth[a] == truth[b]:
            siblings += 1
        else:
            false += 1
    recall = {
        pair: round(
            sum(1 for t in hits if languages[t] == pair)
            / sum(1 for t in truth if languages[t] == pair),
            3,
        )
        for pair in sorted(set(languages.values()))
    }
    return {
        "true_pairs": len(truth),
        "found": len(hits),
        "siblings": siblings,
        "false": false,
        "recall": recall,
    }


def measure(
    shared: Path, size: int, languages: tuple[str, ...] = crosslingual.PAIRS
) -> dict[str, Any]:
    """Build, ingest and trace one size; the figures of each command and the links' score."""
    with tempfile.TemporaryDirectory(dir=reuse_corpus.OUT) as scratch:
        folder = Path(scratch)
        path, wmt, truth, pair_of = build(shared, size, folder, languages)
        db = folder / "xling.db"
        load = os.getloadavg()[0]
        ingest = timed([NEWSTRACE, "ingest", str(db), str(path), "--map", MAPPING, "--silent"])
        trace = timed([NEWSTRACE, "trace", str(db), "--silent"])
        found = translation_links(db)
        conn = sqlite3.connect(db)
        languages_stored = dict(
            conn.execute("SELECT coalesce(language, 'null'), count(*) FROM articles GROUP BY 1")
        )
        conn.close()
    total = ingest["seconds"] + trace["seconds"]
    return {
        "articles": size,
        "wmt_articles": wmt,
        "load_before": round(load, 2),
        "ingest": ingest,
        "trace": trace,
        "end_to_end_s": round(total, 1),
        "ms_per_article": round(1000 * total / size, 2),
        "cpu_ms_per_article": round(1000 * (ingest["cpu_s"] + trace["cpu_s"]) / size, 2),
        "trace_ms_per_article": round(1000 * trace["seconds"] / size, 2),
        "languages": languages_stored,
        "wmt_pairs": list(languages),
        "translations": score(found, truth, pair_of),
    }


def main() -> int:
    """Measure the chosen sizes and merge them into the results file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--pairs", default=",".join(crosslingual.PAIRS), help="WMT pairs inside")
    args = parser.parse_args()
    saved = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    saved["machine"] = f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}"
    saved["measured"] = datetime.now().isoformat(timespec="seconds")
    for size in (int(s) for s in args.sizes.split(",")):
        figures = measure(args.shared, size, tuple(args.pairs.split(",")))
        saved.setdefault("sizes", {})[f"{size} {args.pairs}"] = figures
        print(json.dumps(figures, indent=2), flush=True)
        RESULTS.write_text(json.dumps(saved, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
