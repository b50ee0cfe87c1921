"""Import of the INSEE Code officiel géographique: current communes, names, mergers.

The file (INSEE CSV or decoupage-administratif JSON, see cog_parsing.py) lists the
current communes of the département and the old codes merged into them.

Current communes are created or updated (name, département, population when the file has
it). An old code that is no longer a current commune but still exists in the database is
merged into its new commune: listings, health facilities, aid and organisation links are
moved (see reference/mergers.py), then the old row is deleted. Boundaries are not
merged: the new commune keeps its own outline until import_communes is run with newer
shapes. A merger that the file does not describe (the CSV lists delegated communes only
while they exist) is not guessed: communes of the département missing from the file are
kept and listed in the summary.
"""

from pathlib import Path

from django.db import transaction

from ..cache import forget_commune_boundaries
from ..mergers import merge_communes, plan_merger
from ..models import Commune
from .cog_parsing import SUBJECT, check_consistency, parse_csv, parse_json
from .lookups import communes_by_code
from .reading import UTF8, decode_text, encoding_note, read_file_bytes
from .report import ImportFileError, ImportReport, Progress, reject_or_fail
from .values import departement_or_territory

MERGERS_TITLE = "Fusions de communes"


def _is_json(path, text):
    return Path(path).suffix.lower() in (".json", ".geojson") or text.lstrip()[:1] in ("[", "{")


def import_cog_communes(path, *, departement=None, dry_run=False, skip_invalid=False, progress=None):
    """Create/update current communes and apply mergers; all or nothing. Returns ImportReport."""
    departement = departement_or_territory(departement)
    raw = read_file_bytes(path, subject=SUBJECT)
    text, encoding = decode_text(raw)
    report = ImportReport("Communes", dry_run=dry_run, ignored_reason=f"hors département {departement or '—'}")
    is_json = _is_json(path, text)
    parse = parse_json if is_json else parse_csv
    parsed = parse(text, path, departement, report, Progress(progress))
    currents, mergers = check_consistency(parsed, report)
    if not is_json and encoding != UTF8:
        report.notes.append(encoding_note(encoding, UTF8))
    reject_or_fail(path, report, skip_invalid, SUBJECT)
    if not currents:
        raise ImportFileError(path, [f"Aucune commune du département {departement} dans le fichier."], subject=SUBJECT)

    to_create, to_update = _compare(currents, report)
    names = {item.code: item.name for item in currents}
    olds = communes_by_code(list(mergers))
    plans = [
        plan_merger(old, mergers[code].new_code, names[mergers[code].new_code]) for code, old in sorted(olds.items())
    ]
    for plan in plans:
        report.add_detail(MERGERS_TITLE, plan.describe())
    _note_absent(departement, {item.code for item in currents} | set(olds), report)
    if plans:
        report.notes.append(
            "Les contours des communes fusionnées ne sont pas réunis : chaque nouvelle commune garde son propre "
            "contour (réimportez les contours récents avec import_communes)."
        )
    if dry_run or not (report.changed or plans):
        return report

    with transaction.atomic():
        for item in to_create:
            commune = Commune(insee_code=item.code, name=item.name, departement_code=item.departement_code)
            if item.population is not None:
                commune.population = item.population
            commune.save()
        for commune, changed in to_update:
            commune.save(update_fields=changed)
        if plans:
            merge_communes(plans, communes_by_code({plan.new_code for plan in plans}))
    forget_commune_boundaries()
    return report


def _compare(currents, report):
    """(current communes to create, (commune, changed fields) to save); counts them."""
    existing = communes_by_code([item.code for item in currents])
    to_create, to_update = [], []
    for item in currents:
        commune = existing.get(item.code)
        if commune is None:
            to_create.append(item)
            continue
        changes = {"name": item.name, "departement_code": item.departement_code}
        if item.population is not None:
            changes["population"] = item.population
        changed = [name for name, value in changes.items() if getattr(commune, name) != value]
        if not changed:
            report.unchanged += 1
            continue
        for name in changed:
            setattr(commune, name, changes[name])
        to_update.append((commune, changed))
    report.created, report.updated = len(to_create), len(to_update)
    return to_create, to_update


def _note_absent(departement, known, report):
    """Communes of the département the file does not mention are kept, but listed."""
    absent = (
        Commune.objects.filter(departement_code=departement).exclude(insee_code__in=known)
        if departement
        else Commune.objects.none()
    )
    absent_codes = sorted(absent.values_list("insee_code", flat=True))
    if absent_codes:
        report.notes.append(
            f"{len(absent_codes)} commune(s) du département présentes en base mais absentes du fichier, conservées "
            f"(fusion non décrite par le fichier ? vérifiez-les) : {', '.join(absent_codes)}."
        )
