"""Polling feeds, sitemaps and pages on a local site that changes between cycles."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from .site import (
    FEED,
    XML,
    Runner,
    Site,
    Static,
    page_html,
    rss,
    sitemap,
    sources_toml,
    story,
)

pytestmark = pytest.mark.usefixtures("fetch_only")


def _titles(runner: Runner) -> list[str]:
    return [row[0] for row in runner.rows("SELECT title FROM articles ORDER BY id")]


@pytest.mark.parametrize("new_entries", [[3], [3, 4]])
def test_watch_stores_new_feed_entries_each_cycle(
    site: Site, runner: Runner, new_entries: list[int]
) -> None:
    feed = site.url("/feed.xml")
    entries = [(n, site.url(f"/story/{n}")) for n in (1, 2)]
    site.routes["/feed.xml"] = Static(rss(entries), FEED)
    runner.config(sources_toml([feed]))
    first = runner.once()
    assert first.exit_code == 0, first.output
    assert _titles(runner) == ["Story 1", "Story 2"]
    entries += [(n, site.url(f"/story/{n}")) for n in new_entries]
    site.routes["/feed.xml"] = Static(rss(entries), FEED)
    runner.once()
    assert _titles(runner) == ["Story 1", "Story 2"] + [f"Story {n}" for n in new_entries]
    state = runner.source(feed)
    assert (state["kind"], state["status"], state["new_items"]) == ("feed", "ok", len(new_entries))


def test_watch_sends_conditional_requests_and_stores_nothing_on_304(
    site: Site, runner: Runner
) -> None:
    feed = site.url("/feed.xml")
    stamp = "Mon, 03 Mar 2025 08:00:00 GMT"
    site.routes["/feed.xml"] = Static(
        rss([(1, site.url("/s/1"))]), FEED, etag='"v1"', last_modified=stamp
    )
    runner.config(sources_toml([feed]))
    runner.once()
    result = runner.once()
    asked = [headers for path, headers in site.requests if path == "/feed.xml"]
    assert asked[1].get("If-None-Match") == '"v1"'
    assert asked[1].get("If-Modified-Since") == stamp
    assert runner.source(feed)["status"] == "not modified"
    assert runner.rows("SELECT count(*) FROM articles") == [(1,)]
    assert "not modified" in result.output


def test_watch_fetches_a_feed_entry_page_once(site: Site, runner: Runner) -> None:
    feed = site.url("/feed.xml")
    site.routes["/story/1"] = Static(page_html("Linked story", story(1)))
    site.routes["/story/2"] = Static(page_html("Second linked story", story(2)))
    site.routes["/feed.xml"] = Static(rss([(1, site.url("/story/1"))], content=False), FEED)
    runner.config(sources_toml([feed]))
    runner.once()
    site.routes["/feed.xml"] = Static(
        rss([(1, site.url("/story/1")), (2, site.url("/story/2"))], content=False), FEED
    )
    runner.once()
    assert site.paths().count("/story/1") == 1
    assert site.paths().count("/story/2") == 1
    assert _titles(runner) == ["Linked story", "Second linked story"]


def test_watch_reads_a_sitemap_index_and_fetches_only_new_pages(site: Site, runner: Runner) -> None:
    for number in (1, 2, 3):
        site.routes[f"/p/{number}"] = Static(page_html(f"Page {number}", story(number)))
    site.routes["/news.xml"] = Static(sitemap([site.url("/p/1"), site.url("/p/2")]), XML)
    site.routes["/sitemap.xml"] = Static(sitemap([site.url("/news.xml")], index=True), XML)
    runner.config(sources_toml([site.url("/sitemap.xml")]))
    runner.once()
    assert _titles(runner) == ["Page 1", "Page 2"]
    site.routes["/news.xml"] = Static(sitemap([site.url(f"/p/{n}") for n in (1, 2, 3)]), XML)
    runner.once()
    assert _titles(runner) == ["Page 1", "Page 2", "Page 3"]
    assert [site.paths().count(f"/p/{n}") for n in (1, 2, 3)] == [1, 1, 1]
    assert runner.source(site.url("/sitemap.xml"))["kind"] == "sitemap"


def test_watch_names_a_malformed_feed_and_polls_the_others(site: Site, runner: Runner) -> None:
    broken, good = site.url("/broken.xml"), site.url("/good.xml")
    site.routes["/broken.xml"] = Static(b"<rss><channel><item><title>cut</ti", FEED)
    site.routes["/good.xml"] = Static(rss([(5, site.url("/s/5"))]), FEED)
    runner.config(sources_toml([broken, good]))
    result = runner.once()
    assert result.exit_code == 0
    state = runner.source(broken)
    assert state["status"] == "error"
    assert state["error"].startswith("malformed feed XML") and state["failures"] == 1
    assert f"error: {broken}: malformed feed XML" in result.output
    assert runner.source(good)["status"] == "ok"
    assert _titles(runner) == ["Story 5"]


def test_watch_backs_off_a_failing_source(site: Site, runner: Runner) -> None:
    url = site.url("/feed.xml")
    site.routes["/feed.xml"] = Static(b"down", "text/plain", 500)
    runner.config(sources_toml([url], every="1h"))
    runner.once()
    state = runner.source(url)
    assert (state["status"], state["error"], state["failures"]) == ("error", "HTTP 500", 1)
    backoff = datetime.fromisoformat(state["next_due"]) - datetime.fromisoformat(
        state["last_fetch"]
    )
    assert backoff == timedelta(hours=2)  # twice the schedule after one failure
    result = runner.once()  # not due yet: not asked again
    assert site.paths().count("/feed.xml") == 1
    assert "HTTP 500" in result.output


def test_watch_times_out_a_slow_source(site: Site, runner: Runner, slow_route: object) -> None:
    url = site.url("/slow")
    site.routes["/slow"] = slow_route  # type: ignore[assignment]
    runner.config(sources_toml([url], extra="[newstrace]\nfetch_timeout_s = 0.5\n"))
    runner.once()
    state = runner.source(url)
    assert state["status"] == "error"
    assert state["error"] == "timed out after 0.5 s"


def test_watch_honours_robots_txt(site: Site, runner: Runner) -> None:
    site.routes["/robots.txt"] = Static(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    site.routes["/private/feed.xml"] = Static(rss([(1, site.url("/s/1"))]), FEED)
    site.routes["/feed.xml"] = Static(rss([(2, site.url("/s/2"))]), FEED)
    runner.config(sources_toml([site.url("/private/feed.xml"), site.url("/feed.xml")]))
    runner.once()
    assert "/private/feed.xml" not in site.paths()
    assert runner.source(site.url("/private/feed.xml"))["error"] == "disallowed by robots.txt"
    assert _titles(runner) == ["Story 2"]


@pytest.mark.parametrize("flags", [("--silent",)])
def test_watch_silent_prints_no_table(site: Site, runner: Runner, flags: tuple[str, ...]) -> None:
    site.routes["/feed.xml"] = Static(rss([(1, site.url("/s/1"))]), FEED)
    runner.config(sources_toml([site.url("/feed.xml")]))
    result = runner.once(*flags)
    assert result.exit_code == 0
    assert result.output == ""
    assert _titles(runner) == ["Story 1"]
