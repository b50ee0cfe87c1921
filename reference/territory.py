"""A desk's territory: its code, name, bounding box and where its maps open.

``settings.TERRITORY`` is the default desk's territory and the seed of every new desk's
settings (home.DeskSettings); ``home/desks.py`` builds a desk's own from its settings.
"""

import math
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

BBOX_MESSAGE = (
    "Saisissez le cadre du territoire en quatre nombres séparés par des virgules : longitude ouest, "
    "latitude sud, longitude est, latitude nord (par exemple 4.60,44.10,5.85,45.40)."
)


def parse_bbox(text):
    """'lon,lat,lon,lat' (WGS84, west, south, east, north) -> a tuple of four floats.
    Raise a French ValidationError when the text is not such a box."""
    try:
        values = tuple(float(part) for part in (text or "").split(","))
    except ValueError:
        raise ValidationError(BBOX_MESSAGE, code="invalid_bbox") from None
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        raise ValidationError(BBOX_MESSAGE, code="invalid_bbox")
    min_lon, min_lat, max_lon, max_lat = values
    if not (-180 <= min_lon < max_lon <= 180 and -90 <= min_lat < max_lat <= 90):
        raise ValidationError(
            "Le cadre du territoire est incohérent : l'ouest doit précéder l'est et le sud le nord "
            "(longitudes entre -180 et 180, latitudes entre -90 et 90).",
            code="invalid_bbox",
        )
    return values


def validate_bbox(text):
    parse_bbox(text)


# A département's code as the communes' departement_code stores it: « 7 » for « 07 » would give
# a desk with no communes.
validate_territory_code = RegexValidator(
    r"^(\d{2}|2[AB]|97\d)$",
    "Saisissez le code du département sur deux chiffres (par exemple 07 ou 26), 2A ou 2B pour la Corse, "
    "ou trois chiffres pour l'outre-mer (par exemple 974).",
    code="invalid_territory_code",
)


def format_bbox(bbox):
    return ",".join(repr(float(value)) for value in bbox)


@dataclass(frozen=True)
class Territory:
    code: str
    name: str
    # (min longitude, min latitude, max longitude, max latitude), WGS84.
    bbox: tuple[float, float, float, float]
    # (latitude, longitude) and zoom the maps open on.
    center: tuple[float, float]
    zoom: int

    @classmethod
    def from_settings(cls):
        territory = settings.TERRITORY
        return cls(
            code=territory["code"],
            name=territory["name"],
            bbox=tuple(territory["bbox"]),
            center=tuple(territory["center"]),
            zoom=territory["zoom"],
        )

    def contains(self, latitude, longitude):
        min_lon, min_lat, max_lon, max_lat = self.bbox
        return min_lat <= latitude <= max_lat and min_lon <= longitude <= max_lon
