"""What the readers ask of a parsed sentence again and again, computed once per sentence.

spaCy rebuilds `doc.text` from its tokens and makes a new Python object for a token at every
access, so a sentence read by several rules would pay for each; these keep the answers in the
doc's `user_data`.
"""

from __future__ import annotations

from typing import Any


def doc_text(doc: Any) -> str:
    """The sentence's text."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return str(text)


def token_words(doc: Any) -> tuple[tuple[str, str], ...]:
    """Each token's lower-cased text and lemma, in order."""
    words = doc.user_data.get("words")
    if words is None:
        words = doc.user_data["words"] = tuple((t.lower_, t.lemma_.lower()) for t in doc)
    return tuple(words)


def doc_words(doc: Any, skip: int | None = None) -> set[str]:
    """The sentence's words and lemmas, lower-cased (less the token at index `skip`)."""
    return {w for i, pair in enumerate(token_words(doc)) if i != skip for w in pair}


def set_lemmas(lemmatizer: Any, docs: list[Any]) -> None:
    """Each token's lemma by spaCy's own rule lemmatizer, looked up once per word form, part of
    speech and morphology (its own cache key) and written to the docs in bulk: the component's
    per-token loop costs about a tenth of a short sentence's parse."""
    from spacy.attrs import LEMMA, MORPH, ORTH, POS

    cache: dict[tuple[int, int, int], int] = lemmatizer.__dict__.setdefault("_bulk_cache", {})
    for doc in docs:
        array = doc.to_array([ORTH, POS, MORPH, LEMMA])
        for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
            if lemma and not lemmatizer.overwrite:
                continue
            key = (orth, pos, morph)
            if key not in cache:
                cache[key] = doc.vocab.strings.add(lemmatizer.lemmatize(doc[i])[0])
            array[i, 3] = cache[key]
        doc.from_array([LEMMA], array[:, 3:4])
