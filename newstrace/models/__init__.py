"""The one data model: every stage exchanges these frozen dataclasses; only store/ maps them to rows.

Split by domain: `articles` (documents, articles and their parts), `reuse` (links, passages,
families, changes, the outlet network), `events` and `places`.
"""

from newstrace.models.articles import (
    Article,
    Attribution,
    Boilerplate,
    BoilerplateKind,
    Comment,
    Document,
    Failure,
    Format,
    Media,
    Tag,
    dumps,
)
from newstrace.models.events import (
    UNATTRIBUTED,
    ActorMention,
    Event,
    EventAttribution,
    Fatalities,
    StoredEvent,
)
from newstrace.models.places import Place
from newstrace.models.reuse import (
    Change,
    Evidence,
    Family,
    FamilyCopy,
    FamilyMember,
    Inference,
    LinkSide,
    MemberArticle,
    OutletEdge,
    OutletNode,
    Passage,
    ReuseLink,
    StoredFamily,
    StoredLink,
)

__all__ = [
    "UNATTRIBUTED",
    "ActorMention",
    "Article",
    "Attribution",
    "Boilerplate",
    "BoilerplateKind",
    "Change",
    "Comment",
    "Document",
    "Event",
    "EventAttribution",
    "Evidence",
    "Failure",
    "Family",
    "FamilyCopy",
    "FamilyMember",
    "Fatalities",
    "Format",
    "Inference",
    "LinkSide",
    "Media",
    "MemberArticle",
    "OutletEdge",
    "OutletNode",
    "Passage",
    "Place",
    "ReuseLink",
    "StoredEvent",
    "StoredFamily",
    "StoredLink",
    "Tag",
    "dumps",
]
