"""Property tests for WARC archives, JSONL/CSV exports with their mapping, and reuse offsets."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstrace.engines.base import TextItem
from newstrace.engines.local import LocalEngine
from newstrace.ingest.base import Context
from newstrace.ingest.mapping import parse_mapping
from newstrace.ingest.tables import iter_table
from newstrace.ingest.warc import iter_warc
from newstrace.models import Document, Failure
from newstrace.settings import Settings

from .strategies import any_text, paragraph
from .support import FUZZ, tried

SETTINGS = Settings()


def build_warc(pages: list[str], gzipped: bool) -> tuple[bytes, list[int]]:
    """A WARC of HTML responses and the offset where each record ends."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    ends = []
    for number, text in enumerate(pages):
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        body = f"<html><body><p>{text}</p></body></html>".encode()
        # Fixed ids and dates: the archive's length must not vary between hypothesis' replays.
        fixed = {
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>",
            "WARC-Date": "2024-03-01T00:00:00Z",
        }
        record = writer.create_warc_record(
            f"https://fuzz.example/{number}",
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict=fixed,
        )
        writer.write_record(record)
        ends.append(buffer.tell())
    return buffer.getvalue(), ends


def _warc_items(data: bytes) -> list[Document | Failure]:
    return list(iter_warc("fuzz.warc", io.BytesIO(data), SETTINGS))


@st.composite
def damaged_warc(draw: st.DrawFn) -> tuple[bytes, int, bool]:
    """A WARC cut short or with bytes overwritten; how many records lie wholly before the damage."""
    pages = draw(st.lists(paragraph(), min_size=1, max_size=5))
    data, ends = build_warc(pages, draw(st.booleans()))
    at = draw(st.integers(0, len(data)))
    if draw(st.booleans()):
        return data[:at], sum(end <= at for end in ends), True
    junk = draw(st.binary(min_size=1, max_size=40))
    return data[:at] + junk + data[at + len(junk) :], sum(end <= at for end in ends), False


@FUZZ
@given(damaged=damaged_warc())
def test_fuzz_warc_keeps_every_record_before_the_damage(damaged: tuple[bytes, int, bool]) -> None:
    data, whole, truncated = damaged
    items = tried("WARC (damaged)", _warc_items, data)
    assert all(isinstance(item, Document | Failure) for item in items)
    documents = [item for item in items if isinstance(item, Document)]
    if truncated:
        assert len(documents) >= whole
    else:
        # Overwritten bytes may sit in a payload (still a page) or break the framing there.
        assert len(documents) + sum(isinstance(item, Failure) for item in items) >= min(whole, 1)


@FUZZ
@given(data=st.binary(max_size=3000))
def test_fuzz_warc_any_bytes(data: bytes) -> None:
    for item in tried("WARC (any bytes)", _warc_items, b"WARC/1.0\r\n" + data):
        assert isinstance(item, Document | Failure)


cell_text = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=300
)
record = st.fixed_dictionaries(
    {"key": st.uuids().map(str), "headline": cell_text, "story": cell_text}
)
MAPPING = {"text": "story", "title": "headline", "id": "key"}


def _table_items(kind: str, data: bytes) -> list[Document | Failure]:
    return list(iter_table(kind, f"fuzz.{kind}", io.BytesIO(data), Context(SETTINGS, MAPPING)))


def _expected(records: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    """(id, text) of each record that must become a Document: one with a text or a title."""
    return [
        (row["key"], row["story"] if row["story"].strip() else None)
        for row in records
        if row["story"].strip() or row["headline"].strip()
    ]


@FUZZ
@given(records=st.lists(record, max_size=8))
def test_fuzz_csv_maps_every_record(records: list[dict[str, Any]]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, ["key", "headline", "story"])
    writer.writeheader()
    writer.writerows(records)
    items = tried("CSV export", _table_items, "csv", buffer.getvalue().encode())
    found = [(i.source_id, i.fields.get("text")) for i in items if isinstance(i, Document)]
    assert found == _expected(records)


@FUZZ
@given(records=st.lists(record, max_size=8))
def test_fuzz_jsonl_maps_every_record(records: list[dict[str, Any]]) -> None:
    data = "".join(json.dumps(row) + "\n" for row in records).encode()
    items = tried("JSONL export", _table_items, "jsonl", data)
    found = [(i.source_id, i.fields.get("text")) for i in items if isinstance(i, Document)]
    assert found == _expected(records)


@FUZZ
@given(data=st.binary(max_size=3000), kind=st.sampled_from(["csv", "tsv", "jsonl", "json"]))
def test_fuzz_tables_any_bytes(data: bytes, kind: str) -> None:
    for item in tried(f"{kind.upper()} export (any bytes)", _table_items, kind, data):
        assert isinstance(item, Document | Failure)


@FUZZ
@given(spec=any_text)
def test_fuzz_mapping_spec(spec: str) -> None:
    try:
        mapping = tried("--map spec", parse_mapping, spec)
    except ValueError as exc:
        assert str(exc)
    else:
        assert mapping and all(isinstance(column, str) and column for column in mapping.values())


@FUZZ
@given(
    shared=st.lists(paragraph(), min_size=2, max_size=4),
    before=st.lists(paragraph(), max_size=3),
    after=st.lists(paragraph(), max_size=3),
    noise=any_text,
)
def test_fuzz_passage_offsets_slice_both_bodies(
    shared: list[str], before: list[str], after: list[str], noise: str
) -> None:
    a = TextItem(1, "Valley Tribune", "\n\n".join(shared))
    b = TextItem(2, "Harbor Watch", "\n\n".join([*before, noise, *shared, *after]))
    links = tried("reuse pair", LocalEngine().verify, [(a, b)], SETTINGS)
    for link in links:
        for passage in link.passages:
            assert 0 <= passage.a_start < passage.a_end <= len(a.body)
            assert 0 <= passage.b_start < passage.b_end <= len(b.body)
            assert a.body[passage.a_start : passage.a_end].strip()
