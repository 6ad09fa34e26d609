"""Content-Security-Policy for every page, and which article URLs may become links.

newstrace's own pages allow no inline script or style at all. Datasette's own pages carry a few
fixed inline scripts (menus, the SQL editor, the facet switch); they are allowed by their
SHA-256 hashes, so no injected script can run there either.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from importlib.resources import files
from urllib.parse import urlsplit

PLUGIN_PREFIX = "/-/newstrace"
_COMMON = (
    "default-src 'none'; img-src 'self' data:; font-src 'self'; connect-src 'self';"
    " base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
)
# cytoscape injects one fixed stylesheet for its container; it is allowed by its hash alone.
CYTOSCAPE_STYLE_HASH = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"
NEWSTRACE_POLICY = f"{_COMMON}; script-src 'self'; style-src 'self' {CYTOSCAPE_STYLE_HASH}"
EXTRA_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_DATASETTE_INLINE = ("_close_open_menus.html", "_codemirror_foot.html")
_FACET_SWITCH = ("DATASETTE_ALLOW_FACET = true;", "DATASETTE_ALLOW_FACET = false;")


def _sha256(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def datasette_policy() -> str:
    """The policy for Datasette's own pages: scripts from the server and its fixed inline ones."""
    templates = files("datasette") / "templates"
    scripts = list(_FACET_SWITCH)
    for name in _DATASETTE_INLINE:
        scripts += _SCRIPT.findall((templates / name).read_text(encoding="utf-8"))
    hashes = " ".join(_sha256(script) for script in scripts)
    return f"{_COMMON}; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'"


def policy_for(path: str) -> str:
    """The Content-Security-Policy header value for a request path."""
    return NEWSTRACE_POLICY if path.startswith(PLUGIN_PREFIX) else datasette_policy()


def safe_href(url: str | None) -> str | None:
    """The URL when it is a plain http(s) address a reader may follow, else None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return url.strip()
