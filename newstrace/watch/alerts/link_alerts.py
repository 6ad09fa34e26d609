"""Rules over new copy links: a tracked story (by id, URL, or an article carrying a tracked
claim) republished or translated anywhere, and a watched outlet's copies both ways (what it
originates is republished; it republishes someone).

A rule reads links above its mark and up to the last link the provenance stage has classified,
so a link is judged once its kind (republication, translation) is known."""

from __future__ import annotations

import sqlite3

from newstrace.models.alerts import REPUBLISHED, TRANSLATED, Alert
from newstrace.models.reuse import TRANSLATION
from newstrace.store.alert_sources import (
    NewLink,
    articles_at_url,
    classified_link_mark,
    copy_changes,
    family_of_article,
    new_copy_links,
)
from newstrace.store.alerts import claim_matches, mark
from newstrace.store.links import longest_passage
from newstrace.store.outlets import find_outlet, find_outlet_by_domain
from newstrace.watch.alerts.compose import (
    Context,
    Found,
    brief,
    direction,
    family_url,
    link_passage,
    named,
)
from newstrace.watch.alerts.rules import OUTLET, STORY, TEXT, URL, AlertRule

LINKS = "links"


def tracked_articles(conn: sqlite3.Connection, rule: AlertRule) -> set[int]:
    """The articles a story, URL or text rule tracks now."""
    if rule.kind == STORY:
        return {int(rule.value)}
    if rule.kind == URL:
        return articles_at_url(conn, str(rule.value))
    return claim_matches(conn, rule.key)


def resolve_outlet(conn: sqlite3.Connection, name: str) -> int | None:
    """A watched outlet's id, by name, alias or domain (None until it is stored)."""
    return find_outlet(conn, name) or find_outlet_by_domain(conn, name)


def link_alert(
    conn: sqlite3.Connection, rule: AlertRule, link: NewLink, context: Context, role: str,
    subject: str,
) -> Alert:  # fmt: skip
    """The alert for one copy link (recorded under the rule's key and the subject): the copy,
    the original, the longest passage, the copy's changes and its family page."""
    original, copy = direction(conn, link.a, link.b)
    family_id, changes = copy_changes(conn, copy)
    family_id = family_id or family_of_article(conn, original)
    passage = longest_passage(conn, link.id)
    copy_article, original_article = brief(conn, copy), brief(conn, original)
    kind = TRANSLATED if link.kind == TRANSLATION else REPUBLISHED
    summary = f"{named(original_article)} {kind} by {named(copy_article)}"
    return Alert(
        key=f"{rule.key}|{subject}",
        rule=rule.key, label=rule.label, kind=kind,
        summary=f"{summary} ({role})" if role else summary,
        copy=copy_article, original=original_article,
        passage=link_passage(conn, passage, link.a, original, copy) if passage else None,
        changes=changes, link_kind=link.kind, family_id=family_id,
        family_url=family_url(context.base_url, family_id, copy),
        details={"link_id": link.id, "role": role} if role else {"link_id": link.id},
        raised_at=context.now, cycle=context.cycle,
    )  # fmt: skip


def _story_alerts(
    conn: sqlite3.Connection, rule: AlertRule, links: list[NewLink], context: Context
) -> list[Alert]:
    tracked = tracked_articles(conn, rule)
    # One alert per article the story reached, however many of its versions that article is
    # linked to.
    return [
        link_alert(conn, rule, link, context, "", f"copy:{link.b if link.a in tracked else link.a}")
        for link in links
        if (link.a in tracked) != (link.b in tracked)
    ]


def _outlet_alerts(
    conn: sqlite3.Connection, rule: AlertRule, links: list[NewLink], context: Context
) -> list[Alert]:
    outlet = resolve_outlet(conn, str(rule.value))
    if outlet is None:
        return []
    found = []
    for link in links:
        if (link.outlet_a == outlet) == (link.outlet_b == outlet):
            continue
        original, _ = direction(conn, link.a, link.b)
        ours = link.a if link.outlet_a == outlet else link.b
        role = "originated by the outlet" if ours == original else "republished by the outlet"
        found.append(link_alert(conn, rule, link, context, role, f"link:{link.a}-{link.b}"))
    return found


def find_link_alerts(conn: sqlite3.Connection, rule: AlertRule, context: Context) -> Found:
    """New copy links a story, URL, text or outlet rule raises alerts for, and its new mark."""
    after, upto = mark(conn, rule.key, LINKS), classified_link_mark(conn)
    if upto <= after:
        return Found()
    links = new_copy_links(conn, after, upto)
    if rule.kind in (STORY, URL, TEXT):
        alerts = _story_alerts(conn, rule, links, context)
    elif rule.kind == OUTLET:
        alerts = _outlet_alerts(conn, rule, links, context)
    else:
        alerts = []
    return Found(alerts, {LINKS: upto})
