"""Text normalisation shared by every extractor: mojibake repaired before text is stored."""

from __future__ import annotations

import pytest

from newstrace.normalize import normalize_line


@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        ("Russiaâ€™s ferries", "Russia’s ferries"),
        ("modelsÂ\u00a0withÂ\u00a0care", "models with care"),
        ("CafÃ© SÃ£o Paulo", "Café São Paulo"),
        ("Café São Paulo — “plain”", "Café São Paulo — “plain”"),
    ],
)
def test_text_mojibake_repaired_before_storing(broken: str, repaired: str) -> None:
    assert normalize_line(broken) == repaired
