"""Versions of a watched page: an edit is stored beside the old article, with its changes."""

from __future__ import annotations

import sqlite3

import pytest

from newstrace.store.watch import versions_since

from .site import Runner, Site, Static, page_html, sources_toml, story

pytestmark = pytest.mark.usefixtures("fetch_only")


def _versions(runner: Runner) -> list[tuple[int, int, list[str]]]:
    conn = sqlite3.connect(runner.db)
    try:
        return [
            (v.previous_article_id, v.article_id, [c.kind for c in v.changes])
            for v in versions_since(conn, 0)
        ]
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("edit", "kind"),
    [
        (lambda p: [p[0], p[1].replace("agreed", "rejected"), *p[2:]], "paragraph edited"),
        (lambda p: p[:-1], "paragraph removed"),
    ],
)
def test_watch_keeps_an_edited_page_as_a_new_version(
    site: Site, runner: Runner, edit: object, kind: str
) -> None:
    url = site.url("/notice")
    paragraphs = story(4)
    site.routes["/notice"] = Static(page_html("Harbour notice", paragraphs))
    runner.config(sources_toml([url]))
    runner.once()
    site.routes["/notice"] = Static(page_html("Harbour notice", edit(paragraphs)))  # type: ignore[operator]
    result = runner.once()
    assert runner.rows("SELECT id FROM articles ORDER BY id") == [(1,), (2,)]  # the old one kept
    assert _versions(runner) == [(1, 2, [kind])]
    assert "versions 1" in result.output


def test_watch_makes_no_version_when_only_the_bytes_change(site: Site, runner: Runner) -> None:
    url = site.url("/notice")
    html = page_html("Harbour notice", story(4))
    site.routes["/notice"] = Static(html)
    runner.config(sources_toml([url]))
    runner.once()
    site.routes["/notice"] = Static(html.replace(b"</body>", b"<!-- served 12:01 --></body>"))
    runner.once()
    runner.once()
    assert runner.rows("SELECT count(*) FROM articles") == [(1,)]
    assert _versions(runner) == []


def test_watch_chains_versions_of_a_page(site: Site, runner: Runner) -> None:
    url = site.url("/notice")
    paragraphs = story(4)
    runner.config(sources_toml([url]))
    for edition in range(3):
        changed = [*paragraphs[:-1], f"Update number {edition}: the works start on day {edition}."]
        site.routes["/notice"] = Static(page_html("Harbour notice", changed))
        runner.once()
    assert [(before, after) for before, after, _ in _versions(runner)] == [(1, 2), (2, 3)]
