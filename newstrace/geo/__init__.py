"""Places: a GeoNames gazetteer, toponym recognition and context-aware resolution.

Example:
    >>> from newstrace.geo import default_geocoder
    >>> places = default_geocoder().resolve("Shelling hit villages near Saraqib in Idlib.")
"""

from __future__ import annotations

from functools import cache

from newstrace.geo.geocoder import Geocoder
from newstrace.models.places import Place


@cache
def default_geocoder() -> Geocoder:
    """The shared geocoder; the gazetteer and spaCy load on first use."""
    return Geocoder()


__all__ = ["Geocoder", "Place", "default_geocoder"]
