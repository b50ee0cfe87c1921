"""Import of the ARS zoning of general practitioners (one row per commune).

Accepted layouts: a header with a commune code column (``code_commune``, ``CODGEO``,
``insee``...) and a zone column (``zonage``, ``zone``, ``categorie``...). Zone values are
read case- and accent-insensitively: "ZIP" / "Zone d'intervention prioritaire", "ZAC" /
"Zone d'action complémentaire", "HZ" / "Hors zonage". Separator ``;``, ``,`` or tab;
UTF-8 or Latin-1. Imported values are official: ``zonage_is_fictitious`` is cleared.
Rows of other départements are ignored (regional files cover several départements).
"""

from ..models import ZonageCategory
from .columns import find_column, normalize_label
from .commune_values import CommuneValueFile, import_commune_values

ZONE_COLUMNS = ("zonage", "zone", "categorie", "zonage_mg", "zonage_medecins", "type_zone", "classement")
ZONE_VALUES = {
    "zip": ZonageCategory.ZIP,
    "zone_d_intervention_prioritaire": ZonageCategory.ZIP,
    "zone_intervention_prioritaire": ZonageCategory.ZIP,
    "zac": ZonageCategory.ZAC,
    "zone_d_action_complementaire": ZonageCategory.ZAC,
    "zone_action_complementaire": ZonageCategory.ZAC,
    "hz": ZonageCategory.HZ,
    "hors_zonage": ZonageCategory.HZ,
    "hors_zone": ZonageCategory.HZ,
}


def parse_zone(value):
    zone = ZONE_VALUES.get(normalize_label(value))
    if zone is None:
        raise ValueError(
            f"zone « {value} » inconnue (attendu : ZIP, ZAC ou HZ, ou « Zone d'intervention prioritaire », "
            "« Zone d'action complémentaire », « Hors zonage »)."
        )
    return zone


def _is_official_zone(commune, zone):
    """A fictitious zoning (demo data) is replaced even when the category is the same."""
    return commune.zonage == zone and not commune.zonage_is_fictitious


def _set_official_zone(commune, zone):
    commune.zonage, commune.zonage_is_fictitious = zone, False


ZONAGE_FILE = CommuneValueFile(
    subject="du zonage",
    code_columns=("code_commune", "CODGEO", "insee", "code_insee", "code_commune_insee", "COM", "DEPCOM"),
    value_description="du zonage",
    value_columns=ZONE_COLUMNS,
    find_value_column=lambda header: find_column(header, ZONE_COLUMNS),
    parse_value=parse_zone,
    fields=("zonage", "zonage_is_fictitious"),
    is_current=_is_official_zone,
    apply=_set_official_zone,
)


def import_zonage(path, *, departement=None, dry_run=False, skip_invalid=False, progress=None):
    return import_commune_values(
        ZONAGE_FILE, path, departement=departement, dry_run=dry_run, skip_invalid=skip_invalid, progress=progress
    )
