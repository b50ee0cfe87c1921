"""Positions of FINESS establishments: Lambert 93 geolocation records to WGS84.

FINESS gives coordinates in Lambert 93 (EPSG:2154). Some files give them as (Y, X),
as in the official sample of the newer JSON flow: they are recognised from their
ranges and swapped. A converted point outside the territory's box is refused, since a
wrong position on the map is worse than none.
"""

import math
from dataclasses import dataclass

from django.conf import settings
from pyproj import Transformer

from .columns import normalize_label

# Lambert 93 covers metropolitan France within roughly these ranges (metres).
LAMBERT93_X = (50_000.0, 1_300_000.0)
LAMBERT93_Y = (6_000_000.0, 7_200_000.0)
LAMBERT93_MARKERS = ("2154", "lambert_93", "lambert93", "rgf93")
COORDINATE_DECIMALS = 6

_transformer = None  # Built on first use: creating it reads pyproj's projection database.


def lambert93_to_wgs84(x, y):
    """(latitude, longitude) of a Lambert 93 point."""
    global _transformer
    if _transformer is None:
        _transformer = Transformer.from_crs(2154, 4326, always_xy=True)
    longitude, latitude = _transformer.transform(x, y)
    return round(latitude, COORDINATE_DECIMALS), round(longitude, COORDINATE_DECIMALS)


@dataclass
class Geolocation:
    line: int
    x: str
    y: str
    source: str


def _in_range(value, bounds):
    return bounds[0] <= value <= bounds[1]


def convert(geolocation):
    """(latitude, longitude, swapped) of a geolocation record, or ValueError in French."""
    source = geolocation.source
    normalised = normalize_label(source)
    other_system = any(marker in normalised for marker in ("epsg", "utm", "wgs"))
    if other_system and not any(marker in normalised for marker in LAMBERT93_MARKERS):
        raise ValueError(
            f"système de coordonnées « {source} » non pris en charge (Lambert 93, EPSG:2154, attendu) "
            f"(ligne {geolocation.line})."
        )
    try:
        x, y = float(geolocation.x.replace(",", ".")), float(geolocation.y.replace(",", "."))
    except ValueError:
        raise ValueError(
            f"coordonnées illisibles X « {geolocation.x} », Y « {geolocation.y} » (ligne {geolocation.line})."
        ) from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise ValueError(f"coordonnées illisibles (ligne {geolocation.line}).")
    swapped = False
    if not (_in_range(x, LAMBERT93_X) and _in_range(y, LAMBERT93_Y)):
        if _in_range(y, LAMBERT93_X) and _in_range(x, LAMBERT93_Y):
            x, y, swapped = y, x, True
        else:
            raise ValueError(
                f"coordonnées X {geolocation.x}, Y {geolocation.y} hors des valeurs du Lambert 93 en France "
                f"métropolitaine (ligne {geolocation.line})."
            )
    latitude, longitude = lambert93_to_wgs84(x, y)
    min_lon, min_lat, max_lon, max_lat = settings.TERRITORY["bbox"]
    if not (min_lat <= latitude <= max_lat and min_lon <= longitude <= max_lon):
        raise ValueError(
            f"le point converti (latitude {latitude:.5f}, longitude {longitude:.5f}) est en dehors du territoire "
            f"{settings.TERRITORY['name']} (ligne {geolocation.line})."
        )
    return latitude, longitude, swapped
