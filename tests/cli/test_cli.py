"""The command line as a user drives it: ingest, extract, articles and show."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.cli import main


def run(*args: str) -> object:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def ingested(tmp_path: Path, mixed_inputs: Path) -> tuple[Path, object]:
    db = tmp_path / "news.db"
    return db, run("ingest", db, mixed_inputs)


def test_cli_ingest_stores_good_items_and_names_each_bad_one(ingested):
    db, result = ingested
    assert result.exit_code == 0
    for name, reason in [
        ("empty.html", "empty file"),
        ("blob.txt", "binary"),
        ("cut.html.gz", "gzip"),
        ("export.jsonl #n2", "no text"),
    ]:
        line = next((line for line in result.stderr.splitlines() if name in line), "")
        assert reason in line, f"{name}: {result.stderr}"
    listed = json.loads(run("articles", db, "--json").stdout)
    assert sorted(a["title"] for a in listed) == [
        "Ferry Service Resumes After Storm",
        "Mill reopens",
        "Orchard Harvest Breaks Records",
    ]


def test_cli_ingest_twice_adds_nothing(ingested, mixed_inputs):
    db, _ = ingested
    again = run("ingest", db, mixed_inputs)
    assert again.exit_code == 0 and "already stored: 3" in again.stderr
    assert len(json.loads(run("articles", db, "--json").stdout)) == 3


@pytest.mark.parametrize("flags, code", [((), 0), (("--strict",), 1)])
def test_cli_ingest_exit_status_follows_strict(tmp_path, mixed_inputs, flags, code):
    assert run("ingest", tmp_path / "s.db", mixed_inputs, *flags).exit_code == code


def test_cli_ingest_fails_when_nothing_could_be_ingested(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run("ingest", tmp_path / "n.db", tmp_path / "empty.txt")
    assert result.exit_code == 1 and "empty file" in result.stderr


def test_cli_ingest_silent_prints_nothing(tmp_path, mixed_inputs):
    result = run("ingest", tmp_path / "q.db", mixed_inputs, "--silent")
    assert result.stdout == "" and result.stderr == ""


def test_cli_extract_prints_article_objects_without_storing(tmp_path, mixed_inputs):
    result = run("extract", mixed_inputs / "ferry.txt", "--json")
    (article,) = json.loads(result.stdout)
    assert article["title"] == "Ferry Service Resumes After Storm"
    assert [c["author"] for c in article["comments"]] == ["Kira Holm", "Ben Ortiz"]
    assert any(b["kind"] == "appeal" for b in article["boilerplate"])
    assert "donate" not in article["body"] and "Kira Holm" not in article["body"]
    assert not list(tmp_path.glob("*.db"))


def test_cli_extract_article_object_has_the_documented_keys(mixed_inputs):
    (article,) = json.loads(run("extract", mixed_inputs / "orchard.html").stdout)
    documented = {
        "id",
        "source",
        "source_id",
        "outlet",
        "url",
        "title",
        "title_label",
        "byline",
        "authors",
        "published",
        "language",
        "body",
        "paragraphs",
        "comments",
        "boilerplate",
        "attributions",
        "media",
        "tags",
        "inferred",
    }
    assert documented <= set(article)
    assert article["outlet"] == "Valley Post" and article["published"].startswith("2024-09-14")
    assert (
        article["body"] == "\n\n".join(article["paragraphs"]) and "Copyright" not in article["body"]
    )


def test_cli_articles_nl_and_csv_agree(ingested):
    db, _ = ingested
    lines = [json.loads(line) for line in run("articles", db, "--nl").stdout.splitlines()]
    rows = list(csv.DictReader(io.StringIO(run("articles", db, "--csv").stdout)))
    assert [line["title"] for line in lines] == [r["title"] for r in rows] and len(rows) == 3


def test_cli_show_keeps_body_boilerplate_and_comments_apart(ingested):
    db, _ = ingested
    articles = json.loads(run("articles", db, "--json").stdout)
    ferry = next(a for a in articles if a["title"].startswith("Ferry"))
    shown = run("show", db, ferry["id"]).stdout
    body_at, boiler_at, comments_at = (
        shown.index(h) for h in ("body", "boilerplate (not in the body)", "reader comments (2)")
    )
    assert body_at < boiler_at < comments_at
    assert shown.index("donate") > boiler_at and shown.index("Kira Holm") > comments_at


def test_cli_show_unknown_article_says_what_to_do(ingested):
    db, _ = ingested
    result = CliRunner().invoke(main, ["show", str(db), "999"])
    assert result.exit_code == 1 and "newstrace articles" in result.output
