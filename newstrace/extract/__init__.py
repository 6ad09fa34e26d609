"""Extraction: pages, dumps, records and feed entries into articles (see dispatch.extract)."""
