from django.core.cache import cache
from django.http import JsonResponse
from django.utils.cache import patch_cache_control

from .cache import BOUNDARIES_CACHE_KEY, BOUNDARIES_CACHE_SECONDS
from .models import Commune
from .outline import territory_outline

# Browsers and proxies may keep the territory's outline this long (it changes with imports).
OUTLINE_MAX_AGE = 60 * 60


def commune_boundaries(request):
    """The territory's commune outlines as GeoJSON: the admin map's background when no
    tile server is configured."""
    collection = cache.get(BOUNDARIES_CACHE_KEY)
    if collection is None:
        features = [
            {"type": "Feature", "geometry": boundary, "properties": {"code": code, "nom": name}}
            for code, name, boundary in Commune.objects.exclude(boundary=None).values_list(
                "insee_code", "name", "boundary"
            )
        ]
        collection = {"type": "FeatureCollection", "features": features}
        cache.set(BOUNDARIES_CACHE_KEY, collection, BOUNDARIES_CACHE_SECONDS)
    return JsonResponse(collection)


def territory_outline_view(request):
    """The territory's outline (a GeoJSON Feature, MultiPolygon) computed from its communes:
    the département's border on the public maps."""
    response = JsonResponse(territory_outline(), content_type="application/geo+json")
    patch_cache_control(response, public=True, max_age=OUTLINE_MAX_AGE)
    return response
