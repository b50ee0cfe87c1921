from django.core.cache import cache
from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from .cache import BOUNDARIES_CACHE_SECONDS, boundaries_cache_key
from .desk_territories import request_territory
from .geocoding import SearchParameterError, parse_search_parameters, search_addresses
from .models import Commune
from .outline import territory_outline
from .places import commune_frame

# Browsers and proxies may keep the territory's outline this long (it changes with imports).
OUTLINE_MAX_AGE = 60 * 60
# Address answers change only with an import: browsers may keep them a little.
ADDRESS_SEARCH_MAX_AGE = 60


def commune_boundaries(request):
    """The outlines of the communes of the request's desk's territory as GeoJSON: the admin
    map's background when no tile server is configured."""
    territory = request_territory(request)
    key = boundaries_cache_key(territory.code)
    collection = cache.get(key)
    if collection is None:
        communes = Commune.objects.filter(departement_code=territory.code).exclude(boundary=None)
        features = [
            {"type": "Feature", "geometry": boundary, "properties": {"code": code, "nom": name}}
            for code, name, boundary in communes.values_list("insee_code", "name", "boundary")
        ]
        collection = {"type": "FeatureCollection", "features": features}
        cache.set(key, collection, BOUNDARIES_CACHE_SECONDS)
    return JsonResponse(collection)


def territory_outline_view(request):
    """The outline of the request's desk's territory (a GeoJSON Feature, MultiPolygon) computed
    from its communes: the département's border on the public maps."""
    response = JsonResponse(territory_outline(request_territory(request)), content_type="application/geo+json")
    patch_cache_control(response, public=True, max_age=OUTLINE_MAX_AGE)
    return response


@require_GET
def address_search(request):
    """The location pickers' address search: {"results": [{label, latitude, longitude,
    commune_code, commune, kind}]}, or 400 {"error": "…"} for bad parameters."""
    try:
        query, commune, limit = parse_search_parameters(request.GET)
    except SearchParameterError as error:
        return JsonResponse({"error": str(error)}, status=400)
    matches = search_addresses(query, commune=commune, limit=limit, territory=request_territory(request))
    response = JsonResponse({"results": [match.as_json() for match in matches]})
    patch_cache_control(response, public=True, max_age=ADDRESS_SEARCH_MAX_AGE)
    return response


@require_GET
def commune_frame_view(request, insee_code):
    """A commune's centre [lat, lon] and box [west, south, east, north], to centre a picker on it.
    ``insee_code`` is an INSEE code in capitals (the URL's converter, reference/urls.py)."""
    commune = (
        Commune.objects.filter(insee_code=insee_code)
        .only("insee_code", "name", "boundary", "centroid_latitude", "centroid_longitude")
        .first()
    )
    if commune is None:
        return JsonResponse({"error": f"Commune « {insee_code} » inconnue."}, status=404)
    response = JsonResponse(commune_frame(commune).as_json())
    patch_cache_control(response, public=True, max_age=OUTLINE_MAX_AGE)
    return response
