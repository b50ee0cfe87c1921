"""Where a point lies relative to a commune: inside its outline, and the frame to show it in.

Pure geometry on the GeoJSON outline stored in ``Commune.boundary`` (WGS84 Polygon or
MultiPolygon): ray casting in longitude/latitude degrees, exact enough at a commune's scale
and with no GIS library. The listing forms refuse a position outside the chosen commune with
``commune_contains``; the location pickers centre their map with ``commune_frame``.
"""

from dataclasses import dataclass

from core.geojson import polygons_of


def _ring_contains(ring, longitude, latitude):
    """Even-odd ray casting: does a ray going east from the point cross the ring an odd number of times?"""
    inside = False
    previous = ring[-1]
    for current in ring:
        x1, y1 = previous[0], previous[1]
        x2, y2 = current[0], current[1]
        if (y1 > latitude) != (y2 > latitude):
            crossing = x1 + (latitude - y1) * (x2 - x1) / (y2 - y1)
            if longitude < crossing:
                inside = not inside
        previous = current
    return inside


def polygon_contains(polygon, longitude, latitude):
    """Inside the outer ring and in none of the holes."""
    if not polygon or not polygon[0]:
        return False
    outer, *holes = polygon
    return _ring_contains(outer, longitude, latitude) and not any(
        _ring_contains(hole, longitude, latitude) for hole in holes if hole
    )


def geometry_contains(geometry, latitude, longitude):
    """True/False for a Polygon or MultiPolygon geometry; None when it holds no polygon."""
    polygons = polygons_of(geometry)
    if not polygons:
        return None
    return any(polygon_contains(polygon, longitude, latitude) for polygon in polygons)


def commune_contains(commune, latitude, longitude) -> bool | None:
    """Whether the point lies inside the commune's outline; None when the commune has none
    (then nothing can be said, and the caller should not refuse the point)."""
    if latitude is None or longitude is None:
        return None
    return geometry_contains(commune.boundary, float(latitude), float(longitude))


@dataclass(frozen=True)
class CommuneFrame:
    """What a map needs to show a commune: its centre (lat, lon) and bbox (west, south, east, north)."""

    code: str
    name: str
    centre: tuple | None
    bbox: tuple | None

    def as_json(self):
        return {
            "code": self.code,
            "name": self.name,
            "centre": list(self.centre) if self.centre else None,
            "bbox": list(self.bbox) if self.bbox else None,
        }


def geometry_bbox(geometry):
    """(west, south, east, north) of the outer rings, or None."""
    positions = [position for polygon in polygons_of(geometry) if polygon for position in polygon[0]]
    if not positions:
        return None
    longitudes = [position[0] for position in positions]
    latitudes = [position[1] for position in positions]
    return min(longitudes), min(latitudes), max(longitudes), max(latitudes)


def commune_frame(commune):
    """The commune's centre (its stored centroid, else its box's middle) and bounding box."""
    bbox = geometry_bbox(commune.boundary)
    if commune.centroid_latitude is not None and commune.centroid_longitude is not None:
        centre = (commune.centroid_latitude, commune.centroid_longitude)
    elif bbox:
        centre = ((bbox[1] + bbox[3]) / 2, (bbox[0] + bbox[2]) / 2)
    else:
        centre = None
    return CommuneFrame(code=commune.insee_code, name=commune.name, centre=centre, bbox=bbox)
