"""Map images drawn by the server (SVG): what a visitor without JavaScript sees of a map.

Pure functions on what the API returns (communes with their GeoJSON outlines, points); the
views in frontend/views/static_maps.py read the API and cache the result. Communes are
tinted by their number of opportunities with the interactive map's classes and colours
(static_src/js/map.js), inside the territory's border, then come the selected commune, a
radius, care places, a few names and the listings.

The border needs no computation: every commune is first drawn with a thick dark stroke, then
filled over. Between two communes the fills hide that stroke on both sides; only along the
territory's edge (mainland, islands, enclaves such as Valréas) does its outer half stay
visible. The same paths are used twice (`<use>`), so it costs a few bytes. (The border as
data is reference/outline.py, served at /referentiels/contour.geojson; the public site
reads the API only.)

The image is self-contained: presentation attributes only (no style sheet), no link, no
script, no font to fetch (the system's sans-serif), every text XML-escaped. Longitude is
scaled by the cosine of the middle latitude (an equirectangular projection, as the API's
distances); positions are rounded to half a unit and a point closer than a unit to the
last one kept is dropped: the whole Drôme (367 communes) weighs about 130 kB, 30 kB gzipped.
"""

import math
import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from core.geojson import polygons_of

# Longest side of the image, in SVG units (pixels at natural size).
SIZE = 800
# Share of the framed span added on each side.
MARGIN = 0.03
# The smallest span framed (degrees): a single point still gets its surroundings.
MIN_SPAN = 0.02
# Positions are written in halves of a unit (QUANTUM 2; 10 would write tenths); points
# closer than MIN_STEP units to the last one kept are dropped.
QUANTUM = 2
MIN_STEP = 1.0

# The interactive map's classes and colours (static_src/js/map.js: countClass, COMMUNE_FILL).
COUNT_CLASSES = (0, 1, 2, 4)
COUNT_FILLS = {0: "#f4f1ea", 1: "#b7ded6", 2: "#5eb1a3", 4: "#1b6f62"}
COUNT_STROKES = {0: "#a39d8f", 1: "#17564c", 2: "#17564c", 4: "#17564c"}
COUNT_STROKE_WIDTHS = {0: ".5", 1: "1", 2: "1", 4: "1"}
OUTLINE_COLOUR = "#0b2e4f"
# Visible width of the territory's border (units): half of the stroke drawn under the communes.
BORDER_WIDTH = 2
SELECTED_COLOUR = "#0b2e4f"
PIN_COLOUR = "#a3340f"
# The listing kinds' palette (reference.vocabularies.Colour), as static_src/css/site.css draws
# the interactive map's pins: the same colours with or without JavaScript.
PIN_PALETTE = {
    "blue": "#1f5fae",
    "green": "#17664c",
    "orange": "#b45309",
    "purple": "#6b3fa0",
    "red": "#a3340f",
    "teal": "#0f6e78",
    "brown": "#7a4a22",
    "grey": "#555f69",
}
LABEL_COLOUR = "#0b2e4f"
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
FONT_SIZE = 14
# Room kept between two names (units): crowded names are left out.
LABEL_SPACING = 12
KM_PER_DEGREE_LATITUDE = 110.574

# Characters XML 1.0 does not allow, even escaped.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def count_class(count):
    """The map's class of a number of opportunities: 0, 1, 2 (2–3) or 4 (4 and more)."""
    if count >= 4:
        return 4
    if count >= 2:
        return 2
    return 1 if count >= 1 else 0


def xml_text(value):
    """Text safe inside an element or a double-quoted attribute."""
    return escape(NOT_XML.sub("", str(value)), {'"': "&quot;"})


def geometry_bounds(geometries):
    """(min lon, min lat, max lon, max lat) of Polygon/MultiPolygon geometries, or None."""
    longitudes, latitudes = [], []
    for geometry in geometries:
        for polygon in polygons_of(geometry):
            for ring in polygon[:1]:  # holes are inside their exterior
                longitudes.extend(position[0] for position in ring)
                latitudes.extend(position[1] for position in ring)
    if not longitudes:
        return None
    return min(longitudes), min(latitudes), max(longitudes), max(latitudes)


def union_bounds(*bounds):
    present = [b for b in bounds if b is not None]
    if not present:
        return None
    return (
        min(b[0] for b in present),
        min(b[1] for b in present),
        max(b[2] for b in present),
        max(b[3] for b in present),
    )


def point_bounds(latitude, longitude):
    if latitude is None or longitude is None:
        return None
    return longitude, latitude, longitude, latitude


def expand(bounds, fraction, min_span=MIN_SPAN):
    """Bounds grown by `fraction` of their span on each side (spans at least `min_span`)."""
    min_lon, min_lat, max_lon, max_lat = bounds
    half_lon = max(max_lon - min_lon, min_span) * (0.5 + fraction)
    half_lat = max(max_lat - min_lat, min_span) * (0.5 + fraction)
    mid_lon, mid_lat = (min_lon + max_lon) / 2, (min_lat + max_lat) / 2
    return mid_lon - half_lon, mid_lat - half_lat, mid_lon + half_lon, mid_lat + half_lat


def intersects(a, b):
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


class Projection:
    """Longitude and latitude to SVG units: equirectangular around the frame's middle latitude.

    With `aspect` (width / height), the frame grows around its centre to that shape, so that
    images of one kind all have the same size.
    """

    def __init__(self, bounds, *, size=SIZE, aspect=None):
        min_lon, min_lat, max_lon, max_lat = bounds
        self.k = math.cos(math.radians((min_lat + max_lat) / 2))
        width, height = max((max_lon - min_lon) * self.k, 1e-9), max(max_lat - min_lat, 1e-9)
        if aspect:
            if width / height < aspect:
                extra = (height * aspect - width) / self.k / 2
                min_lon, max_lon = min_lon - extra, max_lon + extra
                width = height * aspect
            else:
                extra = (width / aspect - height) / 2
                min_lat, max_lat = min_lat - extra, max_lat + extra
                height = width / aspect
        self.bounds = (min_lon, min_lat, max_lon, max_lat)
        self.scale = size / max(width, height)
        self.width = max(1, round(width * self.scale))
        self.height = max(1, round(height * self.scale))

    def __call__(self, longitude, latitude):
        min_lon, _, _, max_lat = self.bounds
        return (longitude - min_lon) * self.k * self.scale, (max_lat - latitude) * self.scale

    def km(self, distance):
        return distance / KM_PER_DEGREE_LATITUDE * self.scale


def number(quanta):
    """A position in quanta written short (QUANTUM 2): 3 → '1.5', -1 → '-.5', 4 → '2'."""
    if quanta % QUANTUM == 0:
        return str(quanta // QUANTUM)
    text = f"{quanta / QUANTUM:.1f}"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def join_numbers(values):
    """Numbers for a path: a minus sign separates them by itself."""
    parts = []
    for value in values:
        text = number(value)
        if parts and not text.startswith("-"):
            parts.append(" ")
        parts.append(text)
    return "".join(parts)


def quantised(points, project, *, closed):
    """Projected points in quanta, without those closer than MIN_STEP to the last kept."""
    step = MIN_STEP * QUANTUM
    kept = []
    for longitude, latitude, *_ in points:
        x, y = project(longitude, latitude)
        point = (round(x * QUANTUM), round(y * QUANTUM))
        if kept and abs(point[0] - kept[-1][0]) < step and abs(point[1] - kept[-1][1]) < step:
            continue
        kept.append(point)
    if closed and len(kept) > 1 and abs(kept[-1][0] - kept[0][0]) < step and abs(kept[-1][1] - kept[0][1]) < step:
        kept.pop()
    return kept


def subpath(points, *, closed):
    """'M x y l dx dy … z' for quantised points."""
    (x0, y0), deltas = points[0], []
    for (xa, ya), (xb, yb) in zip(points, points[1:], strict=False):
        deltas.extend((xb - xa, yb - ya))
    return f"M{join_numbers((x0, y0))}l{join_numbers(deltas)}{'z' if closed else ''}"


def geometry_path(geometry, project):
    """The SVG path data of a Polygon/MultiPolygon (rings smaller than a unit are left out)."""
    parts = []
    for polygon in polygons_of(geometry):
        for ring in polygon:
            points = quantised(ring, project, closed=True)
            if len(points) >= 3:
                parts.append(subpath(points, closed=True))
    return "".join(parts)


@dataclass
class MapPoint:
    latitude: float
    longitude: float
    colour: str = ""  # a PIN_PALETTE name, for listings whose kind has one


@dataclass
class StaticMap:
    """What one image shows. `communes` are the API's commune dicts (inseeCode, name,
    boundary, centroidLatitude, centroidLongitude, population); `counts` {inseeCode: n}."""

    title: str
    communes: list
    counts: dict
    border: bool = True  # the territory's edge
    bounds: tuple | None = None  # framed area; default: every commune
    aspect: float | None = None  # width / height; default: the framed area's
    selected: str | None = None  # INSEE code
    radius_km: float | None = None  # around the selected commune's centre
    listings: list = field(default_factory=list)  # MapPoint
    facilities: list = field(default_factory=list)  # MapPoint
    labels: int = 7  # names shown besides the selected commune's (largest populations first)
    # Size of names and marks: a map shown small in its page (a commune's, a listing's) is
    # drawn at 800 px and scaled down about three times on a phone, so it needs larger ones.
    scale: float = 1.0
    description: str = ""


def render(spec):
    """The SVG document (a string) of a StaticMap."""
    bounds = spec.bounds
    if bounds is None:
        drawn = geometry_bounds(c.get("boundary") for c in spec.communes) or union_bounds(
            *(point_bounds(p.latitude, p.longitude) for p in spec.listings)
        )
        bounds = expand(drawn or (0, 0, 0, 0), MARGIN)
    project = Projection(bounds, aspect=spec.aspect)
    width, height = project.width, project.height
    view = (-width * 0.1, -height * 0.1, width * 1.1, height * 1.1)
    frame = expand(project.bounds, 0.05, min_span=0)

    by_class = {klass: [] for klass in COUNT_CLASSES}
    selected = None
    shown = []
    for commune in spec.communes:
        geometry = commune.get("boundary")
        commune_bounds = geometry_bounds([geometry])
        if commune_bounds is None or not intersects(commune_bounds, frame):
            continue
        path = geometry_path(geometry, project)
        if not path:
            continue
        shown.append(commune)
        klass = count_class(spec.counts.get(commune["inseeCode"], 0))
        if commune["inseeCode"] == spec.selected:
            selected = (path, klass, commune)
        else:
            by_class[klass].append(path)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'role="img" aria-labelledby="map-title">',
        f'<title id="map-title">{xml_text(spec.title)}</title>',
    ]
    if spec.description:
        out.append(f"<desc>{xml_text(spec.description)}</desc>")
    groups = [(f"communes-{klass}", by_class[klass]) for klass in COUNT_CLASSES if by_class[klass]]
    if selected:
        groups.append(("selected-commune", [selected[0]]))
    out.append("<defs>")
    for name, paths in groups:
        out.append(f'<g id="{name}">')
        out.extend(f'<path d="{path}"/>' for path in paths)
        out.append("</g>")
    out.append("</defs>")
    out.append('<g fill-rule="evenodd" stroke-linejoin="round">')
    if spec.border and groups:
        uses = "".join(f'<use href="#{name}"/>' for name, _ in groups)
        out.append(
            f'<g class="outline" fill="none" stroke="{OUTLINE_COLOUR}" stroke-width="{2 * BORDER_WIDTH}">{uses}</g>'
        )
    for klass in COUNT_CLASSES:
        if by_class[klass]:
            out.append(
                f'<g class="communes count-{klass}" fill="{COUNT_FILLS[klass]}" stroke="{COUNT_STROKES[klass]}" '
                f'stroke-width="{COUNT_STROKE_WIDTHS[klass]}"><use href="#communes-{klass}"/></g>'
            )
    if selected:
        klass = selected[1]
        out.append(
            f'<g class="selected count-{klass}" fill="{COUNT_FILLS[klass]}" stroke="{SELECTED_COLOUR}" '
            'stroke-width="3"><use href="#selected-commune"/></g>'
        )
    out.append("</g>")
    out.extend(radius_circle(spec, project))
    out.extend(facility_marks(spec.facilities, project, view, spec.scale))
    out.extend(name_labels(spec, shown, project))
    out.extend(listing_pins(spec.listings, project, view, spec.scale))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def selected_commune(spec):
    return next((c for c in spec.communes if c["inseeCode"] == spec.selected), None) if spec.selected else None


def radius_circle(spec, project):
    commune = selected_commune(spec)
    if not (spec.radius_km and commune and commune.get("centroidLatitude") is not None):
        return []
    x, y = project(commune["centroidLongitude"], commune["centroidLatitude"])
    return [
        f'<circle class="radius" cx="{x:.1f}" cy="{y:.1f}" r="{project.km(spec.radius_km):.1f}" fill="none" '
        f'stroke="{SELECTED_COLOUR}" stroke-width="2" stroke-dasharray="6 6"/>'
    ]


def visible_positions(points, project, view):
    """Projected positions inside the view, each once (one mark per place)."""
    left, top, right, bottom = view
    seen, positions = set(), []
    for point in points:
        if point.latitude is None or point.longitude is None:
            continue
        x, y = project(point.longitude, point.latitude)
        key = (round(x, 1), round(y, 1))
        if left <= x <= right and top <= y <= bottom and key not in seen:
            seen.add(key)
            positions.append(key)
    return positions


def facility_marks(points, project, view, scale=1.0):
    positions = visible_positions(points, project, view)
    if not positions:
        return []
    half, side = 4 * scale, 8 * scale
    marks = "".join(
        f'<rect x="{x - half:.1f}" y="{y - half:.1f}" width="{side:g}" height="{side:g}"/>' for x, y in positions
    )
    return [f'<g class="facilities" fill="#fff" stroke="{OUTLINE_COLOUR}" stroke-width="{1.5 * scale:g}">{marks}</g>']


def listing_pins(points, project, view, scale=1.0):
    """One mark per place, in the colour of the kind of the first listing there."""
    marks, placed = [], set()
    for point in points:
        for x, y in visible_positions([point], project, view):
            if (x, y) in placed:
                continue
            placed.add((x, y))
            colour = PIN_PALETTE.get(point.colour)
            fill = f' fill="{colour}"' if colour else ""
            marks.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{5 * scale:g}"{fill}/>')
    if not marks:
        return []
    return [
        f'<g class="listings" fill="{PIN_COLOUR}" stroke="#fff" stroke-width="{1.5 * scale:g}">{"".join(marks)}</g>'
    ]


def name_labels(spec, shown, project):
    """The selected commune's name, then the largest communes' that do not overlap it."""
    candidates = sorted(
        (c for c in shown if c["inseeCode"] != spec.selected and c.get("centroidLatitude") is not None),
        key=lambda c: (-(c.get("population") or 0), c["name"]),
    )
    chosen = selected_commune(spec)
    ordered = ([chosen] if chosen and chosen.get("centroidLatitude") is not None else []) + candidates
    placed, texts, others = [], [], 0
    for commune in ordered:
        is_selected = commune is chosen
        if not is_selected and others >= spec.labels:
            break
        size = (FONT_SIZE + (2 if is_selected else 0)) * spec.scale
        name = NOT_XML.sub("", commune["name"])
        half_width, half_height = 0.3 * size * len(name) + 3, 0.6 * size + 2
        x, y = project(commune["centroidLongitude"], commune["centroidLatitude"])
        if not (0 <= x <= project.width and 0 <= y <= project.height):
            continue
        x = min(max(x, half_width), project.width - half_width)
        y = min(max(y, half_height), project.height - half_height)
        box = (x - half_width, y - half_height, x + half_width, y + half_height)
        gap = LABEL_SPACING * spec.scale
        spaced = (box[0] - gap, box[1] - gap, box[2] + gap, box[3] + gap)
        if any(intersects(spaced, other) for other in placed):
            continue
        placed.append(box)
        others += 0 if is_selected else 1
        weight = ' font-weight="700"' if is_selected else ""
        baseline = y + size * 0.35
        texts.append(f'<text x="{x:.1f}" y="{baseline:.1f}" font-size="{size:g}"{weight}>{xml_text(name)}</text>')
    if not texts:
        return []
    return [
        f'<g class="labels" font-family="{FONT_FAMILY}" text-anchor="middle" fill="{LABEL_COLOUR}" stroke="#fff" '
        f'stroke-width="{3 * spec.scale:g}" stroke-linejoin="round" paint-order="stroke">',
        *texts,
        "</g>",
    ]
