"""French labels and small presentation helpers for what the API returns."""

import math
import unicodedata

from django.conf import settings as django_settings
from django.urls import reverse

from . import api


def labels(request):
    """{enum name: {VALUE: French label}} read from the schema's enum descriptions."""
    data = api.execute(request, "labels")
    return {
        key: {value["name"]: value["description"] for value in (enum or {}).get("enumValues") or []}
        for key, enum in data.items()
    }


def site(request):
    """The desk settings in the shape the templates use (see the ``desk_settings`` tag)."""
    settings = api.execute(request, "site")["siteSettings"] or {}
    return {
        "desk_name": settings.get("deskName", ""),
        "territory_name": settings.get("territoryName", ""),
        "contact_email": settings.get("contactEmail", ""),
        "contact_phone": settings.get("contactPhone", ""),
        "contact_address": settings.get("contactAddress", ""),
        "legal_notice_html": settings.get("legalNoticeHtml", ""),
        "website": settings.get("website", ""),
        "map_center_latitude": settings.get("mapCenterLatitude", 44.73),
        "map_center_longitude": settings.get("mapCenterLongitude", 5.05),
        "map_zoom": settings.get("mapZoom", 9),
    }


def fold(text):
    """Lower case without accents, hyphens or apostrophes: 'Saint-Jean' == 'saint jean'."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    for char in "-'’":
        text = text.replace(char, " ")
    return " ".join(text.split())


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in kilometres."""
    if None in (lat1, lon1, lat2, lon2):
        return None
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def euros(value):
    """1234.5 -> '1 235 €' (French thousands separator)."""
    if value is None:
        return ""
    return f"{round(value):,}".replace(",", "\u202f") + "\u00a0€"


# The documents static_src/js/map.js sends by hash (frontend/queries/<name>.graphql).
MAP_DOCUMENTS = ["map_communes", "map_listings", "map_facilities"]


def map_config(request, desk=None):
    """What static_src/js/map.js needs: tile layer (optional), initial view, API endpoint."""
    desk = desk or site(request)
    return {
        "tileUrl": getattr(django_settings, "MAP_TILE_URL", ""),
        "tileAttribution": getattr(django_settings, "MAP_TILE_ATTRIBUTION", ""),
        "center": [desk["map_center_latitude"], desk["map_center_longitude"]],
        "zoom": desk["map_zoom"],
        "graphqlUrl": reverse("graphql"),
        "documents": {name: api.persisted_id(name) for name in MAP_DOCUMENTS},
    }
