"""Extract an article from a plain-text or Markdown page dump.

The dump is cut into units (markup.py); the head gives title, byline, dates and tags
(header_text.py); the rest is sorted into body paragraphs, media, attributions,
boilerplate and reader comments (comments_text.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newstrace.extract.blocks import classify_boilerplate
from newstrace.extract.comments_text import comments_after_header, find_comments, is_comment_header
from newstrace.extract.credits import closing_excerpt, credit_line, stands_alone
from newstrace.extract.header_text import (
    ATTRIBUTION_LINE_MAX_CHARS,
    Header,
    parse_header,
    parse_tag_line,
)
from newstrace.extract.markup import (
    Unit,
    is_link_list,
    media_of,
    split_units,
    unit_attribution,
)
from newstrace.extract.published import CONFIDENCE_UPDATED_ONLY, UPDATED_ONLY_NOTE
from newstrace.extract.wire import without_own_date_lines
from newstrace.models import (
    Article,
    Attribution,
    Boilerplate,
    BoilerplateKind,
    Comment,
    Format,
    Media,
    Tag,
)
from newstrace.settings import Settings

TRAILING_SHORT_CHARS = 120  # short lines after the page's closing boilerplate belong to it
TRAILING_SENTENCE_WORDS = 6  # ...unless they are sentences at least this long
REJOIN_MIN_CHARS = 20
MARKDOWN_SNIFF_CHARS = 50_000
MAX_COMMENT_HEADERS_TRIED = 3  # "Comments" lines whose following text is tried as a thread
MARKDOWN_MIN_SCORE = 3

_TERMINAL = re.compile(r"[.!?…:;\"”’')\]]\s*$")
_MD_SIGNALS = (
    (re.compile(r"^#{1,6}\s+\S", re.M), 2),
    (re.compile(r"\[[^\]\n]{1,300}\]\([^)\s]{1,2000}\)"), 2),
    (re.compile(r"\\[*_\[\]#`]"), 1),
    (re.compile(r"(?<![\w*])\*\*\S[^*\n]{0,300}\*\*"), 1),
    (re.compile(r"(?<![\w*])[*_][^\s*_][^*_\n]{0,300}[*_](?![\w*])"), 1),
    (re.compile(r"^\s{0,3}[-*]\s+\S", re.M), 1),
    (re.compile(r"<https?://[^\s>]{1,2000}>"), 1),
    (re.compile(r"^```", re.M), 2),
    (re.compile(r" {2}$", re.M), 1),
)


@dataclass(slots=True)
class _Sorted:
    """Units of the page after the header, sorted by what they are."""

    body: list[int] = field(default_factory=list)
    boilerplate: dict[int, tuple[BoilerplateKind, str]] = field(default_factory=dict)
    media: dict[int, Media] = field(default_factory=dict)
    attributions: list[Attribution] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)


def looks_like_markdown(text: str) -> bool:
    """Whether a dump uses Markdown syntax (headings, links, escapes, emphasis, hard breaks)."""
    if not isinstance(text, str):
        return False
    sample = text[:MARKDOWN_SNIFF_CHARS]
    score = 0
    for pattern, weight in _MD_SIGNALS:
        if pattern.search(sample):
            score += weight
    return score >= MARKDOWN_MIN_SCORE


def _classify(unit: Unit, index: int, done: _Sorted) -> bool:
    """Record a unit as media, tags, attribution or boilerplate; False when it may be body."""
    if (media := media_of(unit)) is not None:
        done.media[index] = Media(url=media[0], kind=media[1])
        return True
    if tags := parse_tag_line(unit.text):
        done.tags.extend(tags)
        return True
    attribution = unit_attribution(unit) or credit_line(unit.text, bylines=False)
    if attribution is not None:
        done.attributions.append(attribution)
        if len(unit.text) <= ATTRIBUTION_LINE_MAX_CHARS and stands_alone(attribution):
            done.boilerplate[index] = (BoilerplateKind.ATTRIBUTION, attribution.cue)
            return True
    if (found := classify_boilerplate(unit.text)) is not None:
        done.boilerplate[index] = found
        return True
    if is_link_list(unit):
        done.boilerplate[index] = (BoilerplateKind.NAVIGATION, "list of links")
        return True
    return False


def _inherit_block_kind(units: Sequence[Unit], candidates: list[int], done: _Sorted) -> list[int]:
    """Lines hard-broken off a boilerplate line (same block, after it) are that boilerplate too."""
    kept: list[int] = []
    for index in candidates:
        previous = done.boilerplate.get(index - 1)
        if previous is not None and units[index - 1].block == units[index].block:
            done.boilerplate[index] = (previous[0], previous[1])
        else:
            kept.append(index)
    return kept


def _explicit_comments(units: Sequence[Unit], candidates: list[int], done: _Sorted) -> int | None:
    """Comments under a "Comments" / "Leave a reply" header after the body; the header's index."""
    first_body = candidates[0] if candidates else len(units)
    headers = [i for i in range(first_body + 1, len(units)) if is_comment_header(units[i].text)]
    for header in headers[:MAX_COMMENT_HEADERS_TRIED]:
        rest = [index for index in candidates if index > header]
        texts = [units[index].text for index in rest]
        comments = comments_after_header(texts, [units[index].heading for index in rest])
        if comments is not None:
            done.boilerplate[header] = (BoilerplateKind.NAVIGATION, "comment section header")
            done.comments = comments
            return header
    return None


def _split_comments(units: Sequence[Unit], candidates: list[int], done: _Sorted) -> int:
    """Take the reader comments off the end of the page; the index where they start."""
    header = _explicit_comments(units, candidates, done)
    if header is not None:
        return header
    texts = [units[index].text for index in candidates]
    found = find_comments(texts, [units[index].heading for index in candidates])
    if found is None:
        return len(units)
    done.comments = found[1]
    return candidates[found[0]]


def _short_chrome(text: str) -> bool:
    if len(text) > TRAILING_SHORT_CHARS:
        return False
    return not (_TERMINAL.search(text) and len(text.split()) >= TRAILING_SENTENCE_WORDS)


def _absorb_trailing(units: Sequence[Unit], body: list[int], done: _Sorted, end: int) -> list[int]:
    """Short lines among the page's closing boilerplate belong to it, not to the body."""
    body_set = set(body)
    tail_start = end
    for index in range(end - 1, -1, -1):
        skipped = index in done.boilerplate or index in done.media
        if not skipped and not (index in body_set and _short_chrome(units[index].text)):
            break
        tail_start = index
    zone = sorted(i for i in done.boilerplate if tail_start <= i < end)
    if not zone:
        return body
    kind = done.boilerplate[zone[0]][0]
    for index in range(zone[0], end):
        if index in done.boilerplate:
            kind = done.boilerplate[index][0]
        elif index in body_set:
            done.boilerplate[index] = (kind, "inside closing boilerplate")
            body_set.discard(index)
    return [index for index in body if index in body_set]


def _sort_units(units: Sequence[Unit], header: Header) -> _Sorted:
    done = _Sorted()
    candidates = []
    for index, unit in enumerate(units):
        if index not in header.used and not _classify(unit, index, done):
            candidates.append(index)
    candidates = _inherit_block_kind(units, candidates, done)
    end = _split_comments(units, candidates, done)
    before_comments = [index for index in candidates if index < end]
    done.body = _absorb_trailing(units, before_comments, done, end)
    return done


def _continues(previous: Unit, paragraph: str, unit: Unit) -> bool:
    """A paragraph broken mid-sentence: no closing punctuation, next one starts in lower case."""
    if previous.heading or previous.list_item or unit.heading or unit.list_item:
        return False
    if len(paragraph) < REJOIN_MIN_CHARS or _TERMINAL.search(paragraph):
        return False
    return unit.text[:1].islower()


def _paragraphs(units: Sequence[Unit], done: _Sorted) -> tuple[list[str], list[Media]]:
    """Body paragraphs (broken ones re-joined) and media placed by the paragraphs before them."""
    paragraphs: list[str] = []
    media: list[Media] = []
    last: Unit | None = None
    body = set(done.body)
    for index, unit in enumerate(units):
        if index in done.media:
            found = done.media[index]
            media.append(Media(found.url, found.kind, len(paragraphs)))
        elif index in body:
            if last is not None and paragraphs and _continues(last, paragraphs[-1], unit):
                paragraphs[-1] = f"{paragraphs[-1]} {unit.text}"
            else:
                paragraphs.append(unit.text)
            last = unit
    return paragraphs, media


def _boilerplate(units: Sequence[Unit], header: Header, done: _Sorted) -> list[Boilerplate]:
    """Header and page boilerplate in page order; same-kind lines of one block merged."""
    found = {item.position: item for item in header.boilerplate}
    for index, (kind, evidence) in done.boilerplate.items():
        found[index] = Boilerplate(units[index].text, kind, evidence, index)
    merged: list[Boilerplate] = []
    for index in sorted(found):
        item = found[index]
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.kind == item.kind
            and units[previous.position].block == units[index].block
        ):
            merged[-1] = Boilerplate(
                f"{previous.text}\n{item.text}", item.kind, previous.evidence, previous.position
            )
        else:
            merged.append(item)
    return merged


DATELINE_CONFIDENCE = 0.65


def _published(header: Header) -> dict[str, Any]:
    """The date a dump's header states, with its source and confidence. An "Updated" date is
    used only when the header states no other, as on HTML pages (extract/published.py): at a
    low confidence, its evidence saying the first publication is not stated."""
    if header.published:
        return {
            "published": header.published,
            "published_source": "dateline",
            "published_confidence": DATELINE_CONFIDENCE,
        }
    if header.updated:
        return {
            "published": header.updated,
            "published_source": "dateline",
            "published_confidence": CONFIDENCE_UPDATED_ONLY,
            "inferred": {"published": UPDATED_ONLY_NOTE},
        }
    return {}


def _with_in_text(credits: list[Attribution], paragraphs: list[str]) -> tuple[Attribution, ...]:
    """Whole-line credits, then the "READ MORE" closing an excerpt of a text published elsewhere
    (in-text "X reported" stays unread here: a dump's sentences are often a copy's)."""
    return tuple(credits + closing_excerpt(paragraphs))


def _article(text: str, source: str, fmt: Format, source_id: str | None) -> Article:
    units = split_units(text)
    header = parse_header(units)
    done = _sort_units(units, header)
    paragraphs, media = _paragraphs(units, done)
    return Article(
        source=source,
        format=fmt,
        paragraphs=tuple(paragraphs),
        source_id=source_id,
        outlet=header.outlet,
        title=header.title,
        title_label=header.title_label,
        byline=header.byline,
        authors=header.authors,
        **_published(header),
        comments=tuple(done.comments),
        boilerplate=tuple(_boilerplate(units, header, done)),
        attributions=_with_in_text(header.attributions + done.attributions, paragraphs),
        media=tuple(media),
        tags=tuple(header.tags + done.tags),
    )


def parse_dump(
    text: str, source: str, fmt: Format, settings: Settings, source_id: str | None = None
) -> Article:
    """An Article from a plain-text or Markdown page dump (Markdown is tolerated in plain text)."""
    return without_own_date_lines(read_dump(text, source, fmt, settings, source_id))


def read_dump(
    text: str, source: str, fmt: Format, settings: Settings, source_id: str | None = None
) -> Article:
    """A page dump read as parse_dump reads it, keeping every date line's outlet as a credit:
    for a record whose outlet is a field, where "USA TODAY, July 16, 2018" names another."""
    if not isinstance(text, str):
        text = ""
    if len(text) > settings.max_text_bytes:
        raise ValueError(f"text longer than {settings.max_text_bytes} characters (max_text_bytes)")
    return _article(text, source, fmt, source_id)
