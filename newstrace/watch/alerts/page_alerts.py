"""A page rule: a watched page fetched again and changed (a new PageVersion), with the copies
its earlier version had. `edited = true` raises only for pages others had copied (the
previous version is the parent of some copy); `page = "url"` for every new version of it."""

from __future__ import annotations

import sqlite3

from newstrace.models.alerts import PAGE_EDITED, Alert
from newstrace.models.watch import PageVersion
from newstrace.store.alert_sources import copies_of, family_of_article
from newstrace.store.alerts import mark
from newstrace.store.watch import versions_since
from newstrace.watch.alerts.compose import Context, Found, brief, family_url
from newstrace.watch.alerts.rules import AlertRule

VERSIONS = "versions"


def version_alert(
    conn: sqlite3.Connection, rule: AlertRule, version: PageVersion, copies: list[int],
    context: Context,
) -> Alert:  # fmt: skip
    """The alert for one new version: the page, its previous version, the changes, the copies."""
    family_id = family_of_article(conn, version.previous_article_id)
    first = version.changes[0].detail if version.changes else "changed"
    copied = f" after {len(copies)} cop{'y' if len(copies) == 1 else 'ies'}" if copies else ""
    return Alert(
        key=f"{rule.key}|version:{version.id}", rule=rule.key, label=rule.label,
        kind=PAGE_EDITED, summary=f"{version.url} edited{copied}: {first}",
        copy=brief(conn, version.article_id),
        original=brief(conn, version.previous_article_id), changes=version.changes,
        family_id=family_id,
        family_url=family_url(context.base_url, family_id, version.previous_article_id),
        copies=tuple(brief(conn, copy) for copy in copies),
        details={"version": version.to_json()}, raised_at=context.now, cycle=context.cycle,
    )  # fmt: skip


def find_page_alerts(conn: sqlite3.Connection, rule: AlertRule, context: Context) -> Found:
    """New versions of watched pages a page rule raises alerts for, and its new mark."""
    versions = versions_since(conn, mark(conn, rule.key, VERSIONS))
    if not versions:
        return Found()
    alerts = []
    for version in versions:
        if rule.value is not None and version.url != rule.value:
            continue
        copies = copies_of(conn, version.previous_article_id)
        if rule.value is None and not copies:
            continue
        alerts.append(version_alert(conn, rule, version, copies, context))
    return Found(alerts, {VERSIONS: versions[-1].id})
