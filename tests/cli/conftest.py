"""A small mixed input folder written for the CLI tests: good pages beside bad ones."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

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
