"""The kind of every cross-outlet link (reuse/kinds.py) with its reading spread over workers.

classify_links learns the store-wide boilerplate from all links at once, then reads each
link's passages on their own. With many links the second part, most of the time, runs in
worker processes: the learned passages are computed here and sent with each task's links and
texts, and every link gets the kind classify_links gives it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence

from newstrace.models.reuse import LinkKind, ReuseLink
from newstrace.reuse.batches import WorkerPool
from newstrace.reuse.kinds import Texts, classify_link, classify_links, recurring_passages
from newstrace.reuse.quotes import Marks, mark

PARALLEL_MIN_LINKS = 4_000  # cross-outlet links worth the worker processes
TASK_LINKS = 500  # links read per worker task

Key = tuple[int, int]
Learned = dict[Key, dict[int, str]]  # link -> its passages learned as boilerplate (index: why)
KindsTask = tuple[list[ReuseLink], Texts, Learned]


def link_kinds(links: Sequence[ReuseLink], texts: Texts, pool: WorkerPool) -> dict[Key, LinkKind]:
    """classify_links(links, texts), its per-link reading in the pool's workers for many links."""
    cross = [link for link in links if not link.same_outlet]
    if len(cross) < PARALLEL_MIN_LINKS or pool.workers < 2:
        return classify_links(links, texts)
    learned: Learned = defaultdict(dict)
    for (a, b, index), evidence in recurring_passages(links, texts).items():
        learned[(a, b)][index] = evidence
    kinds = pool.ordered(_kinds_task, _tasks(cross, texts, learned))
    return dict(kinds)


def _tasks(
    links: list[ReuseLink], texts: Texts, learned: Mapping[Key, dict[int, str]]
) -> Iterator[KindsTask]:
    """TASK_LINKS links at a time, with the texts and learned passages they need."""
    for start in range(0, len(links), TASK_LINKS):
        part = links[start : start + TASK_LINKS]
        needed = {side for link in part for side in (link.a, link.b)}
        keys = [(link.a, link.b) for link in part]
        yield part, {i: texts[i] for i in needed}, {k: learned[k] for k in keys if k in learned}


def _kinds_task(task: KindsTask) -> list[tuple[Key, LinkKind]]:
    """In a worker: the kind of each link of one task, as classify_links reads it."""
    links, texts, learned = task
    marks: dict[int, Marks] = {}
    found = []
    for link in links:
        bodies = (texts[link.a][1], texts[link.b][1])
        for article, body in zip((link.a, link.b), bodies, strict=True):
            if article not in marks:
                marks[article] = mark(body)
        outlets = (texts[link.a][0], texts[link.b][0])
        pair = (marks[link.a], marks[link.b])
        kind = classify_link(link, bodies, pair, learned.get((link.a, link.b), {}), outlets)
        found.append(((link.a, link.b), kind))
    return found
