"""Across languages: translated copies found by language-independent anchors, aligned sentence by
sentence in document order, and returned as links of kind "translation"."""

from newstrace.xling.translations import TRANSLATION, Translation, find_translations

__all__ = ["TRANSLATION", "Translation", "find_translations"]
