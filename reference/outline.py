"""The territory's outline: the outer boundary of its communes, computed from their outlines.

Every commune ring is oriented the same way (exterior counter-clockwise, holes clockwise,
as RFC 7946 asks), so that an edge shared by two neighbours appears once in each direction:
the two cancel. The edges left are the territory's boundary; they are chained into closed
rings, counter-clockwise ones are outer rings (the mainland, islands) and clockwise ones are
holes (an enclave, such as the Vaucluse's Valréas inside the Drôme), each hole going to the
smallest outer ring around it.

Coordinates are rounded (PRECISION decimals, about 10 cm) before edges are matched: the
neighbours' copies of a shared vertex then meet exactly. The shipped Drôme outlines share
their vertices exactly (topologically simplified): every boundary vertex has exactly one
edge in and one out, with no snapping beyond the rounding.

`outline_of()` is a pure function on GeoJSON geometries; `territory_outline()` is the
stored territory's, cached under the content version, for the interactive map
(/referentiels/contour.geojson). The static map images (frontend/static_map.py) draw the
same border from the commune outlines they read from the API, without computing it.
"""

from collections import defaultdict

from django.core.cache import cache

from core.content_version import content_version
from core.geojson import polygons_of

from .cache import OUTLINE_CACHE_SECONDS, outline_cache_key
from .models import Commune
from .territory import Territory

PRECISION = 6


def signed_area(ring):
    """Twice the signed area of a closed ring (shoelace formula): > 0 when counter-clockwise."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))


def _rounded_ring(ring, precision):
    """The ring's positions rounded, without repeated consecutive positions, closed; or None."""
    points = []
    for position in ring:
        point = (round(position[0], precision), round(position[1], precision))
        if not points or point != points[-1]:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if len(points) < 3:
        return None
    return [*points, points[0]]


def boundary_edges(geometries, precision=PRECISION):
    """The directed edges of the union's boundary: edges that no neighbour runs in reverse."""
    net = defaultdict(int)
    for geometry in geometries:
        for polygon in polygons_of(geometry):
            for index, ring in enumerate(polygon):
                points = _rounded_ring(ring, precision)
                if points is None:
                    continue
                if (index == 0) != (signed_area(points) > 0):
                    points.reverse()
                for start, end in zip(points, points[1:], strict=False):
                    if net.get((end, start), 0) > 0:
                        net[(end, start)] -= 1
                    else:
                        net[(start, end)] += 1
    return [edge for edge, count in sorted(net.items()) for _ in range(count)]


def chain_rings(edges):
    """Closed rings (first position repeated last) from directed edges that balance at every vertex.

    A vertex met twice in one walk (two rings touching at a point) closes the loop there, so
    that every ring returned is simple. An open chain (edges that do not balance, from
    malformed input) is dropped.
    """
    outgoing = defaultdict(list)
    for start, end in edges:
        outgoing[start].append(end)
    for ends in outgoing.values():
        ends.reverse()  # pop() then takes them in sorted order: a deterministic result
    rings = []
    for start in sorted(outgoing):
        while outgoing[start]:
            path, seen = [start], {start: 0}
            while True:
                ends = outgoing.get(path[-1])
                if not ends:
                    break  # an open chain: malformed input
                point = ends.pop()
                if point in seen:
                    loop_start = seen[point]
                    rings.append([*path[loop_start:], point])
                    for dropped in path[loop_start + 1 :]:
                        del seen[dropped]
                    del path[loop_start + 1 :]
                    if len(path) == 1 and not outgoing[path[0]]:
                        break
                    continue
                seen[point] = len(path)
                path.append(point)
    return [ring for ring in rings if len(ring) >= 4]


def point_in_ring(point, ring):
    """Even-odd rule; a point on the ring's edge may fall either way."""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _inside(inner, outer):
    """Whether ring `inner` lies inside ring `outer` (a majority of a few of its vertices)."""
    step = max(1, (len(inner) - 1) // 5)
    samples = inner[:-1:step][:5]
    return sum(point_in_ring(point, outer) for point in samples) * 2 > len(samples)


def assemble(rings):
    """GeoJSON MultiPolygon coordinates: outer rings (counter-clockwise) with their holes."""
    shells = [ring for ring in rings if signed_area(ring) > 0]
    holes = [ring for ring in rings if signed_area(ring) < 0]
    polygons = [[shell] for shell in shells]
    areas = [signed_area(shell) for shell in shells]
    for hole in holes:
        around = [i for i, shell in enumerate(shells) if _inside(hole, shell)]
        if around:
            polygons[min(around, key=areas.__getitem__)].append(hole)
        else:  # inconsistent input: show the ring rather than lose it
            polygons.append([list(reversed(hole))])
    return [[[list(point) for point in ring] for ring in polygon] for polygon in polygons]


def outline_of(geometries, precision=PRECISION):
    """The outer boundary of these Polygon/MultiPolygon geometries, as a GeoJSON MultiPolygon."""
    rings = chain_rings(boundary_edges(geometries, precision))
    return {"type": "MultiPolygon", "coordinates": assemble(rings)}


def outline_stats(outline):
    """(outer rings, holes, vertices) of an outline from outline_of(), for reports and tests."""
    polygons = outline["coordinates"]
    return (
        len(polygons),
        sum(len(polygon) - 1 for polygon in polygons),
        sum(len(ring) - 1 for polygon in polygons for ring in polygon),
    )


def territory_outline(territory=None):
    """The outline of ``territory`` (a reference.territory.Territory; the default desk's when
    None) as a GeoJSON Feature, from its communes, cached under the content version.

    The key names the territory's code and the value records its version, so that importers
    (which write outlines without signals) can forget it (reference/cache.py) as well. Only
    the geometry is cached: two desks on one département (a health desk and a veterinary one)
    share it, each under its own territory name.
    """
    territory = territory or Territory.from_settings()
    key = outline_cache_key(territory.code)
    version = content_version()
    stored = cache.get(key)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == version:
        geometry = stored[1]
    else:
        boundaries = (
            Commune.objects.filter(departement_code=territory.code)
            .exclude(boundary=None)
            .order_by("pk")
            .values_list("boundary", flat=True)
        )
        outline = outline_of(boundaries.iterator(chunk_size=500))
        geometry = outline if outline["coordinates"] else None
        cache.set(key, (version, geometry), OUTLINE_CACHE_SECONDS)
    return {"type": "Feature", "geometry": geometry, "properties": {"code": territory.code, "nom": territory.name}}
