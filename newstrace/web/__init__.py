"""The web UI: a Datasette plugin with newstrace's pages (plugin.py) and the hand-over report.

This package is the plugin Datasette loads (its static/ and templates/ sit here), so its
hooks are imported here; the command line imports it only when a web command runs.
"""

from newstrace.web.plugin import asgi_wrapper, menu_links, register_routes, startup

__all__ = ["asgi_wrapper", "menu_links", "register_routes", "startup"]
