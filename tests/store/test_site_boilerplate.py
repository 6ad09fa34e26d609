"""Site-level boilerplate: paragraphs an outlet repeats across different stories leave the body."""

from __future__ import annotations

import pytest

from newstrace.extract.boilerplate import learn_site_boilerplate
from newstrace.settings import Settings
from newstrace.store import load_article

SIGNUP = "Get the morning briefing in your inbox every day."


def _stories(store_article, count: int, outlet: str = "Valley Courier") -> list[int]:
    return [
        store_article(
            [
                f"Story {n} opening with its own facts number {n}.",
                f"Story {n} detail {n * 7}.",
                SIGNUP,
            ],
            source=f"{outlet}-{n}.txt",
            outlet=outlet,
            title=f"Headline {n}",
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("stories, labelled", [(2, False), (3, True), (5, True)])
def test_site_boilerplate_needs_enough_different_stories(db, store_article, stories, labelled):
    ids = _stories(store_article, stories)
    learn_site_boilerplate(db, Settings())
    article = load_article(db.conn, ids[0])
    assert (SIGNUP not in article.body) is labelled
    kinds = [(b.kind, b.text) for b in article.boilerplate]
    assert (("site-repeated", SIGNUP) in kinds) is labelled


def test_site_boilerplate_keeps_evidence_with_the_count(db, store_article):
    ids = _stories(store_article, 4)
    learn_site_boilerplate(db, Settings())
    (block,) = load_article(db.conn, ids[0]).boilerplate
    assert block.evidence == "recurs in 4 different stories of Valley Courier"


def test_site_boilerplate_ignores_versions_of_one_story(db, store_article):
    shared = ["The bridge closes on Friday for repairs.", "Detours run through Elm Street."]
    ids = [
        store_article(
            [*shared, f"Update {n}: crews arrived."],
            source=f"v{n}.txt",
            outlet="Valley Courier",
            title="Bridge",
        )
        for n in range(4)
    ]
    learn_site_boilerplate(db, Settings())
    assert load_article(db.conn, ids[0]).paragraphs[:2] == tuple(shared)


def test_site_boilerplate_does_not_cross_outlets(db, store_article):
    ids = _stories(store_article, 2, "Valley Courier") + _stories(store_article, 2, "Hill Gazette")
    learn_site_boilerplate(db, Settings())
    assert SIGNUP in load_article(db.conn, ids[0]).body


def test_site_boilerplate_applies_to_stories_ingested_later(db, store_article):
    _stories(store_article, 3)
    learn_site_boilerplate(db, Settings())
    late = store_article(
        ["A late story about the fair.", SIGNUP],
        source="late.txt",
        outlet="Valley Courier",
        title="Fair",
    )
    learn_site_boilerplate(db, Settings())
    assert load_article(db.conn, late).paragraphs == ("A late story about the fair.",)


def test_site_boilerplate_ignores_one_story_posted_under_several_titles(db, store_article):
    story = [
        "Tolls rise on the coast road in May.",
        "Drivers will pay two euros more.",
        "Hauliers object.",
    ]
    ids = [
        store_article(story, source=f"p{n}.txt", outlet="Valley Courier", title=f"Tolls {n}")
        for n in range(4)
    ]
    learn_site_boilerplate(db, Settings())
    assert load_article(db.conn, ids[0]).paragraphs == tuple(story)
