"""The hand-over report: one self-contained HTML page about a copy family, to attach to a story.

Styles and data are inline, nothing is fetched (its own Content-Security-Policy forbids every
request and every script), and all article text is escaped by Jinja's autoescape.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from newstrace.web.family_view import family_report_data

REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("newstrace.web", "templates"),
        autoescape=select_autoescape(["html"]),
    )


def _stylesheet() -> Markup:
    # The project's own stylesheet, not article text: safe to inline as it is.
    css = (files("newstrace.web") / "static" / "newstrace.css").read_text(encoding="utf-8")
    return Markup(css.replace("</", "<\\/"))


def family_html(conn: sqlite3.Connection, family_id: int) -> str | None:
    """The family's timeline, origin evidence and every copy's diff as one HTML page, or None."""
    page = family_report_data(conn, family_id)
    if page is None:
        return None
    template = _environment().get_template("newstrace/report.html")
    return template.render(
        page=page,
        css=_stylesheet(),
        policy=REPORT_POLICY,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        prefix="",
        **page,
    )
