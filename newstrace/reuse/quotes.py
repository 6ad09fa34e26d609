"""What part of a shared passage is quotation, a photo caption or an embedded post.

Two articles that quote one speaker or document share its words without either copying the
other. This module reads a body's typography to tell such text from reporting prose:

- quotation: text inside quotation marks (“…”, "…", «…», „…“), the short attribution tags
  between or after two quoted stretches of one paragraph (`,” Trump said. “`), paragraphs
  signed as an embedded post (`— Name (@handle) May 22, 2020`, on the paragraph or the next),
  and a short paragraph set off by a colon ending the one before (`Trump tweeted:`);
- caption: a paragraph that ends in a photo credit (`Alex Brandon/AP`, `(Photo by X/Getty)`);
  a wire photo's caption travels with the photo, not with the reporting.

Quote state is read paragraph by paragraph (a quote left open at a paragraph's end is the
newspaper convention for a quote that goes on, so the next paragraph starts outside).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

# Each opening mark and the marks that close it („ closes with “ in German, ” in Polish).
_CLOSES = {"“": "”", "«": "»", "„": "“”", '"': '"'}
# An attribution tag between two quoted stretches: short, and in one paragraph.
MAX_TAG_CHARS = 80
MAX_BLOCK_QUOTE_CHARS = 400  # a paragraph after "…:" this short is taken as set-off quotation
MAX_CAPTION_CHARS = 600
_POST_SIGNATURE = re.compile(r"[—–-]\s*[^\n]{0,60}\(@\w+\)\s*\w+\.? \d{1,2}, \d{4}\s*$")
_CAPTION_CREDIT = re.compile(
    r"(?:\b[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3} ?/ ?[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,2}"
    r"|\((?:Photo|Image|Credit)[^)]{0,80}\)|\bGetty Images)\.?\s*$"
)
_NOT_WORD = re.compile(r"[\W_]")  # any character but a letter or digit
_QUOTE_MARK = re.compile("[" + "".join(sorted({*_CLOSES, *"".join(_CLOSES.values())})) + "]")
_NAME = r"((?:[A-Z][\w.'’-]+ ){0,3}[A-Z][\w'’-]+)"
_VERBS = r"(?:said|says|wrote|writes|tweeted|told|added|stated|argued|warned|explained|claimed)"
_SPEAKER_AFTER = re.compile(_NAME + r",? (?:[\w ,]{0,40} )?" + _VERBS + r"\b")
_SPEAKER_BEFORE = re.compile(r"\b" + _VERBS + r",? " + _NAME)
_POST_AUTHOR = re.compile(r"[—–-]\s*([^\n(]{2,60}?)\s*\(@\w+\)")
_NOT_NAMES = {"The", "But", "And", "He", "She", "They", "We", "It", "I", "In", "As", "That"}
SPEAKER_WINDOW = 160  # characters around a passage read for who is speaking

BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Marks:
    """Per character of a body: inside a quotation (or embedded post), inside a photo caption."""

    quoted: BoolArray
    caption: BoolArray


def _quote_spans(paragraph: str) -> list[tuple[int, int]]:
    """[start, end) of each quoted stretch of one paragraph, an open quote running to its end."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    closing = ""
    for found in _QUOTE_MARK.finditer(paragraph):  # only the marks: other characters do nothing
        index, char = found.start(), found.group()
        if start is None and char in _CLOSES:
            start, closing = index, _CLOSES[char]
        elif start is not None and char in closing:
            spans.append((start, index + 1))
            start = None
    if start is not None:
        spans.append((start, len(paragraph)))
    return spans


def _with_tags(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Quoted stretches joined through the short tags between them, and a short trailing tag."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and start - joined[-1][1] <= MAX_TAG_CHARS:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    if joined and length - joined[-1][1] <= MAX_TAG_CHARS // 2:
        joined[-1] = (joined[-1][0], length)
    return joined


def _paragraphs(body: str) -> list[tuple[int, str]]:
    """Each non-blank line of a body with its offset."""
    found, offset = [], 0
    for line in body.split("\n"):
        if line.strip():
            found.append((offset, line))
        offset += len(line) + 1
    return found


def _block_quotes(paragraphs: list[tuple[int, str]]) -> set[int]:
    """Indexes of paragraphs set off as quotations: an embedded post (the paragraph that
    carries its signature, or the one before a signature standing alone), and a short
    paragraph introduced by one that ends in a colon ("… he tweeted:")."""
    found = set()
    for index, (_, text) in enumerate(paragraphs):
        text = text.strip()
        if _POST_SIGNATURE.search(text):
            found.add(index)
            if text[:1] in "—–-" and index > 0:
                found.add(index - 1)
        elif (
            index > 0
            and paragraphs[index - 1][1].rstrip().endswith(":")
            and len(text) <= MAX_BLOCK_QUOTE_CHARS
        ):
            found.add(index)
    return found


def _caption_credit(text: str) -> bool:
    """Whether a paragraph ends in a photo credit; the characters every credit form holds are
    looked for first, so most paragraphs skip the pattern."""
    if "/" not in text and "(" not in text and "Getty Images" not in text:
        return False
    return _CAPTION_CREDIT.search(text) is not None


def mark(body: str) -> Marks:
    """Which characters of a body are quotation and which are photo caption."""
    quoted = np.zeros(len(body), dtype=bool)
    caption = np.zeros(len(body), dtype=bool)
    paragraphs = _paragraphs(body)
    blocks = _block_quotes(paragraphs)
    for index, (offset, paragraph) in enumerate(paragraphs):
        end = offset + len(paragraph)
        text = paragraph.rstrip()
        if index in blocks:
            quoted[offset:end] = True
        elif len(text) < MAX_CAPTION_CHARS and _caption_credit(text):
            caption[offset:end] = True
        else:
            for start, stop in _with_tags(_quote_spans(paragraph), len(paragraph)):
                quoted[offset + start : offset + stop] = True
    return Marks(quoted, caption)


def _word_mask(body: str, start: int, end: int) -> BoolArray:
    """Which characters of body[start:end] are letters or digits, read in one pass."""
    mask = np.zeros(max(0, end - start), dtype=bool)
    text = _NOT_WORD.sub("\0", body[start:end])  # one character for one: offsets kept
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    mask[: len(codes)] = codes != 0
    return mask


def shares(body: str, marks: Marks, start: int, end: int) -> tuple[float, float]:
    """Of the word characters in body[start:end], the share quoted and the share caption."""
    words = _word_mask(body, start, end)
    total = int(words.sum())
    if total == 0:
        return 0.0, 0.0
    quoted = int((marks.quoted[start:end] & words).sum())
    caption = int((marks.caption[start:end] & words & ~marks.quoted[start:end]).sum())
    return quoted / total, caption / total


def speakers(body: str, start: int, end: int) -> Counter[str]:
    """Names said to speak in or around body[start:end]: "X said", "said X", a post's author."""
    window = body[max(0, start - SPEAKER_WINDOW) : min(len(body), end + SPEAKER_WINDOW)]
    found: Counter[str] = Counter()
    for pattern in (_SPEAKER_AFTER, _SPEAKER_BEFORE, _POST_AUTHOR):
        for match in pattern.finditer(window):
            name = match.group(1).strip()
            if name.split()[0] not in _NOT_NAMES:
                found[name] += 1
    return found
