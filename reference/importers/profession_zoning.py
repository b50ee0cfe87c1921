"""Import of the ARS zoning per profession (ProfessionZoning), long or wide layout.

The layouts and the accepted column names and class values are described in
zoning_parsing.py. The source and the date of the decision come from the command's
options and apply to every row; imported zonings are official (``fictitious`` cleared).
For the general practitioners, ``Commune.zonage`` is kept in step, as import_zonage does,
because the API and the aids still read the GP zoning there.

Same contract as the other importers: the whole file is checked before anything is
written, rows of other départements are ignored, a single rejected row aborts the import
unless ``skip_invalid``, only what changes is saved (a second run writes nothing).
"""

from datetime import datetime

from django.db import transaction

from ..desks import default_site_id
from ..models import Profession, ProfessionZoning, ZonageCategory
from ..zoning import GENERAL_PRACTITIONER_SLUG
from .lookups import BATCH_SIZE, communes_by_code, unknown_commune_message
from .reading import UTF8, csv_records, decode_text, read_file_bytes, sniff_delimiter
from .report import ImportFileError, ImportReport, Progress, RowIssue, reject_or_fail
from .values import departement_or_territory
from .zoning_parsing import SUBJECT, ProfessionNames, find_layout, read_zonings, unknown_columns

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def parse_decision_date(text):
    """'2025-05-09' or '09/05/2025' -> date; ValueError in French otherwise."""
    for date_format in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), date_format).date()
        except ValueError:
            continue
    raise ValueError(f"date « {text} » invalide (attendu : AAAA-MM-JJ ou JJ/MM/AAAA, par exemple 2025-05-09).")


def import_profession_zonings(
    path, *, source="", decided_on=None, departement=None, dry_run=False, skip_invalid=False, progress=None
):
    """Create or update the zoning of each (commune, profession) of the file; all or nothing."""
    if isinstance(decided_on, str):  # As typed after --date.
        try:
            decided_on = parse_decision_date(decided_on)
        except ValueError as error:
            raise ImportFileError(path, [f"Option --date : {error}"], subject=SUBJECT) from error
    departement = departement_or_territory(departement)
    text, encoding = decode_text(read_file_bytes(path, subject=SUBJECT))
    report = ImportReport(
        "Zonages par profession",
        feminine=False,
        dry_run=dry_run,
        ignored_reason=f"hors département {departement or '—'}",
    )
    # Names and slugs are unique within a desk: the default one's, whose territory this is.
    names = ProfessionNames(Profession.objects.filter(site_id=default_site_id()))
    header, layout, rows = find_layout(list(csv_records(text, sniff_delimiter(text))), path, names)
    report.rejected += unknown_columns(header, layout, names)
    zonings = read_zonings(rows, layout, names, departement=departement, report=report, counter=Progress(progress))
    changes = plan_changes(zonings, (source.strip(), decided_on), report)
    report.sort_rejected_by_line()
    report.notes.append(f"Format détecté : {layout.name}.")
    if encoding != UTF8:
        report.notes.append(f"Encodage détecté : {encoding}.")
    if not source.strip():
        report.notes.append("Aucune source indiquée (--source) : les zonages importés n'en ont pas.")
    reject_or_fail(path, report, skip_invalid, SUBJECT)
    to_save, communes = changes
    report.created = sum(zoning.pk is None for zoning in to_save)
    report.updated = len(to_save) - report.created
    if communes:
        report.notes.append(f"Zonage ARS des communes (médecins généralistes) : {len(communes)} mise(s) à jour.")
    if not dry_run and (to_save or communes):
        # One save each, not bulk writes: post_save is what tells the caches that public data changed.
        with transaction.atomic():
            for zoning in to_save:
                zoning.save()
            for commune in communes:
                commune.save(update_fields=["zonage", "zonage_is_fictitious"])
    return report


def plan_changes(zonings, origin, report):
    """The zonings to save (new or changed) and the communes whose GP zonage must follow."""
    source, decided_on = origin
    communes = communes_by_code({code for code, _ in zonings}, ["zonage", "zonage_is_fictitious"])
    existing = existing_zonings([commune.pk for commune in communes.values()])
    to_save, changed_communes = [], {}
    for (code, profession_id), (where, profession, zone_class) in zonings.items():
        commune = communes.get(code)
        if commune is None:
            report.rejected.append(RowIssue(where, unknown_commune_message(code)))
            continue
        wanted = {"zone_class": zone_class, "source": source, "decided_on": decided_on, "fictitious": False}
        zoning = existing.get((commune.pk, profession_id))
        if zoning is None:
            to_save.append(ProfessionZoning(commune=commune, profession=profession, **wanted))
        elif any(getattr(zoning, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(zoning, name, value)
            to_save.append(zoning)
        else:
            report.unchanged += 1
        if profession.slug == GENERAL_PRACTITIONER_SLUG and follow_gp_zoning(commune, zone_class):
            changed_communes[commune.pk] = commune
    # A commune of an unknown code is rejected once, even when the row names several professions.
    report.rejected = list({(issue.where, issue.message): issue for issue in report.rejected}.values())
    return to_save, list(changed_communes.values())


def follow_gp_zoning(commune, zone_class):
    """Set Commune.zonage from the GP class; True when the commune changed (a fictitious one always does)."""
    if commune.zonage == zone_class and not commune.zonage_is_fictitious:
        return False
    commune.zonage, commune.zonage_is_fictitious = ZonageCategory(zone_class), False
    return True


def existing_zonings(commune_ids):
    """{(commune pk, profession pk): ProfessionZoning} for these communes, queried in chunks."""
    zonings = {}
    for start in range(0, len(commune_ids), BATCH_SIZE):
        chunk = ProfessionZoning.objects.filter(commune_id__in=commune_ids[start : start + BATCH_SIZE])
        zonings.update(((zoning.commune_id, zoning.profession_id), zoning) for zoning in chunk)
    return zonings
