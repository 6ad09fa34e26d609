"""One `newstrace watch` cycle over many local sources, and memory over many cycles (issue 20).

A feed server in its own process answers on --hosts loopback addresses (127.0.0.2, 127.0.0.3,
...; Linux routes all of 127/8 to the loopback interface), so the per-host rate limit applies
as it would to that many outlets. Each source is an RSS feed that shows --items new invented
entries (with their text) at each request, beside the previous edition's. The watch runs in
this process (Watch.run_cycle: poll, ingest, versions, trace, events; no alert rules).

Reported: each cycle's wall time, new items and the watch process's RSS after it; the peak RSS
of this process and of its largest child (the extraction and events workers); and the slope of
RSS over the cycles after the first (MB per cycle), by least squares.

Usage: python benchmarks/watch_run.py [--sources 500] [--items 20] [--hosts 50] [--cycles 1]
           [--host-interval 0.1] [--fetchers 16] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import random
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
SYLLABLES = ("ka", "lo", "mi", "ren", "sa", "tor", "vi", "del", "na", "pe", "ru", "sel", "ti", "bo")
VOCABULARY = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in ("", "n", "s", "ra")]
SENTENCE_WORDS = 14


def _paragraph(seed: int) -> str:
    """An invented paragraph of pseudo-words: no two entries share a run of five words."""
    rng = random.Random(seed)
    sentences = []
    for _ in range(3):
        words = rng.choices(VOCABULARY, k=SENTENCE_WORDS)
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def _entry(source: int, number: int) -> str:
    """One invented feed entry with three paragraphs of its own."""
    paragraphs = "".join(
        f"<p>{_paragraph(source * 1_000_003 + number * 7 + p)}</p>" for p in range(3)
    )
    stamp = formatdate(1741000000 + number * 60, usegmt=True)
    return (
        f"<item><title>Bulletin {source}-{number}</title>"
        f"<link>http://bench.example/{source}/{number}</link><guid>{source}-{number}</guid>"
        f"<pubDate>{stamp}</pubDate><content:encoded><![CDATA[{paragraphs}]]></content:encoded></item>"
    )


def _feed(source: int, edition: int, items: int) -> bytes:
    """The feed of a source at its edition-th request: this edition's entries and the last's."""
    first = max(0, (edition - 1) * items)
    entries = "".join(_entry(source, n) for n in range(first, (edition + 1) * items))
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Bench Outlet {source}</title><link>http://bench.example/{source}</link>"
        f"{entries}</channel></rss>"
    ).encode()


def _serve(hosts: list[str], port: int, items: int, new_every: int, ready: Any) -> None:
    """Serve every source's feed on every host address (run in its own process); a new
    edition every new_every requests of a feed."""
    editions: dict[str, int] = {}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if not self.path.startswith("/feed/"):
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            with lock:
                edition = editions.get(self.path, 0)
                editions[self.path] = edition + 1
            source = int(self.path.split("/")[2].split(".")[0])
            body = _feed(source, edition // new_every, items)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    for host in hosts:
        server = ThreadingHTTPServer((host, port), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ready.set()
    threading.Event().wait()


def _config(folder: Path, args: argparse.Namespace, hosts: list[str], port: int) -> Path:
    lines = [
        "[watch]",
        f'host_interval = "{args.host_interval}s"',
        f"fetchers = {args.fetchers}",
        "[newstrace]",
        f"jobs = {args.jobs}",
    ]
    for source in range(args.sources):
        host = hosts[source % len(hosts)]
        lines += ["[[source]]", f'url = "http://{host}:{port}/feed/{source}.xml"', 'every = "1ms"']
    path = folder / "watch.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def _rss_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * PAGE_KB / 1024


def _slope(values: list[float]) -> float:
    """Least-squares slope of values against their index (per cycle)."""
    n = len(values)
    if n < 2:
        return 0.0
    mean_x, mean_y = (n - 1) / 2, sum(values) / n
    num = sum((i - mean_x) * (v - mean_y) for i, v in enumerate(values))
    return num / sum((i - mean_x) ** 2 for i in range(n))


STAGES: dict[str, float] = {}


def _timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """fn, adding its wall time to STAGES[name]."""

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            STAGES[name] = STAGES.get(name, 0.0) + time.perf_counter() - started

    return wrapped


def _time_stages() -> None:
    """Time each stage of the cycle by wrapping the functions it calls."""
    from newstrace.watch import cycle, stages

    for module, name, label in (
        (cycle.Watch, "_poll_due", "poll"),
        (cycle, "ingest_items", "ingest"),
        (cycle, "record_versions", "versions"),
        (stages, "trace_links", "trace"),
        (stages, "update_provenance", "provenance"),
        (stages, "run_events", "events"),
    ):
        setattr(module, name, _timed(label, getattr(module, name)))


def _cpu_s() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _one_cycle(watch: Any) -> dict[str, Any]:
    """Run one cycle; its wall and CPU time, stage times, new items and the RSS after it."""
    STAGES.clear()
    cpu = _cpu_s()
    report = watch.run_cycle()
    return {
        "seconds": round(report.seconds, 2),
        "cpu_s": round(_cpu_s() - cpu, 2),
        "stages_s": {k: round(v, 2) for k, v in STAGES.items()},
        "new_items": report.new_items,
        "errors": len(report.errors),
        "rss_mb": round(_rss_mb(), 1),
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Start the feed server, run the cycles, and measure them."""
    from newstrace.settings import load_settings
    from newstrace.store import connect
    from newstrace.watch.config import load_config
    from newstrace.watch.cycle import Watch

    _time_stages()
    hosts = [f"127.0.0.{2 + i}" for i in range(args.hosts)]
    port = 18000 + os.getpid() % 1000
    ready = multiprocessing.Event()
    server = multiprocessing.Process(
        target=_serve, args=(hosts, port, args.items, args.new_every, ready)
    )
    server.start()
    ready.wait(30)
    cycles: list[dict[str, Any]] = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            config_path = _config(Path(folder), args, hosts, port)
            settings = load_settings(config_path, allow_private_addresses=True)
            watch = Watch(connect(Path(folder) / "bench.db"), load_config(config_path), settings)
            for _ in range(args.cycles):
                cycles.append(_one_cycle(watch))
                print(json.dumps(cycles[-1]), file=sys.stderr)
    finally:
        server.terminate()
    summary = _summary(args, cycles)
    if args.peer:
        summary["peer_ingest_of_the_same_feeds"] = _peer_ingest(args, args.jobs)
    return summary


def _peer_ingest(args: argparse.Namespace, jobs: int) -> dict[str, float]:
    """`ingest` of the first cycle's feeds written as files, into a fresh store: the peer."""
    from newstrace.ingest.run import ingest
    from newstrace.settings import Settings
    from newstrace.store import connect

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for source in range(args.sources):
            path = Path(folder) / f"feed-{source}.xml"
            path.write_bytes(_feed(source, 0, args.items))
            paths.append(str(path))
        cpu, started = _cpu_s(), time.perf_counter()
        summary = ingest(connect(Path(folder) / "peer.db"), paths, Settings(jobs=jobs))
        seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 2),
        "cpu_s": round(_cpu_s() - cpu, 2),
        "articles": summary.articles_stored,
    }


def _summary(args: argparse.Namespace, cycles: list[dict[str, Any]]) -> dict[str, Any]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    later = [c["rss_mb"] for c in cycles[1:]]
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "sources": args.sources,
        "items_per_cycle": args.items,
        "hosts": args.hosts,
        "host_interval_s": args.host_interval,
        "fetchers": args.fetchers,
        "first_cycle_s": cycles[0]["seconds"] if cycles else None,
        "first_cycle_cpu_s": cycles[0]["cpu_s"] if cycles else None,
        "first_cycle_stages_s": cycles[0]["stages_s"] if cycles else None,
        "first_cycle_new_items": cycles[0]["new_items"] if cycles else None,
        "later_cycles_s": [c["seconds"] for c in cycles[1:]][:10],
        "later_cycles_cpu_s": [c["cpu_s"] for c in cycles[1:]][:10],
        "later_cycles_stages_s": [c["stages_s"] for c in cycles[1:]][:3],
        "peak_rss_mb": round(own, 1),
        "peak_child_rss_mb": round(children, 1),
        "rss_slope_mb_per_cycle": round(_slope(later), 3),
        "rss_first_last_mb": [cycles[0]["rss_mb"], cycles[-1]["rss_mb"]] if cycles else None,
    }


def main() -> None:
    """Parse the arguments, run, print the summary as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--items", type=int, default=20, help="new entries per source per cycle")
    parser.add_argument("--hosts", type=int, default=50, help="loopback addresses to spread over")
    parser.add_argument("--cycles", type=int, default=1)
    parser.add_argument(
        "--new-every", type=int, default=1, help="new entries at every n-th cycle only"
    )
    parser.add_argument(
        "--peer", action="store_true", help="also time `ingest` of the same feeds as files"
    )
    parser.add_argument("--host-interval", type=float, default=0.1, help="seconds per host")
    parser.add_argument("--fetchers", type=int, default=16)
    parser.add_argument("--jobs", type=int, default=2, help="extraction processes")
    print(json.dumps(run(parser.parse_args()), indent=2))


if __name__ == "__main__":
    main()
