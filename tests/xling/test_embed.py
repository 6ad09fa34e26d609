"""The bundled multilingual model: a sentence is closer to its translation than to other news."""

from __future__ import annotations

import pytest

from newstrace.xling.embed import E5Embedder, mean_similarity


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "translation", "other"),
    [
        (
            "The ferry to Marrow Island will run again from Monday.",
            "Die Fähre zur Insel Marrow fährt ab Montag wieder.",
            "Der Stadtrat hat den Haushalt für das nächste Jahr beschlossen.",
        )
    ],
)
def test_embed_translation_is_closer_than_other_news(
    sentence: str, translation: str, other: str
) -> None:
    embedder = E5Embedder()
    close = mean_similarity(embedder, [(sentence, translation)])
    far = mean_similarity(embedder, [(sentence, other)])
    assert close > far
    assert embedder.embedded == 3  # each text embedded once, the repeated sentence from cache
