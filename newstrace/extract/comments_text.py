"""Find reader comments at the end of a plain-text dump: a name line, then the comment.

No single cue tells a commenter's name from an article's subheading, so the zone is found
from its rhythm (short name lines alternating with one or two paragraphs, empty comments,
from the end of the page backwards) and accepted only when several weak signals agree:
conversational texts, name-shaped lines, short texts, and little news-report wording.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newstrace.extract.blocks import parse_byline
from newstrace.extract.dates import find_date_line, is_timestamp_line
from newstrace.models import Comment


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


MAX_COMMENT_HEADER_CHARS = 240
MAX_NAME_WORDS = 5
MAX_NAME_CHARS = 40
MAX_COMMENT_PARAGRAPHS = 4  # more unnamed paragraphs than this in a row means article text
MIN_ZONE_SCORE = 5
MIN_NAMES = 2
MIN_CONVERSATIONAL_SHARE = 0.5  # reader comments talk: pronouns, questions, informal words
MAX_SAME_NAME_SHARE = 0.5  # one "name" heading most groups is a caption credit or UI label
MIN_SAME_NAME_COUNT = 3
ARTICLE_LIKE_WORDS = 60  # a non-conversational text this long reads as article, not comment
SHORT_TEXT_WORDS = 40
LONG_TEXT_WORDS = 80

_COMMENT_HEADER = re.compile(
    r"(?:\d+\s+)?(?:reader\s+)?(?:comments?|responses?|replies)(?:\s*\(\d+\))?"
    r"|leave a (?:reply|comment)|join the (?:conversation|discussion)"
    r"|\d+ thoughts? on .{1,200}|what (?:readers|you) (?:are saying|think)|add (?:a|your) comment",
    re.I,
)
_SAYS = re.compile(r"\s+(?:says|said|wrote|writes|commented)\s*:?\s*$", re.I)
_NOT_NAME_END = re.compile(r"[.!?:;,\"”’)\]]$")
_NOT_IN_NAME = re.compile(r"[,/:|+()\[\]#=*&%$<>]")
_URL = re.compile(r"https?://|www\.", re.I)
_AGO = re.compile(r"\d+\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)"
                  r"\s+ago", re.I)  # fmt: skip
_QUOTED = re.compile(r"[\"“][^\"“”\n]{0,2000}(?:[\"”]|$)")
_PRONOUN = re.compile(
    r"\b(?:I|I'm|I've|I'd|I'll|i|im|ive|me|my|you|your|you're|u|we|us|our|You|Your|We|Our|My)\b"
)
_INFORMAL = re.compile(
    r"\b(?:lol|lmao|rofl|haha\w*|imo|imho|btw|idk|smh|omg|wtf|yeah|yep|nope|ahh+|ok|okay|thanks"
    r"|thank you|agreed?|exactly|nonsense|rubbish|bs)\b|[!?]|\.{3}|…",
    re.I,
)
_CASUAL_START = re.compile(r"^\s*(?:[+@^>]|[a-z])")
_REPORTING = re.compile(
    r"\b(?:said|says|told|according to|reported|announced|spokes(?:man|woman|person)"
    r"|officials?|percent|per cent|statement)\b",
    re.I,
)
_SECTION_WORDS = _word_set(
    "conclusion conclusions introduction background summary update updates references "
    "sources methods results discussion notes footnotes bibliography appendix timeline "
    "analysis related more advertisement share tags"
)
_STOPWORDS = _word_set(
    "the a an of in on to for with what how why when where who is are was were and or but "
    "not this that these those it its from by as at be you your we our can do does will should "
    "must about after before new next"
)


@dataclass(slots=True)
class _Group:
    """A name line and the lines after it, as indices into the page's candidate lines."""

    name: int  # index of the name line
    texts: list[int]


def is_comment_header(text: str) -> bool:
    """Whether a line announces the comment section ("Comments", "12 comments", "Leave a reply")."""
    return (
        len(text) <= MAX_COMMENT_HEADER_CHARS
        and _COMMENT_HEADER.fullmatch(text.strip(" :#*")) is not None
    )


def _name(text: str, heading: bool) -> str | None:
    """The commenter's name when a line looks like one, else None."""
    text = _SAYS.sub("", text.strip())
    words = text.split()
    if heading or not words or len(words) > MAX_NAME_WORDS or len(text) > MAX_NAME_CHARS:
        return None
    if _NOT_NAME_END.search(text) or _URL.search(text) or _NOT_IN_NAME.search(text):
        return None
    if not text[0].isalpha() or (len(words) == 1 and text.lower() in _STOPWORDS):
        return None
    if len(words) > 1 and text.isupper():
        return None
    if (len(words) > 1 and any(char.isdigit() for char in text)) or _AGO.fullmatch(text):
        return None
    if find_date_line(text) is not None or parse_byline(text) is not None:
        return None
    if text.casefold() in _SECTION_WORDS or is_comment_header(text):
        return None
    return text


def _backward_groups(texts: Sequence[str], headings: Sequence[bool]) -> list[_Group]:
    """Name/text groups read from the end until too many unnamed paragraphs come in a row."""
    groups: list[_Group] = []
    pending: list[int] = []
    for index in range(len(texts) - 1, 0, -1):
        if _name(texts[index], headings[index]) is not None:
            groups.append(_Group(index, pending[::-1]))
            pending = []
            continue
        pending.append(index)
        if len(pending) > MAX_COMMENT_PARAGRAPHS:
            break
    return groups[::-1]


def _conversational(text: str) -> bool:
    unquoted = _QUOTED.sub(" ", text)
    return bool(
        _PRONOUN.search(unquoted) or _INFORMAL.search(unquoted) or _CASUAL_START.match(text)
    )


def _words(text: str) -> int:
    return len(text.split())


def _name_shaped(name: str) -> bool:
    """A person's name ("Jane Doe", "The Man") or a handle ("dan kopfz"), not a subheading."""
    words = name.split()
    if len(words) > 4 or (len(words) > 1 and name.isupper()):
        return False
    # Headings read "What You Can Do"; a name has at most a leading article ("The Man").
    if any(word.lower() in _STOPWORDS for word in words[1:]):
        return False
    if all(
        word[0].isupper() or word.lower() in {"de", "van", "von", "al", "bin"} for word in words
    ):
        return True
    return all(word.islower() and word not in _STOPWORDS for word in words)


@dataclass(slots=True)
class _Thread:
    """One candidate comment: its name line, author, date, and paragraphs."""

    start: int  # index of the name line; -1 for text before any name
    author: str | None
    published: str | None
    stamped: bool  # a date or "2 hours ago" line came right after the name
    said: bool  # the name line ended in "says:" or "wrote:"
    paragraphs: list[str]


def _thread(group: _Group, texts: Sequence[str]) -> _Thread:
    body = [texts[index] for index in group.texts]
    published, stamped = None, False
    if body and (dated := find_date_line(body[0])) is not None and dated.outlet is None:
        published, stamped, body = dated.published, True, body[1:]
    elif body and (_AGO.fullmatch(body[0].strip()) or is_timestamp_line(body[0])):
        stamped, body = True, body[1:]
    name = texts[group.name] if group.name >= 0 else ""
    author = _name(name, False) if name else None
    return _Thread(group.name, author, published, stamped, bool(_SAYS.search(name)), body)


def _article_like(thread: _Thread) -> bool:
    body = thread.paragraphs
    if not body or thread.stamped or any(_conversational(text) for text in body):
        return False
    reporting = any(_REPORTING.search(text) for text in body)
    long = sum(_words(text) for text in body) / len(body) >= ARTICLE_LIKE_WORDS
    return reporting or long or not _name_shaped(thread.author or "")


def _conversational_share(texts: Sequence[str]) -> float:
    return sum(map(_conversational, texts)) / max(len(texts), 1)


def _one_name_dominates(names: Sequence[str]) -> bool:
    counts = Counter(name.casefold() for name in names)
    top = max(counts.values(), default=0)
    return top >= MIN_SAME_NAME_COUNT and top > MAX_SAME_NAME_SHARE * len(names)


def _zone_score(threads: list[_Thread]) -> int:
    """How many weak signals say these threads are reader comments."""
    bodies = [text for thread in threads for text in thread.paragraphs]
    names = [thread.author or "" for thread in threads]
    conversational = _conversational_share(bodies)
    shaped = sum(map(_name_shaped, names)) / len(names)
    if conversational < MIN_CONVERSATIONAL_SHARE or shaped <= 0.5 or _one_name_dominates(names):
        return 0
    reporting = sum(bool(_REPORTING.search(text)) for text in bodies) / max(len(bodies), 1)
    mean_words = sum(map(_words, bodies)) / max(len(bodies), 1)
    score = (
        int(len(bodies) / len(threads) <= 1.6)
        + int(any(not thread.paragraphs for thread in threads))
        + int(conversational >= 0.5)
        + int(conversational >= 0.75)
        + int(shaped >= 0.75)
        + int(len(threads) >= 3)
        + int(mean_words <= SHORT_TEXT_WORDS)
        + 2 * int(any(thread.stamped for thread in threads))
        + int(any(thread.said for thread in threads))
    )
    return score - int(reporting >= 0.5) - int(mean_words >= LONG_TEXT_WORDS)


def _to_comments(threads: list[_Thread]) -> list[Comment]:
    return [
        Comment(thread.author, "\n\n".join(thread.paragraphs), position, thread.published)
        for position, thread in enumerate(threads)
    ]


def _list_like(threads: list[_Thread], texts: Sequence[str]) -> bool:
    """Short lines after "...:" or mostly without text are a flattened list, not comments."""
    introduced = texts[threads[0].start - 1].rstrip().endswith(":")
    empty = sum(not thread.paragraphs and not thread.stamped for thread in threads)
    return introduced or empty * 2 > len(threads)


def find_comments(
    texts: Sequence[str], headings: Sequence[bool]
) -> tuple[int, list[Comment]] | None:
    """(index where the comments start, the comments) for the candidate lines of a page, or None."""
    threads = [_thread(group, texts) for group in _backward_groups(texts, headings)]
    first = 0
    while first < len(threads) and _article_like(threads[first]):
        first += 1
    threads = threads[first:]
    if len(threads) < MIN_NAMES or _list_like(threads, texts):
        return None
    if _zone_score(threads) < MIN_ZONE_SCORE:
        return None
    return threads[0].start, _to_comments(threads)


def comments_after_header(texts: Sequence[str], headings: Sequence[bool]) -> list[Comment] | None:
    """Comments in the lines after a comment header; None when those lines read as article."""
    # Name lines and bare counters (a "0" of likes) say nothing of how the comments talk.
    spoken = [
        text
        for text, heading in zip(texts, headings, strict=True)
        if _name(text, heading) is None and any(char.isalpha() for char in text)
    ]
    if not texts or _conversational_share(spoken or texts) < MIN_CONVERSATIONAL_SHARE:
        return None
    groups = [_Group(-1, [])]
    for index, text in enumerate(texts):
        if _name(text, headings[index]) is not None and index + 1 < len(texts):
            groups.append(_Group(index, []))
        else:
            groups[-1].texts.append(index)
    named = groups[1:]
    if not named or _one_name_dominates([texts[group.name] for group in named]):
        return [Comment(None, text, position) for position, text in enumerate(texts)]
    threads = [_thread(group, texts) for group in ([groups[0]] if groups[0].texts else []) + named]
    return _to_comments(threads)
