"""Text normalisation every layer shares: display lines, text, and the key that compares paragraphs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import ftfy

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)
# The same pairs for str.replace, which finds the few present far faster than translate.
_QUOTE_PAIRS = tuple((chr(code), str(plain)) for code, plain in _QUOTES.items())
# Paragraph keys recently made: provenance compares one paragraph many times (aligned, diffed,
# searched for a name), each time through this key.
KEY_CACHE_TEXTS = 8192
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# Characters that UTF-8 read as Latin-1 or Windows-1252 leaves behind ("Russiaâ€™s", "Â ");
# text without them is never handed to ftfy, which keeps plain text fast.
_MOJIBAKE_HINT = re.compile("[ÂÃâÅÐÑ][\u0080-\u00bf\u0152-\u0178\u2013-\u203a\u20ac\u2122]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\u200c\u200d\u2060]")


def repair_mojibake(text: str) -> str:
    """Text with UTF-8 mis-decoded as Latin-1/Windows-1252 repaired by ftfy; other text as is."""
    if not _MOJIBAKE_HINT.search(text):
        return text
    return ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)


def normalize_text(text: str) -> str:
    """Mojibake repaired, NFKC, control characters removed, runs of spaces collapsed; curly
    quotes are kept."""
    if not text.isascii():  # ASCII has no mojibake and is its own NFKC form
        text = unicodedata.normalize("NFKC", repair_mojibake(text))
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _SPACES.sub(" ", text)


def normalize_line(text: str) -> str:
    """normalize_text on one line, trimmed, with newlines turned into spaces."""
    return " ".join(normalize_text(text).split())


@lru_cache(maxsize=KEY_CACHE_TEXTS)
def comparison_key(text: str) -> str:
    """The form two texts are compared in: NFKC, straight quotes and dashes, folded case, single spaces."""
    return " ".join(_straight(normalize_text(text)).casefold().split())


def _straight(text: str) -> str:
    """text.translate(_QUOTES): curly quotes and long dashes made straight."""
    if text.isascii():
        return text
    for char, plain in _QUOTE_PAIRS:
        if char in text:
            text = text.replace(char, plain)
    return text
