"""Place filters (kinds, commune, EPCI, rectangle, radius) that run in SQL on any
database (no GIS needed).

Distances use an equirectangular approximation around the reference point: at the scale
of a département (< 200 km) its error is well under 1 %.
"""

import math

import strawberry
from django.db.models import ExpressionWrapper, F, FloatField, Q

from reference.models import Commune

from .enums import legacy_codes_q
from .limits import MAX_RADIUS_KM, PublicError

KM_PER_DEGREE_LATITUDE = 110.574
KM_PER_DEGREE_LONGITUDE_AT_EQUATOR = 111.320


@strawberry.input(description="A rectangle in WGS84 coordinates (degrees).")
class BoundingBoxInput:
    min_latitude: float = strawberry.field(description="Southern edge.")
    min_longitude: float = strawberry.field(description="Western edge.")
    max_latitude: float = strawberry.field(description="Northern edge.")
    max_longitude: float = strawberry.field(description="Eastern edge.")


@strawberry.input(description="Around a point or around a commune's centre, within a radius.")
class NearInput:
    radius_km: float = strawberry.field(description=f"Radius in kilometres (at most {MAX_RADIUS_KM}).")
    latitude: float | None = strawberry.field(default=None, description="Latitude of the point.")
    longitude: float | None = strawberry.field(default=None, description="Longitude of the point.")
    commune: str | None = strawberry.field(
        default=None, description="INSEE code of a commune whose centre is the point (instead of coordinates)."
    )


def _check_latitude_longitude(latitude, longitude):
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise PublicError(
            "Coordonnées invalides : la latitude doit être entre -90 et 90, la longitude entre -180 et 180."
        )


def bbox_q(bbox, prefix=""):
    for lat, lng in ((bbox.min_latitude, bbox.min_longitude), (bbox.max_latitude, bbox.max_longitude)):
        _check_latitude_longitude(lat, lng)
    if bbox.min_latitude > bbox.max_latitude or bbox.min_longitude > bbox.max_longitude:
        raise PublicError("Rectangle invalide : le minimum doit être inférieur au maximum.")
    return Q(
        **{
            f"{prefix}latitude__gte": bbox.min_latitude,
            f"{prefix}latitude__lte": bbox.max_latitude,
            f"{prefix}longitude__gte": bbox.min_longitude,
            f"{prefix}longitude__lte": bbox.max_longitude,
        }
    )


def resolve_near_point(near):
    """(latitude, longitude, radius) of a NearInput, validated."""
    if not 0 < near.radius_km <= MAX_RADIUS_KM:
        raise PublicError(f"Le rayon doit être compris entre 0 et {MAX_RADIUS_KM} km.")
    if near.commune:
        centre = (
            Commune.objects.filter(insee_code=near.commune)
            .values_list("centroid_latitude", "centroid_longitude")
            .first()
        )
        if centre is None or None in centre:
            raise PublicError("Commune inconnue ou sans coordonnées : vérifiez le code INSEE.")
        return centre[0], centre[1], near.radius_km
    if near.latitude is None or near.longitude is None:
        raise PublicError("Indiquez soit une latitude et une longitude, soit le code INSEE d'une commune.")
    _check_latitude_longitude(near.latitude, near.longitude)
    return near.latitude, near.longitude, near.radius_km


def squared_distance_km2(latitude, longitude):
    """SQL expression of the squared distance (km²) from (latitude, longitude) to each row."""
    kx = KM_PER_DEGREE_LONGITUDE_AT_EQUATOR * math.cos(math.radians(latitude))
    ky = KM_PER_DEGREE_LATITUDE
    dx = (F("longitude") - longitude) * kx
    dy = (F("latitude") - latitude) * ky
    return ExpressionWrapper(dx * dx + dy * dy, output_field=FloatField())


def apply_near(queryset, near):
    """Rows within the radius, annotated with `distance_km2` (used for ordering by distance)."""
    latitude, longitude, radius = resolve_near_point(near)
    # A cheap bounding box first (indexed), then the exact radius.
    dlat = radius / KM_PER_DEGREE_LATITUDE
    dlng = radius / (KM_PER_DEGREE_LONGITUDE_AT_EQUATOR * max(math.cos(math.radians(latitude)), 0.01))
    queryset = queryset.filter(
        latitude__gte=latitude - dlat,
        latitude__lte=latitude + dlat,
        longitude__gte=longitude - dlng,
        longitude__lte=longitude + dlng,
    )
    return queryset.annotate(distance_km2=squared_distance_km2(latitude, longitude)).filter(
        distance_km2__lte=radius * radius
    )


def apply_place_filter(queryset, filters):
    """The filters every located model (listing, care facility) shares: kinds (by code, or by
    the deprecated enum), commune, EPCI, rectangle and radius. `filters` has those fields;
    other fields are left to the caller."""
    if filters.kind_codes:
        queryset = queryset.filter(kind__in=filters.kind_codes)
    if filters.kinds:
        queryset = queryset.filter(legacy_codes_q("kind", type(filters.kinds[0]), filters.kinds))
    if filters.commune:
        queryset = queryset.filter(commune__insee_code=filters.commune)
    if filters.epci:
        queryset = queryset.filter(commune__epci__siren=filters.epci)
    if filters.bbox:
        queryset = queryset.filter(bbox_q(filters.bbox))
    if filters.near:
        queryset = apply_near(queryset, filters.near)
    return queryset
