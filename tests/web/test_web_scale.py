"""The web UI on an invented 100k-article store: every list paginates, the events timeline runs
by date, the network of 2,000 outlets and 20,000 edges stays usable and can be photographed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

PREFIX = "/-/newstrace"


def _open(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.errors == [], page.errors


def test_web_scale_events_page_paginates(page: Any, large_server: str) -> None:
    _open(page, f"{large_server}{PREFIX}/events")
    assert page.locator("li.event").count() == 50
    assert page.locator("#events-heading").inner_text().startswith("100,000 events")
    assert "page 1 of 2,000" in page.locator("nav.pager").first.inner_text()
    first = page.locator("li.event").first.get_attribute("id")
    page.locator("nav.pager a.next").first.click()
    page.wait_for_load_state("networkidle")
    assert "page=2" in page.url and page.locator("li.event").count() == 50
    assert page.locator("li.event").first.get_attribute("id") != first
    assert "first 2,000 of 100,000" in page.locator("#map-note").inner_text()


def test_web_scale_events_timeline_runs_by_date(page: Any, large_server: str) -> None:
    _open(page, f"{large_server}{PREFIX}/events")
    timeline = page.locator("#event-timeline")
    assert timeline.get_attribute("data-unit") == "year"
    bars = dict(
        timeline.locator("rect.bar").evaluate_all(
            "bs => bs.map(b => [b.dataset.day, Number(b.getAttribute('x'))])"
        )
    )
    assert min(bars) == "1942" and max(bars) == "2020" and len(bars) == 79
    year = bars["1943"] - bars["1942"]
    assert bars["2000"] - bars["1950"] == pytest.approx(50 * year, rel=0.02)
    ticks = timeline.locator(".tick text").evaluate_all("ts => ts.map(t => t.textContent)")
    assert 4 <= len(ticks) <= 12 and ticks[0] == "1942"


def test_web_scale_events_map_draws_on_one_canvas(page: Any, large_server: str) -> None:
    _open(page, f"{large_server}{PREFIX}/events?event_type=Battles")
    page.wait_for_selector("#map[data-ready=true]")
    assert page.locator("#map").get_attribute("data-markers") == "2000"
    assert page.locator("#map canvas").count() >= 1
    assert page.locator("path.event-marker").count() == 0


def test_web_scale_network_draws_every_outlet_and_a_full_page_screenshot(
    page: Any, large_server: str, tmp_path: Path
) -> None:
    _open(page, f"{large_server}{PREFIX}/network?colour=type")
    page.wait_for_selector("#graph[data-ready=true]", timeout=60_000)
    graph = page.locator("#graph")
    assert (graph.get_attribute("data-nodes"), graph.get_attribute("data-edges")) == (
        "2000",
        "20000",
    )
    assert page.locator("#edge-table tbody tr").count() == 100
    assert "page 1 of 200" in page.locator("#edge-pager").inner_text()
    page.locator("#edge-pager .next").click()
    assert "page 2 of 200" in page.locator("#edge-pager").inner_text()
    legend = page.locator("#graph-legend .legend-item").all_inner_texts()
    assert sorted(legend) == [
        "type: independent", "type: local", "type: proxy", "type: state-affiliated"
    ]  # fmt: skip
    shot = tmp_path / "network.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


# Edge i runs from outlet i % 2000 + 1 (a proxy when that is 1 modulo 4) with 1 + i % 9 copies:
# 5,000 edges from proxies, 556 of them with 9 copies (i = 8 modulo 36).
@pytest.mark.parametrize(
    ("query", "edges"),
    [("?origin=type%3Dproxy", "5000"), ("?origin=type%3Dproxy&min_copies=9", "556")],
)
def test_web_scale_network_filters_by_attribute_and_copies(
    page: Any, large_server: str, query: str, edges: str
) -> None:
    _open(page, f"{large_server}{PREFIX}/network{query}")
    page.wait_for_selector("#graph[data-ready=true]", timeout=60_000)
    assert page.locator("#graph").get_attribute("data-edges") == edges
    origins = {row.split("\t")[0] for row in page.locator("#edge-table tbody tr").all_inner_texts()}
    assert all(int(name.split()[1]) % 4 == 1 for name in origins)


# Copy 2k (k = 1..10,000) of family 2k - 1 is dated 2020-01-01 plus 2k % 1500 days and runs
# from outlet (2k - 1) % 2000 + 1 into outlet 2k % 2000 + 1 (web_store.py): one edge per target.
FIRST_QUARTER_EDGES = len({(2 * k) % 2000 for k in range(1, 10_001) if (2 * k) % 1500 <= 90})


def test_web_scale_network_date_range_keeps_copies_of_those_days(
    page: Any, large_server: str
) -> None:
    _open(page, f"{large_server}{PREFIX}/network?from=2020-01-01&to=2020-03-31")
    page.wait_for_selector("#graph[data-ready=true]", timeout=60_000)
    assert page.locator("#graph").get_attribute("data-edges") == str(FIRST_QUARTER_EDGES)
    assert page.locator("input[name=from]").input_value() == "2020-01-01"
    assert f"({FIRST_QUARTER_EDGES} edges)" in page.locator("#edge-pager").inner_text()


def test_web_scale_network_form_filters_what_the_graph_shows(page: Any, large_server: str) -> None:
    _open(page, f"{large_server}{PREFIX}/network")
    page.wait_for_selector("#graph[data-ready=true]", timeout=60_000)
    page.select_option("select[name=origin]", "type=proxy")
    page.fill("input[name=min_copies]", "9")
    page.locator("#network-filters button[type=submit]").click()
    page.wait_for_selector("#graph[data-ready=true]", timeout=60_000)
    assert "origin=type%3Dproxy" in page.url and "min_copies=9" in page.url
    assert page.locator("#graph").get_attribute("data-edges") == "556"
    rows = page.locator("#edge-table tbody tr").all_inner_texts()
    assert rows and all(int(row.split("\t")[2]) >= 9 for row in rows)


@pytest.mark.parametrize(
    ("path", "pages"),
    [
        ("/outlets", "page 1 of 40"),
        ("/outlets?key=type&value=state-affiliated", "page 1 of 10"),
        ("/links", "page 1 of 320"),  # 10,000 republications and 6,000 shared quotations
        ("/links?kind=republication", "page 1 of 200"),
        ("/outlet?name=Outlet%200001", "page 1 of 1"),
        ("/quotations", "page 1 of 60"),
        ("/quotations?speaker=Mara+Quell", "page 1 of 15"),
    ],
)
def test_web_scale_lists_paginate(page: Any, large_server: str, path: str, pages: str) -> None:
    _open(page, f"{large_server}{PREFIX}{path}")
    rows = page.locator("table.data tbody tr, ul.articles li")
    assert rows.count() >= 1
    pager = page.locator("nav.pager")
    if pages == "page 1 of 1":
        assert pager.count() == 0
    else:
        assert pages in pager.first.inner_text()
        assert page.locator("table.data").first.locator("tbody tr").count() == 50


def test_web_scale_search_paginates(page: Any, large_server: str) -> None:
    _open(page, f"{large_server}{PREFIX}/search?q=budget")
    results = page.locator("#search-results li")
    assert results.count() == 50
    first = results.first.inner_text()
    page.locator("nav.pager a.next").first.click()
    page.wait_for_load_state("networkidle")
    assert "page=2" in page.url and page.locator("#search-results li").first.inner_text() != first


@pytest.mark.parametrize("table", ["articles", "families", "reuse_links", "events"])
def test_web_scale_datasette_table_pages_paginate(page: Any, large_server: str, table: str) -> None:
    page.goto(f"{large_server}/large/{table}")
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() == 100
    first = rows.first.inner_text()
    page.locator("a[href*='_next=']").first.click()
    page.wait_for_load_state("networkidle")
    assert "_next=" in page.url and rows.first.inner_text() != first


@pytest.mark.parametrize("cluster", [20001])
def test_web_scale_quotation_cluster_names_speaker_and_articles(
    page: Any, large_server: str, cluster: int
) -> None:
    _open(page, f"{large_server}{PREFIX}/quotations")
    page.locator(f'a[href="{PREFIX}/quotation/{cluster}"]').click()
    page.wait_for_load_state("networkidle")
    summary = page.locator("#quotation-summary").inner_text()
    assert "3 articles of 3 outlets quote Mara Quell" in summary
    assert page.locator("#quotation-articles tbody tr").count() == 3
    assert not page.errors
