"""Events throughput and peak memory on the Helsinki and ReCOVery corpora.

Each corpus is ingested into a scratch store first (not timed); then `newstrace events` runs in
its own process, so its time and peak memory (max RSS) are the events stage's alone: spaCy
load, candidate filtering, parsing, geocoding and the store writes. Prints a markdown table.
`acled` is ACLED's own short event reports (../shared/events/acled-dev.csv, each record's notes
as a title-less JSONL record, written to the scratch folder only). A progress bar goes to
stderr unless --silent.
Usage: python benchmarks/events_run.py --shared ../shared [--no-geo] [--only helsinki] [--silent]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
HELSINKI_MAP = "text=text,outlet=publisher,id=id"
RECOVERY_MAP = (
    "text=body_text,outlet=publisher,published=publish_date,title=title,id=news_id,url=url"
)
CORPORA = {
    "helsinki": ("corpora/helsinki/helsinki_articles.csv", HELSINKI_MAP),
    "recovery": ("corpora/recovery", RECOVERY_MAP),
    "acled": ("events/acled-dev.csv", "text=text,published=published,id=id"),
}
BAR_WIDTH = 30


def _bar(done: int, total: int) -> None:
    """A one-line progress bar on stderr."""
    filled = BAR_WIDTH * done // max(total, 1)
    end = "\n" if done >= total else ""
    print(f"\r  [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}", end=end,
          file=sys.stderr, flush=True)  # fmt: skip


def _acled_jsonl(csv_path: Path, out: Path) -> Path:
    """ACLED's notes as title-less JSONL records (id, published, text), in the scratch folder."""
    import csv
    from datetime import datetime

    with csv_path.open(newline="", encoding="utf-8") as handle, out.open("w") as sink:
        for row in csv.DictReader(handle):
            day = datetime.strptime(row["event_date"], "%d-%b-%y").date().isoformat()
            record = {"id": row["event_id_cnty"], "published": day, "text": row["notes"]}
            sink.write(json.dumps(record) + "\n")
    return out


def _child(db_path: str, geo: bool, silent: bool) -> None:
    """Run the events stage on a store and print its figures as JSON (run as a child process)."""
    from newstrace.events.parsing import worth_parsing
    from newstrace.events.sentences import split_sentences
    from newstrace.events.stage import run_events
    from newstrace.settings import Settings
    from newstrace.store import connect

    db = connect(db_path)
    bodies = [row[0] or "" for row in db.execute("SELECT body FROM articles")]
    sentences = [s for body in bodies for s in split_sentences(body)]
    candidates = sum(1 for s in sentences if worth_parsing(s))
    started = time.perf_counter()
    summary = run_events(
        db, Settings(), use_default_geocoder=geo, progress=None if silent else _bar
    )
    seconds = time.perf_counter() - started
    # The stage's own peak plus its largest worker's (workers read the run's sentences).
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb = (peak_kb + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    print(json.dumps({
        "articles": summary.articles, "events": summary.events + summary.linked,
        "event_rows": summary.events, "seconds": round(seconds, 2),
        "sentences": len(sentences), "candidates": candidates, "peak_rss_mb": round(peak_mb),
    }))  # fmt: skip


def measure(shared: Path, name: str, geo: bool, silent: bool = False) -> dict[str, Any]:
    """Ingest one corpus into a scratch store, then time the events stage in a child process."""
    from newstrace.ingest import parse_mapping
    from newstrace.ingest.run import IngestOptions, ingest
    from newstrace.settings import Settings
    from newstrace.store import connect

    path, mapping = CORPORA[name]
    with tempfile.TemporaryDirectory() as scratch:
        db_path = Path(scratch) / f"{name}.db"
        source = shared / path
        if name == "acled":
            source = _acled_jsonl(source, Path(scratch) / "acled.jsonl")
        db = connect(db_path)
        ingest(db, [str(source)], Settings(), IngestOptions(parse_mapping(mapping)))
        db.conn.close()
        command = [sys.executable, __file__, "--child", str(db_path)]
        command += ([] if geo else ["--no-geo"]) + (["--silent"] if silent else [])
        if not silent:
            print(f"{name}:", file=sys.stderr)
        result = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    figures["events_per_s"] = round(figures["events"] / figures["seconds"], 1)
    figures["articles_per_s"] = round(figures["articles"] / figures["seconds"], 1)
    return figures


RESULTS = HERE / "out" / "events.json"


def markdown(saved: dict[str, Any]) -> str:
    """The performance page's events section, from a saved measurement."""
    lines = [
        "## Events: events per second",
        "",
        "    .venv/bin/python benchmarks/events_run.py --shared ../shared",
        "",
        "spaCy parses only the sentences a trigger word marks as able to carry an event (one",
        "regex over the triggers' stems as a prefix tree; a sentence whose only triggers need a",
        'context, "fight" or "rally", is parsed only with a word of that context or an actor',
        "named), with its unused components disabled, in one pool of worker processes kept for the whole run",
        "(`--jobs`, one per core, for runs of 300 articles or more); the entity recogniser runs",
        "only on the paragraphs that tell an event and on each such article's opening sentence;",
        "lemmas come from spaCy's own rules looked up once per word form and written in bulk;",
        "short reports go to the workers a few dozen at a time, and the next batch is parsed",
        "while the last one is stored.",
        "",
    ]
    return "\n".join([*lines, table(saved["corpora"], saved["geo"], saved["machine"])]) + "\n"


def table(results: dict[str, dict[str, Any]], geo: bool, machine: str) -> str:
    """The figures as a markdown table."""
    lines = [
        f"Events stage ({'with' if geo else 'without'} geocoding), {machine}:",
        "",
        "| corpus | articles | sentences | parsed (candidates) | events | s | events/s | articles/s | peak RSS MB (stage + largest worker) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, f in results.items():
        share = f["candidates"] / f["sentences"] if f["sentences"] else 0.0
        lines.append(
            f"| {name} | {f['articles']:,} | {f['sentences']:,} | {f['candidates']:,} ({share:.0%}) "
            f"| {f['events']:,} | {f['seconds']} | {f['events_per_s']} | {f['articles_per_s']} "
            f"| {f['peak_rss_mb']} |"
        )
    return "\n".join(lines)


def main() -> int:
    """Measure every corpus and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--no-geo", action="store_true", help="skip geocoding")
    parser.add_argument("--only", default=",".join(CORPORA))
    parser.add_argument("--silent", action="store_true", help="no progress bar on stderr")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, not args.no_geo, args.silent)
        return 0
    results = {
        name: measure(args.shared, name, not args.no_geo, args.silent)
        for name in args.only.split(",")
    }
    machine = f"{platform.processor() or platform.machine()}, Python {platform.python_version()}"
    saved = {"geo": not args.no_geo, "machine": machine, "corpora": results}
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(saved, indent=2))
    print(markdown(saved))
    return 0


if __name__ == "__main__":
    sys.exit(main())
