"""Table records: JSONL, JSON and CSV/TSV rows become RECORD documents through a field mapping."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newstrace.ingest import iter_items, parse_mapping
from newstrace.ingest.base import canonical_json, content_hash
from newstrace.ingest.mapping import FIELD_NAMES, lookup, resolve_mapping
from newstrace.models import Document, Failure, Format
from newstrace.settings import Settings

Ingest = Callable[..., list[Document | Failure]]

ROWS = [
    {
        "story_id": "r1",
        "site": "Riverton Courier",
        "headline": "Footbridge approved",
        "body": "The council voted for a footbridge. ### Work starts in spring.",
        "day": "2024-03-05",
    },
    {
        "story_id": "r2",
        "site": "Wend Valley News",
        "headline": "Ferry returns",
        "body": "The ferry will run again from May.",
        "day": "2024-03-06",
    },
]
MAPPING = "text=body,title=headline,outlet=site,published=day,id=story_id"


def write_csv(
    path: Path, rows: list[dict[str, str]], delimiter: str = ",", encoding: str = "utf-8"
) -> None:
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)


def write_table(path: Path, rows: list[dict[str, str]]) -> None:
    if path.suffix in (".jsonl", ".ndjson"):
        path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    elif path.suffix == ".json":
        path.write_text(json.dumps(rows))
    else:
        write_csv(path, rows, "\t" if path.suffix == ".tsv" else ",")


@pytest.mark.parametrize(
    "name", ["stories.jsonl", "stories.ndjson", "stories.json", "stories.csv", "stories.tsv"]
)
def test_tables_maps_records_to_documents(tmp_path: Path, ingest: Ingest, name: str) -> None:
    path = tmp_path / name
    write_table(path, ROWS)
    first, second = ingest([path], mapping=parse_mapping(MAPPING))
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.format is Format.RECORD
    assert (first.source, first.source_id, second.source_id) == (str(path), "r1", "r2")
    assert dict(first.fields) == {
        "text": "The council voted for a footbridge. ### Work starts in spring.",  # kept raw
        "title": "Footbridge approved",
        "outlet": "Riverton Courier",
        "published": "2024-03-05",
        "id": "r1",
    }
    assert first.content == canonical_json(first.fields)
    assert first.content_hash == content_hash(first.content)


def test_tables_hash_is_the_same_in_every_format(tmp_path: Path, ingest: Ingest) -> None:
    hashes = []
    for name in ["a.jsonl", "a.json", "a.csv"]:
        write_table(tmp_path / name, ROWS)
        items = ingest([tmp_path / name], mapping=parse_mapping(MAPPING))
        hashes.append([item.content_hash for item in items if isinstance(item, Document)])
    assert hashes[0] == hashes[1] == hashes[2]


def test_tables_guesses_columns_without_a_mapping(tmp_path: Path, ingest: Ingest) -> None:
    rows = [
        {
            "ID": "7",
            "Publisher": "Courier",
            "Title": "Footbridge",
            "Content": "The council voted.",
            "scrape_time": "2024",
        }
    ]
    write_csv(tmp_path / "auto.csv", rows)
    [document] = ingest([tmp_path / "auto.csv"])
    assert isinstance(document, Document)
    assert dict(document.fields) == {
        "id": "7",
        "outlet": "Courier",
        "title": "Footbridge",
        "text": "The council voted.",
    }  # a scrape time is never taken for the publication date


def test_tables_follows_dotted_paths_into_nested_json(tmp_path: Path, ingest: Ingest) -> None:
    records = [
        {
            "attrs": {"newid": "41", "split": "train"},
            "title": "GRAIN PRICES",
            "body": "Wheat rose.",
            "date": "1-MAR-1987",
        },
        {"attrs": {"newid": "42"}, "title": "OIL", "body": "Crude fell.", "date": "2-MAR-1987"},
    ]
    (tmp_path / "wire.json").write_text(json.dumps(records))
    mapping = parse_mapping("text=body,title=title,published=date,id=attrs.newid")
    items = ingest([tmp_path / "wire.json"], mapping=mapping, outlet="Wire Service")
    assert [item.source_id for item in items] == ["41", "42"]
    assert all(
        isinstance(item, Document) and item.fields["outlet"] == "Wire Service" for item in items
    )


def test_tables_reads_an_object_holding_an_array(tmp_path: Path, ingest: Ingest) -> None:
    (tmp_path / "api.json").write_text(json.dumps({"status": "ok", "articles": ROWS}))
    items = ingest([tmp_path / "api.json"], mapping=parse_mapping(MAPPING))
    assert [item.source_id for item in items] == ["r1", "r2"]


@pytest.mark.parametrize("name", ["stories.csv", "stories.jsonl", "stories.json"])
def test_tables_reports_missing_mapped_columns_once(
    tmp_path: Path, ingest: Ingest, name: str
) -> None:
    write_table(tmp_path / name, ROWS)
    items = ingest([tmp_path / name], mapping=parse_mapping("text=body_text,outlet=site,url=link"))
    assert len(items) == 1
    [failure] = items
    assert isinstance(failure, Failure)
    assert "'body_text', 'link'" in failure.reason
    assert "available columns: story_id, site, headline, body, day" in failure.reason


def test_tables_fails_a_record_without_text_and_goes_on(tmp_path: Path, ingest: Ingest) -> None:
    rows = [
        dict(ROWS[0]),
        {**ROWS[1], "story_id": "17", "body": "  ", "headline": ""},
        {**ROWS[1], "story_id": "18"},
    ]
    write_csv(tmp_path / "gaps.csv", rows)
    first, failure, third = ingest([tmp_path / "gaps.csv"], mapping=parse_mapping(MAPPING))
    assert isinstance(first, Document) and isinstance(third, Document)
    assert isinstance(failure, Failure)
    assert failure.reason == "record 17 has no text in column 'body' and no title"
    assert failure.source_id == "17"


def test_tables_keeps_a_headline_only_record(tmp_path: Path, ingest: Ingest) -> None:
    write_csv(tmp_path / "flash.csv", [{**ROWS[1], "story_id": "9", "body": ""}])
    (item,) = ingest([tmp_path / "flash.csv"], mapping=parse_mapping(MAPPING))
    assert isinstance(item, Document) and "text" not in item.fields and item.fields["title"]


def test_tables_numbers_rows_without_an_id(tmp_path: Path, ingest: Ingest) -> None:
    write_csv(tmp_path / "noid.csv", [{"text": "First story."}, {"text": "Second story."}])
    assert [item.source_id for item in ingest([tmp_path / "noid.csv"])] == ["1", "2"]


def test_tables_reads_a_huge_csv_field_under_the_cap(tmp_path: Path, ingest: Ingest) -> None:
    text = "The canal report ran long. " * 40_000  # over the csv module's default field limit
    write_csv(tmp_path / "long.csv", [{"id": "1", "text": text}])
    [document] = ingest([tmp_path / "long.csv"])
    assert isinstance(document, Document)
    assert document.fields["text"] == text


def test_tables_skips_a_csv_field_over_the_cap(tmp_path: Path, ingest: Ingest) -> None:
    write_csv(
        tmp_path / "long.csv",
        [
            {"id": "1", "text": "Short."},
            {"id": "2", "text": "x" * 5000},
            {"id": "3", "text": "Ok."},
        ],
    )
    first, failure, last = ingest([tmp_path / "long.csv"], max_record_field_bytes=1000)
    assert isinstance(first, Document)
    assert isinstance(failure, Failure)
    assert failure.reason.startswith("row 2: a field is longer than 1000 characters")
    assert isinstance(last, Document)
    assert last.fields["text"] == "Ok."


@pytest.mark.parametrize("name", ["long.jsonl", "long.json"])
def test_tables_fails_a_json_record_over_the_cap(tmp_path: Path, ingest: Ingest, name: str) -> None:
    write_table(tmp_path / name, [{"id": "1", "text": "x" * 5000}, {"id": "2", "text": "Ok."}])
    failure, document = ingest([tmp_path / name], max_record_field_bytes=1000)
    assert isinstance(failure, Failure) and failure.source_id == "1"
    assert isinstance(document, Document) and document.source_id == "2"


def test_tables_fails_bad_json_lines_and_goes_on(tmp_path: Path, ingest: Ingest) -> None:
    lines = ['{"text": "One."}', "{not json", "[1, 2]", "", '{"text": "Four."}', "[" * 100_000]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n")
    items = ingest([tmp_path / "mixed.jsonl"])
    assert [type(item).__name__ for item in items] == [
        "Document",
        "Failure",
        "Failure",
        "Document",
        "Failure",
    ]
    reasons = [item.reason for item in items if isinstance(item, Failure)]
    assert reasons[0].startswith("line 2 is not valid JSON")
    assert reasons[1] == "line 3 is not a JSON object"
    assert reasons[2].startswith("line 6 is not valid JSON")
    assert items[3].source_id == "5"


@pytest.mark.parametrize(
    ("encoding", "expected"), [("utf-8-sig", "utf-8-sig"), ("cp1252", None), ("utf-16", "utf-16")]
)
def test_tables_decodes_csv_encodings(
    tmp_path: Path, ingest: Ingest, encoding: str, expected: str | None
) -> None:
    rows = [
        {
            "id": "1",
            "text": "Caf\u00e9 owners on the \u201cnew\u201d quay welcomed the footbridge plan. "
            * 20,
        }
    ]
    write_csv(tmp_path / "enc.csv", rows, encoding=encoding)
    [document] = ingest([tmp_path / "enc.csv"])
    assert isinstance(document, Document)
    assert document.fields["text"] == rows[0]["text"]
    assert document.source_id == "1"  # the BOM does not stick to the first column name
    assert expected is None or document.encoding == expected


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("[]", "no records in file"),
        ("id,text\n", "no records in file"),
        ("42", "JSON holds no objects"),
    ],
)
def test_tables_fails_on_tables_without_records(
    tmp_path: Path, ingest: Ingest, content: str, reason: str
) -> None:
    path = tmp_path / ("empty.csv" if "," in content else "empty.json")
    path.write_text(content)
    [failure] = ingest([path])
    assert isinstance(failure, Failure)
    assert failure.reason.startswith(reason)


def test_tables_fails_without_a_text_column(tmp_path: Path, ingest: Ingest) -> None:
    write_csv(tmp_path / "meta.csv", [{"name": "Courier", "city": "Riverton"}])
    [failure] = ingest([tmp_path / "meta.csv"])
    assert isinstance(failure, Failure)
    assert "no text column found" in failure.reason and "name, city" in failure.reason


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("text", "not FIELD=COLUMN"),
        ("body=text", "unknown field"),
        ("text=a,text=b", "twice"),
        (" , ", "empty"),
    ],
)
def test_tables_rejects_bad_mappings(spec: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_mapping(spec)


@pytest.mark.parametrize("mapping", [{"headline": "title"}])
def test_tables_iter_items_rejects_unknown_mapping_fields(mapping: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="unknown field"):
        iter_items(["x.csv"], Settings(), mapping=mapping)


@pytest.mark.parametrize(
    ("record", "path", "value"),
    [({"a": {"b": 1}}, "a.b", 1), ({"a.b": 2}, "a.b", 2), ({"a": [{"b": 3}]}, "a.0.b", 3)],
)
def test_tables_lookup_follows_paths(record: dict[str, object], path: str, value: object) -> None:
    assert lookup(record, path) == value


@pytest.mark.parametrize("columns", [["newid", "body", "attrs.newid"], ["attrs.newid", "body"]])
def test_tables_guesses_nested_ids_after_top_level_ones(columns: list[str]) -> None:
    expected = "newid" if "newid" in columns else "attrs.newid"
    assert resolve_mapping(None, columns)["id"] == expected


field_names = st.sampled_from(FIELD_NAMES)
column_names = st.text(
    alphabet=st.characters(blacklist_characters=",=", blacklist_categories=("Cs", "Z", "C")),
    min_size=1,
)


@given(st.dictionaries(field_names, column_names, min_size=1))
def test_tables_parse_mapping_round_trips(mapping: dict[str, str]) -> None:
    spec = ",".join(f"{target}={column}" for target, column in mapping.items())
    assert parse_mapping(spec) == mapping


def test_tables_survives_a_jsonl_whose_first_records_are_all_broken(
    tmp_path: Path, ingest: Ingest
) -> None:
    lines = ["{broken"] * 120 + ['{"text": "The quay reopened."}']
    (tmp_path / "late.jsonl").write_text("\n".join(lines) + "\n")
    items = ingest([tmp_path / "late.jsonl"])
    assert len(items) == 121
    last = items[-1]
    assert all(isinstance(item, Failure) for item in items)
    assert isinstance(last, Failure) and last.reason.startswith("record 121 has no text")
