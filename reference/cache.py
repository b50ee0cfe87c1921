"""The cached GeoJSON of commune outlines and of the territory's outline, shared by the views
that serve them and the importers that change them.

Communes are shared by the desks of an instance, but each desk shows its own territory's:
the keys name the territory (its département code), so that a desk never serves another's.

It lives apart from views.py so that importers (and anything else that rewrites outlines)
can forget the cached copies without importing the HTTP layer.
"""

from django.conf import settings
from django.core.cache import cache

from .models import Commune

BOUNDARIES_CACHE_SECONDS = 60 * 60
# Holds (content version, outline): see reference/outline.py.
OUTLINE_CACHE_SECONDS = 60 * 60 * 24


def boundaries_cache_key(territory_code):
    return f"reference:commune-boundaries:{territory_code}"


def outline_cache_key(territory_code):
    return f"reference:territory-outline:{territory_code}"


def forget_commune_boundaries():
    """Drop the cached outlines of every territory so that the next request rebuilds them."""
    present = Commune.objects.order_by().values_list("departement_code", flat=True).distinct()
    codes = {settings.TERRITORY["code"], *present}
    cache.delete_many([key for code in codes for key in (boundaries_cache_key(code), outline_cache_key(code))])
