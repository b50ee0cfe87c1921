"""Import of the care offer from the FINESS "extraction du fichier des établissements".

Classic etalab extract (``etalab-cs1100507-stock-AAAAMMJJ-HHMM.csv``): ``;``-separated,
Latin-1 (UTF-8 is detected too), a first line ``finess;etalab;…`` then ``structureet``
records (32 fields, see STRUCTURE_FIELDS) followed by ``geolocalisation`` records
(``geolocalisation;nofinesset;coordxet;coordyet;sourcecoordet;datemaj``) in Lambert 93
(EPSG:2154), converted to WGS84 with pyproj. Older extracts split ``sourcecoordet`` over
several ``;`` fields: the coordinates are always the 3rd and 4th fields, the date the last.

Only the département's establishments in the categories of CATEGORY_KINDS are imported;
health facilities are matched on their FINESS number. Written fields: kind, name,
address, commune, phone (when given) and position (when geolocated). Points outside the
territory's box are rejected. Coordinates given as (Y, X) — as in the official sample of
the newer JSON flow — are recognised from their ranges, swapped and counted.
"""

import math
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import HealthFacility, HealthFacilityKind
from ..validators import format_point, validate_finess
from .base import (
    LATIN1,
    ImportFileError,
    ImportReport,
    Progress,
    RowIssue,
    clean_insee_code,
    communes_by_code,
    csv_records,
    decode_text,
    normalize_label,
    read_file_bytes,
    reject_or_fail,
)

SUBJECT = "FINESS"
# Official order of the 32 fields of a "structureet" record (data.gouv.fr documentation).
STRUCTURE_FIELDS = (
    "structureet",
    "nofinesset",
    "nofinessej",
    "rs",
    "rslongue",
    "complrs",
    "compldistrib",
    "numvoie",
    "typvoie",
    "voie",
    "compvoie",
    "lieuditbp",
    "commune",
    "departement",
    "libdepartement",
    "ligneacheminement",
    "telephone",
    "telecopie",
    "categetab",
    "libcategetab",
    "categagretab",
    "libcategagretab",
    "siret",
    "codeape",
    "codemft",
    "libmft",
    "codesph",
    "libsph",
    "dateouv",
    "dateautor",
    "datemaj",
    "numuai",
)
MIN_STRUCTURE_FIELDS = len(STRUCTURE_FIELDS) - 1  # Some vintages end without "numuai".
GEO_FIELDS = ("geolocalisation", "nofinesset", "coordxet", "coordyet", "sourcecoordet", "datemaj")
FIELD = {name: index for index, name in enumerate(STRUCTURE_FIELDS)}

# FINESS category (categetab) -> kind shown on the map.
CATEGORY_KINDS = {
    "355": HealthFacilityKind.HOSPITAL,  # Centre hospitalier (C.H.)
    "124": HealthFacilityKind.HEALTH_CENTRE,  # Centre de santé
    "603": HealthFacilityKind.MSP,  # Maison de santé (L.6223-3)
}
# Other categories to check with the desk before adding them above (labels from FINESS
# nomenclature, to confirm against the current "catégories d'établissements" table):
# 101 centre hospitalier régional (CHR/CHU), 106 centre hospitalier ex-hôpital local,
# 292 centre hospitalier spécialisé en psychiatrie, 365 établissement de soins
# pluridisciplinaire (cliniques). Maisons de santé may also appear under older codes.

# Overseas départements are coded 9A–9F in FINESS; their INSEE codes start with 97.
DOM_DEPARTEMENTS = {"9A": "971", "9B": "972", "9C": "973", "9D": "974", "9E": "975", "9F": "976"}
# Lambert 93 covers metropolitan France within roughly these ranges (metres).
LAMBERT93_X = (50_000.0, 1_300_000.0)
LAMBERT93_Y = (6_000_000.0, 7_200_000.0)
LAMBERT93_MARKERS = ("2154", "lambert_93", "lambert93", "rgf93")
COORDINATE_DECIMALS = 6

_transformer = None


def lambert93_to_wgs84(x, y):
    """(latitude, longitude) of a Lambert 93 point."""
    global _transformer
    if _transformer is None:
        from pyproj import Transformer

        _transformer = Transformer.from_crs(2154, 4326, always_xy=True)
    longitude, latitude = _transformer.transform(x, y)
    return round(latitude, COORDINATE_DECIMALS), round(longitude, COORDINATE_DECIMALS)


@dataclass
class Geolocation:
    line: int
    x: str
    y: str
    source: str


@dataclass
class ParsedFacility:
    where: str
    finess: str
    kind: str
    name: str
    address: str
    commune_code: str
    phone: str
    latitude: float | None = None
    longitude: float | None = None

    @property
    def location(self):
        return format_point(self.latitude, self.longitude) if self.latitude is not None else ""


def finess_departement(value):
    value = value.strip().upper()
    return DOM_DEPARTEMENTS.get(value, value.zfill(2) if value.isdigit() else value)


def commune_code(departement, commune):
    """INSEE code from FINESS 'departement' (26, 2A, 9D) and 'commune' (3 characters)."""
    departement, commune = departement.strip().upper(), commune.strip().zfill(3)
    if departement in DOM_DEPARTEMENTS:
        return "97" + commune  # Overseas: the commune field holds the last three digits.
    return departement.zfill(2) + commune


def format_phone(value):
    digits = "".join(char for char in value if char.isdigit())
    if len(digits) == 9 and not digits.startswith("0"):
        digits = "0" + digits  # Leading zero lost by a spreadsheet.
    if len(digits) != 10:
        return ""
    return " ".join(digits[i : i + 2] for i in range(0, 10, 2))


def build_address(cells):
    def get(name):
        index = FIELD[name]
        return cells[index].strip() if index < len(cells) else ""

    street = " ".join(part for part in (get("numvoie"), get("compvoie"), get("typvoie"), get("voie")) if part)
    parts = [part for part in (get("complrs"), street, get("lieuditbp"), get("ligneacheminement")) if part]
    return ", ".join(parts)[:255]


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


def parse_file(text, departement, report, progress):
    """Structures kept (département + category) with their geolocation records."""
    structures, geolocations, first_seen = [], {}, {}
    for line, cells in csv_records(text, ";"):
        progress.step()
        tag = cells[0].lower()
        if tag == "structureet":
            where = f"Ligne {line}"
            if len(cells) < MIN_STRUCTURE_FIELDS:
                report.rejected.append(
                    RowIssue(where, f"{len(cells)} champs au lieu de {len(STRUCTURE_FIELDS)} (enregistrement tronqué).")
                )
                continue
            if finess_departement(cells[FIELD["departement"]]) != departement:
                report.ignored += 1
                continue
            category = cells[FIELD["categetab"]]
            if category not in CATEGORY_KINDS:
                report.ignored += 1
                continue
            structures.append((line, cells))
        elif tag == "geolocalisation":
            if len(cells) < len(GEO_FIELDS):
                report.rejected.append(
                    RowIssue(f"Ligne {line}", f"{len(cells)} champs au lieu de {len(GEO_FIELDS)} (géolocalisation).")
                )
                continue
            geolocations.setdefault(cells[1], Geolocation(line, cells[2], cells[3], ",".join(cells[4:-1])))
        elif line == 1 and tag == "finess":
            continue  # Header "finess;etalab;<version>;<date>".
        else:
            report.ignored += 1

    facilities, swapped = [], 0
    for line, cells in structures:
        finess = cells[FIELD["nofinesset"]].upper()
        name = cells[FIELD["rslongue"]] or cells[FIELD["rs"]]
        where = f"Ligne {line} (FINESS {finess}" + (f", {name})" if name else ")")
        problems = []
        try:
            validate_finess(finess)
        except ValidationError:
            problems.append(f"numéro FINESS « {finess} » invalide (9 caractères attendus).")
        if finess in first_seen:
            problems.append(f"numéro FINESS {finess} en double : déjà à la ligne {first_seen[finess]}.")
        if not name:
            problems.append("raison sociale (rs) absente.")
        try:
            code = clean_insee_code(commune_code(cells[FIELD["departement"]], cells[FIELD["commune"]]))
        except ValueError as error:
            problems.append(f"commune : {error}")
            code = ""
        facility = ParsedFacility(
            where=where,
            finess=finess,
            kind=CATEGORY_KINDS[cells[FIELD["categetab"]]],
            name=name[:255],
            address=build_address(cells),
            commune_code=code,
            phone=format_phone(cells[FIELD["telephone"]]),
        )
        geolocation = geolocations.get(finess)
        if geolocation is not None:
            try:
                facility.latitude, facility.longitude, was_swapped = convert(geolocation)
                swapped += was_swapped
            except ValueError as error:
                problems.append(str(error))
        if problems:
            report.rejected.extend(RowIssue(where, problem) for problem in problems)
            continue
        first_seen[finess] = line
        facilities.append(facility)
    return facilities, swapped


def import_finess(path, *, departement=None, dry_run=False, skip_invalid=False, progress=None):
    departement = (departement if departement is not None else settings.TERRITORY["code"]).strip().upper()
    raw = read_file_bytes(path, subject=SUBJECT)
    text, encoding = decode_text(raw)
    first = text.lstrip().split("\n", 1)[0].lower()
    if not first.startswith(("finess;", "structureet;", "geolocalisation;")):
        raise ImportFileError(
            path,
            [
                "Ligne 1 : ce n'est pas une extraction FINESS (première ligne « finess;etalab;… » ou "
                "enregistrements « structureet; » attendus, séparés par des points-virgules)."
            ],
            subject=SUBJECT,
        )
    report = ImportReport(
        "Établissements",
        feminine=False,
        dry_run=dry_run,
        ignored_reason=f"hors département {departement} ou catégorie non retenue",
    )
    facilities, swapped = parse_file(text, departement, report, Progress(progress))

    communes = communes_by_code({item.commune_code for item in facilities}, ["name"])
    valid = []
    for item in facilities:
        if item.commune_code not in communes:
            report.rejected.append(
                RowIssue(
                    item.where,
                    f"commune {item.commune_code} inconnue : importez d'abord les communes (import_cog_communes).",
                )
            )
        else:
            valid.append(item)
    report.rejected.sort(key=lambda issue: int(issue.where.split()[1]))
    reject_or_fail(path, report, skip_invalid, SUBJECT)

    existing = {
        facility.finess_number: facility
        for facility in HealthFacility.objects.filter(finess_number__in=[item.finess for item in valid])
    }
    to_create, to_update = [], []
    for item in valid:
        commune = communes[item.commune_code]
        facility = existing.get(item.finess)
        if facility is None:
            facility = HealthFacility(finess_number=item.finess)
            to_create.append(facility)
        changes = {"kind": item.kind, "name": item.name, "address": item.address, "commune_id": commune.pk}
        if item.phone:
            changes["phone"] = item.phone
        if item.latitude is not None:
            changes["location"] = item.location
        changed = [name for name, value in changes.items() if getattr(facility, name) != value]
        for name in changed:
            setattr(facility, name, changes[name])
        if facility.pk is None:
            continue
        if changed:
            to_update.append(facility)
        else:
            report.unchanged += 1
    report.created, report.updated = len(to_create), len(to_update)

    without_position = sum(1 for item in valid if item.latitude is None)
    if without_position:
        report.notes.append(f"{without_position} établissement(s) sans géolocalisation dans le fichier.")
    if swapped:
        report.notes.append(f"{swapped} géolocalisation(s) aux coordonnées X et Y inversées, corrigées.")
    if encoding != LATIN1:
        report.notes.append(f"Encodage détecté : {encoding} (les extractions FINESS sont d'habitude en Latin-1).")
    absent = (
        HealthFacility.objects.filter(commune__departement_code=departement, kind__in=set(CATEGORY_KINDS.values()))
        .exclude(finess_number__isnull=True)
        .exclude(finess_number="")
        .exclude(finess_number__in=[item.finess for item in facilities])
        .count()
    )
    if absent:
        report.notes.append(
            f"{absent} établissement(s) FINESS du département absent(s) du fichier, conservé(s) "
            "(fermés ? à vérifier dans l'administration)."
        )
    if dry_run or not report.changed:
        return report
    with transaction.atomic():
        for facility in to_create + to_update:
            facility.save()
    return report
