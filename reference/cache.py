"""The cached GeoJSON of commune outlines and of the territory's outline, shared by the views
that serve them and the importers that change them.

It lives apart from views.py so that importers (and anything else that rewrites outlines)
can forget the cached copies without importing the HTTP layer.
"""

from django.core.cache import cache

BOUNDARIES_CACHE_KEY = "reference:commune-boundaries"
BOUNDARIES_CACHE_SECONDS = 60 * 60
# Holds (content version, outline): see reference/outline.py.
OUTLINE_CACHE_KEY = "reference:territory-outline"
OUTLINE_CACHE_SECONDS = 60 * 60 * 24


def forget_commune_boundaries():
    """Drop the cached outlines so that the next request rebuilds them."""
    cache.delete_many([BOUNDARIES_CACHE_KEY, OUTLINE_CACHE_KEY])
