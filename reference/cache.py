"""The cached GeoJSON of commune outlines, shared by the view that serves it and the
importers that change it.

It lives apart from views.py so that importers (and anything else that rewrites outlines)
can forget the cached copy without importing the HTTP layer.
"""

from django.core.cache import cache

BOUNDARIES_CACHE_KEY = "reference:commune-boundaries"
BOUNDARIES_CACHE_SECONDS = 60 * 60


def forget_commune_boundaries():
    """Drop the cached outlines so that the admin map's next request rebuilds them."""
    cache.delete(BOUNDARIES_CACHE_KEY)
