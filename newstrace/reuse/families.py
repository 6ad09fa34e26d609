"""Copy families: connected components over verified cross-outlet reuse links."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from newstrace.models import Passage, ReuseLink

_LINKS_SQL = """
SELECT id, a, b, shared_tokens, coverage_a, coverage_b, verbatim_ratio, same_outlet
FROM reuse_links WHERE same_outlet = 0 ORDER BY a, b
"""
_PASSAGES_SQL = """
SELECT link_id, a_start, a_end, b_start, b_end, tokens, verbatim FROM passages
WHERE link_id IN (SELECT id FROM reuse_links WHERE same_outlet = 0) ORDER BY link_id, a_start, id
"""


def load_cross_outlet_links(conn: sqlite3.Connection) -> dict[tuple[int, int], ReuseLink]:
    """Every stored link between two outlets, keyed by (a, b) with a < b, with its passages."""
    passages: dict[int, list[Passage]] = {}
    for row in conn.execute(_PASSAGES_SQL):
        passages.setdefault(row[0], []).append(Passage(*row[1:]))
    links = {}
    for row in conn.execute(_LINKS_SQL):
        link = ReuseLink(
            a=row[1],
            b=row[2],
            shared_tokens=row[3],
            coverage_a=row[4],
            coverage_b=row[5],
            verbatim_ratio=row[6],
            passages=tuple(passages.get(row[0], ())),
            same_outlet=bool(row[7]),
        )
        links[(link.a, link.b)] = link
    return links


class _DisjointSets:
    """Union-find with path halving; the representative is the smallest id of its set."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        """The representative of the item's set."""
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, first: int, second: int) -> None:
        """Merge the sets of two items."""
        root_a, root_b = self.find(first), self.find(second)
        if root_a != root_b:
            # Keeping the smaller id as the root makes it the family id with no second pass.
            low, high = sorted((root_a, root_b))
            self.parent[high] = low


def connected_families(pairs: Iterable[tuple[int, int]]) -> dict[int, tuple[int, ...]]:
    """Connected components of linked article ids: family id (smallest member) -> sorted members."""
    sets = _DisjointSets()
    for a, b in pairs:
        sets.union(a, b)
    families: dict[int, list[int]] = {}
    for item in sets.parent:
        families.setdefault(sets.find(item), []).append(item)
    return {root: tuple(sorted(members)) for root, members in sorted(families.items())}
