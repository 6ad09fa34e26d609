"""An HTML article's first-publication date, with where it was read and how far it is trusted.

Declared dates (JSON-LD, meta tags) come first; the date a reader sees by the headline wins
when it is earlier (a declared date bumped by an edit). Then a date in the URL, the date shown
by the headline, the one day the article marks up as its date. A date labelled "Updated" while
another is stated, a copyright year, a comment's or a related article's date, a date inside a
sentence, a table or a period, and a guess nothing on the page confirms are never taken: with no
trustworthy date the answer is None. A page whose only date is "Updated" is dated by it, at a
low confidence that says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import chain
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newstrace.extract.jsonld import PageMetadata
from newstrace.extract.shown_dates import ShownDate, shown_dates

# A date shown this close to the headline (in elements of document order) is the article's
# own dateline: a little before it (a kicker line) or after it (the byline block).
MAX_ELEMENTS_BEFORE_HEADLINE = 15
MAX_ELEMENTS_AFTER_HEADLINE = 60
CONFIDENCE_DECLARED_SHOWN = 0.95
CONFIDENCE_DECLARED = 0.8
CONFIDENCE_URL = 0.75
CONFIDENCE_LABELLED = 0.75
CONFIDENCE_SHOWN_EARLIER = 0.7
CONFIDENCE_DATELINE = 0.65
CONFIDENCE_MARKED = 0.6
CONFIDENCE_UPDATED_ONLY = 0.4
MIN_LISTING_DAYS = 6  # other days shown on a page that make it a list of dated items
UPDATED_ONLY_NOTE = "only an Updated date is shown; first publication not stated"
_URL_DAY = re.compile(
    r"/((?:19|20)\d{2})[/-](\d{1,2}|[a-z]{3,9})[/-](\d{1,2})(?=/|-|\.|$)", re.IGNORECASE
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_GENERIC_PAGE_TYPES = ("WebPage", "ItemPage", "CollectionPage", "AboutPage")


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """A publication date (ISO), its source, a confidence in [0, 1] and the evidence."""

    value: str | None = None
    source: str | None = None  # jsonld, meta, time, url, dateline, text
    confidence: float | None = None
    evidence: str | None = None


NO_DATE = PublishedDate()


def url_day(url: str | None) -> str | None:
    """The day a URL's path states ("/2020/03/31/slug"), or None."""
    match = _URL_DAY.search(url or "")
    if match is None:
        return None
    year, month, day = match.groups()
    if not month.isdigit():  # "/2023/october/03/"
        named = month[:3].lower()
        month = str(_MONTHS.index(named) + 1) if named in _MONTHS else "0"
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _headline_order(tree: HtmlElement) -> int | None:
    for order, element in enumerate(tree.iter()):
        if element.tag == "h1":
            return order
    return None


def _near(found: ShownDate, headline: int | None) -> bool:
    return (
        headline is not None
        and -MAX_ELEMENTS_BEFORE_HEADLINE <= found.order - headline <= MAX_ELEMENTS_AFTER_HEADLINE
    )


def _article_dates(shown: list[ShownDate]) -> list[ShownDate]:
    """Shown dates that may be the article's own: not another item's, not in a sentence, not
    a copyright year."""
    return [
        s
        for s in shown
        if not (s.outside_article or s.in_sentence) and s.label not in ("copyright", "activity")
    ]


def _dateline(shown: list[ShownDate], headline: int | None) -> ShownDate | None:
    """The article's own shown date: the first by the headline, labelled "Published" or not
    labelled, else one labelled "Published" anywhere in the article. A day the page labels
    "Updated" is a modification wherever it is repeated unlabelled."""
    dates = _article_dates(shown)
    updated_days = {s.day for s in dates if s.label == "updated"}
    usable = [
        s
        for s in dates
        if s.label == "published" or (s.label is None and s.day not in updated_days)
    ]
    by_headline = (s for s in usable if _near(s, headline))
    labelled = [s for s in usable if s.label == "published"]
    # Markup naming several days "published" far from the headline is a list of items.
    if len({s.day for s in labelled if s.label_named}) > 1:
        labelled = [s for s in labelled if not s.label_named]
    return next(chain(by_headline, labelled), None)


def _marked_date(shown: list[ShownDate], headline: int | None) -> ShownDate | None:
    """The one day the article marks up as a date or byline ("post-date", "byline") after
    the headline, however far: a page marking up several days is a list of items."""
    dates = _article_dates(shown)
    updated_days = {s.day for s in dates if s.label == "updated"}
    marked = [
        s
        for s in dates
        if s.classed and s.label is None and (headline is None or s.order > headline)
    ]
    if len({s.day for s in marked}) != 1 or marked[0].day in updated_days:
        return None
    return marked[0]


def _updated_only(shown: list[ShownDate], headline: int | None) -> PublishedDate | None:
    """The "Updated" date by the headline of a page that states no other date.

    A careful reader citing such a page dates it by the one date it gives for the text they
    read, as citation styles do; it is kept at a low confidence, its evidence saying that the
    first publication is not stated, so provenance can weigh it below a stated one."""
    dates = _article_dates(shown)
    updated = [s for s in dates if s.label == "updated"]
    found = next((s for s in updated if _near(s, headline)), None)
    if found is None:
        return None
    # A page showing many other days is a list of items; its "Updated" stamp is the list's.
    if len({s.day for s in dates if s.label is None} - {found.day}) >= MIN_LISTING_DAYS:
        return None
    source = "time" if found.in_time_element else "dateline"
    return PublishedDate(found.day, source, CONFIDENCE_UPDATED_ONLY, UPDATED_ONLY_NOTE)


def _shown_source(found: ShownDate) -> tuple[str, float]:
    if found.label == "published":
        return "text", CONFIDENCE_LABELLED
    return ("time" if found.in_time_element else "dateline"), CONFIDENCE_DATELINE


def _declared_source(evidence: str) -> str:
    return "jsonld" if evidence.startswith("json-ld") else "meta"


def _generic_page_only(evidence: str) -> bool:
    """Whether a JSON-LD date belongs only to a generic page object (an SEO plugin's stamp)."""
    types = evidence.split(" ")[1] if evidence.startswith("json-ld") else ""
    return any(name in types for name in _GENERIC_PAGE_TYPES) and not any(
        word in types for word in ("Article", "Posting", "Report")
    )


def _shown_earlier(
    dateline: ShownDate | None, declared: str, modified: str, shown: list[ShownDate]
) -> bool:
    """Whether the day shown by the headline is an earlier publication than the declared one
    (a declared date bumped by an edit, or a UTC time past midnight shown in the outlet's own
    day). A declared day the page also shows before it is the page's own."""
    if dateline is None or dateline.day == modified or dateline.day >= declared[:10]:
        return False
    return not any(s.day == declared[:10] and s.order < dateline.order for s in shown)


def _front_page(url: str | None) -> bool:
    """Whether a URL is a site's front page ("https://outlet.example/")."""
    return url is not None and not urlsplit(url).path.strip("/") and not urlsplit(url).query


def _says_website(tree: HtmlElement) -> bool:
    """Whether the page's Open Graph type is "website" rather than "article"."""
    kinds = tree.xpath("//meta[@property='og:type']/@content")
    return bool(kinds) and str(kinds[0]).strip().lower() == "website"


def _from_declared(
    tree: HtmlElement,
    page: PageMetadata,
    shown: list[ShownDate],
    dateline: ShownDate | None,
    url: str | None,
) -> PublishedDate | None:
    declared, evidence = page.published, page.evidence.get("published", "declared")
    if declared is None:
        return None
    modified = (page.modified or "")[:10]
    if _shown_earlier(dateline, declared, modified, shown):
        assert dateline is not None
        source, _ = _shown_source(dateline)
        note = f"shown {dateline.day}, earlier than the {evidence} {declared[:10]}"
        return PublishedDate(dateline.day, source, CONFIDENCE_SHOWN_EARLIER, note)
    visible = {s.day for s in shown if not s.outside_article and s.label != "copyright"}
    if declared[:10] in visible:
        return PublishedDate(
            declared, _declared_source(evidence), CONFIDENCE_DECLARED_SHOWN, f"{evidence}, shown"
        )
    # A site's front page is no article: a date it declares but does not show is the site's.
    # Neither is a page that calls itself a website (og:type) and shows no date at all: its
    # JSON-LD date is the stamp a site's SEO plugin puts on every page.
    site_stamp = evidence.startswith("json-ld") and not shown and _says_website(tree)
    if not _generic_page_only(evidence) and not _front_page(url) and not site_stamp:
        return PublishedDate(declared, _declared_source(evidence), CONFIDENCE_DECLARED, evidence)
    return None


def published_date(tree: HtmlElement, page: PageMetadata, url: str | None) -> PublishedDate:
    """The page's first-publication date and its evidence; NO_DATE when none is trustworthy."""
    shown = shown_dates(tree)
    headline = _headline_order(tree)
    dateline = _dateline(shown, headline)
    declared = _from_declared(tree, page, shown, dateline, url)
    if declared is not None:
        return declared
    stated = url_day(url)
    if stated is not None:
        return PublishedDate(stated, "url", CONFIDENCE_URL, "date in the page URL")
    # The declared modified day shown by the headline is the modification when the page also
    # declares a (here untrusted) publication date; with none declared it is the page's only date.
    modified = (page.modified or "")[:10] if page.published else ""
    if dateline is not None and dateline.day != modified:
        source, confidence = _shown_source(dateline)
        return PublishedDate(dateline.day, source, confidence, "date shown by the headline")
    marked = _marked_date(shown, headline)
    if marked is not None and marked.day != (page.modified or "")[:10]:
        source = "time" if marked.in_time_element else "dateline"
        return PublishedDate(marked.day, source, CONFIDENCE_MARKED, "the one day marked as a date")
    return (None if page.published else _updated_only(shown, headline)) or NO_DATE
