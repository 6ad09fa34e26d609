"""The headline of an HTML page: the <h1> a declared title confirms, else the declared title
without the site's name."""

from __future__ import annotations

import html
import re

from lxml.html import HtmlElement

from newstrace.normalize import comparison_key, normalize_line

# A visible <h1> is the headline when a declared title agrees with it and it is not a
# fragment of that title (a section name such as "Blog" found inside a long title).
MIN_H1_SHARE_OF_TITLE = 0.5
MAX_H1_CANDIDATES = 5
MAX_TITLE_CHARS = 400
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")
MAX_SITE_SUFFIX_WORDS = 5
# An <h1> of at least this many words, most of them in the declared title, is the headline
# the reader sees when the declared title is a reworded SEO title.
MIN_REWORDED_H1_WORDS = 3
MIN_SHARED_WORD_SHARE = 0.5
_WORD = re.compile(r"\w+")
# What a site's <h1> may add to its host name: "Antoyo's Blog", "Houstonia Magazine".
_SITE_WORDS = frozenset({"", "blog", "magazine", "mag", "news", "online", "com", "net", "org"})
_HOST_PREFIXES = frozenset({"www", "blog", "blogs", "news", "home"})
_HOST_NAME = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", re.I)
MIN_TITLE_WORDS_AFTER_HOST = 2
MIN_SITE_NAME_CHARS = 4
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# "Dec 18 2025 Preparing a transition": a date a blog prints inside its heading.
_LEADING_DATE = re.compile(rf"^{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}\s+(?=\S)", re.I)
_POSTED_TAIL = re.compile(r"\s+posted\s+on\s+\S.{0,60}$", re.I)


def strip_site_suffix(title: str, outlet: str | None) -> str:
    """A title without a " | Site Name" part: the outlet's name at either end, or a short tail;
    a site named by its host name ("example.com Vibe Coding") also without a separator."""
    if outlet and _HOST_NAME.fullmatch(outlet) and title.casefold().startswith(outlet.casefold()):
        rest = title[len(outlet) :]
        if rest[:1].isspace() and len(rest.split()) >= MIN_TITLE_WORDS_AFTER_HOST:
            return rest.strip()
    separators = list(_TITLE_SEPARATOR.finditer(title))
    if not separators:
        return title
    first, last = separators[0], separators[-1]
    outlet_key = comparison_key(outlet) if outlet else None
    if outlet_key and comparison_key(title[: first.start()]) == outlet_key:
        return title[first.end() :].strip()
    head, tail = title[: last.start()].strip(), title[last.end() :].strip()
    if outlet_key and comparison_key(tail) == outlet_key and head:
        return head  # the outlet's own name: even a one-word headline ("Coffee") is the head
    if len(head.split()) < 2:
        return title
    if len(tail.split()) <= MAX_SITE_SUFFIX_WORDS:
        return head
    return title


def _agrees(heading: str, declared: str, outlet: str | None) -> bool:
    """Whether a visible heading and a declared title name the same headline."""
    shown, stated = comparison_key(heading), comparison_key(declared)
    if not shown or not stated:
        return False
    if shown in stated:
        headline = comparison_key(strip_site_suffix(declared, outlet))
        # a heading found only in the " | Site Name" part is the site's name, not the headline
        return shown in headline and len(shown) >= MIN_H1_SHARE_OF_TITLE * len(headline)
    return stated in shown and len(stated) >= MIN_H1_SHARE_OF_TITLE * len(shown)


def _shares_words(heading: str, declared: str) -> bool:
    """Whether a heading of a few words is mostly made of a declared title's words (a reworded
    SEO title of the same story)."""
    words = set(_WORD.findall(heading.casefold()))
    stated = set(_WORD.findall(declared.casefold()))
    if len(words) < MIN_REWORDED_H1_WORDS:
        return False
    return len(words & stated) >= MIN_SHARED_WORD_SHARE * len(words)


def _heading(element: HtmlElement, outlet: str | None) -> str:
    """An <h1>'s headline: entities a page escaped twice read, a date line before it and a
    "Posted on ... by ..." line or the outlet's name after it left out."""
    text = normalize_line(html.unescape(element.text_content()))
    text = _POSTED_TAIL.sub("", _LEADING_DATE.sub("", text))
    tail = _TITLE_SEPARATOR.split(text)[-1] if outlet else None
    if tail and tail != text and comparison_key(tail) == comparison_key(outlet or ""):
        return text[: text.rfind(tail)].rstrip(" |-–—:·•»")
    return text


def _capitals(text: str) -> int:
    return sum(word[0].isupper() for word in text.split())


def _same_words(heading: str, declared: list[str], outlet: str | None) -> str | None:
    """The declared title when it is the heading in better letter case: the <h1> styled in
    capitals, or in sentence case beside a title-case declared title."""
    for title in declared:
        stripped = strip_site_suffix(title, outlet)
        if stripped == heading or comparison_key(stripped) != comparison_key(heading):
            continue
        if heading.isupper() or _capitals(stripped) > _capitals(heading):
            return stripped
    return None


def compact(text: str) -> str:
    """Letters and digits only, folded case: how a name and a host name are compared."""
    return "".join(char for char in comparison_key(text) if char.isalnum())


def site_heading(heading: str, host: str | None) -> bool:
    """Whether an <h1> is the site's name, read from its host name ("Playful Tones" on
    playfultones.com, "Antoyo's Blog" on blog.antoyo.xyz, "Tidewater Magazine" on
    tidewatermag.com, "davidbau.com"): the host's name and at most a word such as "blog"."""
    words = heading.replace("'s ", " ").split()
    while len(words) > 1 and compact(words[-1]) in _SITE_WORDS:
        words.pop()
    core = compact(" ".join(words))
    labels = [compact(label) for label in (host or "").lower().split(".")[:-1]]
    if host and core == compact(host.removeprefix("www.")):
        return True
    return len(core) >= MIN_SITE_NAME_CHARS and any(
        (label.startswith(core) and label[len(core) :] in _SITE_WORDS)
        or (core.startswith(label) and core[len(label) :] in _SITE_WORDS)
        for label in labels
        if len(label) >= MIN_SITE_NAME_CHARS and label not in _HOST_PREFIXES
    )


def _site_part(heading: str, declared: list[str]) -> bool:
    """Whether an <h1> is the other part of a declared title made of the site's name and a
    headline the page also declares alone ("Harbour Data Blog: Small boats" beside "Small
    boats"): the site's name, not the headline."""
    shown = comparison_key(heading)
    titles = [comparison_key(title) for title in declared]
    return any(
        len(shown) + len(other) < len(title)
        and ({title[: len(shown)], title[-len(shown) :]} & {shown})
        and (title.endswith(other) if title.startswith(shown) else title.startswith(other))
        for title in titles
        for other in titles
        if other not in (title, shown) and shown in title
    )


def choose_title(
    tree: HtmlElement, declared: list[str], outlet: str | None, host: str | None = None
) -> tuple[str | None, str]:
    """The headline and its evidence: the <h1> a declared title confirms, else that title."""
    declared = [normalize_line(html.unescape(title)) for title in declared]
    headings = [_heading(h, outlet) for h in tree.iter("h1")][:MAX_H1_CANDIDATES]
    headings = [h for h in headings if h and len(h) <= MAX_TITLE_CHARS]
    outlet_key = comparison_key(outlet) if outlet else None
    headings = [
        h
        for h in headings
        if comparison_key(h) != outlet_key
        and not site_heading(h, host)
        and not _site_part(h, declared)
    ]
    for heading in headings:
        agreeing = [d for d in declared if _agrees(heading, d, outlet)]
        if agreeing and heading.isupper():  # capitals are the page's styling, not the title's
            return strip_site_suffix(agreeing[0], outlet), "declared title, the <h1> in capitals"
        if agreeing:
            cased = _same_words(heading, declared, outlet)
            if cased is not None:
                return cased, "declared title, the <h1> showing it in other letter case"
            return heading, "<h1> confirmed by declared title"
    for heading in headings:
        sharing = [d for d in declared if _shares_words(heading, d)]
        if sharing and heading.isupper():  # capitals are the page's styling, not the title's
            return strip_site_suffix(sharing[0], outlet), "declared title, the <h1> in capitals"
        if sharing:
            return heading, "<h1> sharing most of its words with the declared title"
    for title in (t for t in declared if not site_heading(t, host)):
        stripped = strip_site_suffix(title, outlet)
        return stripped, "declared title" + (", site name removed" if stripped != title else "")
    return (headings[0], "<h1>") if headings else (None, "none")
