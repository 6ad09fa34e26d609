"""Every cross-outlet link gets a kind: republication, shared quotation or boilerplate.

Shared text is sorted passage by passage:

- boilerplate, learned across the whole store (`recurring_passages`): text that recurs in
  articles of at least MIN_STORIES different stories — a poll or newsletter widget, a
  syndication footer, a show promo, an author bio — whatever outlets carry it. Stories are
  told apart by the links themselves: two carriers are versions of one story when their link
  covers half of either, or when they share MIN_SHARED_TOKENS more than the passage. A text
  carried by many copies of one story is that story, not boilerplate;
- photo captions and quotations (reuse/quotes.py): words inside quotation marks, their
  attribution tags, embedded posts;
- reporting: the rest.

A link is a republication when its reporting text alone reaches MIN_SHARED_TOKENS, the size
of a link (reuse/definition.py): one text carries the other's reporting, or both carry one
wire story. Else it is a shared quotation when the quotations outweigh the boilerplate (both
quote one speaker or document: a common source, not a copy of each other), and boilerplate
otherwise, which is no copy at all. Families and the outlet network stand on republications
only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newstrace.models.reuse import (
    BOILERPLATE,
    REPUBLICATION,
    SHARED_QUOTATION,
    LinkKind,
    Passage,
    QuotationCluster,
    ReuseLink,
)
from newstrace.normalize import comparison_key
from newstrace.reuse.definition import MIN_SHARED_TOKENS
from newstrace.reuse.families import connected_families
from newstrace.reuse.quotes import Marks, mark, shares, speakers

MIN_STORIES = 3  # unrelated stories that must carry a text for it to be boilerplate
SAME_STORY_COVERAGE = 0.5  # a link covering this much of either side joins one story
CARRIER_OVERLAP = 0.8  # share of a passage another link's passage must cover to carry it
QUOTED_PASSAGE = 0.5  # a passage this much quoted is a quotation, however often it recurs
QUOTE_WORDS = 14
CREDIT_WINDOW = 300  # characters around a quoted excerpt read for the quoted outlet's name  # words of shared text quoted in evidence

Texts = Mapping[int, tuple[str | None, str]]  # article id -> (outlet, body)
Span = tuple[int, int, int]  # partner article, start, end (characters of this article)


@dataclass
class _Graph:
    """Every link of the store, by pair, and each article's shared spans with its partners."""

    links: dict[tuple[int, int], ReuseLink]
    spans: dict[int, list[Span]]
    neighbours: dict[int, set[int]]


def _graph(links: Iterable[ReuseLink]) -> _Graph:
    graph = _Graph({}, defaultdict(list), defaultdict(set))
    for link in links:
        graph.links[(link.a, link.b)] = link
        graph.neighbours[link.a].add(link.b)
        graph.neighbours[link.b].add(link.a)
        for p in link.passages:
            graph.spans[link.a].append((link.b, p.a_start, p.a_end))
            graph.spans[link.b].append((link.a, p.b_start, p.b_end))
    return graph


def _carriers(graph: _Graph, article: int, start: int, end: int) -> set[int]:
    """The articles that share this stretch of the article's body (the article included)."""
    found = {article}
    need = CARRIER_OVERLAP * (end - start)
    for partner, s, e in graph.spans.get(article, []):
        if min(end, e) - max(start, s) >= need:
            found.add(partner)
    return found


def _same_story(link: ReuseLink, passage_tokens: int) -> bool:
    """Two carriers are one story's versions: the link covers half of one, or holds more."""
    covered = max(link.coverage_a, link.coverage_b) >= SAME_STORY_COVERAGE
    return covered or link.shared_tokens - passage_tokens >= MIN_SHARED_TOKENS


def _stories(graph: _Graph, carriers: set[int], passage_tokens: int) -> list[set[int]]:
    """The carriers grouped into stories (connected by same-story links)."""
    parent = {c: c for c in carriers}

    def find(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for u in carriers:
        for v in graph.neighbours.get(u, set()) & carriers:
            if u < v and _same_story(graph.links[(u, v)], passage_tokens):
                parent[find(u)] = find(v)
    groups: dict[int, set[int]] = defaultdict(set)
    for c in carriers:
        groups[find(c)].add(c)
    return list(groups.values())


def _boilerplate_evidence(
    carriers: set[int], stories: int, texts: Texts, body: str, start: int, end: int
) -> str:
    outlets = sorted({texts[c][0] or "unknown outlet" for c in carriers if c in texts})
    named = ", ".join(outlets[:4]) + (f" and {len(outlets) - 4} more" if len(outlets) > 4 else "")
    return (
        f"recurs in {len(carriers)} articles of {len(outlets)} outlet(s) ({named}) across "
        f"{stories} unrelated stories: {_quote(body, start, end)}"
    )


def _quote(body: str, start: int, end: int) -> str:
    words = body[start:end].split()
    text = " ".join(words[:QUOTE_WORDS]) + (" …" if len(words) > QUOTE_WORDS else "")
    return f"“{text}”"


def recurring_passages(links: Sequence[ReuseLink], texts: Texts) -> dict[tuple[int, int, int], str]:
    """Passages of cross-outlet links that are store-wide boilerplate: (a, b, index) -> evidence.

    links: every stored link (one outlet's too: they show what its stories repeat)."""
    graph = _graph(links)
    found: dict[tuple[int, int, int], str] = {}
    for link in links:
        if link.same_outlet or max(link.coverage_a, link.coverage_b) >= SAME_STORY_COVERAGE:
            continue
        for index, p in enumerate(link.passages):
            carriers = _carriers(graph, link.a, p.a_start, p.a_end) | _carriers(
                graph, link.b, p.b_start, p.b_end
            )
            if len(carriers) < MIN_STORIES:
                continue
            stories = _stories(graph, carriers, p.tokens)
            if len(stories) >= MIN_STORIES:
                body = texts[link.a][1] if link.a in texts else ""
                found[(link.a, link.b, index)] = _boilerplate_evidence(
                    carriers, len(stories), texts, body, p.a_start, p.a_end
                )
    return found


@dataclass
class _Tally:
    reporting: float = 0.0
    quoted: float = 0.0
    boilerplate: float = 0.0


def _names_outlet(body: str, start: int, end: int, outlet: str | None) -> bool:
    """Whether the text around body[start:end] names this outlet (an excerpt's credit)."""
    if not outlet:
        return False
    window = body[max(0, start - CREDIT_WINDOW) : end + CREDIT_WINDOW]
    return comparison_key(outlet).removeprefix("the ") in comparison_key(window)


def _passage_shares(
    p: Passage, bodies: tuple[str, str], marks: tuple[Marks, Marks], outlets: tuple[str | None, ...]
) -> tuple[float, float]:
    """The larger quoted and caption shares of a passage over its two sides.

    A side that quotes what the other side prints as its own prose, naming the other's outlet
    beside it, quotes that article: an excerpt of its reporting, not a common source."""
    side_a = shares(bodies[0], marks[0], p.a_start, p.a_end)
    side_b = shares(bodies[1], marks[1], p.b_start, p.b_end)
    if side_a[0] >= QUOTED_PASSAGE > side_b[0] and _names_outlet(
        bodies[0], p.a_start, p.a_end, outlets[1]
    ):
        side_a = (0.0, side_a[1])
    if side_b[0] >= QUOTED_PASSAGE > side_a[0] and _names_outlet(
        bodies[1], p.b_start, p.b_end, outlets[0]
    ):
        side_b = (0.0, side_b[1])
    quoted = max(side_a[0], side_b[0])
    caption = max(side_a[1], side_b[1])
    return quoted, min(caption, 1.0 - quoted)


def classify_link(
    link: ReuseLink,
    bodies: tuple[str, str],
    marks: tuple[Marks, Marks],
    boilerplate: Mapping[int, str],
    outlets: tuple[str | None, str | None] = (None, None),
) -> LinkKind:
    """The kind of one cross-outlet link; boilerplate: its learned passages, index -> evidence."""
    if not link.passages:  # a link stored without its passages: nothing to read, a copy
        why = "no aligned passages stored to read; counted as a copy"
        return LinkKind(REPUBLICATION, link.shared_tokens, 0, 0, None, why)
    tally, who, reasons = _Tally(), Counter[str](), []
    for index, p in enumerate(link.passages):
        quoted, caption = _passage_shares(p, bodies, marks, outlets)
        if index in boilerplate and quoted < QUOTED_PASSAGE:
            tally.boilerplate += p.tokens
            reasons.append(f"boilerplate {boilerplate[index]}")
            continue
        tally.quoted += p.tokens * quoted
        tally.boilerplate += p.tokens * caption
        tally.reporting += p.tokens * (1.0 - quoted - caption)
        if quoted >= QUOTED_PASSAGE:
            who += speakers(bodies[0], p.a_start, p.a_end) + speakers(bodies[1], p.b_start, p.b_end)
            reasons.append(f"quotation {_quote(bodies[0], p.a_start, p.a_end)}")
        elif caption >= 0.5:
            reasons.append(f"photo caption {_quote(bodies[0], p.a_start, p.a_end)}")
        else:
            reasons.append(f"reporting {_quote(bodies[0], p.a_start, p.a_end)}")
    return _decide(tally, who, reasons, link.shared_tokens)


def _decide(tally: _Tally, who: Counter[str], reasons: list[str], shared: int) -> LinkKind:
    """The kind from the shares of the link's shared tokens (its identical tokens, as a link is
    sized) that are reporting, quotation and boilerplate."""
    aligned = tally.reporting + tally.quoted + tally.boilerplate
    scale = shared / aligned if aligned else 0.0
    tally = _Tally(tally.reporting * scale, tally.quoted * scale, tally.boilerplate * scale)
    counts = round(tally.reporting), round(tally.quoted), round(tally.boilerplate)
    if tally.reporting >= MIN_SHARED_TOKENS or not (tally.quoted or tally.boilerplate):
        kind, why = REPUBLICATION, f"{counts[0]} tokens of shared reporting text"
    elif tally.quoted >= tally.boilerplate:
        kind = SHARED_QUOTATION
        why = f"shared text is quotation ({counts[1]} tokens), reporting only {counts[0]}"
    else:
        kind = BOILERPLATE
        why = f"shared text is boilerplate ({counts[2]} tokens), reporting only {counts[0]}"
    speaker = who.most_common(1)[0][0] if kind == SHARED_QUOTATION and who else None
    return LinkKind(kind, *counts, speaker, why + "; " + "; ".join(reasons))


def classify_links(links: Sequence[ReuseLink], texts: Texts) -> dict[tuple[int, int], LinkKind]:
    """The kind of every cross-outlet link, keyed (a, b); links: every stored link."""
    learned = recurring_passages(links, texts)
    by_link: dict[tuple[int, int], dict[int, str]] = defaultdict(dict)
    for (a, b, index), evidence in learned.items():
        by_link[(a, b)][index] = evidence
    marks: dict[int, Marks] = {}
    kinds = {}
    for link in links:
        if link.same_outlet:
            continue
        bodies = (texts[link.a][1], texts[link.b][1])
        for article, body in zip((link.a, link.b), bodies, strict=True):
            if article not in marks:
                marks[article] = mark(body)
        pair = (marks[link.a], marks[link.b])
        outlets = (texts[link.a][0], texts[link.b][0])
        kinds[(link.a, link.b)] = classify_link(
            link, bodies, pair, by_link[(link.a, link.b)], outlets
        )
    return kinds


def quotation_clusters(
    links: Iterable[ReuseLink], outlets: Mapping[int, str | None]
) -> list[QuotationCluster]:
    """Articles joined by shared-quotation links, each group with its most named speaker."""
    quoting = [link for link in links if link.kind and link.kind.kind == SHARED_QUOTATION]
    groups = connected_families((link.a, link.b) for link in quoting)
    member_of = {a: root for root, members in groups.items() for a in members}
    speakers_of: dict[int, Counter[str]] = defaultdict(Counter)
    quotes: dict[int, str] = {}
    counts: Counter[int] = Counter()
    for link in quoting:
        root = member_of[link.a]
        counts[root] += 1
        if link.kind and link.kind.speaker:
            speakers_of[root][link.kind.speaker] += 1
        quotes.setdefault(root, _first_quote(link.kind.evidence if link.kind else ""))
    return [
        QuotationCluster(
            root,
            speakers_of[root].most_common(1)[0][0] if speakers_of[root] else None,
            tuple((a, outlets.get(a)) for a in members),
            counts[root],
            quotes.get(root, ""),
        )
        for root, members in groups.items()
    ]


def _first_quote(evidence: str) -> str:
    """The quoted words an evidence line names first after "quotation"."""
    _, found, rest = evidence.partition("quotation “")
    return rest.partition("”")[0] if found else ""
