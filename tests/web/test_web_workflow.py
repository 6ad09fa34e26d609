"""Link kinds, outlet attributes, dated timelines and list pages on the example corpus."""

from __future__ import annotations

from typing import Any

import pytest

DOCK_STRIKE_FAMILY = 3  # Riverside Tribune's report, republished by Harbor Watch
DOCK_STRIKE_ORIGIN = 6


def _open(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.errors == [], page.errors


@pytest.mark.parametrize("family", [DOCK_STRIKE_FAMILY])
def test_web_family_shows_link_kind_and_dated_axis(
    page: Any, example_server: str, family: int
) -> None:
    _open(page, f"{example_server}/-/newstrace/family/{family}")
    kinds = page.locator("table.timeline-table td.link-kind").all_inner_texts()
    assert [k.strip() for k in kinds] == ["—", "republication"]
    ticks = page.locator("svg.timeline .date-tick text").evaluate_all(
        "ts => ts.map(t => t.textContent)"
    )
    assert ticks and all(t.startswith("2024-04-1") for t in ticks), ticks


@pytest.mark.parametrize("article", [DOCK_STRIKE_ORIGIN])
def test_web_article_names_the_kind_of_each_shared_text(
    page: Any, example_server: str, article: int
) -> None:
    _open(page, f"{example_server}/-/newstrace/article/{article}")
    assert "republication" in page.locator("ul.counterparts .kind-badge").first.inner_text()


def test_web_links_page_lists_links_with_kinds(page: Any, example_server: str) -> None:
    _open(page, f"{example_server}/-/newstrace/links")
    rows = page.locator("#links-table tr.link-row")
    assert rows.count() == 13
    assert set(rows.locator(".kind-badge").all_inner_texts()) == {"republication"}
    assert "Riverside Tribune" in page.locator("#links-table").inner_text()
    _open(page, f"{example_server}/-/newstrace/links?kind=boilerplate")
    assert page.locator("#links-table").count() == 0
    assert "No links of this kind" in page.locator("main").inner_text()


@pytest.mark.parametrize(("name", "shown"), [("Riverside Tribune", ["type", "local"])])
def test_web_outlet_page_shows_attributes(
    page: Any, example_server: str, name: str, shown: list[str]
) -> None:
    _open(page, f"{example_server}/-/newstrace/outlet?name={name}")
    described = page.locator("#outlet-attributes").inner_text()
    assert all(word in described for word in shown)


@pytest.mark.parametrize(("query", "names"), [("?key=type&value=wire", ["Kestrel Wire"])])
def test_web_outlets_page_filters_by_attribute(
    page: Any, example_server: str, query: str, names: list[str]
) -> None:
    _open(page, f"{example_server}/-/newstrace/outlets")
    assert page.locator("#outlets-table tbody tr").count() >= 10
    _open(page, f"{example_server}/-/newstrace/outlets{query}")
    rows = page.locator("#outlets-table tbody tr td:first-child").all_inner_texts()
    assert rows == names


def test_web_network_filters_and_colours_by_attribute(page: Any, example_server: str) -> None:
    _open(page, f"{example_server}/-/newstrace/network?origin=type%3Dwire&colour=type")
    page.wait_for_selector("#graph[data-ready=true]")
    rows = page.locator("#edge-table tbody tr").all_inner_texts()
    assert [r.split("\t")[:2] for r in rows] == [["Kestrel Wire", "Northgate Herald"]]
    assert "type: wire" in page.locator("#graph-legend").inner_text()
    colour = page.evaluate(
        "window.newstraceGraph.nodes().filter(n => n.data('name') === 'Kestrel Wire')[0]"
        ".data('colour')"
    )
    assert colour != "#8a93a3"  # wire has a colour of its own, not the "(none)" grey
