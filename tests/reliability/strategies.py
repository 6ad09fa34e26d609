"""Hypothesis strategies for news-shaped inputs: sentences, names, outlets, dates, whole dumps."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

WORDS = [
    "council",
    "harbour",
    "bridge",
    "river",
    "mayor",
    "volunteers",
    "ferry",
    "station",
    "market",
    "village",
    "school",
    "festival",
    "engineers",
    "budget",
    "repairs",
    "storm",
    "flooding",
    "residents",
    "museum",
    "library",
    "train",
    "canal",
    "quay",
    "tower",
    "farmers",
    "harvest",
    "vote",
    "plan",
    "committee",
    "report",
    "hospital",
    "nurses",
    "police",
    "road",
    "traffic",
    "weather",
    "winter",
    "summer",
    "lake",
    "forest",
    "island",
    "museum",
    "park",
    "square",
    "street",
]
VERBS = [
    "approved",
    "opened",
    "closed",
    "reported",
    "announced",
    "rebuilt",
    "delayed",
    "visited",
    "funded",
    "inspected",
]
FIRST_NAMES = [
    "Ada",
    "Bram",
    "Clara",
    "Dev",
    "Elena",
    "Farid",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Kemi",
    "Lars",
    "Mina",
    "Nils",
]
LAST_NAMES = [
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Haddad",
    "Novak",
    "Pereira",
    "Sato",
    "Brennan",
    "Keller",
    "Duarte",
]
OUTLET_WORDS = [
    "Valley",
    "Tribune",
    "Harbor",
    "Watch",
    "Northern",
    "Courier",
    "Coastal",
    "Ledger",
    "Daily",
    "Gazette",
]

# Any text a page could hold, control characters and astral planes included; no surrogates.
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)


@st.composite
def sentence(draw: st.DrawFn, min_words: int = 8, max_words: int = 24) -> str:
    """A plain declarative sentence of invented news words."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=min_words, max_size=max_words))
    verb = draw(st.sampled_from(VERBS))
    words.insert(len(words) // 2, verb)
    number = draw(st.integers(1, 9999))
    return f"The {' '.join(words)} {number}."


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    """One to three sentences."""
    return " ".join(draw(st.lists(sentence(), min_size=1, max_size=3)))


person = st.builds(
    lambda first, last: f"{first} {last}", st.sampled_from(FIRST_NAMES), st.sampled_from(LAST_NAMES)
)
outlet = st.lists(st.sampled_from(OUTLET_WORDS), min_size=2, max_size=3, unique=True).map(" ".join)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))


@st.composite
def comment(draw: st.DrawFn) -> tuple[str, str]:
    """A reader comment: its author and a conversational text."""
    name = draw(person)
    opener = draw(st.sampled_from(["I think", "Honestly,", "Great news, but", "Why did"]))
    words = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=12)))
    return name, f"{opener} the {words} thing {draw(st.integers(1, 999))}?"


@st.composite
def text_dump(draw: st.DrawFn) -> dict[str, object]:
    """A page dump as an outlet's site would print it, with what each part should become."""
    title = draw(sentence(4, 8)).rstrip(".")
    paragraphs = draw(st.lists(paragraph(), min_size=1, max_size=6, unique=True))
    comments = draw(st.lists(comment(), max_size=4, unique_by=lambda pair: pair[1]))
    lines = [title, ""]
    if draw(st.booleans()):
        lines += [f"By {draw(person)}", ""]
    if draw(st.booleans()):
        lines += [draw(dates).strftime("%d %B %Y"), ""]
    for text in paragraphs:
        lines += [text, ""]
    if draw(st.booleans()):
        lines += [f"The original source of this article is {draw(outlet)}", ""]
    if comments:
        lines += [f"{len(comments)} Comments", ""]
        for name, text in comments:
            lines += [name, text, ""]
    noise = draw(st.one_of(st.just(""), any_text))
    return {"text": "\n".join(lines) + noise, "paragraphs": paragraphs, "comments": comments}
