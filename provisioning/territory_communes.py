"""The territory's communes for a new desk: check that a communes file describes the desk's
territory (settings.TERRITORY for the default desk), import it, and frame the map on what
was imported. Communes are shared by the desks of an instance: importing them again is a no-op.
"""

import math

from django.core.management import call_command
from django.db.models import Max, Min

from reference.importers.geojson import CommuneImportError, parse_features, read_feature_collection
from reference.importers.report import MAX_REPORTED_ERRORS
from reference.models import Commune
from reference.territory import Territory

from .report import BootstrapError

# Map frame: a ~600 px wide map of 256 px tiles, zoom kept within sensible bounds.
MAP_WIDTH_PX, TILE_PX, MIN_ZOOM, MAX_ZOOM = 600, 256, 5, 13
# Margin (degrees, ~2 km) suggested around a territory's outlines for TERRITORY_BBOX.
BBOX_MARGIN = 0.02


def territory_label(territory=None):
    territory = territory or Territory.from_settings()
    return f"{territory.name} ({territory.code})"


def check_communes_file(path, territory=None):
    """Parse the communes file and check that it describes ``territory`` (settings.TERRITORY
    when None).

    Returns the parsed communes; raises BootstrapError listing every commune of another
    département or whose centre lies outside TERRITORY_BBOX. Format errors are reported
    as import_communes reports them.
    """
    try:
        data = read_feature_collection(path)
        parsed, errors = parse_features(data)
        if errors:
            raise CommuneImportError(path, errors)
    except CommuneImportError as error:
        raise BootstrapError(str(error)) from error

    territory = territory or Territory.from_settings()
    code = territory.code
    min_lon, min_lat, max_lon, max_lat = territory.bbox
    problems = []
    for item in parsed:
        label = f"Entité n° {item.index} ({item.insee_code}, {item.name})"
        if item.departement_code != code:
            problems.append(
                f"{label} : commune du département {item.departement_code}, pas du département {code} "
                f"({territory.name})."
            )
        elif not (min_lat <= item.centroid_latitude <= max_lat and min_lon <= item.centroid_longitude <= max_lon):
            problems.append(
                f"{label} : son centre (latitude {item.centroid_latitude:.4f}, longitude "
                f"{item.centroid_longitude:.4f}) est hors de l'emprise du territoire ("
                f"{min_lon}, {min_lat}, {max_lon}, {max_lat})."
            )
    if problems:
        lines = [
            f"Le fichier « {path} » ne décrit pas le territoire configuré, {territory_label(territory)} : "
            f"{len(problems)} commune(s) sur {len(parsed)} refusée(s) ; aucune modification faite.",
            *(f"- {problem}" for problem in problems[:MAX_REPORTED_ERRORS]),
        ]
        if len(problems) > MAX_REPORTED_ERRORS:
            lines.append(f"… et {len(problems) - MAX_REPORTED_ERRORS} autre(s) non affichée(s).")
        lines.append(
            "Vérifiez TERRITORY_CODE, TERRITORY_NAME et TERRITORY_BBOX (variables d'environnement ; "
            "--territory-code, --territory-name et --bbox pour un guichet ajouté avec --hostname) "
            "ou choisissez le fichier des communes de ce territoire."
        )
        lines.append(
            f"Emprise des contours de ce fichier (marge comprise) : TERRITORY_BBOX={suggested_bbox(parsed)} (ou --bbox)"
        )
        raise BootstrapError("\n".join(lines))
    return parsed


def suggested_bbox(parsed, margin=BBOX_MARGIN):
    """'min_lon,min_lat,max_lon,max_lat' around every outline of the file, with a margin."""
    positions = [
        position
        for item in parsed
        for polygon in (
            item.boundary["coordinates"] if item.boundary["type"] == "MultiPolygon" else [item.boundary["coordinates"]]
        )
        for ring in polygon
        for position in ring
    ]
    longitudes, latitudes = [p[0] for p in positions], [p[1] for p in positions]
    values = (min(longitudes) - margin, min(latitudes) - margin, max(longitudes) + margin, max(latitudes) + margin)
    return ",".join(f"{value:.2f}" for value in values)


def import_territory_communes(path, report, stdout=None, territory=None):
    check_communes_file(path, territory)
    before = Commune.objects.count()
    call_command("import_communes", str(path), stdout=stdout)
    report.count("communes", Commune.objects.count() - before)


def map_frame(departement_code):
    """(latitude, longitude, zoom) framing the centres of the territory's communes, or None.

    The centre is the middle of the communes' extent (not their mean, which a dense
    urban area would pull away from the middle of the map).
    """
    extent = Commune.objects.filter(
        departement_code=departement_code, centroid_latitude__isnull=False, centroid_longitude__isnull=False
    ).aggregate(
        min_lat=Min("centroid_latitude"),
        max_lat=Max("centroid_latitude"),
        min_lon=Min("centroid_longitude"),
        max_lon=Max("centroid_longitude"),
    )
    if extent["min_lat"] is None:
        return None
    latitude = (extent["min_lat"] + extent["max_lat"]) / 2
    longitude = (extent["min_lon"] + extent["max_lon"]) / 2
    span = max(extent["max_lat"] - extent["min_lat"], extent["max_lon"] - extent["min_lon"], 0.01)
    zoom = int(math.log2(MAP_WIDTH_PX * 360 / (TILE_PX * span)))
    return round(latitude, 5), round(longitude, 5), max(MIN_ZOOM, min(MAX_ZOOM, zoom))
