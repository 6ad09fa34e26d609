"""Hostile pages: script payloads in every article-derived field never run, in a real browser."""

from __future__ import annotations

import re
import sqlite3
import urllib.request
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newstrace.cli import main


def _pages(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    articles = [row[0] for row in conn.execute("SELECT id FROM articles")]
    families = [row[0] for row in conn.execute("SELECT id FROM families")]
    outlets = [row[0] for row in conn.execute("SELECT name FROM outlets")]
    conn.close()
    return [
        "/-/newstrace/",
        "/-/newstrace/network",
        "/-/newstrace/events",
        "/-/newstrace/search?q=script",
        "/news/articles",
        "/news/comments",
        "/news/outlets",
        *(f"/-/newstrace/article/{a}" for a in articles),
        *(f"/-/newstrace/family/{f}" for f in families),
        *(f"/-/newstrace/outlet?name={urllib.request.quote(o)}" for o in outlets),
    ]


def test_web_hostile_corpus_stores_the_payloads(hostile_db: Path) -> None:
    conn = sqlite3.connect(hostile_db)
    fields = {
        "title": "SELECT group_concat(title) FROM articles",
        "body": "SELECT group_concat(body) FROM articles",
        "url": "SELECT group_concat(url) FROM articles",
        "outlet": "SELECT group_concat(name) FROM outlets",
        "comment": "SELECT group_concat(author || text) FROM comments",
        "attribution": "SELECT group_concat(text) FROM attributions",
    }
    for field, sql in fields.items():
        value = conn.execute(sql).fetchone()[0] or ""
        assert (
            "<script>" in value or "<img" in value or "<svg" in value or "javascript:" in value
        ), field


def test_web_no_payload_runs_anywhere(page: Any, hostile_server: str, hostile_db: Path) -> None:
    for path in _pages(hostile_db):
        page.goto(hostile_server + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__pwned") is None, path
        assert page.dialogs == [], path
    # The payloads are shown as text, not dropped: a reader sees what the page said.
    page.goto(hostile_server + "/-/newstrace/article/2")
    assert '<script>window.__pwned="title"</script>' in page.locator("h1").inner_text()
    assert page.locator("dd a.url").count() == 0  # a javascript: URL is never a link


def test_web_network_hover_on_hostile_outlets(page: Any, hostile_server: str) -> None:
    page.goto(hostile_server + "/-/newstrace/network")
    page.wait_for_selector("#graph[data-ready=true]")
    point = page.evaluate("window.newstraceGraph.edges()[0].renderedMidpoint()")
    box = page.locator("#graph").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("#edge-info:not([hidden])")
    assert "<img src=x" in page.locator("#edge-info").inner_text()
    assert page.evaluate("window.__pwned") is None and page.dialogs == []


@pytest.mark.parametrize("path", ["/-/newstrace/", "/news/articles", "/news"])
def test_web_strict_content_security_policy(hostile_server: str, path: str) -> None:
    with urllib.request.urlopen(hostile_server + path) as response:
        policy = response.headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "default-src 'none'" in policy and "object-src 'none'" in policy


def test_web_handover_report_is_self_contained_and_escaped(
    hostile_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "family.html"
    result = CliRunner().invoke(
        main, ["report", str(hostile_db), "--family", "2", "--html", str(out)]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.IGNORECASE)
    assert "<script" not in html.lower() and "<img src=x" not in html and "<svg onload" not in html
    assert "&lt;script&gt;window.__pwned" in html  # the payload is there, as text
    assert "default-src 'none'" in unescape(html)


@pytest.mark.parametrize("args", [["--html", "x.html"], ["--family", "999", "--html", "x.html"]])
def test_web_handover_report_says_what_is_missing(example_db: Path, args: list[str]) -> None:
    result = CliRunner().invoke(main, ["report", str(example_db), *args])
    assert result.exit_code != 0 and "family" in result.output


@pytest.mark.parametrize("family", [3])
def test_web_handover_report_of_the_dock_strike(
    example_db: Path, tmp_path: Path, family: int
) -> None:
    out = tmp_path / "report.html"
    CliRunner().invoke(
        main, ["report", str(example_db), "--family", str(family), "--html", str(out)]
    )
    html = out.read_text(encoding="utf-8")
    assert "<ins>Video: </ins>" in html
    assert "Support the Riverside Tribune" in html and "+24.0 h" in html
    assert "attribution line names Riverside Tribune" in html
