"""Sharded article files (JSONL or Parquet) as one corpus whose bodies stay on disk until read.

Each record is an article with the fields of `newstrace extract --nl`: `id`, `outlet`, `body`
(or `text`), and optionally `title`, `published`, `url`. Articles are numbered in file order
(files sorted by path); that number is the article's id in links and families, and the
record's own `id` travels beside it as `source_id`. A hash task gets a ShardSlice (file paths
and row ranges) and reads its bodies itself, so bodies never pass through the driver.
"""

from __future__ import annotations

import json
import os
import sys
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

import pyarrow.parquet as pq

from newstrace.engines.base import TextItem
from newstrace.reuse.batches import SliceReader

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
BODY_FIELDS = ("body", "text")
META_FIELDS = ("title", "published", "url")


class ShardError(ValueError):
    """An input that cannot be read as article shards: says which file and why."""


def shard_files(inputs: Sequence[Path]) -> list[Path]:
    """The article files among inputs (folders searched recursively), sorted by path."""
    found: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found.extend(
                p for p in path.rglob("*") if p.suffix in JSONL_SUFFIXES + PARQUET_SUFFIXES
            )
        elif path.suffix in JSONL_SUFFIXES + PARQUET_SUFFIXES:
            found.append(path)
        else:
            raise ShardError(f"{path}: not a .jsonl or .parquet file")
    if not found:
        raise ShardError("no .jsonl or .parquet article files in the inputs")
    return sorted(found)


def _body(record: dict[str, Any], where: str) -> str:
    for name in BODY_FIELDS:
        if name in record:
            return str(record[name] or "")
    raise ShardError(f"{where}: a record has no body (or text) field")


@dataclass(frozen=True, slots=True)
class Segment:
    """Consecutive records of one file: byte range (JSONL) or row range (Parquet)."""

    path: str
    start: int
    stop: int

    def records(self, columns: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """The records of this segment (only the given columns, for Parquet)."""
        if self.path.endswith(PARQUET_SUFFIXES):
            return _parquet_rows(self.path, self.start, self.stop, columns)
        with open(self.path, "rb") as handle:
            handle.seek(self.start)
            data = handle.read(self.stop - self.start)
        return [json.loads(line) for line in data.splitlines() if line.strip()]


def _parquet_rows(
    path: str, start: int, stop: int, columns: Sequence[str] | None
) -> list[dict[str, Any]]:
    """Rows [start, stop) of a Parquet file, reading only the row groups that hold them."""
    shard = pq.ParquetFile(path)
    wanted = [c for c in columns if c in shard.schema_arrow.names] if columns else None
    first_row, groups, offset = 0, [], None
    for group in range(shard.metadata.num_row_groups):
        rows = shard.metadata.row_group(group).num_rows
        if first_row + rows > start and first_row < stop:
            groups.append(group)
            offset = first_row if offset is None else offset
        first_row += rows
    if not groups or offset is None:
        return []
    table = shard.read_row_groups(groups, columns=wanted)
    return table.slice(start - offset, stop - start).to_pylist()


@dataclass(frozen=True, slots=True)
class ShardSlice:
    """The bodies of a run of consecutive articles, for a task to read itself."""

    segments: tuple[Segment, ...]

    def bodies(self) -> list[str]:
        """The bodies, in article order."""
        return [
            _body(record, segment.path)
            for segment in self.segments
            for record in segment.records(BODY_FIELDS)
        ]


class ShardCorpus(SliceReader[TextItem]):
    """Every article of the shard files: number, source id and outlet at hand, body on disk."""

    def __init__(self, files: Sequence[Path]) -> None:
        self.files = [str(path) for path in files]
        self.source_ids: list[str] = []
        self.outlets: list[str | None] = []
        # File, start and stop of each article, as compact arrays (24 bytes an article).
        self._files, self._starts, self._stops = array("q"), array("q"), array("q")
        for number, path in enumerate(self.files):
            self._scan(number, path)

    def _scan(self, number: int, path: str) -> None:
        for start, stop, record in _index(path):
            self.source_ids.append(str(record.get("id", len(self.source_ids))))
            outlet = record.get("outlet")
            self.outlets.append(sys.intern(str(outlet)) if outlet else None)
            self._files.append(number)
            self._starts.append(start)
            self._stops.append(stop)

    def __len__(self) -> int:
        return len(self._files)

    def read(self, part: range) -> list[TextItem]:
        bodies = self.source(slice(part.start, part.stop)).bodies()
        return [self._item(k, body) for k, body in zip(part, bodies, strict=True)]

    def _item(self, number: int, body: str) -> TextItem:
        return TextItem(number, self.outlets[number], body)

    def segments(self, part: slice) -> tuple[Segment, ...]:
        """The file ranges that hold articles part.start..part.stop - 1."""
        segments: list[Segment] = []
        for number in range(part.start, min(part.stop, len(self))):
            file, start, stop = self._files[number], self._starts[number], self._stops[number]
            last = segments[-1] if segments else None
            if last is not None and last.path == self.files[file] and last.stop == start:
                segments[-1] = Segment(last.path, last.start, stop)
            else:
                segments.append(Segment(self.files[file], start, stop))
        return tuple(segments)

    def source(self, part: slice) -> ShardSlice:
        """What a hash task reads for articles in part."""
        return ShardSlice(self.segments(part))

    def bodies_of(self, numbers: Sequence[int]) -> dict[int, str]:
        """The bodies of the given articles, each file opened (and each Parquet column read) once."""
        by_file: dict[int, list[int]] = {}
        for number in sorted(set(numbers)):
            by_file.setdefault(self._files[number], []).append(number)
        bodies: dict[int, str] = {}
        for file, wanted in by_file.items():
            path = self.files[file]
            if path.endswith(PARQUET_SUFFIXES):
                column = next(
                    c for c in BODY_FIELDS if c in pq.ParquetFile(path).schema_arrow.names
                )
                values = pq.read_table(path, columns=[column]).column(0)
                bodies.update((n, str(values[self._starts[n]].as_py() or "")) for n in wanted)
            else:
                for number in wanted:
                    segment = self.segments(slice(number, number + 1))[0]
                    bodies[number] = _body(segment.records()[0], path)
        return bodies

    def records(self, numbers: Sequence[int]) -> Iterator[tuple[int, dict[str, Any]]]:
        """Whole records of the given articles (ascending numbers), read from their files."""
        for number in sorted(numbers):
            segment = self.segments(slice(number, number + 1))[0]
            yield number, segment.records()[0]


def _index(path: str) -> Iterator[tuple[int, int, dict[str, Any]]]:
    """Each record's position (bytes for JSONL, row for Parquet) and its id and outlet."""
    if path.endswith(PARQUET_SUFFIXES):
        shard = pq.ParquetFile(path)
        names = [c for c in ("id", "outlet") if c in shard.schema_arrow.names]
        if not any(c in shard.schema_arrow.names for c in BODY_FIELDS):
            raise ShardError(f"{path}: no body (or text) column")
        rows = shard.read(columns=names).to_pylist() if names else []
        for row in range(shard.metadata.num_rows):
            yield row, row + 1, rows[row] if rows else {}
        return
    offset = 0
    with open(path, "rb") as handle:
        for line_number, line in enumerate(handle, 1):
            start, offset = offset, offset + len(line)
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ShardError(f"{path}:{line_number}: not JSON ({error.msg})") from error
            if not isinstance(record, dict):
                raise ShardError(f"{path}:{line_number}: not a JSON object")
            yield start, offset, record


def fingerprint_of_inputs(files: Sequence[Path]) -> list[list[object]]:
    """Path, size and modification time of each file: a changed input invalidates checkpoints."""
    return [[str(p.resolve()), os.stat(p).st_size, int(os.stat(p).st_mtime)] for p in files]


class Prefetched(Sequence[TextItem]):
    """Some articles of a corpus with their bodies read ahead (the others are not reachable)."""

    def __init__(self, corpus: ShardCorpus, numbers: Sequence[int]) -> None:
        self._corpus, self._bodies = corpus, corpus.bodies_of(numbers)

    def __len__(self) -> int:
        return len(self._corpus)

    @overload
    def __getitem__(self, index: int) -> TextItem: ...
    @overload
    def __getitem__(self, index: slice) -> list[TextItem]: ...
    def __getitem__(self, index: int | slice) -> TextItem | list[TextItem]:
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self)))]
        return TextItem(index, self._corpus.outlets[index], self._bodies[index])
