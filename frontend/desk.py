"""What the desk shows on every page, read from the public API: its settings, the labels of
its vocabularies (keyed by code) and the French labels of the API's fixed enums."""

from django.conf import settings

from . import api

# The desk's vocabularies in the labels document, and the keys the templates know them by.
VOCABULARIES = {"listingKinds": "listingKind", "healthFacilityKinds": "facilityKind", "aidTypes": "aidType"}


def enum_labels(request):
    """{name: {value: French label}}: the desk's vocabularies by code (listingKind,
    facilityKind, aidType), the fixed enums by value name (read from the schema's
    descriptions); plus listingKindColour {code: palette colour} and facilitySymbol
    {code: map symbol} for the kinds that have one."""
    data = api.execute(request, "labels")
    labels = {
        key: {value["name"]: value["description"] for value in (enum or {}).get("enumValues") or []}
        for key, enum in data.items()
        if key not in VOCABULARIES
    }
    for field, key in VOCABULARIES.items():
        labels[key] = {term["code"]: term["label"] for term in data[field]}
    labels["listingKindColour"] = {term["code"]: term["colour"] for term in data["listingKinds"] if term["colour"]}
    labels["facilitySymbol"] = {term["code"]: term["symbol"] for term in data["healthFacilityKinds"] if term["symbol"]}
    return labels


def facility_symbols(labels):
    """[(symbol, label)] of the care-offer kinds shown on the map, in the desk's order."""
    return [(symbol, labels["facilityKind"].get(code, code)) for code, symbol in labels["facilitySymbol"].items()]


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
