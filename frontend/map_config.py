"""The configuration static_src/js/map.js reads from the page (json_script "map-config")."""

from django.conf import settings
from django.urls import reverse

from . import api
from .desk import site_settings

# The documents static_src/js/map.js sends by hash (frontend/queries/<name>.graphql).
MAP_DOCUMENTS = ["map_communes", "map_listings", "map_facilities"]


def map_config(request, desk=None):
    """What map.js needs: tile layer (optional), initial view (always given), API endpoint,
    the territory's outline (reference/outline.py)."""
    desk = desk or site_settings(request)
    return {
        "tileUrl": settings.MAP_TILE_URL,
        "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
        "center": [desk["map_center_latitude"], desk["map_center_longitude"]],
        "zoom": desk["map_zoom"],
        "graphqlUrl": reverse("graphql"),
        "outlineUrl": reverse("reference:territory_outline"),
        "documents": {name: api.persisted_id(name) for name in MAP_DOCUMENTS},
    }
