"""Links and families as Parquet shards: the output of `newstrace trace-shards`.

links/part-NNNNN.parquet: one row per link: a, b (article numbers, a < b), a_source_id,
b_source_id, a_outlet, b_outlet, shared_tokens, coverage_a, coverage_b, verbatim_ratio,
same_outlet, kind (null, or "translation" for a translated copy) and passages (a list of
{a_start, a_end, b_start, b_end, tokens, verbatim, similarity}, character offsets into each
body; similarity only for a translation's aligned sentences). families/part-NNNNN.parquet: one row per member: family
(its smallest article number), article, source_id, outlet. Families are the connected
components of the cross-outlet links, as `newstrace trace` forms them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newstrace.models import Passage, ReuseLink
from newstrace.models.reuse import LinkKind
from newstrace.reuse.families import connected_families
from newstrace.xling.translations import TRANSLATION

ROWS_PER_SHARD = 200_000  # rows per Parquet file

PASSAGE = pa.struct(
    [
        ("a_start", pa.int64()),
        ("a_end", pa.int64()),
        ("b_start", pa.int64()),
        ("b_end", pa.int64()),
        ("tokens", pa.int64()),
        ("verbatim", pa.float64()),
        ("similarity", pa.float64()),
    ]
)
LINKS_SCHEMA = pa.schema(
    [
        ("a", pa.int64()),
        ("b", pa.int64()),
        ("a_source_id", pa.string()),
        ("b_source_id", pa.string()),
        ("a_outlet", pa.string()),
        ("b_outlet", pa.string()),
        ("shared_tokens", pa.int64()),
        ("coverage_a", pa.float64()),
        ("coverage_b", pa.float64()),
        ("verbatim_ratio", pa.float64()),
        ("same_outlet", pa.bool_()),
        ("kind", pa.string()),
        ("passages", pa.list_(PASSAGE)),
    ]
)
FAMILIES_SCHEMA = pa.schema(
    [
        ("family", pa.int64()),
        ("article", pa.int64()),
        ("source_id", pa.string()),
        ("outlet", pa.string()),
    ]
)


def _link_row(
    link: ReuseLink, source_ids: Sequence[str], outlets: Sequence[str | None]
) -> dict[str, Any]:
    return {
        "a": link.a,
        "b": link.b,
        "a_source_id": source_ids[link.a],
        "b_source_id": source_ids[link.b],
        "a_outlet": outlets[link.a],
        "b_outlet": outlets[link.b],
        "shared_tokens": link.shared_tokens,
        "coverage_a": link.coverage_a,
        "coverage_b": link.coverage_b,
        "verbatim_ratio": link.verbatim_ratio,
        "same_outlet": link.same_outlet,
        "kind": link.kind.kind if link.kind else None,
        "passages": [p.to_json() for p in link.passages],
    }


def _write_shards(folder: Path, rows: list[dict[str, Any]], schema: pa.Schema) -> int:
    """Rows as numbered Parquet files in folder (at least one, so an empty result is seen)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("part-*.parquet"):
        old.unlink()
    starts = range(0, max(1, len(rows)), ROWS_PER_SHARD)
    for number, start in enumerate(starts):
        table = pa.Table.from_pylist(rows[start : start + ROWS_PER_SHARD], schema=schema)
        partial = folder / f"part-{number:05d}.parquet.partial"
        pq.write_table(table, partial)
        partial.replace(folder / f"part-{number:05d}.parquet")
    return len(starts)


def family_rows(
    links: Sequence[ReuseLink], source_ids: Sequence[str], outlets: Sequence[str | None]
) -> list[dict[str, Any]]:
    """One row per member of each family of the cross-outlet links."""
    families = connected_families((link.a, link.b) for link in links if not link.same_outlet)
    return [
        {"family": family, "article": a, "source_id": source_ids[a], "outlet": outlets[a]}
        for family, members in families.items()
        for a in members
    ]


def write_results(
    output: Path,
    links: Sequence[ReuseLink],
    source_ids: Sequence[str],
    outlets: Sequence[str | None],
) -> int:
    """Write links and families under output; return the number of families."""
    _write_shards(
        output / "links", [_link_row(link, source_ids, outlets) for link in links], LINKS_SCHEMA
    )
    families = family_rows(links, source_ids, outlets)
    _write_shards(output / "families", families, FAMILIES_SCHEMA)
    return len({row["family"] for row in families})


def read_table(output: Path, name: str) -> pa.Table:
    """All shards of links or families under output, as one table."""
    parts = sorted((output / name).glob("part-*.parquet"))
    schema = LINKS_SCHEMA if name == "links" else FAMILIES_SCHEMA
    return (
        pa.concat_tables([pq.read_table(p, schema=schema) for p in parts])
        if parts
        else (schema.empty_table())
    )


def iter_links(output: Path) -> Iterator[ReuseLink]:
    """The links written under output, as ReuseLinks (article numbers as ids)."""
    for row in read_table(output, "links").to_pylist():
        yield ReuseLink(
            a=row["a"],
            b=row["b"],
            shared_tokens=row["shared_tokens"],
            coverage_a=row["coverage_a"],
            coverage_b=row["coverage_b"],
            verbatim_ratio=row["verbatim_ratio"],
            passages=tuple(Passage(**p) for p in row["passages"]),
            same_outlet=row["same_outlet"],
            kind=_kind(row),
        )


def _kind(row: dict[str, Any]) -> LinkKind | None:
    """A translation's kind as the cross-language stage gives it; None for the others."""
    if row.get("kind") != TRANSLATION:
        return None
    evidence = f"{len(row['passages'])} sentences aligned across languages"
    return LinkKind(TRANSLATION, row["shared_tokens"], 0, 0, None, evidence)
