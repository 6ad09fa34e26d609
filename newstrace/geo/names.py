"""Place-name keys: one spelling for the many ways a text writes the same name."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

NORMALIZE_CACHE_SIZE = 1 << 16  # a text's names and its candidates' names recur

# str.translate, not a regular expression: the gazetteer's build normalizes 800,000 names.
# Separators become spaces (runs of them one space, by split and join); quotes go.
_TRANSLATION = str.maketrans(
    dict.fromkeys("-‐‑–—_/.,", " ") | dict.fromkeys("'‘’`´ʹʻʼʽʾʿ\"“”()[]", None)
)
_LATIN_KEY = re.compile(r"^[a-z0-9 ]+$")
_SINGLE_LETTERS = re.compile(r"\b(?:[a-z] )+[a-z]\b")
# "UAE", "N.Y.", "U. S.": capitals only, with dots or spaces between them at most.
_ACRONYM = re.compile(r"^(?:[A-Z][.\s]*){2,5}$")
# Abbreviations that start many place names ("St. Louis", "Mt. Vernon", "Ft. Worth").
_LEADING_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
# Arabic article forms that writers attach, detach or drop ("al-Bab", "Al Bab", "Bab").
ARTICLE_PREFIXES = ("al ", "el ", "ar ", "as ", "ad ", "an ", "ash ", "az ", "at ")
# Transcriptions write the article as it sounds ("Ma'arrat an-Nu'man", "Ras al-Ain", "As
# Suwayda"); one key for all of them, both in the index and in the texts looked up.
ARTICLE_FORMS = frozenset(
    {"el", "ar", "as", "ad", "an", "ash", "az", "at", "ul", "ed", "es", "er", "en"}
)

_ARTICLE_BEFORE_WORD = re.compile(rf"(?:^| )(?:{'|'.join(sorted(ARTICLE_FORMS))}) ")


@lru_cache(maxsize=NORMALIZE_CACHE_SIZE)
def normalize(name: str) -> str:
    """The lookup key of a name: no accents, no case, no punctuation, abbreviations spelled out."""
    if name.isascii():
        plain = name.casefold()
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    words = plain.translate(_TRANSLATION).split()
    plain = " ".join(words)
    if any(len(w) == 1 for w in words):  # "u s a", "n y": letters of an abbreviation
        plain = _SINGLE_LETTERS.sub(lambda m: m.group(0).replace(" ", ""), plain)
    if plain.startswith("the "):
        plain = plain[4:]
    first, _, rest = plain.partition(" ")
    if first in _LEADING_ABBREVIATIONS and rest:
        plain = f"{_LEADING_ABBREVIATIONS[first]} {rest}"
    return _one_article(plain)


def _one_article(key: str) -> str:
    """Every spelling of the Arabic article before another word as "al"."""
    if _ARTICLE_BEFORE_WORD.search(key) is None:  # most names: nothing to respell
        return key
    words = key.split(" ")
    if len(words) < 2:
        return key
    return " ".join(
        "al" if w in ARTICLE_FORMS and i < len(words) - 1 else w for i, w in enumerate(words)
    )


def is_acronym(name: str) -> bool:
    """Whether a name is written as an acronym or abbreviation in capitals ("US", "N.Y.")."""
    return _ACRONYM.match(name.strip()) is not None


def is_latin_key(key: str) -> bool:
    """Whether a key is in plain Latin letters (other scripts never appear in English text)."""
    return bool(key) and _LATIN_KEY.match(key) is not None


def variants(key: str) -> list[str]:
    """Other keys the same name may be stored under: without or with a joined Arabic article."""
    found: list[str] = []
    for prefix in ARTICLE_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            found += [key[len(prefix) :], prefix.strip() + key[len(prefix) :]]
    if " " in key:
        found.append(key.replace(" ", ""))
    return found
