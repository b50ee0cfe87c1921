"""Validation rules for reference data, shared by every model that stores a place."""

import math
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator

# Metropolitan codes (01–95 with 2A/2B for Corsica) and overseas codes (971–976). ASCII
# digits only ([0-9], not \d, which also takes « ٣ » or « ３ ») and \Z, not $, which lets a
# trailing newline through.
INSEE_CODE_PATTERN = r"^(?:(?:0[1-9]|[1-8][0-9]|9[0-5]|2[AB])[0-9]{3}|97[1-6][0-9]{2})\Z"

validate_insee_code = RegexValidator(
    INSEE_CODE_PATTERN,
    message="Le code INSEE doit comporter 5 caractères (par exemple 26362 pour Valence).",
    code="invalid_insee_code",
)

validate_siren = RegexValidator(
    r"^[0-9]{9}\Z", message="Le numéro SIREN doit comporter 9 chiffres.", code="invalid_siren"
)

validate_finess = RegexValidator(
    r"^(?:[0-9]{9}|2[AB][0-9]{7})\Z",
    message="Le numéro FINESS doit comporter 9 caractères.",
    code="invalid_finess",
)

# Only web links: no javascript:, data:, ftp: or mailto: in fields shown as links.
validate_http_url = URLValidator(
    schemes=["http", "https"],
    message="Saisissez une adresse web valide commençant par http:// ou https://.",
)


def territory_bbox():
    return settings.TERRITORY["bbox"]


def validate_in_territory(latitude, longitude, territory=None):
    """Raise a French ValidationError when a point lies outside the box of ``territory`` (a
    reference.territory.Territory: a desk's; the default desk's when None)."""
    if latitude is None or longitude is None:
        return
    if not all(isinstance(v, int | float) and math.isfinite(v) for v in (latitude, longitude)):
        raise ValidationError("Les coordonnées doivent être des nombres.", code="invalid_coordinates")
    min_lon, min_lat, max_lon, max_lat = territory.bbox if territory is not None else territory_bbox()
    name = territory.name if territory is not None else settings.TERRITORY["name"]
    if not (min_lat <= latitude <= max_lat and min_lon <= longitude <= max_lon):
        raise ValidationError(
            "Ce point (latitude %(lat).5f, longitude %(lon).5f) est en dehors du territoire "
            "%(territory)s. Placez le repère sur la carte à l'intérieur du département.",
            code="outside_territory",
            params={"lat": latitude, "lon": longitude, "territory": name},
        )


POINT_PATTERN = re.compile(r"^SRID=4326;POINT\s?\((?P<lon>-?\d+(?:\.\d+)?)\s(?P<lat>-?\d+(?:\.\d+)?)\)$")


def parse_point(value):
    """Return (latitude, longitude) from the map widget's 'SRID=4326;POINT(lon lat)' text."""
    match = POINT_PATTERN.match((value or "").strip())
    if not match:
        raise ValidationError("Position illisible : placez le repère sur la carte.", code="invalid_location")
    return float(match["lat"]), float(match["lon"])


def format_point(latitude, longitude):
    return f"SRID=4326;POINT({longitude} {latitude})"
