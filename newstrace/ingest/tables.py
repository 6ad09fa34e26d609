"""Table records (JSON Lines, JSON arrays, CSV/TSV): each row with text is a RECORD Document."""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import chain, islice
from typing import IO, Any

from newstrace.extract.encoding import decode
from newstrace.ingest.base import Context, Item, canonical_json, content_hash, read_capped
from newstrace.ingest.mapping import (
    AUTO_COLUMNS,
    MISSING,
    column_names,
    describe_columns,
    field_text,
    lookup,
    resolve_mapping,
)
from newstrace.models import Document, Failure, Format
from newstrace.settings import Settings

# Records read before checking the mapping: columns of JSON records may vary from row to row.
SCHEMA_SAMPLE_RECORDS = 100
ENCODING_SNIFF_BYTES = 1 << 20
CSV_DELIMITERS = (",", "\t", ";", "|")
READ_CHUNK_CHARS = 1 << 16

Row = tuple[int, Mapping[str, Any] | Failure]


@dataclass(frozen=True, slots=True)
class Table:
    """The rows of one table file, with its header (CSV) and the encoding it was read in."""

    rows: Iterator[Row]
    encoding: str
    columns: tuple[str, ...] = ()


def iter_table(kind: str, source: str, stream: IO[bytes], context: Context) -> Iterator[Item]:
    """RECORD Documents from a JSONL/JSON/CSV/TSV stream; a Failure for each bad record."""
    if kind == "jsonl":
        table: Table | Failure = Table(_jsonl_rows(source, stream, context.settings), "utf-8")
    elif kind == "json":
        table = _json_table(source, stream, context.settings)
    else:
        table = _csv_table(source, kind, stream, context.settings)
    if isinstance(table, Failure):
        yield table
        return
    yield from _iter_records(source, kind, table, context)


def _iter_records(source: str, kind: str, table: Table, context: Context) -> Iterator[Item]:
    # A CSV header names the columns; JSON records only show theirs row by row.
    sample = [] if table.columns else list(islice(table.rows, SCHEMA_SAMPLE_RECORDS))
    records = [row for _number, row in sample if not isinstance(row, Failure)]
    columns = table.columns or tuple(column_names(records))
    mapping = resolve_mapping(context.mapping, columns)
    problem = _mapping_problem(context.mapping, mapping, columns, records)
    if problem:
        yield Failure(source, problem, None, kind)
        return
    count = 0
    for number, row in chain(sample, table.rows):
        count += 1
        yield (
            row
            if isinstance(row, Failure)
            else _record_item(source, number, row, mapping, table, context)
        )
    if count == 0:
        yield Failure(source, "no records in file", None, kind)


def _mapping_problem(
    explicit: Mapping[str, str] | None,
    mapping: Mapping[str, str],
    columns: tuple[str, ...],
    records: list[Mapping[str, Any]],
) -> str | None:
    """Why the mapping cannot be applied to this file: columns it lacks, or no text column."""
    if not records and not columns:
        return None
    missing = [
        column
        for column in (explicit or {}).values()
        if column not in columns and all(lookup(record, column) is MISSING for record in records)
    ]
    available = f"available columns: {describe_columns(columns)}"
    if missing:
        names = ", ".join(repr(column) for column in missing)
        return f"mapped column(s) not in file: {names}; {available}"
    if "text" not in mapping:
        tried = ", ".join(AUTO_COLUMNS["text"])
        return (
            f"no text column found (tried {tried}); {available}; give a mapping such as text=COLUMN"
        )
    return None


def _record_item(
    source: str,
    number: int,
    record: Mapping[str, Any],
    mapping: Mapping[str, str],
    table: Table,
    context: Context,
) -> Item:
    fields = mapped_fields(record, mapping)
    record_id = fields.get("id") or str(number)
    problem = _fields_problem(fields, mapping, record_id, context.settings.max_record_field_bytes)
    if problem:
        return Failure(source, problem, record_id, Format.RECORD.value)
    if "outlet" not in fields and context.outlet:
        fields["outlet"] = context.outlet
    content = canonical_json(fields)
    url = fields.get("url")
    return Document(
        source,
        Format.RECORD,
        content,
        content_hash(content),
        record_id,
        url,
        fields,
        table.encoding,
    )


def mapped_fields(record: Mapping[str, Any], mapping: Mapping[str, str]) -> dict[str, str]:
    """The Document fields of a record: the text at each mapped path, empty ones left out."""
    fields = {target: field_text(lookup(record, path)) for target, path in mapping.items()}
    return {target: text for target, text in fields.items() if text is not None}


def _fields_problem(
    fields: Mapping[str, str], mapping: Mapping[str, str], record_id: str, limit: int
) -> str | None:
    if "text" not in mapping:
        return f"record {record_id} has no text: no text column found in the first records"
    if "text" not in fields and "title" not in fields:
        # A headline-only record (a wire flash) is still an article; only an empty one fails.
        return f"record {record_id} has no text in column {mapping['text']!r} and no title"
    too_long = [target for target, text in fields.items() if len(text) > limit]
    if too_long:
        return (
            f"record {record_id}: field {too_long[0]!r} is longer than {limit} characters"
            " (max_record_field_bytes)"
        )
    return None


# --- JSON Lines -------------------------------------------------------------------------------


def _jsonl_rows(source: str, stream: IO[bytes], settings: Settings) -> Iterator[Row]:
    limit = settings.max_record_field_bytes
    for number, line in _lines(stream, limit):
        if line is None:
            reason = f"line {number} is longer than {limit} bytes (max_record_field_bytes)"
            yield number, Failure(source, reason, str(number), "jsonl")
        elif line.strip():
            yield number, _parse_line(source, number, line)


def _lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines of a stream; None for a line over the limit, which is skipped unread."""
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 16)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def _parse_line(source: str, number: int, line: bytes) -> Mapping[str, Any] | Failure:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        text, _encoding = decode(line)
    try:
        value = json.loads(text.lstrip("\ufeff"))
    except (ValueError, RecursionError) as exc:
        return Failure(source, f"line {number} is not valid JSON: {exc}", str(number), "jsonl")
    if not isinstance(value, dict):
        return Failure(source, f"line {number} is not a JSON object", str(number), "jsonl")
    return value


# --- JSON ---------------------------------------------------------------------------------------


def _json_table(source: str, stream: IO[bytes], settings: Settings) -> Table | Failure:
    limit = settings.max_file_bytes
    data = read_capped(stream, limit)
    if len(data) > limit:
        return Failure(source, f"larger than {limit} bytes (max_file_bytes)", None, "json")
    text, encoding = decode(data)
    try:
        value = json.loads(text.lstrip("\ufeff"))
    except (ValueError, RecursionError) as exc:
        return Failure(source, f"not valid JSON: {exc}", None, "json")
    items = json_records(value)
    if items is None:
        return Failure(source, "JSON holds no objects to read as records", None, "json")
    return Table(_json_rows(source, items), encoding)


def json_records(value: Any) -> list[Any] | None:
    """A JSON document's records: the top-level array, its longest array of objects, or itself."""
    if isinstance(value, list):
        return value
    if not isinstance(value, dict):
        return None
    arrays = [
        item
        for item in value.values()
        if isinstance(item, list) and any(isinstance(x, dict) for x in item)
    ]
    return max(arrays, key=len) if arrays else [value]


def _json_rows(source: str, items: list[Any]) -> Iterator[Row]:
    for number, item in enumerate(items, start=1):
        if isinstance(item, dict):
            yield number, item
        else:
            yield (
                number,
                Failure(source, f"item {number} is not a JSON object", str(number), "json"),
            )


# --- CSV / TSV ----------------------------------------------------------------------------------


def _csv_table(source: str, kind: str, stream: IO[bytes], settings: Settings) -> Table | Failure:
    encoding = sniff_encoding(stream.read(ENCODING_SNIFF_BYTES))
    stream.seek(0)
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    limit = settings.max_record_field_bytes
    lines = _CsvLines(text, limit)
    first = text.readline(limit + 1)
    if not first.strip():
        return Failure(source, "no header row", None, kind)
    if len(first) > limit:
        return Failure(source, f"header row longer than {limit} characters", None, kind)
    delimiter = "\t" if kind == "tsv" else _delimiter(first)
    # The csv module's limit is process-wide; set it for every file read.
    csv.field_size_limit(limit)
    reader = csv.reader(chain([first], lines), delimiter=delimiter)
    try:
        header = tuple(name.strip() for name in next(reader))
    except csv.Error as exc:
        return Failure(source, f"unreadable header row: {exc}", None, kind)
    lines.record_done()
    rows = _csv_rows(source, kind, reader, lines, header)
    return Table(rows, encoding, header)


def _delimiter(header_line: str) -> str:
    counts = {delimiter: header_line.count(delimiter) for delimiter in CSV_DELIMITERS}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


class _OversizedRecord(Exception):
    """A CSV line longer than the field limit: skipped unread up to the end of its record."""


class _CsvLines:
    """The lines of a CSV file for csv.reader, each read under a size cap.

    It counts quote characters since the last whole record, so after a record that breaks a limit
    the rest of that record (a quoted field may span lines) can be skipped and reading go on.
    """

    def __init__(self, text: IO[str], limit: int) -> None:
        self._text = text
        self.limit = limit
        self._open_quote = False

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
        line = self._text.readline(self.limit + 1)
        if not line:
            raise StopIteration
        self._count_quotes(line)
        if len(line) > self.limit and not line.endswith(("\n", "\r")):
            self._skip_physical_line()
            self.skip_record()
            raise _OversizedRecord
        return line

    def _count_quotes(self, line: str) -> None:
        if line.count('"') % 2:
            self._open_quote = not self._open_quote

    def _skip_physical_line(self) -> None:
        while (rest := self._text.readline(READ_CHUNK_CHARS)) and not rest.endswith(("\n", "\r")):
            self._count_quotes(rest)
        self._count_quotes(rest)

    def record_done(self) -> None:
        """The reader has returned a record: the lines so far are behind a record boundary."""
        self._open_quote = False

    def skip_record(self) -> None:
        """Skip the lines left of a record that broke off inside a quoted field."""
        while self._open_quote:
            line = self._text.readline(READ_CHUNK_CHARS)
            if not line:
                break
            self._count_quotes(line)
        self._open_quote = False


def _csv_rows(
    source: str, kind: str, reader: Any, lines: _CsvLines, header: tuple[str, ...]
) -> Iterator[Row]:
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except (csv.Error, _OversizedRecord) as exc:
            # The bad record is skipped to its end; the records after it are still read.
            lines.skip_record()
            number += 1
            yield number, _csv_failure(source, kind, number, exc, lines)
            continue
        lines.record_done()
        if any(cell.strip() for cell in cells):
            number += 1
            yield number, dict(zip(header, cells, strict=False))


def _csv_failure(source: str, kind: str, number: int, exc: Exception, lines: _CsvLines) -> Failure:
    limit = lines.limit
    if isinstance(exc, _OversizedRecord) or "field limit" in str(exc):
        reason = (
            f"row {number}: a field is longer than {limit} characters (max_record_field_bytes);"
            " the row was skipped"
        )
    else:
        reason = f"row {number}: {exc}; the row was skipped"
    return Failure(source, reason, str(number), kind)


def sniff_encoding(sample: bytes) -> str:
    """The encoding to read a table in: its BOM's, UTF-8 if the sample is valid, else detected."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return decode(sample)[1]
    return "utf-8"
