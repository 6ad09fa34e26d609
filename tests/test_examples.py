"""The bundled example corpus (examples/) is well-formed and its known answers are true.

These tests check the corpus, not the extractor: every key in examples/expected.json names a
real file or record, the containers (WARC, RSS, JSONL) open with the usual libraries, the
stated titles, dates, bodies and comments are really in the sources, and every copy claimed
in the provenance section truly shares the claimed text with its origin. They use a
deliberately naive reader (blank-line blocks, <p>/<li>/<h*> elements, " ### " segments) that
is steered by the known answers; they are not a model of how newstrace extracts.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import feedparser
import lxml.html
import pytest
from warcio.archiveiterator import ArchiveIterator

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"
EXPECTED: dict[str, Any] = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
ARTICLES: dict[str, dict[str, Any]] = EXPECTED["articles"]
PROVENANCE: dict[str, Any] = EXPECTED["provenance"]
COPIES: dict[str, dict[str, Any]] = PROVENANCE["copies"]

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)
URL_ONLY = re.compile(r"^https?://\S+$")
TERMINAL = re.compile(r"[.!?][\"')\]]*$")
WORD = re.compile(r"\w+")
MONTHS = "January February March April May June July August September October November December"


def norm(text: str) -> str:
    """The comparison form stated in expected.json: NFKC, straight quotes, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).split())


def words(text: str) -> list[str]:
    return WORD.findall(norm(text).lower())


def shingles(text: str, size: int) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


# --- a naive reader for every format in the corpus ------------------------------------


@dataclass
class Item:
    """One article's source as the naive reader sees it."""

    key: str
    format: str
    title: str  # as written, label included
    blocks: list[str]  # normalised text blocks in document order
    raw: str  # the source text (HTML, Markdown, entry content, record text)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(self.blocks)


def _split_key(key: str) -> tuple[Path, str | None]:
    path, _, record = key.partition("#")
    return EXAMPLES / path, record or None


def _text_blocks(text: str) -> list[str]:
    return [norm(block) for block in re.split(r"\n\s*\n", text) if block.strip()]


def _markdown_plain(block: str) -> str:
    block = re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r"\1", block)  # [text](url) -> text
    block = re.sub(r"<(https?://[^>]+)>", r"\1", block)  # <url> -> url
    block = re.sub(r"\*\*(.+?)\*\*", r"\1", block, flags=re.S)
    block = re.sub(r"(?<!\\)\*(.+?)(?<!\\)\*", r"\1", block, flags=re.S)
    return block.replace("\\_", "_").replace("\\*", "*")


def _html_blocks(root: lxml.html.HtmlElement) -> list[str]:
    tags = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6")
    blocks = [norm(el.text_content()) for el in root.iter(*tags)]
    return [block for block in blocks if block]


def _json_ld(root: lxml.html.HtmlElement) -> dict[str, Any]:
    for script in root.xpath('//script[@type="application/ld+json"]'):
        data = json.loads(script.text_content())
        for node in data.get("@graph", [data]):
            if node.get("@type") in ("NewsArticle", "BlogPosting", "Article"):
                return node
    return {}


def _html_item(key: str, fmt: str, html: bytes | str, meta: dict[str, Any]) -> Item:
    root = lxml.html.fromstring(html)
    og = {el.get("property"): el.get("content") for el in root.xpath("//meta[@property]")}
    names = {el.get("name"): el.get("content") for el in root.xpath("//meta[@name]")}
    ld = _json_ld(root)
    author = ld.get("author")
    if isinstance(author, list):
        author = author[0]
    meta = {
        **meta,
        "root": root,
        "outlet": og.get("og:site_name"),
        "published": ld.get("datePublished") or og.get("article:published_time"),
        "byline": author.get("name") if author else names.get("author"),
        "ld_headline": ld.get("headline"),
        "ld_publisher": (ld.get("publisher") or {}).get("name"),
        "keywords": [el.get("content") for el in root.xpath('//meta[@property="article:tag"]')],
    }
    title = norm(root.xpath("//h1")[0].text_content())
    raw = html.decode("utf-8") if isinstance(html, bytes) else html
    return Item(key, fmt, title, _html_blocks(root), raw, meta)


@cache
def _warc_records(path: Path) -> list[dict[str, Any]]:
    records = []
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle):
            headers = record.rec_headers
            records.append(
                {
                    "type": record.rec_type,
                    "id": headers.get_header("WARC-Record-ID"),
                    "url": headers.get_header("WARC-Target-URI"),
                    "date": headers.get_header("WARC-Date"),
                    "status": record.http_headers.get_statuscode() if record.http_headers else None,
                    "content_type": (
                        record.http_headers.get_header("Content-Type")
                        if record.http_headers
                        else headers.get_header("Content-Type")
                    ),
                    "payload": record.content_stream().read(),
                }
            )
    return records


@cache
def _feed(path: Path) -> Any:
    return feedparser.parse(path.read_bytes())


@cache
def _jsonl(path: Path) -> dict[str, dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {row["id"]: row for row in map(json.loads, lines)}


@cache
def load(key: str) -> Item:
    path, record = _split_key(key)
    name = path.name
    if name.endswith(".txt"):
        blocks = _text_blocks(path.read_text(encoding="utf-8"))
        return Item(key, "text", blocks[0], blocks, path.read_text(encoding="utf-8"))
    if name.endswith(".md"):
        raw = path.read_text(encoding="utf-8")
        blocks = [norm(_markdown_plain(b)) for b in re.split(r"\n\s*\n", raw) if b.strip()]
        heading = next(b for b in blocks if b.startswith("# "))
        return Item(key, "markdown", heading[2:], blocks, raw)
    if name.endswith(".html"):
        return _html_item(key, "html", path.read_bytes(), {})
    if name.endswith(".warc.gz"):
        found = [r for r in _warc_records(path) if r["id"] == record and r["type"] == "response"]
        assert found, f"no response record {record} in {name}"
        return _html_item(key, "html", found[0]["payload"], {"url": found[0]["url"]})
    if name.endswith(".xml"):
        feed = _feed(path)
        entry = next((e for e in feed.entries if e.id == record), None)
        assert entry is not None, f"no entry {record} in {name}"
        content = entry.content[0].value
        root = lxml.html.fragment_fromstring(content, create_parent="div")
        year, month, day, hour, minute, second = entry.published_parsed[:6]
        published = datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()
        meta = {
            "outlet": feed.feed.title,
            "byline": entry.get("author"),
            "published": published,
            "url": entry.link,
            "keywords": [tag.term for tag in entry.get("tags", [])],
            "root": root,
        }
        return Item(key, "feed-entry", norm(entry.title), _html_blocks(root), content, meta)
    if name.endswith(".jsonl"):
        assert record is not None, f"{key} names no record"
        row = _jsonl(path)[record]
        blocks = [norm(part) for part in row["text"].split(" ### ")]
        meta = {"outlet": row["publisher"], "published": row["published"], "url": row["url"]}
        return Item(key, "record", norm(row["title"]), blocks, row["text"], meta)
    raise AssertionError(f"unknown kind of file: {key}")


def body_span(key: str) -> tuple[int, int]:
    """Indices of the first and last block of the stated body."""
    item, expected = load(key), ARTICLES[key]
    starts, ends = norm(expected["body_starts"]), norm(expected["body_ends"])
    first = next((i for i, b in enumerate(item.blocks) if b.startswith(starts)), None)
    assert first is not None, f"{key}: no block starts with {starts!r}"
    last = next((i for i in range(first, len(item.blocks)) if item.blocks[i].endswith(ends)), None)
    assert last is not None, f"{key}: no block after the start ends with {ends!r}"
    return first, last


def body(key: str) -> list[str]:
    """The body paragraphs: the stated span without media-only and excluded blocks, with
    blocks that stop mid-sentence joined to the next one."""
    item, expected = load(key), ARTICLES[key]
    first, last = body_span(key)
    excluded = [norm(x) for x in expected.get("body_excludes", [])]
    paragraphs: list[str] = []
    for block in item.blocks[first : last + 1]:
        if URL_ONLY.match(block) or any(x in block for x in excluded):
            continue
        if paragraphs and not TERMINAL.search(paragraphs[-1]):
            paragraphs[-1] += " " + block
        else:
            paragraphs.append(block)
    return paragraphs


def stated_date(key: str) -> str:
    """The day an article was published, as stated or as inferred after reuse."""
    expected = ARTICLES[key]
    day = expected.get("published") or expected.get("published_after_reuse")
    assert day, f"{key} has no date"
    return str(day)


def example_files() -> Iterator[Path]:
    for path in sorted(EXAMPLES.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield path


def file_text(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8")


def longest_run(pairs: list[tuple[int, int]]) -> int:
    best = run = 0
    previous: tuple[int, int] | None = None
    for pair in sorted(pairs):
        run = run + 1 if previous and pair == (previous[0] + 1, previous[1] + 1) else 1
        best, previous = max(best, run), pair
    return best


def shared_pairs(origin: list[str], copy: list[str]) -> list[tuple[int, int]]:
    """1-based (origin, copy) indices of paragraphs that are identical after normalisation."""
    return [(i + 1, j + 1) for i, a in enumerate(origin) for j, b in enumerate(copy) if a == b]


def coverage(of: list[str], within: list[str]) -> float:
    """Share of the word 5-grams of one body that also occur in another."""
    mine, theirs = shingles(" ".join(of), 5), shingles(" ".join(within), 5)
    return len(mine & theirs) / len(mine)


# --- the keys and containers -----------------------------------------------------------


@pytest.mark.parametrize("key", sorted(ARTICLES))
def test_examples_key_names_a_real_item(key: str) -> None:
    path, record = _split_key(key)
    assert path.is_file(), f"{path} is missing"
    item = load(key)
    assert item.blocks
    assert ARTICLES[key]["format"] == item.format
    if record is not None:
        container = EXPECTED["containers"][key.partition("#")[0]]
        assert record in [r["id"] for r in container["records"]]


def test_examples_every_file_is_described() -> None:
    described = {key.partition("#")[0] for key in ARTICLES}
    corpus = {
        p.relative_to(EXAMPLES).as_posix()
        for p in example_files()
        if p.relative_to(EXAMPLES).parts[0] in ("pages", "archives", "feeds", "exports")
    }
    assert corpus == described


@pytest.mark.parametrize(
    "name", sorted(n for n, c in EXPECTED["containers"].items() if c["format"] == "warc")
)
def test_examples_warc_holds_the_stated_records(name: str) -> None:
    stated = EXPECTED["containers"][name]["records"]
    records = _warc_records(EXAMPLES / name)
    got = [{k: r[k] for k in ("type", "id", "url")} for r in records]
    assert got == [{k: r[k] for k in ("type", "id", "url")} for r in stated]
    for record, claim in zip(records, stated, strict=True):
        if record["type"] == "response":
            assert record["status"] == "200"
            assert record["content_type"].startswith("text/html")
            source = (EXAMPLES / "archive_sources" / claim["source"]).read_bytes()
            assert record["payload"] == source, "archive is stale: run build_archives.py"
            assert name + "#" + claim["id"] in ARTICLES


def test_examples_warc_build_is_reproducible(tmp_path: Path) -> None:
    script = EXAMPLES / "build_archives.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], check=True)
    for name, container in EXPECTED["containers"].items():
        if container["format"] == "warc":
            built = (tmp_path / Path(name).name).read_bytes()
            committed = (EXAMPLES / name).read_bytes()
            assert hashlib.sha256(built).digest() == hashlib.sha256(committed).digest()


@pytest.mark.parametrize(
    "name", sorted(n for n, c in EXPECTED["containers"].items() if c["format"] == "rss")
)
def test_examples_feed_parses_with_its_entries(name: str) -> None:
    feed = _feed(EXAMPLES / name)
    assert not feed.bozo, feed.get("bozo_exception")
    assert [e.id for e in feed.entries] == [
        r["id"] for r in EXPECTED["containers"][name]["records"]
    ]
    for entry in feed.entries:
        assert entry.content[0].type == "text/html"
        assert len(entry.content[0].value) > len(entry.summary)


@pytest.mark.parametrize(
    "name", sorted(n for n, c in EXPECTED["containers"].items() if c["format"] == "jsonl")
)
def test_examples_jsonl_lines_parse(name: str) -> None:
    lines = (EXAMPLES / name).read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    for row in rows:
        assert set(row) == {"id", "publisher", "published", "title", "url", "text"}
        assert all(isinstance(value, str) and value for value in row.values())
        assert datetime.fromisoformat(row["published"].replace("Z", "+00:00"))
    assert [r["id"] for r in rows] == [r["id"] for r in EXPECTED["containers"][name]["records"]]
    assert len({r["id"] for r in rows}) == len(rows)


# --- what each article states ----------------------------------------------------------


@pytest.mark.parametrize("key", sorted(ARTICLES))
def test_examples_title_is_in_the_source(key: str) -> None:
    expected, item = ARTICLES[key], load(key)
    label = expected["title_label"]
    written = f"{label}: {expected['title']}" if label else expected["title"]
    assert item.title == norm(written)
    if item.meta.get("ld_headline"):
        assert norm(item.meta["ld_headline"]) == norm(expected["title"])


@pytest.mark.parametrize("key", sorted(ARTICLES))
def test_examples_body_has_the_stated_shape(key: str) -> None:
    expected = ARTICLES[key]
    paragraphs = body(key)
    assert len(paragraphs) == expected["body_paragraphs"], paragraphs
    assert paragraphs[0].startswith(norm(expected["body_starts"]))
    assert paragraphs[-1].endswith(norm(expected["body_ends"]))
    text = " ".join(paragraphs)
    for snippet in expected.get("body_contains", []):
        assert norm(snippet) in text
    for snippet in expected.get("body_excludes", []):
        assert norm(snippet) not in text


@pytest.mark.parametrize("key", sorted(ARTICLES))
def test_examples_metadata_matches_the_source(key: str) -> None:
    expected, item = ARTICLES[key], load(key)
    if item.format == "text":
        assert expected["outlet"] is None and expected["published"] is None
        return
    if item.format == "markdown":
        when = datetime.fromisoformat(expected["published"])
        dated = f"{expected['outlet']}, {MONTHS.split()[when.month - 1]} {when.day}, {when.year}"
        assert dated in item.blocks
        assert f"By {expected['byline']}" in item.blocks
        original = expected["original"]
        when = datetime.fromisoformat(original["published"])
        line = f"{original['outlet']} {when.day} {MONTHS.split()[when.month - 1]} {when.year}"
        assert line in item.blocks
        return
    assert item.meta["outlet"] == expected["outlet"]
    assert item.meta["published"][:10] == expected["published"]
    assert item.meta["published"] == expected["published_at"]
    if item.format == "record":  # a scraped record has no author field: the byline is text
        bylines = [b for b in item.blocks[: body_span(key)[0]] if b.startswith("By ")]
        assert bylines == ([bylines[0]] if expected["byline"] else [])
        assert not bylines or bylines[0].startswith(f"By {expected['byline']}")
    else:
        assert item.meta["byline"] == expected["byline"]
    if "url" in expected and item.meta.get("url"):
        assert item.meta["url"] == expected["url"]
    if item.meta.get("ld_publisher"):
        assert item.meta["ld_publisher"] == expected["outlet"]


@pytest.mark.parametrize("key", sorted(ARTICLES))
def test_examples_comments_are_as_stated(key: str) -> None:
    expected, item = ARTICLES[key], load(key)
    comments = expected["comments"]
    if item.format == "text":
        _, last = body_span(key)
        rest = item.blocks[last + 1 :]
        at = 0
        for comment in comments:
            assert rest[at] == norm(comment["author"])
            at += 1
            if comment["starts"]:
                assert rest[at].startswith(norm(comment["starts"]))
                at += 1
        assert at == len(rest), "blocks left over after the last stated comment"
    elif "root" in item.meta:
        found = item.meta["root"].xpath('//li[contains(concat(" ", @class, " "), " comment ")]')
        assert len(found) == len(comments)
        for element, comment in zip(found, comments, strict=True):
            author = norm(element.xpath('.//*[contains(@class, "fn")]')[0].text_content())
            text = norm(element.xpath('.//div[@class="comment-content"]')[0].text_content())
            when = element.xpath(".//time/@datetime")[0]
            assert author == comment["author"]
            assert text.startswith(norm(comment["starts"]))
            assert when == comment["published"]
    else:
        assert comments == []


@pytest.mark.parametrize("key", sorted(ARTICLES))
def test_examples_boilerplate_attributions_and_media_are_in_the_source(key: str) -> None:
    expected, item = ARTICLES[key], load(key)
    body_text = " ".join(body(key))
    for snippet in expected["boilerplate_contains"]:
        assert norm(snippet) in item.text
        assert norm(snippet) not in body_text
    outlets = EXPECTED["outlets"]
    for attribution in expected["attributions"]:
        names = [attribution["outlet"], *outlets[attribution["outlet"]]["aliases"]]
        assert any(name in item.text for name in names)
    for url in expected["media"]:
        assert url in item.raw


@pytest.mark.parametrize("key", sorted(ARTICLES))
def test_examples_tags_are_in_the_source(key: str) -> None:
    expected, item = ARTICLES[key], load(key)
    for name, values in expected["tags"].items():
        if name == "keyword":
            assert set(values) <= set(item.meta["keywords"])
        else:
            line = next(b for b in item.blocks if b.startswith(f"{name}: "))
            assert line == f"{name}: " + ", ".join(values)


# --- provenance --------------------------------------------------------------------------


def test_examples_families_partition_the_corpus() -> None:
    families = PROVENANCE["families"]
    members = [key for family in families for key in family["members"]]
    everything = members + PROVENANCE["unrelated"]
    assert sorted(everything) == sorted(ARTICLES)
    assert len(set(everything)) == len(everything)
    assert sorted(COPIES) == sorted(k for f in families for k in f["members"] if k != f["origin"])
    for family in families:
        assert family["origin"] in family["members"]
        for key in family["members"]:
            if key != family["origin"]:
                assert COPIES[key]["origin"] == family["origin"]
                assert stated_date(key) >= stated_date(family["origin"])


@pytest.mark.parametrize("key", sorted(COPIES))
def test_examples_copy_shares_the_claimed_text(key: str) -> None:
    claim = COPIES[key]
    origin, copy = body(claim["origin"]), body(key)
    pairs = shared_pairs(origin, copy)
    assert [list(p) for p in pairs] == claim["shared_paragraphs"]
    assert longest_run(pairs) == claim["longest_common_run"]
    assert coverage(origin, copy) >= claim["origin_coverage_min"]
    assert coverage(copy, origin) >= claim["copy_coverage_min"]
    assert coverage(origin, copy) < claim["origin_coverage_min"] + 0.05
    days = datetime.fromisoformat(stated_date(key)) - datetime.fromisoformat(
        stated_date(claim["origin"])
    )
    assert days.days == claim["published_after_origin_days"]


@pytest.mark.parametrize("key", sorted(COPIES))
def test_examples_copy_made_the_stated_changes(key: str) -> None:
    claim = COPIES[key]
    origin_key = claim["origin"]
    origin, copy = body(origin_key), body(key)
    origin_text, copy_text = " ".join(origin), " ".join(copy)
    for change in claim["changes"]:
        kind = change["type"]
        if kind in ("title_changed", "title_case_changed"):
            assert load(origin_key).title == norm(change["from"])
            assert ARTICLES[key]["title"] == change["to"]
            if kind == "title_case_changed":
                assert change["from"].lower() == change["to"].lower()
        elif kind == "title_label_added":
            assert ARTICLES[key]["title_label"] == change["label"]
        elif kind == "paragraphs_dropped":
            for index in change["origin_paragraphs"]:
                assert origin[index - 1] not in load(key).text
        elif kind == "paragraph_edited":
            old, new = norm(change["from_contains"]), norm(change["to_contains"])
            assert old in origin[change["origin_paragraph"] - 1] and old not in copy_text
            assert new in copy[change["copy_paragraph"] - 1] and new not in origin_text
        elif kind == "paragraphs_added":
            for index in change["copy_paragraphs"]:
                assert not shingles(copy[index - 1], 8) & shingles(origin_text, 8)
        elif kind == "excerpt":
            for i, j in zip(change["origin_paragraphs"], change["copy_paragraphs"], strict=True):
                assert origin[i - 1] == copy[j - 1]
        elif kind == "media_inserted":
            raw = load(key).raw
            after = change["after_copy_paragraph"]
            before_tail, next_head = copy[after - 1][-30:], copy[after][:30]
            start = raw.index(before_tail)
            assert raw.index(change["url"], start) < raw.index(next_head, start)
        elif kind in ("boilerplate_appended", "attribution_appended"):
            for snippet in change["contains"]:
                assert norm(snippet) in load(key).text
                assert norm(snippet) not in copy_text
        elif kind == "comments_not_carried":
            assert len(ARTICLES[origin_key]["comments"]) == change["origin_comments"]
            assert ARTICLES[key]["comments"] == []
        elif kind == "body_unchanged":
            assert origin == copy
        elif kind in ("byline_added", "dates_added", "tags_added"):
            assert ARTICLES[key][change["field"]]
        else:
            raise AssertionError(f"unknown change type {kind}")


def test_examples_unrelated_articles_share_no_text() -> None:
    family_of = {
        key: n for n, family in enumerate(PROVENANCE["families"]) for key in family["members"]
    }
    keys = sorted(ARTICLES)
    grams = {key: shingles(" ".join(body(key)), 8) for key in keys}
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if a in family_of and family_of.get(a) == family_of.get(b):
                continue
            assert not grams[a] & grams[b], f"{a} and {b} share text but no family"


# --- hygiene -----------------------------------------------------------------------------


def test_examples_corpus_is_small() -> None:
    total = sum(p.stat().st_size for p in example_files())
    assert total < 200_000


def test_examples_holds_no_seed_text() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not here")
    seed_grams: set[tuple[str, ...]] = set()
    for seed in SEEDS.iterdir():
        if seed.is_file():
            seed_grams |= shingles(seed.read_text(encoding="utf-8"), 8)
    assert seed_grams
    for path in example_files():
        found = shingles(file_text(path), 8) & seed_grams
        assert not found, f"{path.relative_to(ROOT)} repeats seed text: {sorted(found)[:3]}"
