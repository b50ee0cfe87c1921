"""Commune outlines: checking a GeoJSON Polygon/MultiPolygon and computing its centre.

Pure functions on GeoJSON dictionaries (no database): the GeoJSON import refuses a
malformed outline with a French reason naming the polygon, ring and position, and stores
each commune's centre computed here.
"""

import json
import math

SUPPORTED_GEOMETRIES = ("Polygon", "MultiPolygon")


class InvalidGeometry(Exception):
    """A geometry problem, described in French without the feature's label."""


def validate_geometry(geometry):
    """Check a Polygon/MultiPolygon geometry; return its centre as (latitude, longitude)."""
    if geometry is None:
        raise InvalidGeometry("géométrie absente (« geometry » vide).")
    if not isinstance(geometry, dict):
        raise InvalidGeometry("géométrie illisible (un objet GeoJSON est attendu).")
    kind = geometry.get("type")
    if kind not in SUPPORTED_GEOMETRIES:
        raise InvalidGeometry(
            f"type de géométrie « {kind} » non pris en charge : seuls Polygon et MultiPolygon décrivent un "
            "contour de commune."
        )
    coordinates = geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [coordinates]
        _check_list(coordinates, "anneaux du polygone")
    else:
        _check_list(coordinates, "polygones du MultiPolygon")
        polygons = coordinates
    for polygon_number, polygon in enumerate(polygons, start=1):
        where = f"polygone {polygon_number}" if kind == "MultiPolygon" else "polygone"
        _check_list(polygon, f"anneaux du {where}")
        for ring_number, ring in enumerate(polygon, start=1):
            _check_ring(ring, f"{where}, anneau {ring_number}")
    return compute_centroid(geometry)


def _check_list(value, what):
    if not isinstance(value, list) or not value:
        raise InvalidGeometry(f"coordonnées mal formées ({what}) : une liste non vide est attendue.")


def _check_ring(ring, where):
    if not isinstance(ring, list) or len(ring) < 4:
        count = len(ring) if isinstance(ring, list) else 0
        raise InvalidGeometry(
            f"coordonnées mal formées ({where}) : un anneau doit compter au moins 4 positions, {count} trouvée(s)."
        )
    for position_number, position in enumerate(ring, start=1):
        place = f"{where}, position {position_number}"
        if not isinstance(position, list) or len(position) < 2:
            raise InvalidGeometry(f"coordonnées mal formées ({place}) : une paire [longitude, latitude] est attendue.")
        longitude, latitude = position[0], position[1]
        for label, value, bound in (("longitude", longitude, 180), ("latitude", latitude, 90)):
            if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
                raise InvalidGeometry(
                    f"coordonnées mal formées ({place}) : la {label} {_json_text(value)} n'est pas un nombre."
                )
            if not -bound <= value <= bound:
                raise InvalidGeometry(
                    f"coordonnées invalides ({place}) : la {label} {value} est hors de l'intervalle "
                    f"[-{bound}, {bound}] (les coordonnées doivent être en WGS84)."
                )


def _json_text(value):
    """A value as written in the file (NaN, "4.95", null...), for error messages."""
    try:
        return json.dumps(value, ensure_ascii=False)[:40]
    except (TypeError, ValueError):
        return repr(value)[:40]


def _ring_moments(ring, origin):
    """Signed area and first moments of a ring (shoelace), relative to origin for precision."""
    x0, y0 = origin
    points = [(p[0] - x0, p[1] - y0) for p in ring]
    if points[0] != points[-1]:
        points.append(points[0])
    area = moment_x = moment_y = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        cross = x1 * y2 - x2 * y1
        area += cross
        moment_x += (x1 + x2) * cross
        moment_y += (y1 + y2) * cross
    area /= 2
    # Orientation-independent: the outer ring adds, holes subtract whatever their winding.
    sign = 1 if area >= 0 else -1
    return sign * area, sign * moment_x / 6, sign * moment_y / 6


def compute_centroid(geometry):
    """Area-weighted centre of a Polygon or MultiPolygon, as (latitude, longitude).

    Planar shoelace formula on longitude/latitude degrees: exact enough for a commune, and
    the centroid of an affine image is the image of the centroid. Holes are subtracted;
    a degenerate (zero-area) outline falls back to the mean of its outer vertices.
    """
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    origin = (polygons[0][0][0][0], polygons[0][0][0][1])
    total_area = total_x = total_y = 0.0
    for polygon in polygons:
        outer_area, outer_x, outer_y = _ring_moments(polygon[0], origin)
        area, moment_x, moment_y = outer_area, outer_x, outer_y
        for hole in polygon[1:]:
            hole_area, hole_x, hole_y = _ring_moments(hole, origin)
            area, moment_x, moment_y = area - hole_area, moment_x - hole_x, moment_y - hole_y
        if area <= 0:  # A hole at least as large as its ring: not simple, keep the outer ring only.
            area, moment_x, moment_y = outer_area, outer_x, outer_y
        total_area, total_x, total_y = total_area + area, total_x + moment_x, total_y + moment_y
    if total_area > 0:
        return origin[1] + total_y / total_area, origin[0] + total_x / total_area
    vertices = [position for polygon in polygons for position in polygon[0]]
    return (
        sum(p[1] for p in vertices) / len(vertices),
        sum(p[0] for p in vertices) / len(vertices),
    )
