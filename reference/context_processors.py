from django.conf import settings


def map_settings(request):
    """The optional tile server, for templates that draw a map."""
    return {"map_tile_url": settings.MAP_TILE_URL, "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION}
