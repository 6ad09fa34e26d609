"""Language-independent anchors of a sentence: numbers, names (transliterated to Latin letters),
web addresses and handles. A translation keeps them; the words around them change."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

NAME_KEY_CHARS = 4  # a name's first letters: declension ("Obamy", "Obamovi") changes the end
MIN_NAME_CHARS = 3  # shorter capitalised words ("Le", "In") are articles and pronouns
# Longer words are kept as cognates by their first letters, as Simard et al. (1992) aligned
# sentences: "président", "President", "prezident", "президент" share "prez"/"pres".
MIN_COGNATE_CHARS = 6
_TOKEN = re.compile(
    r"https?://[^\s\"'<>)]+|www\.[^\s\"'<>)]+|[@#]\w+|\d+|[^\W\d_]+(?:['’-][^\W\d_]+)*"
)
# Cyrillic and Greek letters in their common Latin transliteration, so "Путин" meets "Putin".
_TRANSLIT = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziiklmnoprstufye", strict=True)),
        "ё": "e",
        "ж": "zh",
        "х": "kh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "",
        "ь": "",
        "ю": "yu",
        "я": "ya",
        "є": "ye",
        "і": "i",
        "ї": "yi",
        "ґ": "g",
        "ў": "u",
        **dict(zip("αβγδεζηθικλμνξοπρστυφχψω", "abgdeziθiklmnxoprstyfxpo", strict=True)),
        "ς": "s",
    }
)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The word in lower-case Latin letters without accents ("Müller" -> "muller")."""
    lowered = word.lower().translate(_TRANSLIT)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _anchor(token: str) -> str | None:
    """The anchor a token gives, or None for an ordinary word."""
    first = token[0]
    if first.isdigit():
        return "#" + token.lstrip("0")[:8] if token.strip("0") else "#0"
    if first in "@#" or token.startswith(("http", "www.")):
        return token.lower().rstrip(".,;:")
    if (first.isupper() and len(token) >= MIN_NAME_CHARS) or len(token) >= MIN_COGNATE_CHARS:
        key = fold(token)[:NAME_KEY_CHARS]
        return key if key.isascii() and key.isalpha() else None
    return None


def anchors(text: str) -> list[str]:
    """The sentence's anchors in order, repeats kept."""
    found = (_anchor(token) for token in _TOKEN.findall(text))
    return [anchor for anchor in found if anchor]
