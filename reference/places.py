"""Where a point lies relative to a commune: inside its outline, and the frame to show it in.

Pure geometry on the GeoJSON outline stored in ``Commune.boundary`` (WGS84 Polygon or
MultiPolygon): ray casting in longitude/latitude degrees, exact enough at a commune's scale
and with no GIS library. The listing forms refuse a position outside the chosen commune with
``commune_contains`` (with a tolerance: the outlines date from 2018, the communes from 2026);
the location pickers centre their map with ``commune_frame``.
"""

import math
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


# Metres per degree for the equirectangular projection (longitude: at the equator, times
# the cosine of the latitude). Enough for a few hundred metres around a commune's border.
METRES_PER_DEGREE_LONGITUDE = 111_320
METRES_PER_DEGREE_LATITUDE = 110_574


def _segment_distance(px, py, ax, ay, bx, by):
    """Distance from the point P to the segment AB (plane coordinates)."""
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def outline_distance_m(geometry, latitude, longitude):
    """Metres from the point to the nearest edge of the outline (outer rings and holes),
    projected around the point's latitude; None when the geometry holds no polygon."""
    rings = [ring for polygon in polygons_of(geometry) for ring in polygon if ring]
    if not rings:
        return None
    kx = math.cos(math.radians(latitude)) * METRES_PER_DEGREE_LONGITUDE
    ky = METRES_PER_DEGREE_LATITUDE
    px, py = longitude * kx, latitude * ky
    nearest = math.inf
    for ring in rings:
        previous = ring[-1]
        for current in ring:
            nearest = min(
                nearest,
                _segment_distance(px, py, previous[0] * kx, previous[1] * ky, current[0] * kx, current[1] * ky),
            )
            previous = current
    return nearest


def commune_contains(commune, latitude, longitude, tolerance_m=0) -> bool | None:
    """Whether the point lies inside the commune's outline, or less than ``tolerance_m``
    metres outside it (outlines of 2018 against communes of 2026: a border that moved, a
    point placed right on it); None when the commune has no outline (then nothing can be
    said, and the caller should not refuse the point)."""
    if latitude is None or longitude is None:
        return None
    latitude, longitude = float(latitude), float(longitude)
    inside = geometry_contains(commune.boundary, latitude, longitude)
    if inside is not False or tolerance_m <= 0:
        return inside
    return outline_distance_m(commune.boundary, latitude, longitude) <= tolerance_m


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
