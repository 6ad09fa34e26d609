"""Shared fixtures of the geo tests: one geocoder for the whole session (it loads seconds of data)."""

from __future__ import annotations

import pytest

from newstrace.geo import Geocoder, default_geocoder


@pytest.fixture(scope="session")
def geocoder() -> Geocoder:
    """The default geocoder, its gazetteer loaded once."""
    return default_geocoder()
