"""Copy families: connected components over verified cross-outlet reuse links."""

from __future__ import annotations

from collections.abc import Iterable


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
