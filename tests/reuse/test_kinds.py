"""Link kinds: republication, shared quotation, boilerplate learned across the store; text dates."""

from __future__ import annotations

from typing import Any

from newstrace.models import Article, Attribution, Format
from newstrace.models.reuse import (
    BOILERPLATE,
    REPUBLICATION,
    SHARED_QUOTATION,
    Passage,
    ReuseLink,
)
from newstrace.reuse.evidence import same_outlet_name
from newstrace.reuse.kinds import classify_links, quotation_clusters
from newstrace.reuse.quotes import mark, shares
from newstrace.reuse.textdates import text_dates

REPORT = (
    "The harbour authority closed the northern pier on Tuesday after inspectors found deep "
    "cracks in three of its concrete pillars, and ferries were sent to the southern dock while "
    "engineers decide whether the structure can be repaired or must be rebuilt before winter."
)
QUOTE = (
    "We will not reopen the pier until every pillar has been tested and the engineers tell us "
    "that it is safe for passengers and for the crews who work on it every single day"
)
WIDGET = (
    "Sign up for the morning letter and get every story we publish delivered to your inbox "
    "before breakfast, free of charge, and you can leave the list whenever you like with one "
    "click on the link at the foot of any letter we send you"
)
TOPICS = [
    "A bakery on the square won the regional bread prize for its rye loaf.",
    "The school board approved a longer lunch break after parents complained.",
    "Cyclists asked the council for a protected lane on the river road.",
    "A stray goat was returned to its farm after a night in the library garden.",
]


def _link(a: int, b: int, bodies: dict[int, str], text: str, same: bool = False) -> ReuseLink:
    """A link whose one passage is `text` in both bodies."""
    sa, sb = bodies[a].index(text), bodies[b].index(text)
    tokens = len(text.split())
    passage = Passage(sa, sa + len(text), sb, sb + len(text), tokens, 1.0)
    cov_a, cov_b = len(text) / len(bodies[a]), len(text) / len(bodies[b])
    return ReuseLink(a, b, tokens, cov_a, cov_b, 1.0, (passage,), same)


def test_reporting_text_is_a_republication_and_a_shared_quote_is_not() -> None:
    bodies = {
        1: f"{REPORT}\n\nThe mayor visited the site.",
        2: f"{REPORT}\n\nTraffic was heavy all afternoon.",
        3: f"The pier stays shut.\n\n“{QUOTE},” the harbour master said.",
        4: f"Ferries moved south.\n\nThe harbour master told reporters: “{QUOTE}.”",
    }
    texts = {i: (f"Outlet {i}", body) for i, body in bodies.items()}
    kinds = classify_links([_link(1, 2, bodies, REPORT), _link(3, 4, bodies, QUOTE)], texts)
    assert kinds[(1, 2)].kind == REPUBLICATION
    assert kinds[(3, 4)].kind == SHARED_QUOTATION
    assert "We will not reopen the pier" in kinds[(3, 4)].evidence  # quotes what it points to


def test_a_widget_recurring_under_unrelated_stories_is_boilerplate_not_a_copy() -> None:
    # each story much longer than the widget its site appends
    bodies = {i + 1: f"{(topic + ' ') * 6}\n\n{WIDGET}" for i, topic in enumerate(TOPICS)}
    texts = {i: (f"Site {i % 2}", body) for i, body in bodies.items()}
    links = [
        _link(a, b, bodies, WIDGET, same=(a % 2 == b % 2)) for a in bodies for b in bodies if a < b
    ]
    kinds = classify_links(links, texts)
    assert kinds and all(k.kind == BOILERPLATE for k in kinds.values())
    assert "unrelated stories" in next(iter(kinds.values())).evidence


def test_one_story_carried_whole_by_many_outlets_stays_a_republication() -> None:
    bodies = {i: f"{REPORT}\n\nCopy note {i}." for i in range(1, 5)}
    texts = {i: (f"Outlet {i}", body) for i, body in bodies.items()}
    links = [_link(a, b, bodies, REPORT) for a in bodies for b in bodies if a < b]
    assert {k.kind for k in classify_links(links, texts).values()} == {REPUBLICATION}


def test_quotation_clusters_name_the_speaker() -> None:
    bodies = {
        1: f"Ferries moved.\n\n“{QUOTE},” Harbour Master Ida Berg said.",
        2: f"Pier shut.\n\n“{QUOTE},” Harbour Master Ida Berg said on Tuesday.",
    }
    texts = {i: (f"Outlet {i}", body) for i, body in bodies.items()}
    kinds = classify_links([_link(1, 2, bodies, QUOTE)], texts)
    link = ReuseLink(1, 2, 30, 0.5, 0.5, 1.0, (), kind=kinds[(1, 2)])
    [cluster] = quotation_clusters([link], {1: "Outlet 1", 2: "Outlet 2"})
    assert cluster.speaker and "Ida Berg" in cluster.speaker
    assert cluster.to_json()["summary"].endswith(f"quote {cluster.speaker}")


def test_embedded_post_and_colon_set_off_paragraph_count_as_quotation() -> None:
    body = "He wrote:\n\nThe pier is closed today.\n\n— Ida Berg (@idaberg) May 4, 2021"
    marks = mark(body)
    start = body.index("The pier")
    assert shares(body, marks, start, start + 24)[0] == 1.0


def test_text_dates_overrule_a_page_date_the_text_contradicts() -> None:
    stale = Article(
        source="a.txt",
        format=Format.TEXT,
        paragraphs=("As of 5/14/2020 the bill has 59 sponsors.",),
        published="2020-02-12",
        id=1,
    )
    [(used, note)] = text_dates({1: stale}).values()
    assert used == "2020-05-14"
    assert "As of 5/14/2020" in note.detail


def test_one_body_under_many_titles_of_one_outlet_has_no_trustworthy_page_date() -> None:
    pages = {
        i: Article(
            source=f"{i}.txt",
            format=Format.TEXT,
            paragraphs=(REPORT,),
            title=f"Unrelated headline {i}",
            outlet="Monthly",
            published=f"2020-0{i}-01",
            id=i,
        )
        for i in (1, 2, 3)
    }
    found = text_dates(pages)
    assert set(found) == {1, 2, 3} and all(used is None for used, _ in found.values())


def test_a_credit_given_as_a_domain_names_the_outlet() -> None:
    assert same_outlet_name("Healthimpactnews.com", "Health Impact News")
    assert same_outlet_name("www.hillpost.net", "Hill Post")
    assert not same_outlet_name("Healthimpactnews.com", "Health News")
    assert Attribution("Sources: Hillpost.net", "source", "Hillpost.net").outlet


def test_a_credit_to_an_outlet_outside_the_family_makes_the_origin_external() -> None:
    from newstrace.reuse.evidence import Node
    from newstrace.reuse.provenance import family_tree

    credit = Attribution(
        "Originally published at Harbour Wire.", "originally published", "Harbour Wire"
    )
    first = Article(
        source="1.txt",
        format=Format.TEXT,
        paragraphs=(REPORT,),
        outlet="Daily A",
        published="2021-05-01",
        attributions=(credit,),
        id=1,
    )
    second = Article(
        source="2.txt",
        format=Format.TEXT,
        paragraphs=(REPORT,),
        outlet="Daily B",
        published="2021-05-02",
        id=2,
    )
    nodes = {1: Node(first, None), 2: Node(second, None)}
    link = ReuseLink(1, 2, 45, 1.0, 1.0, 1.0, (Passage(0, 10, 0, 10, 45, 1.0),))
    family = family_tree(1, nodes, {(1, 2): link})
    assert family.external and family.origin_outlet == "Harbour Wire"
    root = next(m for m in family.members if m.article == 1)
    assert "Originally published at Harbour Wire." in root.evidence[0].detail
    assert root.confidence > 0  # one confidence, from the evidence shown


def test_teasers_leave_the_body_and_news_sentences_opening_alike_stay(
    db: Any, store_article: Any
) -> None:
    from newstrace.extract.boilerplate import learn_site_boilerplate
    from newstrace.settings import Settings

    headlines = ["Rail strike ends", "Bridge opens early", "Zoo welcomes twin otters"]
    for index, (topic, headline) in enumerate(zip(TOPICS, headlines, strict=False)):
        store_article(
            [topic, f"Also on site.example {headline}", f"Also on Tuesday {headline.lower()}."],
            f"site/{index}.txt",
            outlet="Site",
        )
    learn_site_boilerplate(db, Settings())
    bodies = [row[0] for row in db.execute("SELECT body FROM articles")]
    assert all("Also on site.example" not in body for body in bodies)
    assert all("Also on Tuesday" in body for body in bodies)  # a sentence: it ends in a stop
    [evidence] = {row[0] for row in db.execute("SELECT evidence FROM boilerplate")}
    assert evidence.startswith("teaser: opens with “Also on site.example”")
