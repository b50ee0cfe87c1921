"""Import of commune outlines from a GeoJSON FeatureCollection (one feature per commune).

The file is read and validated in full before anything is written: either every commune
is created or updated, or nothing changes and every problem found is reported at once.
Only the fields this importer owns are written (name, département, outline, centre);
population, EPCI and zonage belong to other importers and are never touched.
"""

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from ..cache import forget_commune_boundaries
from ..models import Commune
from ..validators import validate_insee_code
from .base import (
    BATCH_SIZE,
    ImportFileError,
    communes_by_code,
    counts_phrase,
    departement_code_for,
    describe_json_error,
    read_file_bytes,
)

SUPPORTED_GEOMETRIES = ("Polygon", "MultiPolygon")
WGS84_CRS_MARKERS = ("CRS84", "4326")
OWNED_FIELDS = ["name", "departement_code", "boundary", "centroid_latitude", "centroid_longitude"]
# Centres are recomputed on every run; a tolerance keeps float noise from counting as a change.
CENTROID_TOLERANCE = 1e-9

FEATURE_START = re.compile(r'"type"\s*:\s*"Feature"')


class CommuneImportError(ImportFileError):
    """The file cannot be imported; ``errors`` lists every problem found (in French)."""

    subject = "des communes"


class InvalidGeometry(Exception):
    """A geometry problem, described in French without the feature's label."""


@dataclass
class ParsedCommune:
    index: int
    insee_code: str
    name: str
    boundary: dict
    centroid_latitude: float
    centroid_longitude: float

    @property
    def departement_code(self):
        return departement_code_for(self.insee_code)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    created_codes: list = field(default_factory=list)
    updated_codes: list = field(default_factory=list)

    @property
    def changed(self):
        return bool(self.created or self.updated)

    def summary(self):
        counts = counts_phrase("Communes", self.created, self.updated, self.unchanged)
        return f"Simulation (aucune modification) : {counts}" if self.dry_run else counts


# --- Reading -----------------------------------------------------------------------------


def read_feature_collection(path, *, code_property="code", name_property="nom"):
    """Return the parsed FeatureCollection, or raise CommuneImportError with French messages."""
    path = Path(path)
    raw = read_file_bytes(path, CommuneImportError)

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommuneImportError(path, _encoding_errors(raw, error, code_property, name_property)) from error

    if not text.strip():
        raise CommuneImportError(path, ["Le fichier est vide."])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CommuneImportError(path, [_describe_json_error(text, error)]) from error

    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        found = data.get("type") if isinstance(data, dict) else type(data).__name__
        raise CommuneImportError(
            path, [f"Le fichier n'est pas une FeatureCollection GeoJSON (type trouvé : « {found} »)."]
        )
    crs_name = _crs_name(data.get("crs"))
    if crs_name and not any(marker in crs_name for marker in WGS84_CRS_MARKERS):
        raise CommuneImportError(
            path,
            [
                f"Système de coordonnées « {crs_name} » non pris en charge : "
                "les coordonnées doivent être en WGS84 (longitude, latitude en degrés)."
            ],
        )
    features = data.get("features")
    if not isinstance(features, list):
        raise CommuneImportError(path, ["La FeatureCollection n'a pas de liste « features »."])
    if not features:
        raise CommuneImportError(path, ["La FeatureCollection ne contient aucune commune."])
    return data


def _crs_name(crs):
    if not isinstance(crs, dict):
        return ""
    properties = crs.get("properties")
    return str(properties.get("name", "")) if isinstance(properties, dict) else ""


def _feature_number_at(text, position):
    """1-based number of the feature a character offset probably falls in (0 if before any)."""
    return len(FEATURE_START.findall(text, 0, position))


def _describe_json_error(text, error):
    description = describe_json_error(error)
    number = _feature_number_at(text, error.pos)
    if number:
        description = f"{description[:-1]} (vraisemblablement dans l'entité n° {number})."
    return description


def _encoding_errors(raw, error, code_property, name_property):
    """Explain a non-UTF-8 file, naming the features whose texts hold invalid bytes."""
    text = raw.decode("utf-8-sig", errors="surrogateescape")
    try:  # Byte offset in the whole file (the BOM-aware codec may count from after the BOM).
        raw.decode("utf-8")
        start = error.start
    except UnicodeDecodeError as absolute:
        start = absolute.start
    line = raw.count(b"\n", 0, start) + 1
    column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
    errors = [
        f"Le fichier n'est pas encodé en UTF-8 (octet invalide 0x{raw[start]:02X} ligne {line}, "
        f"colonne {column}) ; il est peut-être en Latin-1 ou Windows-1252 : réenregistrez-le en UTF-8."
    ]
    try:
        data = json.loads(text)
        features = data.get("features") if isinstance(data, dict) else None
    except (json.JSONDecodeError, AttributeError):
        features = None
    for number, feature in enumerate(features if isinstance(features, list) else [], start=1):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(properties, dict):
            continue
        bad = [key for key, value in properties.items() if _has_invalid_bytes(key) or _has_invalid_bytes(value)]
        if bad:
            label = ", ".join(f"« {_printable(key)} »" for key in bad)
            feature_label = _feature_label(number, properties, code_property, name_property)
            errors.append(f"{feature_label} : caractères non UTF-8 dans {label}.")
    return errors


def _has_invalid_bytes(value):
    return isinstance(value, str) and any("\udc80" <= char <= "\udcff" for char in value)


def _printable(value):
    """Show a text decoded with surrogateescape, reading its invalid bytes as Windows-1252."""
    return "".join(
        bytes([ord(char) - 0xDC00]).decode("cp1252", errors="replace") if "\udc80" <= char <= "\udcff" else char
        for char in str(value)
    )


def _json_text(value):
    """A value as written in the file (NaN, "4.95", null...), for error messages."""
    try:
        return json.dumps(value, ensure_ascii=False)[:40]
    except (TypeError, ValueError):
        return repr(value)[:40]


def _feature_label(number, properties, code_property="code", name_property="nom"):
    """'Entité n° 12 (code 26362, Valence)', with whatever identifies the feature."""
    details = []
    if isinstance(properties, dict):
        code, name = properties.get(code_property), properties.get(name_property)
        if isinstance(code, str | int) and not isinstance(code, bool) and str(code).strip():
            details.append(f"code {_printable(str(code).strip())}")
        if isinstance(name, str) and name.strip():
            details.append(_printable(name.strip()))
    return f"Entité n° {number}" + (f" ({', '.join(details)})" if details else "")


# --- Validation ----------------------------------------------------------------------------


def parse_features(data, *, code_property="code", name_property="nom"):
    """Validate every feature; return (parsed communes, French error messages)."""
    parsed, errors, first_seen = [], [], {}
    for number, feature in enumerate(data["features"], start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            errors.append(f"Entité n° {number} : ce n'est pas une entité GeoJSON (« Feature »).")
            continue
        properties = feature.get("properties")
        label = _feature_label(number, properties, code_property, name_property)
        feature_errors = []
        if not isinstance(properties, dict):
            properties = {}

        code = properties.get(code_property)
        if isinstance(code, int) and not isinstance(code, bool):
            code = str(code)
        if not isinstance(code, str) or not code.strip():
            feature_errors.append(f"propriété « {code_property} » (code INSEE) absente ou vide.")
            code = None
        else:
            code = code.strip().upper()
            try:
                validate_insee_code(code)
            except ValidationError:
                feature_errors.append(
                    f"code INSEE « {code} » invalide : il doit comporter 5 caractères "
                    "(par exemple 26362, 2A004 ou 97411)."
                )
                code = None

        name = properties.get(name_property)
        if not isinstance(name, str) or not name.strip():
            feature_errors.append(f"propriété « {name_property} » (nom de la commune) absente ou vide.")
        elif len(name.strip()) > Commune._meta.get_field("name").max_length:
            feature_errors.append("nom de la commune trop long (255 caractères au plus).")

        if code is not None:
            if code in first_seen:
                feature_errors.append(f"code INSEE {code} en double : déjà utilisé par l'entité n° {first_seen[code]}.")
            else:
                first_seen[code] = number

        geometry = feature.get("geometry")
        centroid = None
        try:
            centroid = validate_geometry(geometry)
        except InvalidGeometry as error:
            feature_errors.append(str(error))

        if feature_errors:
            errors.extend(f"{label} : {message}" for message in feature_errors)
            continue
        parsed.append(
            ParsedCommune(
                index=number,
                insee_code=code,
                name=name.strip(),
                boundary=geometry,
                centroid_latitude=centroid[0],
                centroid_longitude=centroid[1],
            )
        )
    return parsed, errors


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


# --- Geometry ----------------------------------------------------------------------------


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


# --- Writing -----------------------------------------------------------------------------


def _differs(commune, item):
    return (
        commune.name != item.name
        or commune.departement_code != item.departement_code
        or commune.boundary != item.boundary
        or not _same_float(commune.centroid_latitude, item.centroid_latitude)
        or not _same_float(commune.centroid_longitude, item.centroid_longitude)
    )


def _same_float(stored, computed):
    return stored is not None and math.isclose(stored, computed, rel_tol=0, abs_tol=CENTROID_TOLERANCE)


def _unique_slug(name, code, taken):
    base = slugify(f"{name}-{code}")[:240] or code.lower()
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    taken.add(slug)
    return slug


def _communes_by_code(codes):
    return communes_by_code(codes, OWNED_FIELDS)


def _reindex(communes):
    """bulk_create/bulk_update send no signals: keep the search index (names) in step."""
    from wagtail.search.backends import get_search_backends

    if not communes:
        return
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Commune, communes)


def import_communes(path, *, code_property="code", name_property="nom", dry_run=False):
    """Create or update communes from a GeoJSON file; all or nothing. Returns ImportResult."""
    data = read_feature_collection(path, code_property=code_property, name_property=name_property)
    parsed, errors = parse_features(data, code_property=code_property, name_property=name_property)
    if errors:
        raise CommuneImportError(path, errors)

    result = ImportResult(dry_run=dry_run)
    existing = _communes_by_code([item.insee_code for item in parsed])
    to_create, to_update, renamed = [], [], []
    for item in parsed:
        commune = existing.get(item.insee_code)
        if commune is None:
            to_create.append(item)
            continue
        if not _differs(commune, item):
            result.unchanged += 1
            continue
        if commune.name != item.name:
            renamed.append(commune)
        commune.name = item.name
        commune.departement_code = item.departement_code
        commune.boundary = item.boundary
        commune.centroid_latitude = item.centroid_latitude
        commune.centroid_longitude = item.centroid_longitude
        to_update.append(commune)

    result.created, result.updated = len(to_create), len(to_update)
    result.created_codes = [item.insee_code for item in to_create]
    result.updated_codes = [commune.insee_code for commune in to_update]
    if dry_run or not result.changed:
        return result

    with transaction.atomic():
        created = []
        if to_create:
            taken = set(Commune.objects.values_list("slug", flat=True))
            new_communes = [
                Commune(
                    insee_code=item.insee_code,
                    name=item.name,
                    slug=_unique_slug(item.name, item.insee_code, taken),
                    departement_code=item.departement_code,
                    boundary=item.boundary,
                    centroid_latitude=item.centroid_latitude,
                    centroid_longitude=item.centroid_longitude,
                )
                for item in to_create
            ]
            created = Commune.objects.bulk_create(new_communes, batch_size=BATCH_SIZE)
            if any(commune.pk is None for commune in created):  # Backends without RETURNING.
                created = list(_communes_by_code(result.created_codes).values())
        if to_update:
            Commune.objects.bulk_update(to_update, OWNED_FIELDS, batch_size=BATCH_SIZE)
        _reindex(list(created) + renamed)
    forget_commune_boundaries()
    return result
