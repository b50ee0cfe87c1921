"""Import of the ARS zoning of general practitioners (one row per commune).

Accepted layouts: a header with a commune code column (``code_commune``, ``CODGEO``,
``insee``...) and a zone column (``zonage``, ``zone``, ``categorie``...). Zone values are
read case- and accent-insensitively: "ZIP" / "Zone d'intervention prioritaire", "ZAC" /
"Zone d'action complémentaire", "HZ" / "Hors zonage". Separator ``;``, ``,`` or tab;
UTF-8 or Latin-1. Imported values are official: ``zonage_is_fictitious`` is cleared.
Rows of other départements are ignored (regional files cover several départements).
"""

from django.conf import settings
from django.db import transaction

from ..models import ZonageCategory
from .base import (
    UTF8,
    ImportReport,
    Progress,
    RowIssue,
    communes_by_code,
    csv_records,
    decode_text,
    find_column,
    find_header,
    normalize_label,
    read_commune_values,
    read_file_bytes,
    reject_or_fail,
    sniff_delimiter,
)

SUBJECT = "du zonage"
CODE_COLUMNS = ("code_commune", "CODGEO", "insee", "code_insee", "code_commune_insee", "COM", "DEPCOM")
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


def import_zonage(path, *, departement=None, dry_run=False, skip_invalid=False, progress=None):
    departement = (departement if departement is not None else settings.TERRITORY["code"]).strip().upper()
    raw = read_file_bytes(path, subject=SUBJECT)
    text, encoding = decode_text(raw)
    report = ImportReport("Communes", dry_run=dry_run, ignored_reason=f"hors département {departement or '—'}")
    counter = Progress(progress)
    records = csv_records(text, sniff_delimiter(text))

    header = find_header(
        records,
        path,
        subject=SUBJECT,
        required=[
            ("du code commune", CODE_COLUMNS, lambda cells: find_column(cells, CODE_COLUMNS)),
            ("du zonage", ZONE_COLUMNS, lambda cells: find_column(cells, ZONE_COLUMNS)),
        ],
    )
    code_index, zone_index = find_column(header, CODE_COLUMNS), find_column(header, ZONE_COLUMNS)

    values = read_commune_values(
        records,
        code_index=code_index,
        value_index=zone_index,
        parse_value=parse_zone,
        departement=departement,
        report=report,
        counter=counter,
    )

    communes = communes_by_code(values, ["zonage", "zonage_is_fictitious"])
    to_update = []
    for code, (where, zone) in values.items():
        commune = communes.get(code)
        if commune is None:
            report.rejected.append(
                RowIssue(where, f"commune {code} inconnue : importez d'abord les communes (import_cog_communes).")
            )
        elif commune.zonage == zone and not commune.zonage_is_fictitious:
            report.unchanged += 1
        else:
            commune.zonage, commune.zonage_is_fictitious = zone, False
            to_update.append(commune)
    report.rejected.sort(key=lambda issue: int(issue.where.split()[1]))
    if encoding != UTF8:
        report.notes.append(f"Encodage détecté : {encoding}.")
    reject_or_fail(path, report, skip_invalid, SUBJECT)
    report.updated = len(to_update)
    if not dry_run and to_update:
        with transaction.atomic():
            for commune in to_update:
                commune.save(update_fields=["zonage", "zonage_is_fictitious"])
    return report
