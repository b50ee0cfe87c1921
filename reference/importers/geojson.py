"""Reading a GeoJSON FeatureCollection of communes and validating every feature.

The whole file is checked before anything is written, and every problem is reported at
once, each naming its feature (« Entité n° 12 (code 26362, Valence) »). A file that is
not UTF-8 is explained feature by feature, since the usual culprit is a Latin-1 export
whose accented names are the only bad bytes.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError

from ..models import Commune
from ..validators import validate_insee_code
from .geometry import InvalidGeometry, validate_geometry
from .reading import describe_json_error, read_file_bytes
from .report import ImportFileError
from .values import departement_code_for

WGS84_CRS_MARKERS = ("CRS84", "4326")
FEATURE_START = re.compile(r'"type"\s*:\s*"Feature"')


class CommuneImportError(ImportFileError):
    """The file cannot be imported; ``errors`` lists every problem found (in French)."""

    subject = "des communes"


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
