"""Geoparsing speed: `newstrace geoparse` on LGL (../shared/geoparsing/lgl.xml), places/s and peak memory.

Each case runs in its own process, so its peak memory (max RSS) is its own. Command-line
cases run `newstrace geoparse INPUT.jsonl --nl` (process start, importing every command,
loading the cached gazetteer and, without spans, spaCy, all counted). In-process cases time
the library calls alone, after loading: `Geocoder.resolve` with the gold spans; recognition and
resolution of the bare text; and the same with the named entities of a parse the caller
already made (as the events stage hands them over). The gazetteer's cold build is timed with
an empty cache directory.
Usage: python benchmarks/geo_run.py --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "eval"))

from geo import read_corpus  # noqa: E402

NEWSTRACE = [sys.executable, "-c", "import sys; from newstrace.cli import main; sys.exit(main())"]


def write_inputs(lgl: Path, folder: Path) -> tuple[Path, Path, int]:
    """LGL as geoparse input: with the gold spans, and without; and the gold toponym count."""
    articles = read_corpus(lgl)
    spans, bare = folder / "lgl-spans.jsonl", folder / "lgl-text.jsonl"
    with spans.open("w") as with_spans, bare.open("w") as without:
        for article in articles:
            gold = [[t.start, t.end] for t in article.toponyms]
            with_spans.write(json.dumps({"text": article.text, "spans": gold}) + "\n")
            without.write(json.dumps({"text": article.text}) + "\n")
    return spans, bare, sum(len(a.toponyms) for a in articles)


def run_case(input_path: Path, env: dict[str, str]) -> tuple[float, float, int, int]:
    """Seconds, peak RSS in MiB, texts and places of one geoparse run in a fresh process."""
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "out = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=True).stdout\n"
        "s = time.perf_counter() - t\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(s, rss, out.count(chr(10)), out.count('\"geo_precision\"'))\n"
    )
    command = [sys.executable, "-c", code, *NEWSTRACE, "geoparse", str(input_path), "--nl"]
    # newstrace's "-c" program takes its arguments after its own, as the command line does
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    seconds, rss_kib, texts, places = result.stdout.split()
    return float(seconds), int(rss_kib) / 1024, int(texts), int(places)


IN_PROCESS = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[2])
from geo import read_corpus
from newstrace.geo import Geocoder
articles = read_corpus(__import__("pathlib").Path(sys.argv[1]))
rows = []
started = time.perf_counter()
geocoder = Geocoder()
geocoder.gazetteer
rows.append(["load the cached gazetteer (in process)", time.perf_counter() - started])
def timed(label, call):
    started, places = time.perf_counter(), 0
    for article in articles:
        places += sum(p is not None for p in call(article))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows.append([label, time.perf_counter() - started, rss, len(articles), places])
timed("gold spans given, in process (resolution)",
      lambda a: geocoder.resolve(a.text, [(t.start, t.end) for t in a.toponyms]))
started = time.perf_counter()
geocoder.recognizer.nlp
rows.append(["load spaCy (in process)", time.perf_counter() - started])
entities = {id(a): geocoder.recognizer.entities(a.text) for a in articles}
timed("caller's entities given, in process (recognition + resolution)",
      lambda a: geocoder.resolve(a.text, entities=entities[id(a)]))
timed("no spans, in process (spaCy + recognition + resolution)",
      lambda a: geocoder.resolve(a.text))
print(json.dumps(rows))
"""


def in_process(lgl: Path) -> list[list[Any]]:
    """The in-process cases, run in a fresh process of their own."""
    command = [sys.executable, "-c", IN_PROCESS, str(lgl), str(HERE.parent / "eval")]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return list(json.loads(result.stdout.strip().splitlines()[-1]))


RESULTS = HERE / "out" / "geo.json"


def markdown(saved: dict[str, Any]) -> str:
    """The performance page's geoparsing section, from a saved measurement."""
    lines = [
        "## Geoparsing: places per second",
        "",
        "    .venv/bin/python benchmarks/geo_run.py --shared ../shared",
        "",
        f"LGL: {saved['toponyms']:,} gold toponyms; {saved['machine']}. Command-line seconds"
        " include process start, loading the cached gazetteer and (without spans) spaCy;"
        " in-process seconds are the library calls alone, after loading (timed on their own"
        " rows).",
        "",
        "| case | texts | places | seconds | places/s | peak RSS MiB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in saved["rows"]:
        if len(row) == 2:
            lines.append(f"| {row[0]} | | | {row[1]:.1f} | | |")
            continue
        label, seconds, rss, texts, places = row
        lines.append(
            f"| {label} | {texts:,} | {places:,} | {seconds:.1f} | {places / seconds:,.0f}"
            f" | {rss:,.0f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    """Measure the geoparse cases, save them to benchmarks/out/geo.json and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    args = parser.parse_args()
    lgl = args.shared / "geoparsing" / "lgl.xml"
    if not lgl.is_file():
        print(f"error: {lgl} not found; pass --shared PATH", file=sys.stderr)
        return 2
    rows: list[tuple[Any, ...]] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        spans, bare, toponyms = write_inputs(lgl, folder)
        cold_env = {**os.environ, "NEWSTRACE_CACHE_DIR": str(folder / "cold-cache")}
        build = "import time; t = time.perf_counter(); from newstrace.geo.gazetteer import load; "
        build += "load(); print(time.perf_counter() - t)"
        built = subprocess.run([sys.executable, "-c", build], capture_output=True, text=True,
                               env=cold_env, check=True)  # fmt: skip
        rows.append(("gazetteer build, cold cache (in process)", float(built.stdout)))
        warm = {**os.environ}
        run_case(spans, warm)  # warm the user cache
        for label, path in (
            ("gold spans given (resolution)", spans),
            ("no spans (spaCy + resolution)", bare),
        ):
            seconds, rss, texts, places = run_case(path, warm)
            rows.append((label, seconds, rss, texts, places))
    rows += [tuple(row) for row in in_process(lgl)]
    machine = (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs,"
        f" Python {platform.python_version()}"
    )
    saved = {"toponyms": toponyms, "machine": machine, "rows": rows}
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(saved, indent=2))
    print(markdown(saved))
    return 0


if __name__ == "__main__":
    sys.exit(main())
