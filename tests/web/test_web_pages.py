"""Every page of the web UI in a real browser on the example corpus, as a reader sees it.

Screenshots of each page are saved into docs/screenshots/ (linked from the README).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "docs" / "screenshots"
DOCK_STRIKE_FAMILY = 3  # Riverside Tribune's report, republished by Harbor Watch
DOCK_STRIKE_ORIGIN = 6
DOCK_STRIKE_COPY = 3


def _open(page: Any, url: str, shot: str | None = None) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if shot:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{shot}.png"), full_page=False)
    assert page.errors == [], page.errors


@pytest.mark.parametrize("path", ["/"])
def test_web_home_shows_corpus_at_a_glance(page: Any, example_server: str, path: str) -> None:
    _open(page, example_server + path, "home")
    assert page.url.endswith("/-/newstrace/")
    counts = page.locator("ul.counts").inner_text()
    assert "19\narticles" in counts and "4\ncopy families" in counts
    assert page.locator("#largest-families tbody tr").count() == 4
    assert page.locator("#most-copied li").first.inner_text().startswith("Meridian Press Agency")


@pytest.mark.parametrize("article", [DOCK_STRIKE_ORIGIN])
def test_web_article_marks_copied_passages_and_keeps_comments_apart(
    page: Any, example_server: str, article: int
) -> None:
    _open(page, f"{example_server}/-/newstrace/article/{article}", "article")
    assert page.locator("article.body p:not(.legend) mark.copied").count() >= 1
    counterpart = page.locator("a.counterpart").first
    assert counterpart.get_attribute("href").startswith(
        f"/-/newstrace/article/{DOCK_STRIKE_COPY}#at-"
    )
    assert page.locator("#comments .comment").count() == 5
    assert "(empty comment)" in page.locator("#comments").inner_text()
    inferred = page.locator("ul.inferred").inner_text()
    assert "published = 2024-04-11" in inferred and "Harbor Watch" in inferred
    assert (
        "Police said the protest"
        in page.locator("article.body p:not(.legend) mark.event-sentence").first.inner_text()
    )
    counterpart.click()
    page.wait_for_load_state("networkidle")
    assert page.url.split("#")[0].endswith(f"/article/{DOCK_STRIKE_COPY}")
    assert page.locator(f"#{page.url.split('#')[1]}").count() == 1
    assert "appeal" in page.locator("#boilerplate").inner_text().lower()


@pytest.mark.parametrize("family", [DOCK_STRIKE_FAMILY])
def test_web_family_diff_shows_label_media_and_appended_appeal(
    page: Any, example_server: str, family: int
) -> None:
    _open(page, f"{example_server}/-/newstrace/family/{family}", None)
    timeline = page.locator("table.timeline-table").inner_text()
    assert "Riverside Tribune" in timeline and "+24.0 h" in timeline
    assert "attribution" in page.locator("section.origin").inner_text()
    heading = page.locator("table.diff thead").inner_text()
    assert "parent: article 6 · Riverside Tribune" in heading
    assert "copy: article 3 · Harbor Watch · 2024-04-12" in heading
    title_row = page.locator("table.diff tr.row-title")
    assert title_row.locator("td.right ins").first.inner_text().strip() == "Video:"
    assert title_row.locator("td.right .case").all_inner_texts() == ["at", "of"]
    assert "riversidetribune.com/media/video" in page.locator("tr.row-media td.right").inner_text()
    appended = page.locator("tr.row-boilerplate td.right ins").all_inner_texts()
    assert any(text.startswith("Support the Riverside Tribune") for text in appended)
    assert "5 reader comments" in page.locator("tr.row-comments td.left").inner_text()
    page.locator("table.diff").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(SCREENSHOTS / "family.png"), full_page=False)


@pytest.mark.parametrize("family", [2])
def test_web_family_diff_shows_edited_sentences(
    page: Any, example_server: str, family: int
) -> None:
    _open(page, f"{example_server}/-/newstrace/family/{family}?copy=7", None)
    edited = page.locator("tr.row-edited")
    assert edited.count() >= 1
    assert (
        edited.first.locator("td.left del").count() + edited.first.locator("td.right ins").count()
        >= 1
    )


@pytest.mark.parametrize("outlet", ["Riverside Tribune"])
def test_web_outlet_shows_origins_and_republishers(
    page: Any, example_server: str, outlet: str
) -> None:
    _open(page, f"{example_server}/-/newstrace/outlet?name={outlet}", "outlet")
    assert page.locator("#originated tbody tr").count() == 1
    assert "Harbor Watch" in page.locator("table.edges").first.inner_text()


def test_web_network_has_expected_edges_and_hover(page: Any, example_server: str) -> None:
    _open(page, f"{example_server}/-/newstrace/network", None)
    page.wait_for_selector("#graph[data-ready=true]")
    assert page.locator("#graph").get_attribute("data-edges") == "7"
    rows = page.locator("#edge-table tbody tr").all_inner_texts()
    assert any(r.startswith("Riverside Tribune\tHarbor Watch\t1") for r in rows)
    assert any(r.startswith("Kestrel Wire\tNorthgate Herald\t1") for r in rows)
    point = page.evaluate(
        "(() => { const e = window.newstraceGraph.edges().filter(x =>"
        " x.source().data('name') === 'Riverside Tribune')[0]; return e.renderedMidpoint(); })()"
    )
    box = page.locator("#graph").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("#edge-info:not([hidden])")
    info = page.locator("#edge-info").inner_text()
    assert "Riverside Tribune → Harbor Watch" in info
    assert "verbatim 100%" in info and "median lag 24.0 h" in info and "attribution 100%" in info
    page.screenshot(path=str(SCREENSHOTS / "network.png"), full_page=False)


@pytest.mark.parametrize("query", ["?min_copies=2", "?from=2024-04-12&to=2024-04-12"])
def test_web_network_filters(page: Any, example_server: str, query: str) -> None:
    _open(page, f"{example_server}/-/newstrace/network{query}", None)
    page.wait_for_selector("#graph[data-ready=true]")
    rows = page.locator("#edge-table tbody tr").all_inner_texts()
    expected = [] if "min_copies" in query else ["Riverside Tribune\tHarbor Watch"]
    assert [r.rsplit("\t", 4)[0] for r in rows] == expected


def test_web_events_map_markers_timeline_and_links(page: Any, example_server: str) -> None:
    _open(page, f"{example_server}/-/newstrace/events", None)
    page.wait_for_selector("#map[data-ready=true]")
    # the two Kharkiv reports, Izium and the Lviv protest at least (the Constanta strike has a
    # place when its country is resolved): one marker for every place the map's data has
    data = page.evaluate(f"fetch('{example_server}/-/newstrace/events.json').then(r => r.json())")
    places = sum(len(event["places"]) for event in data["events"])
    assert places >= 4
    assert page.locator("#map").get_attribute("data-markers") == str(places)
    assert page.locator("path.event-marker").count() == places
    assert page.locator("path.country").count() > 100  # the offline base map
    # events in February and March 2022 and one in April 2024: a bar per month, placed by date
    bars = page.locator("#event-timeline rect.bar")
    assert bars.evaluate_all("bs => bs.map(b => b.dataset.day)") == [
        "2022-02", "2022-03", "2024-04"
    ]  # fmt: skip
    feb, mar, apr = (float(x) for x in bars.evaluate_all("bs => bs.map(b => b.getAttribute('x'))"))
    assert apr - mar > 20 * (mar - feb)  # 25 months apart, not one category further
    ticks = page.locator("#event-timeline .tick text").evaluate_all(
        "ts => ts.map(t => t.textContent)"
    )
    assert any(tick.startswith("2023-") for tick in ticks), ticks
    events = page.locator("li.event")
    assert events.count() == 5
    shelling = page.locator("li.event", has_text="on Wednesday morning")
    assert shelling.locator("a.corroboration").inner_text().startswith("family 18")
    page.screenshot(path=str(SCREENSHOTS / "events.png"), full_page=False)
    sentence = page.locator("li.event", has_text="Izium").locator("a.sentence-link")
    sentence.click()
    page.wait_for_load_state("networkidle")
    target = page.url.split("#")[1]
    assert (
        "clashed with Russian forces near Izium" in page.locator(f"#{target} + mark").inner_text()
    )


@pytest.mark.parametrize(
    ("field", "value", "count"), [("event_type", "Battles", 1), ("hedge", "(any)", 0)]
)
def test_web_events_filters(
    page: Any, example_server: str, field: str, value: str, count: int
) -> None:
    _open(page, f"{example_server}/-/newstrace/events?{field}={value}", None)
    page.wait_for_selector("#map[data-ready=true]")
    assert page.locator("li.event").count() == count


@pytest.mark.parametrize("query", ["strike"])
def test_web_search_finds_titles_and_bodies(page: Any, example_server: str, query: str) -> None:
    _open(page, f"{example_server}/-/newstrace/search?q={query}", "search")
    results = page.locator("#search-results li")
    assert results.count() >= 2
    assert page.locator("#search-results mark").first.inner_text().lower().startswith("strike")


def test_web_datasette_tables_keep_facets_and_exports(page: Any, example_server: str) -> None:
    _open(page, f"{example_server}/news/articles?_facet=outlet_id", None)
    assert page.locator(".facet-info").count() >= 1
    assert page.locator("a", has_text="CSV").count() >= 1


@pytest.mark.parametrize("path", ["/news?sql=select+title+from+articles", "/news/articles/6"])
def test_web_datasette_pages_run_under_the_policy(
    page: Any, example_server: str, path: str
) -> None:
    _open(page, example_server + path, None)  # no CSP violation reaches the console
    assert page.locator("table").count() >= 1
