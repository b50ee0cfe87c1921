"""What the desk shows on every page, read from the public API: its settings and the
French labels of the API's enums."""

from django.conf import settings

from . import api


def enum_labels(request):
    """{enum name: {VALUE: French label}} read from the schema's enum descriptions."""
    data = api.execute(request, "labels")
    return {
        key: {value["name"]: value["description"] for value in (enum or {}).get("enumValues") or []}
        for key, enum in data.items()
    }


def site_settings(request):
    """The desk settings in the shape the templates use (see the ``desk_settings`` tag).

    Without a site (no settings from the API) the maps open on the territory (settings.TERRITORY).
    """
    desk = api.execute(request, "site")["siteSettings"] or {}
    latitude, longitude = settings.TERRITORY["center"]
    return {
        "desk_name": desk.get("deskName", ""),
        "territory_name": desk.get("territoryName", ""),
        "contact_email": desk.get("contactEmail", ""),
        "contact_phone": desk.get("contactPhone", ""),
        "contact_address": desk.get("contactAddress", ""),
        "legal_notice_html": desk.get("legalNoticeHtml", ""),
        "website": desk.get("website", ""),
        "map_center_latitude": desk.get("mapCenterLatitude", latitude),
        "map_center_longitude": desk.get("mapCenterLongitude", longitude),
        "map_zoom": desk.get("mapZoom", settings.TERRITORY["zoom"]),
    }
