"""The body of an HTML page: trafilatura's precise pass, checked against its balanced pass and
the JSON-LD articleBody, with reader comments and boilerplate taken out.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from lxml.html import HtmlElement, fragment_fromstring
from trafilatura import bare_extraction
from trafilatura.settings import Document as TrafilaturaDocument

from newstrace.extract import blocks
from newstrace.extract.jsonld import PageMetadata
from newstrace.models import Boilerplate, Comment
from newstrace.normalize import comparison_key, normalize_line
from newstrace.settings import Settings

# The precise pass sometimes keeps only a fragment of a long article (a lead, a caption).
# When its body is under this share of the page's <p> text, the balanced pass runs too...
RECHECK_SHARE_OF_PAGE = 0.6
# ...and replaces it when the precise body is under this share of the balanced one.
PRECISE_MIN_SHARE_OF_BALANCED = 0.5
# The page's own JSON-LD articleBody replaces an extraction this many times shorter
# when it is the same text: it holds this share of the extraction's word 4-grams, which two
# different texts almost never share.
DECLARED_BODY_MIN_RATIO = 1.5
DECLARED_BODY_MIN_SHARED_SHINGLES = 0.4
SHINGLE_WORDS = 4
# A flattened articleBody is a little longer than its lines (the joining spaces).
SAME_TEXT_MIN_LENGTH_SHARE = 0.9
MIN_COMMENT_MATCH_CHARS = 20
# Dropped blocks are looked for between the body's first and last paragraphs and a little
# after them, where appeals, "continue reading" links and disclaimers sit.
MAX_TRAILING_BLOCKS = 8
MAX_RECOVERED_BLOCKS = 12
MAX_SCANNED_BLOCKS = 5000
_LEAF_BLOCK_TAGS = frozenset(
    {"p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "dd", "td", "section"}
)
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "script", "style"})
_HTML_TAG = re.compile(r"<(?:p|br|div|span|a|h[1-6]|li|ul|strong|em|b|i)\b[^>]*>", re.I)
_WORD = re.compile(r"\w+")
_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br")


@dataclass(frozen=True, slots=True)
class BodyText:
    """Body lines from trafilatura, the pass that produced them, and its metadata document."""

    lines: tuple[str, ...]
    evidence: str | None
    document: TrafilaturaDocument | None


def _run_trafilatura(
    tree: HtmlElement, url: str | None, precise: bool, metadata: bool
) -> TrafilaturaDocument | None:
    document = bare_extraction(
        tree,
        url=url,
        favor_precision=precise,
        include_comments=False,
        with_metadata=metadata,
    )
    return document if isinstance(document, TrafilaturaDocument) else None


def _lines(document: TrafilaturaDocument | None) -> tuple[str, ...]:
    text = (document.text if document is not None else None) or ""
    return tuple(line for raw in text.split("\n") if (line := normalize_line(raw)))


def _page_text_chars(tree: HtmlElement, page: PageMetadata) -> int:
    """A cheap size estimate of the article: the page's <p> text, or a longer JSON-LD body."""
    chars = sum(len(" ".join(p.text_content().split())) for p in tree.iter("p"))
    return max(chars, len(page.article_body or ""))


def trafilatura_body(
    tree: HtmlElement, url: str | None, page: PageMetadata, settings: Settings
) -> BodyText:
    """Body lines: the precise pass, or the balanced pass when the precise one kept a fragment."""
    document = _run_trafilatura(tree, url, settings.favor_precision, metadata=True)
    if document is None and settings.favor_precision:
        # trafilatura returns no metadata with an empty body: the balanced pass gives both
        balanced = _run_trafilatura(tree, url, precise=False, metadata=True)
        return BodyText(_lines(balanced), "balanced pass: the precise pass found no body", balanced)
    lines = _lines(document)
    if not settings.favor_precision:
        return BodyText(lines, None, document)
    chars = sum(len(line) for line in lines)
    if chars >= RECHECK_SHARE_OF_PAGE * _page_text_chars(tree, page):
        return BodyText(lines, None, document)
    balanced_lines = _lines(_run_trafilatura(tree, url, precise=False, metadata=False))
    balanced_chars = sum(len(line) for line in balanced_lines)
    if chars >= PRECISE_MIN_SHARE_OF_BALANCED * balanced_chars:
        return BodyText(lines, None, document)
    share = f"{chars / balanced_chars:.0%}"
    return BodyText(balanced_lines, f"balanced pass: the precise pass kept {share} of it", document)


def declared_lines(article_body: str) -> tuple[str, ...]:
    """Paragraphs of a JSON-LD articleBody, which some sites write as HTML."""
    text = html.unescape(article_body)
    if _HTML_TAG.search(text):
        try:
            fragment = fragment_fromstring(text, create_parent="div")
        except (ValueError, TypeError):
            return ()
        for element in fragment.iter(*_BLOCK_TAGS):
            element.tail = "\n" + (element.tail or "")
        text = fragment.text_content()
    return tuple(line for raw in text.split("\n") if (line := normalize_line(raw)))


def _shingles(lines: tuple[str, ...]) -> set[tuple[str, ...]]:
    words = [word for line in lines for word in _WORD.findall(line.casefold())]
    return {tuple(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def body_text(
    tree: HtmlElement, url: str | None, page: PageMetadata, settings: Settings
) -> BodyText:
    """The extracted body, or the page's JSON-LD articleBody where the extraction missed much."""
    extracted = trafilatura_body(tree, url, page, settings)
    if not page.article_body:
        return extracted
    declared = declared_lines(page.article_body)
    chars, declared_chars = sum(map(len, extracted.lines)), sum(map(len, declared))
    longer = declared_chars >= DECLARED_BODY_MIN_RATIO * chars
    # trafilatura's own fallback reads articleBody too, but flattens it into one line
    better_split = (
        len(extracted.lines) == 1 < len(declared)
        and declared_chars >= SAME_TEXT_MIN_LENGTH_SHARE * chars
    )
    if not (longer or better_split) or not _same_text(extracted.lines, declared):
        return extracted
    evidence = f"JSON-LD articleBody: {declared_chars / max(chars, 1):.1f} times the extracted text"
    return BodyText(declared, evidence, extracted.document)


def _same_text(extracted: tuple[str, ...], declared: tuple[str, ...]) -> bool:
    shingles = _shingles(extracted)
    shared = len(shingles & _shingles(declared)) / len(shingles) if shingles else 1.0
    return shared >= DECLARED_BODY_MIN_SHARED_SHINGLES


def drop_comment_lines(lines: tuple[str, ...], comments: tuple[Comment, ...]) -> tuple[str, ...]:
    """Body lines without the ones that repeat a reader comment's text."""
    keys = {
        comparison_key(line)
        for comment in comments
        for line in comment.text.split("\n")
        if len(line) >= MIN_COMMENT_MATCH_CHARS
    }
    return tuple(line for line in lines if comparison_key(line) not in keys) if keys else lines


def separate_boilerplate(lines: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[Boilerplate, ...]]:
    """Body paragraphs, and the blocks classified as boilerplate with their kind and evidence."""
    body: list[str] = []
    moved: list[Boilerplate] = []
    for position, line in enumerate(lines):
        found = blocks.classify_boilerplate(line)
        if found is None:
            body.append(line)
        else:
            moved.append(Boilerplate(line, found[0], found[1], position))
    return tuple(body), tuple(moved)


def with_dropped_boilerplate(
    tree: HtmlElement, lines: tuple[str, ...], skipped: frozenset[HtmlElement] = frozenset()
) -> tuple[str, ...]:
    """Body lines with the page blocks trafilatura dropped around them that the boilerplate
    classifier recognises ("Continue reading", a donation link), put back in page order, so
    separate_boilerplate records them; blocks inside `skipped` elements (comments) stay out."""
    page_blocks = _page_blocks(tree, skipped)
    matched = _match_lines(page_blocks, lines)
    if not matched:
        return lines
    first, last = matched[0][0], matched[-1][0]
    window = page_blocks[first : last + 1 + MAX_TRAILING_BLOCKS]
    line_after = dict(matched)  # block index -> index of the body line it holds
    inserts: list[tuple[int, str]] = []
    next_line = 0
    for offset, (_, text) in enumerate(window):
        index = first + offset
        if index in line_after:
            next_line = line_after[index] + 1
        elif len(inserts) < MAX_RECOVERED_BLOCKS and blocks.classify_boilerplate(text):
            inserts.append((next_line, normalize_line(text)))
    merged = list(lines)
    for position, text in reversed(inserts):
        merged.insert(position, text)
    return tuple(merged)


def _block_key(text: str) -> str:
    return " ".join(text.split()).casefold().lstrip("-•*> ")


def _page_blocks(tree: HtmlElement, skipped: frozenset[HtmlElement]) -> list[tuple[str, str]]:
    """(match key, text) of the page's innermost text blocks in page order, chrome left out."""
    found: list[tuple[str, str]] = []
    stack = [tree]
    while stack and len(found) < MAX_SCANNED_BLOCKS:
        element = stack.pop()
        children = [c for c in element if isinstance(c.tag, str) and c.tag not in _CHROME_TAGS]
        if element.tag in _LEAF_BLOCK_TAGS and not any(c.tag in _LEAF_BLOCK_TAGS for c in children):
            text = " ".join(element.text_content().split())
            found.extend([(_block_key(text), text)] if text else [])
        else:
            stack.extend(reversed([c for c in children if c not in skipped]))
    return found


def _match_lines(
    page_blocks: list[tuple[str, str]], lines: tuple[str, ...]
) -> list[tuple[int, int]]:
    """(block index, line index) for body lines found as whole blocks, in order."""
    positions: dict[str, list[int]] = {}
    for index, (key, _) in enumerate(page_blocks):
        positions.setdefault(key, []).append(index)
    matched: list[tuple[int, int]] = []
    for line_index, line in enumerate(lines):
        after = matched[-1][0] if matched else -1
        block = next((i for i in positions.get(_block_key(line), ()) if i > after), None)
        if block is not None:
            matched.append((block, line_index))
    return matched
