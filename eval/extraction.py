"""Extraction quality on real pages: newstrace next to bare trafilatura, measured in the same run.

AEB (181 pages): body F1 by the Article Extraction Benchmark procedure (lower-case, `\\w+`
tokens, 4-gram multisets, per-page TP/FP/FN normalised to sum 1, precision and recall
averaged over pages, F1 the harmonic mean of the averages).
WCXB dev (711 pages): bag-of-words body F1 per page (averaged), exact-day date accuracy,
exact title, exact and substring author.

Usage: python eval/extraction.py --shared ../shared --json OUT.json
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import trafilatura

from newstrace.extract.encoding import decode
from newstrace.extract.html import extract_html
from newstrace.settings import Settings

WORKERS = 2
CHUNK_PAGES = 4
SHINGLE_TOKENS = 4
TOKEN = re.compile(r"\w+")
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
NAME_SEPARATOR = re.compile(r"\s*(?:;|,|&|\band\b)\s*", re.I)
NOTES = [
    "- Both tools read the same decoded text of each page; compared strings are NFKC-normalised "
    "with typographic quotes folded to ASCII (the WCXB truth types ' where pages print \u2019) "
    "and whitespace collapsed.",
    "- AEB `trafilatura` is `trafilatura.extract(html)` with defaults; `trafilatura_aeb_runner` "
    "is the AEB repository's own runner (include_comments=False), the stronger of the two.",
    "- WCXB `trafilatura` is `trafilatura.bare_extraction(html, url=url, with_metadata=True)`, "
    "defaults; both tools are given the page's URL, as a crawl or a WARC record gives it.",
    "- Date and author accuracy count only the pages whose truth states a date ({date_pages} of "
    "{pages}) or an author ({author_pages} of {pages}): on the others no answer can be scored "
    "right, so how often each tool answers anyway is reported apart "
    "(`date_given_without_truth`, `author_given_without_truth`; lower is better).",
    "- Author exact: the same names in the same order, case kept, after splitting both sides on "
    "`;`, `,`, `&` and `and`. Author substring: either side inside the other, case folded.",
    "- Body F1 on WCXB skips the one page whose truth has no main_content.",
    '- WCXB\'s truth date is the date a page shows, an "Updated" date included; newstrace never '
    "gives a modification date while the page states a publication date, nor a copyright year or "
    "an unconfirmed guess (it gives none), so pages whose truth is the page's modified date count "
    'against it. A page whose only date is "Updated" is dated by it, at confidence 0.4.',
    "- `newstrace_boilerplate_kept` scores newstrace's body with the blocks it classified as "
    "boilerplate put back: the cost or gain of boilerplate separation.",
]


def norm(text: str | None) -> str:
    """NFKC, typographic quotes folded to ASCII, whitespace collapsed: the form every compared
    string takes (the WCXB truth types ' where pages print ’)."""
    return " ".join(unicodedata.normalize("NFKC", text or "").translate(QUOTES).split())


def read_page(path: Path) -> str:
    """The page's text, decoded the way newstrace decodes documents; both tools read this."""
    return decode(gzip.decompress(path.read_bytes()))[0]


# AEB procedure ----------------------------------------------------------------------------


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Multiset of token 4-grams (a shorter text is one shingle), as the AEB evaluator counts."""
    tokens = TOKEN.findall(text.lower())
    count = max(1, len(tokens) - SHINGLE_TOKENS + 1)
    return Counter(gram for i in range(count) if (gram := tuple(tokens[i : i + SHINGLE_TOKENS])))


def shingle_match(truth: str, prediction: str) -> tuple[float, float, float]:
    """Page TP, FP and FN over shingles, normalised to sum to 1."""
    true, pred = shingles(truth), shingles(prediction)
    tp, fp, fn = (
        sum((true & pred).values()),
        sum((pred - true).values()),
        sum((true - pred).values()),
    )
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def aeb_scores(pages: list[tuple[float, float, float]]) -> dict[str, float]:
    """Precision and recall averaged over pages, and F1 of the two averages."""
    precision = statistics.mean(
        1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)
        for tp, fp, fn in pages
        if tp + fp > 0
    )
    recall = statistics.mean(
        1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)
        for tp, fp, fn in pages
        if tp + fn > 0
    )
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


# WCXB metrics -----------------------------------------------------------------------------


def bag_f1(truth: str, prediction: str) -> float:
    """Bag-of-words F1 of lower-cased `\\w+` tokens."""
    true = Counter(TOKEN.findall(norm(truth).lower()))
    pred = Counter(TOKEN.findall(norm(prediction).lower()))
    overlap = sum((true & pred).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(pred.values()), overlap / sum(true.values())
    return 2 * precision * recall / (precision + recall)


def names(author: str | None) -> list[str]:
    """Author names in order, split on list separators."""
    return [name for name in NAME_SEPARATOR.split(norm(author)) if name]


def author_scores(truth: str | None, predicted: str | None) -> dict[str, bool | None]:
    """Exact and substring author match; None (not scored) when the truth names no author."""
    if not norm(truth):
        return {"exact": None, "substring": None, "given": bool(norm(predicted))}
    true, pred = norm(truth).casefold(), norm(predicted).casefold()
    substring = bool(pred) and (true in pred or pred in true)
    return {"exact": names(truth) == names(predicted), "substring": substring, "given": True}


def date_scores(truth: str | None, predicted: str | None) -> dict[str, bool | None]:
    """Exact-day date match; None (not scored) when the truth states no date."""
    if not truth:
        return {"day": None, "given": bool(predicted)}
    return {"day": bool(predicted) and str(predicted)[:10] == truth[:10], "given": True}


# The tools --------------------------------------------------------------------------------

Prediction = dict[str, Any]
SETTINGS = Settings()


def newstrace_prediction(html: str, url: str | None = None) -> Prediction:
    """Body, title, author and date as newstrace extracts them; an empty answer when it refuses."""
    try:
        article = extract_html(html, "page.html", SETTINGS, url=url)
    except ValueError:
        empty = {"body": "", "body_with_boilerplate": "", "title": None, "author": None}
        return {**empty, "date": None, "failed": True}
    lines = list(article.paragraphs)
    for block in article.boilerplate:
        lines.insert(block.position, block.text)
    return {
        "body": article.body,
        "body_with_boilerplate": "\n\n".join(lines),
        "title": article.title,
        "author": "; ".join(article.authors) or None,
        "date": article.published,
        "date_source": article.published_source,
    }


def trafilatura_prediction(html: str, url: str | None = None) -> Prediction:
    """The same fields from bare trafilatura with its defaults and metadata on."""
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if document is None or isinstance(document, dict):
        return {"body": "", "title": None, "author": None, "date": None, "failed": True}
    return {
        "body": document.text or "",
        "title": document.title,
        "author": document.author,
        "date": document.date,
    }


def timed(function: Callable[[str], Any], html: str, seconds: dict[str, float], name: str) -> Any:
    """Call a tool on a page and add its time to the tool's total."""
    started = time.perf_counter()
    result = function(html)
    seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started
    return result


def aeb_page(item: tuple[Path, str]) -> dict[str, Any]:
    """One AEB page scored for every tool."""
    path, truth = item
    html = read_page(path)
    seconds: dict[str, float] = {}
    ours = timed(newstrace_prediction, html, seconds, "newstrace")
    bare = timed(lambda h: trafilatura.extract(h) or "", html, seconds, "trafilatura")
    runner = trafilatura.extract(html, include_comments=False) or ""
    return {
        "newstrace": shingle_match(truth, ours["body"]),
        "trafilatura": shingle_match(truth, bare),
        "trafilatura_aeb_runner": shingle_match(truth, runner),
        "newstrace_boilerplate_kept": shingle_match(truth, ours["body_with_boilerplate"]),
        "failed": bool(ours.get("failed")),
        "seconds": seconds,
    }


def wcxb_page(path: Path) -> dict[str, Any]:
    """One WCXB page scored for both tools."""
    page = json.loads(path.read_text(encoding="utf-8"))
    truth, url = page["ground_truth"], page.get("url")
    html = read_page(path.parent.parent / "html" / f"{path.stem}.html.gz")
    seconds: dict[str, float] = {}
    row: dict[str, Any] = {"seconds": seconds}
    for name, tool in (
        ("newstrace", newstrace_prediction),
        ("trafilatura", trafilatura_prediction),
    ):
        found = timed(lambda h, tool=tool: tool(h, url), html, seconds, name)
        body = truth.get("main_content")
        if name == "newstrace" and body is not None:
            row["boilerplate_kept_f1"] = bag_f1(body, found["body_with_boilerplate"])
        if name == "newstrace":
            row["date_source"] = found.get("date_source")
        row[name] = {
            "body_f1": bag_f1(body, found["body"]) if body is not None else None,
            "title": norm(found["title"]) == norm(truth.get("title")),
            "author": author_scores(truth.get("author"), found["author"]),
            "date": date_scores(truth.get("publish_date"), found["date"]),
            "failed": bool(found.get("failed")),
        }
    return row


# Aggregation ------------------------------------------------------------------------------


def share(values: Iterable[bool | None]) -> float:
    """Share of True among the scored (non-None) values."""
    scored = [value for value in values if value is not None]
    return sum(scored) / len(scored) if scored else 0.0


def wcxb_scores(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Averages over the pages each figure applies to."""
    return {
        "body_f1": statistics.mean(r["body_f1"] for r in rows if r["body_f1"] is not None),
        "date_exact_day": share(r["date"]["day"] for r in rows),
        "title_exact": share(r["title"] for r in rows),
        "author_exact": share(r["author"]["exact"] for r in rows),
        "author_substring": share(r["author"]["substring"] for r in rows),
        "date_given_without_truth": share(
            r["date"]["given"] for r in rows if r["date"]["day"] is None
        ),
        "author_given_without_truth": share(
            r["author"]["given"] for r in rows if r["author"]["exact"] is None
        ),
    }


def _seconds(rows: list[dict[str, Any]]) -> dict[str, float]:
    totals: Counter[str] = Counter()
    for row in rows:
        totals.update(row["seconds"])
    return {name: round(value, 2) for name, value in totals.items()}


def measure_aeb(root: Path, pool: Any) -> dict[str, Any]:
    """AEB body figures for newstrace and bare trafilatura."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    items = [
        (root / "html" / f"{key}.html.gz", value.get("articleBody") or "")
        for key, value in truth.items()
    ]
    rows = pool.map(aeb_page, items, chunksize=CHUNK_PAGES)
    tools = ("newstrace", "trafilatura", "trafilatura_aeb_runner", "newstrace_boilerplate_kept")
    figures: dict[str, Any] = {tool: aeb_scores([row[tool] for row in rows]) for tool in tools}
    figures.update(pages=len(rows), newstrace_refused=sum(row["failed"] for row in rows))
    figures["tool_seconds"] = _seconds(rows)
    return figures


def measure_wcxb(root: Path, pool: Any) -> dict[str, Any]:
    """WCXB body and metadata figures for newstrace and bare trafilatura."""
    paths = sorted((root / "ground-truth").glob("*.json"))
    rows = pool.map(wcxb_page, paths, chunksize=CHUNK_PAGES)
    figures: dict[str, Any] = {
        tool: wcxb_scores([row[tool] for row in rows]) for tool in ("newstrace", "trafilatura")
    }
    figures["pages"] = len(rows)
    figures["newstrace_refused"] = sum(row["newstrace"]["failed"] for row in rows)
    figures["date_pages"] = sum(row["newstrace"]["date"]["day"] is not None for row in rows)
    figures["author_pages"] = sum(row["newstrace"]["author"]["exact"] is not None for row in rows)
    figures["newstrace_date_sources"] = dict(
        Counter(str(row["date_source"]) for row in rows if "date_source" in row).most_common()
    )
    kept = [row["boilerplate_kept_f1"] for row in rows if "boilerplate_kept_f1" in row]
    figures["newstrace_boilerplate_kept"] = {"body_f1": statistics.mean(kept)}
    figures["tool_seconds"] = _seconds(rows)
    return figures


def measure(shared: Path) -> dict[str, Any]:
    """Every extraction figure on ../shared/extraction, for the gate runner."""
    started = time.perf_counter()
    with Pool(WORKERS) as pool:
        figures: dict[str, Any] = {
            "aeb": measure_aeb(shared / "extraction" / "aeb", pool),
            "wcxb": measure_wcxb(shared / "extraction" / "wcxb-dev", pool),
        }
    counts = {key: figures["wcxb"][key] for key in ("pages", "date_pages", "author_pages")}
    figures["notes"] = [note.format(**counts) for note in NOTES]
    figures["timing"] = {
        "wall_seconds": round(time.perf_counter() - started, 1),
        "workers": WORKERS,
    }
    return figures


def table(figures: dict[str, Any]) -> str:
    """The figures as a plain-text table, newstrace beside bare trafilatura."""
    lines = [f"{'corpus':<6} {'metric':<28} {'newstrace':>10} {'trafilatura':>12}"]
    for corpus in ("aeb", "wcxb"):
        ours, theirs = figures[corpus]["newstrace"], figures[corpus]["trafilatura"]
        lines += [
            f"{corpus:<6} {name:<28} {value:>10.4f} {theirs[name]:>12.4f}"
            for name, value in ours.items()
        ]
    runner = figures["aeb"]["trafilatura_aeb_runner"]
    lines.append(f"{'aeb':<6} {'f1, AEB runner (no comments)':<28} {'':>10} {runner['f1']:>12.4f}")
    for corpus, metric in (("aeb", "f1"), ("wcxb", "body_f1")):
        kept = figures[corpus]["newstrace_boilerplate_kept"][metric]
        lines.append(f"{corpus:<6} {metric + ', boilerplate kept':<28} {kept:>10.4f} {'':>12}")
    return "\n".join(lines)


def main() -> int:
    """Measure, print the table, and write the figures as JSON when asked."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    if not (args.shared / "extraction").is_dir():
        print(f"error: {args.shared}/extraction not found; pass --shared PATH", file=sys.stderr)
        return 2
    figures = measure(args.shared)
    print(table(figures))
    print(
        f"measured in {figures['timing']['wall_seconds']} s with {WORKERS} workers", file=sys.stderr
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
