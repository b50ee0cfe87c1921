from django.core.cache import cache
from django.http import JsonResponse

from .cache import BOUNDARIES_CACHE_KEY, BOUNDARIES_CACHE_SECONDS
from .models import Commune


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
