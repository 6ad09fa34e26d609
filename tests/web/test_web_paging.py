"""Every list of a page comes a page at a time: a family's copy picker, the articles an
article shares text with, and the quotation clusters with their articles."""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from newstrace.store import connect, transaction
from newstrace.web.lists import PAGE_ROWS

COPIES = 120  # article 1 is copied by articles 2..121, each of another outlet
QUOTING = range(2, 62)  # articles 2..61 also quote one speaker: a cluster of 60
SPEAKER = "Mara Quell"
BODY = "The harbour crane fell on Tuesday. Inspectors found the logbook missing."


def _articles(conn: Any) -> None:
    ids = range(1, COPIES + 2)
    conn.executemany(
        "INSERT INTO outlets (id, name) VALUES (?, ?)", [(i, f"Paper {i:03d}") for i in ids]
    )
    conn.executemany(
        "INSERT INTO documents (id, source, format, content_hash, ingested_at)"
        " VALUES (?, ?, 'text', ?, '2024-01-01')",
        [(i, f"{i}.txt", f"h{i}") for i in ids],
    )
    conn.executemany(
        "INSERT INTO articles (id, document_id, outlet_id, title, published, body)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(i, i, i, f"Crane story {i}", f"2024-01-{1 + i % 28:02d}", BODY) for i in ids],
    )


def _links(conn: Any) -> None:
    copies = range(2, COPIES + 2)
    conn.execute("INSERT INTO families (id, origin_article, origin_outlet, external, size)"
                 f" VALUES (1, 1, 'Paper 001', 0, {COPIES + 1})")  # fmt: skip
    conn.executemany(
        "INSERT INTO family_members (family_id, article_id, parent_id, coverage, confidence)"
        " VALUES (1, ?, ?, 1.0, 0.9)",
        [(1, None), *((i, 1) for i in copies)],
    )
    pairs = [(1, i, "republication", None) for i in copies]
    pairs += [(a, a + 1, "shared quotation", SPEAKER) for a in QUOTING[:-1]]
    for link_id, (a, b, kind, speaker) in enumerate(pairs, 1):
        conn.execute(
            "INSERT INTO reuse_links (id, a, b, shared_tokens, coverage_a, coverage_b,"
            " verbatim_ratio) VALUES (?, ?, ?, 12, 1.0, 1.0, 1.0)",
            (link_id, a, b),
        )
        conn.execute(
            "INSERT INTO passages (link_id, a_start, a_end, b_start, b_end, tokens, verbatim)"
            " VALUES (?, 0, 34, 0, 34, 7, 1.0)",
            (link_id,),
        )
        conn.execute(
            "INSERT INTO link_kinds (link_id, kind, reporting_tokens, quoted_tokens,"
            " boilerplate_tokens, speaker, evidence) VALUES (?, ?, 12, 0, 0, ?, ?)",
            (link_id, kind, speaker, "quotation “The crane fell”" if speaker else "its report"),
        )


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Datasette over a store of one family of 121 articles, 60 of them quoting one speaker."""
    from datasette.app import Datasette

    path: Path = tmp_path_factory.mktemp("hub") / "hub.db"
    db = connect(path)
    with transaction(db) as conn:
        _articles(conn)
        _links(conn)
    db.conn.close()
    datasette = Datasette([str(path)])
    _run(datasette.invoke_startup())
    return datasette


def _run(coroutine: Any) -> Any:
    """A coroutine run to its end in a thread of its own: the browser tests of this session
    keep an event loop running in the main thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _html(datasette: Any, url: str) -> str:
    response = _run(datasette.client.get(url))
    assert response.status_code == 200, url
    return str(response.text)


def _section(html: str, css_class: str) -> str:
    found = re.search(rf'class="{css_class}">(.*?)</(nav|ul|tbody)>', html, re.S)
    assert found, css_class
    return found.group(1)


@pytest.mark.parametrize(("query", "shown", "page"), [("", PAGE_ROWS, 1), ("?page=3", 20, 3)])
def test_web_family_copy_picker_is_paged(hub: Any, query: str, shown: int, page: int) -> None:
    html = _html(hub, f"/-/newstrace/family/1{query}")
    assert len(re.findall(r"\?copy=\d+", _section(html, "copy-picker"))) == shown
    assert f"page {page} of 3" in html and f"Copies ({COPIES})" in html


@pytest.mark.parametrize(("query", "rows"), [("", PAGE_ROWS + 1), ("?page=3", 21)])
def test_web_family_timeline_shows_the_origin_and_one_page_of_copies(
    hub: Any, query: str, rows: int
) -> None:
    html = _html(hub, f"/-/newstrace/family/1{query}")
    svg = html[html.index('<svg class="timeline"') : html.index("</svg>")]
    assert svg.count("<circle") == rows and svg.count('class="origin"') == 1
    assert "the axis spans the whole family" in html


@pytest.mark.parametrize("copy", [COPIES + 1])
def test_web_family_chosen_copy_opens_on_its_page(hub: Any, copy: int) -> None:
    html = _html(hub, f"/-/newstrace/family/1?copy={copy}")
    assert "page 3 of 3" in html
    assert re.search(rf'class="current" href="[^"]*\?copy={copy}&amp;page=3#diff"', html)


@pytest.mark.parametrize(("query", "shown"), [("", PAGE_ROWS), ("?page=3", 20)])
def test_web_article_shared_text_list_is_paged(hub: Any, query: str, shown: int) -> None:
    html = _html(hub, f"/-/newstrace/article/1{query}")
    assert len(re.findall(r"<li>", _section(html, "counterparts"))) == shown
    assert f"Shares text with ({COPIES})" in html and "of 3</span>" in html


@pytest.mark.parametrize("speaker", [SPEAKER, "quell"])
def test_web_quotation_clusters_listed_with_their_speaker(hub: Any, speaker: str) -> None:
    html = _html(hub, f"/-/newstrace/quotations?speaker={speaker}")
    table = html.split('id="quotations-table"')[1].split("</table>")[0]
    assert len(re.findall(r'class="quotation-row"', table)) == 1
    assert "cluster 2" in table and SPEAKER in table and "The crane fell" in table


@pytest.mark.parametrize(("page", "shown"), [(1, PAGE_ROWS), (2, 10)])
def test_web_quotation_cluster_lists_its_articles_a_page_at_a_time(
    hub: Any, page: int, shown: int
) -> None:
    html = _html(hub, f"/-/newstrace/quotation/2?page={page}")
    assert f"60 articles of 60 outlets quote {SPEAKER}" in html and f"page {page} of 2" in html
    table = html.split('id="quotation-articles"')[1].split("</table>")[0]
    assert len(re.findall(r"<tr><td>", table)) == shown


@pytest.mark.parametrize("url", ["/-/newstrace/article/30", "/-/newstrace/family/1"])
def test_web_article_and_family_pages_link_their_quotation_cluster(hub: Any, url: str) -> None:
    assert 'href="/-/newstrace/quotation/2"' in _html(hub, url)


@pytest.mark.parametrize("url", ["/-/newstrace/quotation/999"])
def test_web_unknown_quotation_cluster_is_not_found(hub: Any, url: str) -> None:
    assert _run(hub.client.get(url)).status_code == 404
