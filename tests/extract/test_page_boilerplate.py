"""Boilerplate one page shows on its own: sign-ups, related links, promos, author bios."""

from __future__ import annotations

import pytest

from newstrace.extract.blocks import classify_boilerplate
from newstrace.models import BoilerplateKind


@pytest.mark.parametrize(
    ("block", "kind"),
    [
        ("Also on ferrygazette.example Harbour fees to rise in spring", BoilerplateKind.NAVIGATION),
        ("Read or Share this story: https://gazette.example/a/1", BoilerplateKind.SHARE_PROMPT),
        ("Sign up for our daily harbour newsletter", BoilerplateKind.APPEAL),
        ("Port news delivered straight to your inbox every morning.", BoilerplateKind.APPEAL),
        ("Tune in to the Harbour Hour weekdays at noon.", BoilerplateKind.APPEAL),
        ("About the author: Lena Okafor covers ports.", BoilerplateKind.AUTHOR_BIO),
        ("Lena Okafor is a senior reporter for the Ferry Gazette.", BoilerplateKind.AUTHOR_BIO),
    ],
)
def test_page_boilerplate_kept_out_of_the_body(block: str, kind: BoilerplateKind) -> None:
    found = classify_boilerplate(block)
    assert found is not None and found[0] is kind


@pytest.mark.parametrize(
    "block",
    [
        "The council said it would also on Monday review the plan.",
        "The mayor is a former journalist for the Gazette who backed the plan.",
        "Prime Minister Kaja Lind is a former reporter for the Gazette.",
    ],
)
def test_page_boilerplate_news_sentences_stay_in_the_body(block: str) -> None:
    assert classify_boilerplate(block) is None
