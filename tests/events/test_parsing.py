"""Reading in worker processes gives the very events that reading in this process gives."""

from __future__ import annotations

import pytest

from newstrace.events import ArticleText, extract_events
from newstrace.events.parsing import SentenceReader, chunked, process_count, worth_parsing
from newstrace.events.sentences import Sentence

from .conftest import PLACES, FakeGeocoder

PUBLISHED = "2023-05-16"
# Invented reports, each a different kind of event, with dates and tolls to read.
BODIES = [
    "Rebels clashed with Malian troops near Gao on Sunday. Three soldiers were killed.",
    "Warplanes struck a convoy near Menaka on Monday, killing 12 fighters.",
    "Thousands of protesters marched through Lagos on Monday.\n\nPolice fired tear gas at them.",
    "Gunmen abducted two teachers from a school in Baidoa on 3 May 2023.",
    "The weather in Marib was mild. Markets opened as usual.",
    "Russian forces shelled Kherson overnight, the governor said. Two people died.",
]


@pytest.mark.slow
@pytest.mark.parametrize("processes", [2])
def test_parsing_workers_give_the_same_events(processes: int) -> None:
    articles = [ArticleText(body, PUBLISHED) for body in BODIES * 6]
    geocoder = FakeGeocoder(PLACES)
    with SentenceReader(1) as here:
        alone = extract_events(articles, geocoder, reader=here)
    with SentenceReader(processes) as pool:
        pooled = extract_events(articles, geocoder, reader=pool)
    assert [[e.to_json() for e in found] for found in pooled] == [
        [e.to_json() for e in found] for found in alone
    ]
    assert sum(map(len, alone)) >= len(BODIES)  # the reports do hold events


@pytest.mark.parametrize(
    ("articles", "processes", "expected"),
    [(10, 0, 1), (10_000, 2, 2), (10_000, 1, 1), (400, 4, 2)],
)
def test_parsing_pool_only_for_runs_big_enough(
    articles: int, processes: int, expected: int
) -> None:
    assert process_count(articles, processes) == expected


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [
        ([300] * 100, [54, 46]),  # short reports: chunks of a few dozen, not 8
        ([5_000] * 20, [8, 8, 4]),  # long articles: at least 8 a chunk
        ([100] * 150, [64, 64, 22]),  # never more than 64 a chunk
    ],
)
def test_parsing_chunks_keep_order_and_size(sizes: list[int], expected: list[int]) -> None:
    articles = [ArticleText(str(n).rjust(size, "x"), PUBLISHED) for n, size in enumerate(sizes)]
    chunks = chunked(articles)
    assert [len(c) for c in chunks] == expected
    assert [a for c in chunks for a in c] == articles


@pytest.mark.parametrize(
    ("text", "worth"),
    [
        ("The home side will fight hard to keep the cup.", False),
        ("The coach hopes to rally the team before the final.", False),
        ("Both parties attacked the budget in the assembly.", False),
        ("Rebels fought soldiers near the bridge at dawn.", True),
        ("Two farmers were killed near the well.", True),
        ("Thousands rallied in the square, chanting slogans.", True),
        ("Al Shabaab attacked a village in the south.", True),
        ("The markets opened as usual on Monday.", False),
    ],
)
def test_parsing_worth_parsing_needs_a_context_trigger_context(text: str, worth: bool) -> None:
    sentence = Sentence(text, 0, len(text), 0)
    assert worth_parsing(sentence) is worth
