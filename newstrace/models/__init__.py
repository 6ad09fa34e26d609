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
    EventPlace,
    Fatalities,
)
from newstrace.models.places import Place
from newstrace.models.reuse import (
    Change,
    Evidence,
    Family,
    FamilyMember,
    OutletEdge,
    Passage,
    ReuseLink,
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
    "EventPlace",
    "Evidence",
    "Failure",
    "Family",
    "FamilyMember",
    "Fatalities",
    "Format",
    "Media",
    "OutletEdge",
    "Passage",
    "Place",
    "ReuseLink",
    "Tag",
    "dumps",
]
