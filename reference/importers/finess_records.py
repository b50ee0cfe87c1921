"""Reading the FINESS extract: ``structureet`` and ``geolocalisation`` records.

Classic etalab extract (``etalab-cs1100507-stock-AAAAMMJJ-HHMM.csv``): ``;``-separated,
a first line ``finess;etalab;…`` then ``structureet`` records (32 fields, see
STRUCTURE_FIELDS) followed by ``geolocalisation`` records
(``geolocalisation;nofinesset;coordxet;coordyet;sourcecoordet;datemaj``). Older extracts
split ``sourcecoordet`` over several ``;`` fields: the coordinates are always the 3rd and
4th fields, the date the last. Nothing here touches the database.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from ..models import HealthFacilityKind
from ..validators import format_point, validate_finess
from .finess_geolocation import Geolocation, convert
from .reading import csv_records
from .report import RowIssue
from .values import clean_insee_code

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
