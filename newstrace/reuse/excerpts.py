"""Excerpts of a text published elsewhere: a member ending "– READ MORE" or "Continue reading
at X" carries only the opening of its original, which is then the family's origin, outside the
corpus (named when the line names or links it)."""

from __future__ import annotations

from collections.abc import Mapping

from newstrace.models import Attribution, Evidence
from newstrace.normalize import comparison_key
from newstrace.reuse.evidence import ATTRIBUTION_WEIGHT, Node, same_outlet_name, url_host

UNNAMED_SOURCE = "source not named (excerpt)"
MIN_NAME_CHARS = 4  # a name shorter than this inside another proves nothing


def may_name(credit: str, outlet: str | None) -> bool:
    """Whether a credited name may be this outlet: the same name, or one name inside the other
    (a credit cut short, "Evil" for "Evil News"; a longer credit naming the outlet)."""
    if not outlet:
        return False
    if same_outlet_name(credit, outlet):
        return True
    a, b = (comparison_key(x).replace(" ", "") for x in (credit, outlet))
    short, long_ = sorted((a, b), key=len)
    return len(short) >= MIN_NAME_CHARS and short in long_


def _excerpt_credit(node: Node) -> Attribution | None:
    return next((a for a in node.article.attributions if a.cue == "excerpt"), None)


def excerpted(nodes: Mapping[int, Node], origin: int) -> tuple[str, Evidence] | None:
    """An earliest member that is an excerpt of a text published elsewhere (it ends "READ
    MORE", naming or linking the page, or another member ends so too): that page is the
    origin, outside the corpus, unless it is a member's own outlet."""
    credit = _excerpt_credit(nodes[origin])
    if credit is None:
        return None
    name = credit.outlet or url_host(credit.url)
    others = sum(_excerpt_credit(n) is not None for i, n in nodes.items() if i != origin)
    outlets = [n.article.outlet for n in nodes.values()]
    if (name is None and not others) or (name and any(may_name(name, o) for o in outlets)):
        return None
    detail = f"its text is an excerpt that goes on elsewhere: “{credit.text}”"
    return name or UNNAMED_SOURCE, Evidence("external origin", detail, ATTRIBUTION_WEIGHT)
