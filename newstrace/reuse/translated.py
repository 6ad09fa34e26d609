"""What a translated copy changed against its original: the translation itself, what it left
out (the original's paragraphs and sentences with no aligned counterpart), what it added (the
copy's sentences with none), and a credit to the original's outlet it dropped.

A word diff says nothing across languages, so the sentences are read from the translation
link's aligned passages (offsets into both bodies), not compared as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from newstrace.models import Article, Change, ReuseLink
from newstrace.normalize import comparison_key
from newstrace.reuse.evidence import same_outlet_name, url_host

# A sentence this much inside an aligned passage has its counterpart in the other language.
MIN_ALIGNED_SHARE = 0.5
MAX_QUOTED_CHARS = 300  # a left-out or added run is quoted up to this length in `before`/`after`
# A sentence ends at . ! ? … or the CJK and Arabic stops, before a space and a letter that is not
# lower case (any script) or a digit; "Dr. med." or "z. B." therefore stay one sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?…。！？؟])[\"'»”’)\]]*\s+(?=[\"'«“„(\[¿¡]?[^\W_])")

Span = tuple[int, int]


def _paragraph_spans(article: Article) -> list[Span]:
    """Where each paragraph lies in the body (paragraphs joined by a blank line)."""
    spans, cursor = [], 0
    for text in article.paragraphs:
        spans.append((cursor, cursor + len(text)))
        cursor += len(text) + 2
    return spans


def _sentences(text: str, offset: int) -> list[tuple[Span, str]]:
    """A paragraph's sentences with their spans in the body; a split before a lower-case
    letter is undone (an abbreviation, not a sentence's end)."""
    found: list[tuple[Span, str]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        following = text[match.end() : match.end() + 1]
        if following.islower():
            continue
        found.append(((offset + start, offset + match.start()), text[start : match.start()]))
        start = match.end()
    found.append(((offset + start, offset + len(text)), text[start:]))
    return [(span, sentence.strip()) for span, sentence in found if sentence.strip()]


def _aligned_share(span: Span, aligned: Sequence[Span]) -> float:
    """Share of a span's characters inside the aligned spans."""
    inside = sum(max(0, min(span[1], end) - max(span[0], start)) for start, end in aligned)
    return inside / max(1, span[1] - span[0])


def _unaligned(article: Article, aligned: Sequence[Span]) -> Iterator[tuple[int, list[str], bool]]:
    """(paragraph index, its sentences with no counterpart, whether that is all of it)."""
    for index, (text, (start, _)) in enumerate(
        zip(article.paragraphs, _paragraph_spans(article), strict=True)
    ):
        sentences = _sentences(text, start)
        missing = [s for span, s in sentences if _aligned_share(span, aligned) < MIN_ALIGNED_SHARE]
        if missing:
            yield index, missing, len(missing) == len(sentences)


def _quoted(sentences: list[str]) -> str:
    text = " ".join(sentences)
    return text if len(text) <= MAX_QUOTED_CHARS else text[: MAX_QUOTED_CHARS - 1] + "…"


def _counted(sentences: list[str]) -> str:
    return "1 sentence" if len(sentences) == 1 else f"{len(sentences)} sentences"


def _unaligned_changes(article: Article, aligned: Sequence[Span], in_copy: bool) -> list[Change]:
    """A change per paragraph with sentences that have no counterpart: left out of the original
    (quoted as before) or added in the copy (quoted as after, at its paragraph)."""
    kind = "added in translation" if in_copy else "left out in translation"
    preposition, rest = (
        ("in", "of the copy not in the original")
        if in_copy
        else ("of", "of the original not translated")
    )
    changes = []
    for index, missing, whole in _unaligned(article, aligned):
        what = (
            f"paragraph {index + 1}"
            if whole
            else f"{_counted(missing)} {preposition} paragraph {index + 1}"
        )
        quoted = _quoted(missing)
        changes.append(
            Change(kind, f"{what} {rest}", None, quoted, index)
            if in_copy
            else Change(kind, f"{what} {rest}", quoted)
        )
    return changes


def left_out(parent: Article, aligned: Sequence[Span]) -> list[Change]:
    """The original's paragraphs and sentences the translation has no counterpart for."""
    return _unaligned_changes(parent, aligned, in_copy=False)


def added(copy: Article, aligned: Sequence[Span]) -> list[Change]:
    """The copy's paragraphs and sentences with no counterpart in the original."""
    return _unaligned_changes(copy, aligned, in_copy=True)


def _credits_of(article: Article) -> list[str]:
    """The outlets an article credits, by attribution line or its attribution boilerplate."""
    return [a.outlet for a in article.attributions if a.outlet and a.outlet != article.outlet]


def _names(article: Article, name: str) -> bool:
    """Whether the article credits, links to or names the outlet, in any language."""
    if any(same_outlet_name(credited, name) for credited in _credits_of(article)):
        return True
    key = comparison_key(name)
    texts = [*article.paragraphs, *(b.text for b in article.boilerplate)]
    hosts = [url_host(a.url) for a in article.attributions if a.url]
    return any(key and key in comparison_key(text) for text in texts) or any(
        host and same_outlet_name(host, name) for host in hosts
    )


def dropped_attributions(parent: Article, copy: Article) -> list[Change]:
    """Credits the translation dropped: the original's own credit lines it does not carry, and
    the original's outlet when the copy names it nowhere (the laundering pattern)."""
    changes = []
    for name in dict.fromkeys(_credits_of(parent)):
        if not same_outlet_name(name, copy.outlet) and not _names(copy, name):
            detail = f"the original credits {name}; the translation does not"
            changes.append(Change("attribution dropped", detail, name))
    owner = parent.outlet
    if owner and not same_outlet_name(owner, copy.outlet) and not _names(copy, owner):
        detail = f"the translation does not name the original's outlet, {owner}"
        changes.append(Change("attribution dropped", detail, owner))
    return changes


def _spans(link: ReuseLink, parent_id: int | None) -> tuple[list[Span], list[Span]]:
    """The aligned passages' spans in the parent's body and in the copy's."""
    on_a = [(p.a_start, p.a_end) for p in link.passages]
    on_b = [(p.b_start, p.b_end) for p in link.passages]
    return (on_a, on_b) if link.a == parent_id else (on_b, on_a)


def translation_changes(parent: Article, copy: Article, link: ReuseLink | None) -> list[Change]:
    """Every change a translated copy makes to its original: the translation, dropped credits,
    and, from the link's aligned passages, what it left out and added."""
    detail = f"translated from {parent.language} into {copy.language}"
    changes = [Change("translated", detail, parent.language, copy.language)]
    changes += dropped_attributions(parent, copy)
    if link is None:
        return changes
    spans_parent, spans_copy = _spans(link, parent.id)
    omitted = left_out(parent, spans_parent)
    kept = len(parent.paragraphs) - sum(1 for c in omitted if c.detail.startswith("paragraph "))
    if parent.paragraphs and kept * 2 < len(parent.paragraphs):
        excerpt = (
            f"excerpt: {kept} of the original's {len(parent.paragraphs)} paragraphs translated"
        )
        changes.append(Change("excerpt", excerpt))
    return changes + omitted + added(copy, spans_copy)
