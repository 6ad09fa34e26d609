"""The reuse model: aligned passages, links, copy families, what changed, the outlet network."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Passage:
    """One aligned stretch of text shared by two articles, as character offsets into each body."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    tokens: int  # aligned tokens in the passage
    verbatim: float  # share of the passage's tokens identical on both sides
    similarity: float | None = None  # a translated passage: how alike its sentences are, 0..1

    def to_json(self) -> dict[str, int | float]:
        """The passage as plain JSON-ready values (links output, Parquet shards); a translated
        passage also gives its similarity."""
        found: dict[str, int | float] = {
            "a_start": self.a_start,
            "a_end": self.a_end,
            "b_start": self.b_start,
            "b_end": self.b_end,
            "tokens": self.tokens,
            "verbatim": self.verbatim,
        }
        if self.similarity is not None:
            found["similarity"] = self.similarity
        return found


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
    kind: LinkKind | None = None  # what the shared text is, once provenance has read it

    def to_json(self, a: LinkSide, b: LinkSide) -> dict[str, Any]:
        """The link in the `links` output shape, with each passage's text on both sides."""
        kind = self.kind.to_json() if self.kind else {"kind": None}
        return {
            **kind,
            "a": self.a,
            "b": self.b,
            "a_source": a.source,
            "a_source_id": a.source_id,
            "b_source": b.source,
            "b_source_id": b.source_id,
            "a_outlet": a.outlet,
            "b_outlet": b.outlet,
            "shared_tokens": self.shared_tokens,
            "coverage_a": self.coverage_a,
            "coverage_b": self.coverage_b,
            "verbatim_ratio": self.verbatim_ratio,
            "passages": [
                {
                    **p.to_json(),
                    "a_text": a.body[p.a_start : p.a_end],
                    "b_text": b.body[p.b_start : p.b_end],
                }
                for p in self.passages
            ],
        }


REPUBLICATION = "republication"
SHARED_QUOTATION = "shared quotation"
BOILERPLATE = "boilerplate"
TRANSLATION = "translation"  # a copy in another language, its sentences aligned


@dataclass(frozen=True, slots=True)
class LinkKind:
    """What two linked articles share: reporting text (a republication), the words of one
    speaker or document both quote (a shared quotation), or only boilerplate (no copy)."""

    kind: str  # REPUBLICATION, SHARED_QUOTATION, BOILERPLATE or TRANSLATION
    reporting_tokens: int  # shared tokens outside quotations, captions and boilerplate
    quoted_tokens: int
    boilerplate_tokens: int  # learned boilerplate and photo captions
    speaker: str | None  # who the shared quotation is from, when the text names them
    evidence: str  # why, quoting the shared text it points to

    def to_json(self) -> dict[str, Any]:
        """The kind as the links output shows it, before the link's own fields."""
        return {
            "kind": self.kind,
            "speaker": self.speaker,
            "reporting_tokens": self.reporting_tokens,
            "quoted_tokens": self.quoted_tokens,
            "boilerplate_tokens": self.boilerplate_tokens,
            "kind_evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class QuotationCluster:
    """Articles that share only what they all quote: "both quote X", never copies of each other."""

    id: int  # the smallest article id
    speaker: str | None  # who they quote, when the text names them
    articles: tuple[tuple[int, str | None], ...]  # (article id, outlet)
    links: int
    quote: str  # the opening words of the shared quotation

    def to_json(self) -> dict[str, Any]:
        """The cluster as `newstrace families --quotations` prints it."""
        outlets = sorted({o for _, o in self.articles if o})
        return {
            "id": self.id,
            "kind": "shared quotation",
            "speaker": self.speaker,
            "summary": f"{len(self.articles)} articles of {len(outlets)} outlets quote "
            f"{self.speaker or 'one source'}",
            "articles": [{"article": a, "outlet": o} for a, o in self.articles],
            "links": self.links,
            "quote": self.quote,
        }


@dataclass(frozen=True, slots=True)
class LinkSide:
    """One article of a link as the links output names it: where it came from, and its body."""

    source: str
    source_id: str | None
    outlet: str | None
    body: str


@dataclass(frozen=True, slots=True)
class StoredLink:
    """A stored link with both of its articles, as `newstrace links` prints it."""

    link: ReuseLink
    a: LinkSide
    b: LinkSide

    def to_json(self) -> dict[str, Any]:
        """The link in the `links` output shape."""
        return self.link.to_json(self.a, self.b)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason to think an article was copied from another, and how much it weighs."""

    kind: str  # "publication order", "attribution", "byline", "wire marker", "canonical link",
    # "media host", "carried boilerplate", "containment"
    detail: str  # human-readable: "attribution line names South Front"
    weight: float

    def to_json(self) -> dict[str, Any]:
        """The evidence as the families output shows it."""
        return {"kind": self.kind, "detail": self.detail, "weight": self.weight}


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

    def to_json(self) -> dict[str, Any]:
        """The change as the families output shows it."""
        return {
            "kind": self.kind,
            "detail": self.detail,
            "before": self.before,
            "after": self.after,
            "position": self.position,
        }


@dataclass(frozen=True, slots=True)
class FamilyMember:
    """An article in a copy family: its parent, how much of the parent it carries, and why."""

    article: int
    parent: int | None  # None for the family's origin (or when the origin is external)
    coverage: float  # share of the parent's body found in this copy
    confidence: float  # of the parent edge, 0..1
    evidence: tuple[Evidence, ...] = ()
    changes: tuple[Change, ...] = ()

    def to_json(self, article: MemberArticle) -> dict[str, Any]:
        """The member as the families output shows it, with its article's source and date."""
        return {
            "article": self.article,
            "source": article.source,
            "source_id": article.source_id,
            "outlet": article.outlet,
            "published": article.published,
            "parent": self.parent,
            "coverage": self.coverage,
            "confidence": self.confidence,
            "evidence": [e.to_json() for e in self.evidence],
            "changes": [c.to_json() for c in self.changes],
        }


@dataclass(frozen=True, slots=True)
class MemberArticle:
    """Where and when a family member was published: what the families output adds to it."""

    source: str
    source_id: str | None
    outlet: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class Family:
    """Articles connected by verified cross-outlet copies, as a tree rooted at the origin."""

    members: tuple[FamilyMember, ...]
    origin_article: int | None  # None when the origin is outside the corpus
    origin_outlet: str | None
    external: bool = False  # the origin is a wire or outlet not in the corpus
    id: int | None = None

    def to_json(self, articles: Mapping[int, MemberArticle]) -> dict[str, Any]:
        """The family in the `families` output shape; articles: each member's source and date."""
        return {
            "id": self.id,
            "origin": {
                "article": self.origin_article,
                "outlet": self.origin_outlet,
                "external": self.external,
            },
            "members": [m.to_json(articles[m.article]) for m in self.members],
        }


@dataclass(frozen=True, slots=True)
class StoredFamily:
    """A stored family with its members' articles, as `newstrace families` prints it."""

    family: Family
    articles: Mapping[int, MemberArticle]

    def to_json(self) -> dict[str, Any]:
        """The family in the `families` output shape."""
        return self.family.to_json(self.articles)


@dataclass(frozen=True, slots=True)
class Inference:
    """A fact about an origin article stated only by its copies."""

    article_id: int
    field: str  # "outlet" or "published"
    value: str
    evidence: str


@dataclass(frozen=True, slots=True)
class OutletEdge:
    """Who republishes whom: origin outlet -> republishing outlet, over all families."""

    source: str
    target: str
    copies: int
    verbatim_share: float
    median_lag_hours: float | None
    attribution_rate: float
    translations: int = 0  # of the copies, those in another language than their parent

    def to_json(self) -> dict[str, Any]:
        """The edge as the network output shows it (translations only where there are some)."""
        found = {
            "source": self.source,
            "target": self.target,
            "copies": self.copies,
            "verbatim_share": self.verbatim_share,
            "median_lag_hours": self.median_lag_hours,
            "attribution_rate": self.attribution_rate,
        }
        return {**found, "translations": self.translations} if self.translations else found


@dataclass(frozen=True, slots=True)
class OutletNode:
    """An outlet of the network and how many articles of it are stored."""

    name: str
    domain: str | None
    articles: int

    def to_json(self) -> dict[str, Any]:
        """The outlet as the network graph shows it."""
        return {"name": self.name, "domain": self.domain, "articles": self.articles}


@dataclass(frozen=True, slots=True)
class FamilyCopy:
    """One copy in a stored family tree, with what the outlet network weighs it by."""

    article_id: int
    parent_id: int | None
    coverage: float | None
    origin_outlet: str | None
    external: bool
    copy_outlet: str | None
    copy_published: str | None
    parent_outlet: str | None
    parent_published: str | None
    verbatim: float | None  # best verbatim ratio of the link to the parent (any link if external)
    credits: tuple[str, ...] = ()  # outlets the copy's attributions name
    translated: bool = False  # the copy is in another (known) language than its parent
