"""Quotation clusters for the web UI: articles that share only what they all quote ("both
quote X"), listed apart from copy families with the speaker when the text names one.

The clusters are the ones `newstrace families --quotations` prints (`reuse.kinds`), grouped
from the stored shared-quotation links once per state of the database file.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from newstrace.models.reuse import QuotationCluster
from newstrace.reuse.kinds import quotation_clusters
from newstrace.store.links import link_outlets
from newstrace.store.queries import article_headings, quotation_links, quoting_articles
from newstrace.web.answers import Answers, database_path
from newstrace.web.lists import page_of

_CLUSTERS: Answers[list[QuotationCluster]] = Answers(4)


def clusters(conn: sqlite3.Connection) -> list[QuotationCluster]:
    """Every quotation cluster, most articles first, read again only once the store changes."""
    path = database_path(conn)
    key = _CLUSTERS.key(path, "clusters") if path else None
    found = _CLUSTERS.get(key) if key else None
    if found is None:
        links = quotation_links(conn)
        found = sorted(
            quotation_clusters(links, link_outlets(conn, links)),
            key=lambda cluster: (-len(cluster.articles), cluster.id),
        )
        if key:
            _CLUSTERS.put(key, found)
    return found


def cluster_of(conn: sqlite3.Connection, article_ids: list[int]) -> list[dict[str, Any]]:
    """The clusters these articles are in (each once), for links from article and family pages;
    every cluster is read only when one of the articles quotes with another."""
    wanted = quoting_articles(conn, article_ids)
    if not wanted:
        return []
    return [
        _row(cluster)
        for cluster in clusters(conn)
        if any(article in wanted for article, _ in cluster.articles)
    ]


def _row(cluster: QuotationCluster) -> dict[str, Any]:
    outlets = {outlet for _, outlet in cluster.articles if outlet}
    return {**cluster.to_json(), "size": len(cluster.articles), "outlets": len(outlets)}


def quotations_page(conn: sqlite3.Connection, speaker: str, page: int) -> dict[str, Any]:
    """A page of the quotation clusters, optionally those quoting one speaker."""
    every = clusters(conn)
    wanted = speaker.strip().lower()
    chosen = [c for c in every if not wanted or wanted in (c.speaker or "").lower()]
    shown, page, pages = page_of(chosen, page)
    return {
        "clusters": [_row(cluster) for cluster in shown], "total": len(chosen),
        "every": len(every), "speaker": speaker, "page": page, "pages": pages,
    }  # fmt: skip


def quotation_page(conn: sqlite3.Connection, cluster_id: int, page: int) -> dict[str, Any] | None:
    """One cluster: its speaker and quotation, and a page of its articles; None when unknown."""
    cluster = next((c for c in clusters(conn) if c.id == cluster_id), None)
    if cluster is None:
        return None
    articles = sorted(cluster.articles)
    shown, page, pages = page_of(articles, page)
    headings = article_headings(conn, [article for article, _ in shown])
    rows = [
        {"article": article, **headings.get(article, {"outlet": outlet})}
        for article, outlet in shown
    ]
    return {"cluster": _row(cluster), "articles": rows, "page": page, "pages": pages}
