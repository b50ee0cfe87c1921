"""GeoJSON geometry reading shared by the territory's outline (reference/outline.py) and the
maps drawn by the server (frontend/static_map.py)."""


def polygons_of(geometry):
    """The polygons (lists of rings) of a Polygon or MultiPolygon geometry; [] otherwise."""
    if not isinstance(geometry, dict):
        return []
    if geometry.get("type") == "Polygon":
        return [geometry.get("coordinates") or []]
    if geometry.get("type") == "MultiPolygon":
        return geometry.get("coordinates") or []
    return []
