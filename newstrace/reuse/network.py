"""The outlet network: who republishes whom, over all families.

An edge runs from the origin outlet (the parent's outlet, or the external wire) to the
republishing outlet. Per edge:

- copies: copies the target made of the source's articles;
- verbatim_share: of the text each copy shares with its parent, the share identical word for
  word (the link's verbatim ratio: a 93 % identical passage reads 0.93), averaged over the
  copies; how much of the parent a copy carries is its coverage, shown on the family;
- median_lag_hours: median hours from the parent's publication to the copy's, over copies
  where both dates are known and the copy is not dated before its parent (a copy dated
  earlier is kept on stated evidence against its page date, which the family report gives);
- attribution_rate: the share of copies carrying an attribution (any cue) naming the source;
- translations: the copies in another language than their parent (translated copies).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from newstrace.models import FamilyCopy, OutletEdge, OutletNode
from newstrace.reuse.evidence import lag_hours, same_outlet_name


@dataclass(frozen=True, slots=True)
class WeighedCopy:
    """One copy between two outlets, with what an edge counts of it."""

    source: str
    target: str
    verbatim: float  # share of the shared text identical word for word
    lag_hours: float | None
    attributed: bool
    translated: bool = False


def weigh_copy(copy: FamilyCopy) -> WeighedCopy | None:
    """The copy as an edge counts it; None when it joins no two distinct named outlets."""
    # A copy of an in-corpus parent comes from the parent's outlet; the root of an external
    # family (or a member with no parent) from the outlet outside the corpus.
    in_corpus_parent = copy.parent_id is not None and bool(copy.parent_outlet)
    source = copy.parent_outlet if in_corpus_parent else copy.origin_outlet
    target = copy.copy_outlet
    if not source or not target or same_outlet_name(source, target):
        return None
    lag = lag_hours(copy.parent_published, copy.copy_published) if in_corpus_parent else None
    if lag is not None and lag < 0:
        lag = None  # dated before its parent: the page dates lose to stated evidence (see report)
    attributed = any(same_outlet_name(name, source) for name in copy.credits)
    return WeighedCopy(source, target, copy.verbatim or 0.0, lag, attributed, copy.translated)


def outlet_edges(copies: Iterable[FamilyCopy]) -> list[OutletEdge]:
    """Edges origin outlet -> republisher over the given copies, by (source, target)."""
    grouped: dict[tuple[str, str], list[WeighedCopy]] = {}
    for copy in copies:
        weighed = weigh_copy(copy)
        if weighed is not None:
            grouped.setdefault((weighed.source, weighed.target), []).append(weighed)
    return [edge(source, target, found) for (source, target), found in sorted(grouped.items())]


def edge(source: str, target: str, copies: list[WeighedCopy]) -> OutletEdge:
    """One edge's figures over its copies (at least one)."""
    lags = [copy.lag_hours for copy in copies if copy.lag_hours is not None]
    return OutletEdge(
        source=source,
        target=target,
        copies=len(copies),
        verbatim_share=round(sum(copy.verbatim for copy in copies) / len(copies), 4),
        median_lag_hours=round(statistics.median(lags), 2) if lags else None,
        attribution_rate=round(sum(copy.attributed for copy in copies) / len(copies), 4),
        translations=sum(copy.translated for copy in copies),
    )


def network_nodes(outlets: Iterable[OutletNode], edges: Iterable[OutletEdge]) -> list[OutletNode]:
    """The stored outlets and every outlet an edge names (with no articles), by name."""
    nodes = {node.name: node for node in outlets}
    for found in edges:
        for name in (found.source, found.target):
            nodes.setdefault(name, OutletNode(name, None, 0))
    return sorted(nodes.values(), key=lambda node: node.name)
