"""Dates a family member's own text gives, and page dates its text or its outlet contradict.

A page date is what a site or a scrape says; the text outranks it:

- the text states a later date ("As of 5/14/2020", "Updated May 14, 2020", a copyright year
  "© X, 2020") than its page date: the page date is wrong for this text (a text cannot
  describe a day after it was written), so the stated date is used, and said so;
- one outlet holds the same body under different titles: the body is not those pages' own
  article (a scrape that stored one text on many pages), so their page dates date other
  articles and none of them is used.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from datetime import date

from newstrace.models import Article, Evidence
from newstrace.normalize import comparison_key

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_CUE = r"(?:as of|updated(?: on)?|last updated(?: on)?)"
_NUMERIC = re.compile(_CUE + r",? (\d{1,2})/(\d{1,2})/(\d{4})\b", re.IGNORECASE)
_WORDED = re.compile(_CUE + r",? ([A-Z][a-z]{2})[a-z]*\.? (\d{1,2}),? (\d{4})\b", re.IGNORECASE)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright(?:ed)?\b)[^\n]{0,80}?\b((?:19|20)\d{2})\b", re.I)
DATE_EVIDENCE_WEIGHT = 0.0  # explains a date used; no weight toward either direction


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def stated_floor(body: str) -> tuple[date, str] | None:
    """The latest date the text states about itself, with the words that state it."""
    found: list[tuple[date, str]] = []
    for match in _NUMERIC.finditer(body):
        month, day, year = (int(g) for g in match.groups())
        when = _day(year, month, day)
        if when:
            found.append((when, match.group(0)))
    for match in _WORDED.finditer(body):
        named = _MONTHS.get(match.group(1)[:3].lower())
        when = _day(int(match.group(3)), named, int(match.group(2))) if named else None
        if when:
            found.append((when, match.group(0)))
    for match in _COPYRIGHT.finditer(body):
        found.append((date(int(match.group(1)), 1, 1), match.group(0).strip()))
    return max(found, key=lambda item: item[0]) if found else None


def _repeated_bodies(articles: Mapping[int, Article]) -> dict[int, int]:
    """Members whose outlet holds their body under another title: id -> how many titles."""
    groups: dict[tuple[str | None, str], list[Article]] = defaultdict(list)
    for article in articles.values():
        groups[(article.outlet, comparison_key(article.body))].append(article)
    found = {}
    for group in groups.values():
        titles = {comparison_key(a.title or "") for a in group}
        if len(group) > 1 and len(titles) > 1:
            found.update({a.id: len(titles) for a in group if a.id is not None})
    return found


def text_dates(
    articles: Mapping[int, Article],
) -> dict[int, tuple[str | None, Evidence]]:
    """Members whose page date the text overrules: id -> (the date used, or None, and why)."""
    found: dict[int, tuple[str | None, Evidence]] = {}
    for article_id, titles in _repeated_bodies(articles).items():
        outlet = articles[article_id].outlet or "its outlet"
        detail = (
            f"page date {articles[article_id].published} not used: {outlet} holds this same "
            f"body under {titles} different titles, so its page dates belong to other articles"
        )
        found[article_id] = (None, Evidence("text date", detail, DATE_EVIDENCE_WEIGHT))
    for article_id, article in articles.items():
        floor = stated_floor(article.body)
        page = (article.published or "")[:10]
        if article_id in found or floor is None or not page or floor[0].isoformat() <= page:
            continue
        detail = (
            f"page date {page} precedes what the text states (“{floor[1]}”): "
            f"dated {floor[0].isoformat()} from its text"
        )
        found[article_id] = (floor[0].isoformat(), Evidence("text date", detail, 0.0))
    return found
