"""Import of the care offer from the FINESS "extraction du fichier des établissements".

Classic etalab extract (``etalab-cs1100507-stock-AAAAMMJJ-HHMM.csv``), ``;``-separated,
Latin-1 (UTF-8 is detected too): see finess_records.py for its records and
finess_geolocation.py for the Lambert 93 positions converted to WGS84.

Only the département's establishments in the categories of CATEGORY_KINDS are imported;
health facilities are matched on their FINESS number. Each category's kind must be a term of
the default desk's « Types d'offre de soins » (reference/vocabularies.py): a row of a kind the
desk does not have is rejected, with what to add. Written fields: kind, name,
address, commune, phone (when given) and position (when geolocated). Points outside the
territory's box are rejected. Coordinates given as (Y, X) — as in the official sample of
the newer JSON flow — are recognised from their ranges, swapped and counted.
"""

from django.db import transaction

from .. import vocabularies
from ..desks import default_site_id
from ..models import HealthFacility
from ..vocabularies import Vocabulary
from .finess_records import CATEGORY_KINDS, parse_file
from .lookups import communes_by_code, unknown_commune_message
from .reading import LATIN1, decode_text, read_file_bytes
from .report import ImportFileError, ImportReport, Progress, RowIssue, reject_or_fail
from .values import departement_or_territory

SUBJECT = "FINESS"


def import_finess(path, *, departement=None, dry_run=False, skip_invalid=False, progress=None):
    departement = departement_or_territory(departement)
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
    kinds = vocabularies.labels(None, Vocabulary.FACILITY_KIND)
    valid = []
    for item in facilities:
        if item.commune_code not in communes:
            report.rejected.append(RowIssue(item.where, unknown_commune_message(item.commune_code)))
        elif item.kind not in kinds:
            report.rejected.append(RowIssue(item.where, unknown_kind_message(item.kind)))
        else:
            valid.append(item)
    report.sort_rejected_by_line()
    reject_or_fail(path, report, skip_invalid, SUBJECT)

    # FINESS fills the default desk's care offer (the health desk of a one-desk instance).
    site_id = default_site_id()
    to_create, to_update = _compare(valid, communes, report, site_id)
    _add_notes(report, departement, facilities, valid, swapped, encoding, site_id)
    if dry_run or not report.changed:
        return report
    with transaction.atomic():
        for facility in to_create + to_update:
            facility.save()
    return report


def unknown_kind_message(kind):
    return (
        f"type d'établissement « {kind} » absent des « Types d'offre de soins » du guichet : ajoutez un terme "
        f"de code {kind} dans Référentiels › Vocabulaires, ou relancez avec --skip-invalid pour ignorer ces lignes."
    )


def _compare(valid, communes, report, site_id):
    """(facilities to create, facilities to update) of the desk ``site_id``, already holding
    their new values. Another desk's facility with the same number is not this desk's."""
    existing = {
        facility.finess_number: facility
        for facility in HealthFacility.objects.filter(
            site_id=site_id, finess_number__in=[item.finess for item in valid]
        )
    }
    to_create, to_update = [], []
    for item in valid:
        commune = communes[item.commune_code]
        facility = existing.get(item.finess)
        if facility is None:
            facility = HealthFacility(finess_number=item.finess, site_id=site_id)
            to_create.append(facility)
        # A phone or position missing from the file keeps the one entered by hand.
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
    return to_create, to_update


def _add_notes(report, departement, facilities, valid, swapped, encoding, site_id):
    without_position = sum(1 for item in valid if item.latitude is None)
    if without_position:
        report.notes.append(f"{without_position} établissement(s) sans géolocalisation dans le fichier.")
    if swapped:
        report.notes.append(f"{swapped} géolocalisation(s) aux coordonnées X et Y inversées, corrigées.")
    if encoding != LATIN1:
        report.notes.append(f"Encodage détecté : {encoding} (les extractions FINESS sont d'habitude en Latin-1).")
    # Establishments missing from the file are not deleted: the summary asks to check them.
    absent = (
        HealthFacility.objects.filter(
            site_id=site_id, commune__departement_code=departement, kind__in=set(CATEGORY_KINDS.values())
        )
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
