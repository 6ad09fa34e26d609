"""The reuse model: aligned passages, links, copy families, what changed, the outlet network."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Passage:
    """One aligned stretch of text shared by two articles, as character offsets into each body."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    tokens: int  # aligned tokens in the passage
    verbatim: float  # share of the passage's tokens identical on both sides

    def as_dict(self) -> dict[str, int | float]:
        """The passage as plain JSON-ready values (links output, Parquet shards)."""
        return {
            "a_start": self.a_start,
            "a_end": self.a_end,
            "b_start": self.b_start,
            "b_end": self.b_end,
            "tokens": self.tokens,
            "verbatim": self.verbatim,
        }


@dataclass(frozen=True, slots=True)
class ReuseLink:
    """Two articles sharing text: the aligned passages and how much of each side they cover."""

    a: int  # article id, a < b
    b: int
    shared_tokens: int
    coverage_a: float  # share of a's body tokens inside the passages
    coverage_b: float
    verbatim_ratio: float  # share of aligned tokens identical on both sides
    passages: tuple[Passage, ...]
    same_outlet: bool = False  # reuse within one outlet: boilerplate or versions, not copying


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason to think an article was copied from another, and how much it weighs."""

    kind: str  # "publication order", "attribution", "byline", "wire marker", "canonical link",
    # "media host", "carried boilerplate", "containment"
    detail: str  # human-readable: "attribution line names South Front"
    weight: float


@dataclass(frozen=True, slots=True)
class Change:
    """One thing a republisher changed against its parent."""

    kind: str  # "title label added", "title case changed", "title reworded", "paragraph added",
    # "paragraph removed", "paragraph edited", "media inserted", "boilerplate appended",
    # "byline changed", "dates added", "tags added", "comments dropped", "attribution added"
    detail: str
    before: str | None = None
    after: str | None = None
    position: int | None = None  # body paragraph index in the copy, where it applies


@dataclass(frozen=True, slots=True)
class FamilyMember:
    """An article in a copy family: its parent, how much of the parent it carries, and why."""

    article: int
    parent: int | None  # None for the family's origin (or when the origin is external)
    coverage: float  # share of the parent's body found in this copy
    confidence: float  # of the parent edge, 0..1
    evidence: tuple[Evidence, ...] = ()
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True, slots=True)
class Family:
    """Articles connected by verified cross-outlet copies, as a tree rooted at the origin."""

    members: tuple[FamilyMember, ...]
    origin_article: int | None  # None when the origin is outside the corpus
    origin_outlet: str | None
    external: bool = False  # the origin is a wire or outlet not in the corpus
    id: int | None = None


@dataclass(frozen=True, slots=True)
class OutletEdge:
    """Who republishes whom: origin outlet -> republishing outlet, over all families."""

    source: str
    target: str
    copies: int
    verbatim_share: float
    median_lag_hours: float | None
    attribution_rate: float
