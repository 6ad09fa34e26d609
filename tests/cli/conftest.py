"""A small mixed input folder written for the CLI tests: good pages beside bad ones."""

from __future__ import annotations

import csv
import gzip
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.cli import main

STORY = """Ferry Service Resumes After Storm

The island ferry returned to its full timetable on Tuesday after three days of cancellations caused by the storm.

Harbour officials said the north pier had been inspected overnight and found safe for passengers and vehicles.

Support our newsroom: donate today via our membership page.

Kira Holm

Good news, I was stuck on the mainland all weekend!

Ben Ortiz

Why does my Sunday boat still not run? Fix it please.
"""

PAGE = """<!doctype html><html><head><title>Orchard Harvest Breaks Records | Valley Post</title>
<meta property="og:site_name" content="Valley Post">
<meta property="article:published_time" content="2024-09-14T08:00:00Z"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Orchard Harvest Breaks Records</h1>
<p>Growers in the valley picked more apples this season than in any year since records began, the cooperative said on Friday.</p>
<p>The cooperative credited a warm spring and the absence of late frosts for the yield, which it put at forty thousand tonnes.</p>
<p>Prices at the farm gate fell slightly as a result, but most growers said volume more than made up for it.</p>
</article><footer>Copyright 2024 Valley Post. All rights reserved.</footer></body></html>"""


@pytest.fixture
def mixed_inputs(tmp_path: Path) -> Path:
    """Two good pages, a good JSONL export, and four bad items."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "ferry.txt").write_text(STORY)
    (folder / "orchard.html").write_text(PAGE)
    records = [
        {
            "id": "n1",
            "publisher": "Dale Times",
            "title": "Mill reopens",
            "text": "The old mill reopened as a museum on Saturday. ### Volunteers restored the wheel.",
        },
        {"id": "n2", "publisher": "Dale Times", "title": "", "text": ""},
    ]
    (folder / "export.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    (folder / "empty.html").write_bytes(b"")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "cut.html.gz").write_bytes(gzip.compress(PAGE.encode())[:60])
    return folder


BRIDGE = (
    "The regional council approved a new bridge over the Tarn river on Monday after a two year "
    "dispute about its cost and the route it should take through the old town. Engineers said "
    "construction would begin in the spring and last about eighteen months, with one lane kept "
    "open for traffic throughout."
)
ORCHARD = (
    "A late frost damaged apricot orchards across the northern valley this week, growers said, "
    "and early estimates put the loss at a third of the expected harvest. The farmers union "
    "asked the ministry for emergency support and a delay on loan repayments until autumn."
)
FERRY = (
    "The night ferry to the southern islands will stop running in November because the old "
    "vessel failed its safety inspection, the operator announced, leaving a bus and a slow "
    "cargo boat as the only winter links."
)
LIBRARY = (
    "The city library opened a reading room for children in the former post office, with "
    "six thousand donated books, a puppet theatre and free lessons for parents on weekends."
)
OUTLET_ROWS = [
    # id, publisher, url, title, body, date, reliability, type
    ("s1", "State Voice", "https://statevoice.example/bridge", "Tarn bridge approved", BRIDGE,
     "2024-05-01", "low", "state-affiliated"),
    ("p1", "Proxy Daily", "https://proxydaily.example/bridge", "Tarn bridge approved", BRIDGE,
     "2024-05-02", "low", "proxy"),
    ("c1", "Civic Ledger", "https://civicledger.example/bridge", "Tarn bridge approved", BRIDGE,
     "2024-05-03", "high", "independent"),
    ("c2", "Civic Ledger", "https://civicledger.example/frost", "Frost hits orchards", ORCHARD,
     "2024-06-01", "high", "independent"),
    ("p2", "Proxy Daily", "https://proxydaily.example/frost", "Frost hits orchards", ORCHARD,
     "2024-06-02", "low", "proxy"),
    ("s2", "State Voice", "https://statevoice.example/ferry", "Night ferry to stop", FERRY,
     "2024-06-03", "low", "state-affiliated"),
    ("l1", "Lake Courier", "https://lakecourier.example/library", "Library for children",
     LIBRARY, "2024-07-01", "", ""),
]  # fmt: skip
"""Invented stories: the bridge story (State Voice, copied by Proxy Daily and Civic Ledger),
the frost story (Civic Ledger, copied by Proxy Daily), and two stories of one outlet each."""


@pytest.fixture
def outlets_csv(tmp_path: Path) -> Path:
    """A CSV export whose outlets have a URL, a reliability and a type column."""
    path = tmp_path / "news.csv"
    with path.open("w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            ["id", "publisher", "url", "title", "body_text", "date", "reliability", "type"]
        )
        writer.writerows(OUTLET_ROWS)
    return path


@pytest.fixture
def long_copy_jsonl(tmp_path: Path) -> Path:
    """A sixty-paragraph report and a copy that keeps its first six paragraphs only."""
    paragraphs = [
        f"Witness {n} told the harbour inquiry that the {colour} crane on pier {n} had been "
        f"inspected {n + 2} times before the collapse, and that the logbook for week {n} "
        f"was missing when investigators arrived."
        for n, colour in enumerate(["red", "blue", "green", "grey", "white", "black"] * 10, 1)
    ]
    records = [
        {"id": "r1", "outlet": "Harbour Tribune", "title": "Crane inquiry hears witnesses",
         "published": "2024-03-01", "text": "\n\n".join(paragraphs)},
        {"id": "r2", "outlet": "Coast Digest", "title": "Crane inquiry hears witnesses",
         "published": "2024-03-02", "text": "\n\n".join(paragraphs[:6])},
    ]  # fmt: skip
    path = tmp_path / "inquiry.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    return path


SYLLABLES = ["ka", "lo", "mir", "tes", "van", "dru", "pel", "sho", "ner", "bix", "qua", "zor"]


def _story(seed: int) -> list[str]:
    """Five paragraphs of invented words, different for each seed, so stories share nothing."""
    rng = random.Random(seed)
    words = ["".join(rng.choices(SYLLABLES, k=3)) for _ in range(400)]
    return [" ".join(rng.choices(words, k=45)) + "." for _ in range(5)]


def _wide_records() -> list[dict[str, str]]:
    """One story copied 18 times by 9 outlets (each copy with its own added line), and 29
    stories copied once each: 30 families, the first too big to list in full on a screen."""
    story = _story(0)
    records = [{"id": "o", "outlet": "Origin Wire", "published": "2024-05-01",
                "title": "The first story", "text": "\n\n".join(story)}]  # fmt: skip
    for n in range(18):
        records.append({"id": f"c{n}", "outlet": f"Copier {n % 9}",
                        "published": f"2024-05-{2 + n % 9:02d}", "title": f"Copy {n}",
                        "text": "\n\n".join([*story[: 3 + n % 3], f"Local note number {n}."])})  # fmt: skip
    for seed in range(1, 30):
        text = "\n\n".join(_story(seed))
        records += [{"id": f"s{seed}", "outlet": "Origin Wire", "published": "2024-06-01",
                     "title": f"Story {seed}", "text": text},
                    {"id": f"t{seed}", "outlet": "Copier 0", "published": "2024-06-02",
                     "title": f"Story {seed} again", "text": text}]  # fmt: skip
    return records


@pytest.fixture(scope="module")
def wide_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wide family's records ingested and traced."""
    folder = tmp_path_factory.mktemp("wide")
    source = folder / "wide.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in _wide_records()) + "\n")
    db = folder / "news.db"
    for args in (["ingest", db, source, "--silent"], ["trace", db, "--silent"]):
        result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return db
