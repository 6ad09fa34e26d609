"""`newstrace run-shards`: the heavy stages of a whole corpus on Ray, resumable shard by shard.

Three stages, each a checkpoint of its own in OUTPUT:

- extract: one Ray task per input file (JSONL, CSV, WARC, HTML, feeds: whatever `ingest`
  reads) extracts its articles as `ingest` does and writes them to
  `articles/NNNNN.jsonl` (one `newstrace extract --nl` object per line, `id` the article's
  record id) and its per-item failures to `failures/NNNNN.jsonl`;
- events: one task per article shard reads the events of each article as the `events` stage
  does and writes `events/NNNNN.jsonl` (the article's id beside each event);
- trace: the article shards are traced by `trace-shards` (links/ and families/ in OUTPUT).

A shard's file appears only when its task has finished (written aside, then renamed), so a run
interrupted anywhere is resumed by running the same command again: finished shards are kept,
the others redone. The manifest names the inputs and settings the shards belong to; other
inputs are refused rather than mixed (--restart discards them). Each Ray worker process loads
spaCy and the gazetteer once and keeps them for every task it runs.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newstrace import progress
from newstrace.engines.ray import RayEngine
from newstrace.events.assemble import ArticleText, extract_events
from newstrace.ingest import iter_items
from newstrace.ingest.run import extract_one, with_default_outlet
from newstrace.models import Failure
from newstrace.settings import Settings
from newstrace.shards.corpus import fingerprint_of_inputs
from newstrace.shards.run import CheckpointMismatch, ShardRunSummary, trace_shards

STAGES = ("extract", "events", "trace")
ARTICLES, FAILURES, EVENTS = "articles", "failures", "events"
MANIFEST = "run-shards.json"
_CACHED: dict[str, Any] = {}


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """How the inputs are read: as `ingest` reads them."""

    mapping: Mapping[str, str] | None = None
    fmt: str | None = None
    outlet: str | None = None


@dataclass
class PipelineSummary:
    """What a run-shards run did, stage by stage."""

    inputs: int = 0
    articles: int = 0
    failures: int = 0
    events: int = 0
    resumed: dict[str, int] = field(default_factory=dict)  # stage -> shards kept from before
    trace: ShardRunSummary | None = None


def input_files(inputs: Sequence[Path]) -> list[Path]:
    """Every file among the inputs (folders walked, hidden names skipped), sorted by path."""
    found: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found.extend(
                p
                for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.parts)
            )
        elif path.exists():
            found.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or directory")
    if not found:
        raise FileNotFoundError("no input files")
    return sorted(found)


def write_atomically(path: Path, lines: Iterator[str]) -> int:
    """Write lines to path through a temporary name; return how many."""
    partial = path.with_suffix(".partial")
    count = 0
    with partial.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(line + "\n")
            count += 1
    partial.replace(path)
    return count


def extract_file(
    path: str, settings: Settings, options: ExtractOptions, target: str, failed: str
) -> tuple[int, int]:
    """Extract one input file's articles into target and its failures into failed."""
    articles: list[str] = []
    failures: list[str] = []
    items = iter_items([path], settings, options.mapping, options.fmt, options.outlet)
    for item in items:
        if isinstance(item, Failure):
            failures.append(_failure_line(item))
            continue
        result = with_default_outlet(extract_one(item, settings), options.outlet)
        if result.article is None:
            failures.append(_failure_line(Failure(item.source, result.error or "", item.source_id)))
            continue
        record = result.article.to_json()
        record["id"] = item.source_id or item.url or f"{item.source}#{len(articles) + 1}"
        articles.append(json.dumps(record, ensure_ascii=False))
    write_atomically(Path(failed), iter(failures))
    return write_atomically(Path(target), iter(articles)), len(failures)


def _failure_line(failure: Failure) -> str:
    record = {"source": failure.source, "source_id": failure.source_id, "reason": failure.reason}
    return json.dumps(record, ensure_ascii=False)


def _geocoder() -> Any:
    """This worker's geocoder, loaded by its first events task and kept."""
    if "geocoder" not in _CACHED:
        from newstrace.geo import default_geocoder

        _CACHED["geocoder"] = default_geocoder()
    return _CACHED["geocoder"]


def events_of_shard(source: str, target: str) -> int:
    """Read the events of every article of one article shard; write them beside its ids."""
    records = [json.loads(line) for line in Path(source).read_text(encoding="utf-8").splitlines()]
    texts = [ArticleText(r.get("body") or "", r.get("published")) for r in records]
    found = extract_events(texts, _geocoder())
    lines = (
        json.dumps({"article": record["id"], **event.to_json()}, ensure_ascii=False)
        for record, events in zip(records, found, strict=True)
        for event in events
    )
    return write_atomically(Path(target), lines)


def _manifest(files: Sequence[Path], settings: Settings, options: ExtractOptions) -> dict[str, Any]:
    return {
        "inputs": fingerprint_of_inputs(files),
        "options": {
            "mapping": dict(options.mapping or {}),
            "fmt": options.fmt,
            "outlet": options.outlet,
        },
        "settings": json.loads(json.dumps(asdict(settings), default=str)),
    }


def prepare_output(output: Path, manifest: dict[str, Any], restart: bool) -> None:
    """OUTPUT checked against (or started with) this run's manifest; its stage folders made."""
    saved = output / MANIFEST
    if restart:
        for name in (ARTICLES, FAILURES, EVENTS, "links", "families", "_checkpoints"):
            shutil.rmtree(output / name, ignore_errors=True)
        saved.unlink(missing_ok=True)
    if saved.exists() and json.loads(saved.read_text()) != manifest:
        raise CheckpointMismatch(
            f"{output} holds a run of other inputs or options: "
            "use a new OUTPUT folder, or --restart to discard it"
        )
    for name in (ARTICLES, FAILURES, EVENTS):
        (output / name).mkdir(parents=True, exist_ok=True)
    saved.write_text(json.dumps(manifest, indent=1))


def _run_tasks(
    function: Callable[..., Any], jobs: list[tuple[Any, ...]], engine: RayEngine
) -> list[Any]:
    """Each job's arguments through the function as a Ray task, a bounded number in flight."""
    import ray

    task = ray.remote(num_cpus=1)(function)
    limit = 2 * max(1, int(ray.cluster_resources().get("CPU", 1)))
    pending: list[Any] = []
    results: list[Any] = []
    for arguments in jobs:
        if len(pending) >= limit:
            done, pending = ray.wait(pending, num_returns=1)
            results.extend(_finished(ray.get(done)))
        pending.append(task.remote(*arguments))
    while pending:
        done, pending = ray.wait(pending, num_returns=1)
        results.extend(_finished(ray.get(done)))
    return results


def _finished(values: list[Any]) -> list[Any]:
    progress.advance(len(values))
    return values


def _extract_stage(
    files: list[Path], output: Path, settings: Settings, options: ExtractOptions,
    engine: RayEngine, summary: PipelineSummary,
) -> None:  # fmt: skip
    jobs = []
    for number, path in enumerate(files):
        target = output / ARTICLES / f"{number:05d}.jsonl"
        if target.exists():
            summary.resumed["extract"] = summary.resumed.get("extract", 0) + 1
            continue
        failed = output / FAILURES / f"{number:05d}.jsonl"
        jobs.append((str(path), settings, options, str(target), str(failed)))
    with progress.stage("extract", len(jobs), "files"):
        _run_tasks(extract_file, jobs, engine)
    summary.articles = sum(_lines(p) for p in sorted((output / ARTICLES).glob("*.jsonl")))
    summary.failures = sum(_lines(p) for p in sorted((output / FAILURES).glob("*.jsonl")))


def _events_stage(output: Path, engine: RayEngine, summary: PipelineSummary) -> None:
    jobs = []
    for shard in sorted((output / ARTICLES).glob("*.jsonl")):
        target = output / EVENTS / shard.name
        if target.exists():
            summary.resumed["events"] = summary.resumed.get("events", 0) + 1
            continue
        jobs.append((str(shard), str(target)))
    with progress.stage("events", len(jobs), "shards"):
        _run_tasks(events_of_shard, jobs, engine)
    summary.events = sum(_lines(p) for p in sorted((output / EVENTS).glob("*.jsonl")))


def _lines(path: Path) -> int:
    with path.open("rb") as lines:
        return sum(1 for _ in lines)


def run_shards(
    inputs: Sequence[Path],
    output: Path,
    settings: Settings,
    engine: RayEngine,
    options: ExtractOptions = ExtractOptions(),
    stages: Sequence[str] = STAGES,
    restart: bool = False,
) -> PipelineSummary:
    """Extract the inputs, read their events and trace their copies on Ray, into OUTPUT."""
    files = input_files(inputs)
    prepare_output(output, _manifest(files, settings, options), restart)
    summary = PipelineSummary(inputs=len(files))
    try:
        engine.connect()
        _extract_stage(files, output, settings, options, engine, summary)
        if "events" in stages:
            _events_stage(output, engine, summary)
        if "trace" in stages and summary.articles:
            summary.trace = trace_shards([output / ARTICLES], output, settings, engine)
    finally:
        engine.close()
    return summary
