"""Import of the INSEE Code officiel géographique: current communes, names, mergers.

Two formats are accepted, detected from the extension or the content:
- the INSEE CSV ``v_commune_YYYY.csv`` (``TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,
  LIBELLE,CAN,COMPARENT``, comma-separated, UTF-8): ``COM`` rows are current communes,
  ``COMD``/``COMA`` rows (delegated/associated communes) whose code differs from their
  ``COMPARENT`` describe a merger; ``ARM`` rows (municipal arrondissements) are ignored;
- the etalab ``decoupage-administratif`` JSON (``communes.json``): ``commune-actuelle``
  records (with ``population`` and ``anciensCodes``) and ``commune-deleguee`` /
  ``commune-associee`` records (with ``chefLieu``).

Current communes are created or updated (name, département, population when the file has
it). An old code that is no longer a current commune but still exists in the database is
merged into its new commune: listings, health facilities, aid and organisation links are
moved (see the merger functions below), then the old row is deleted. Boundaries are not
merged: the new commune keeps its own outline until import_communes is run with newer
shapes. A merger that the file does not describe (the CSV lists delegated communes only
while they exist) is not guessed: communes of the département missing from the file are
kept and listed in the summary.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from ..cache import forget_commune_boundaries
from ..models import Commune
from .base import (
    UTF8,
    ImportFileError,
    ImportReport,
    Progress,
    RowIssue,
    clean_insee_code,
    communes_by_code,
    csv_records,
    decode_text,
    departement_code_for,
    encoding_note,
    find_column,
    load_json,
    missing_column_error,
    parse_count,
    read_file_bytes,
    reject_or_fail,
)

SUBJECT = "des communes (COG)"
CSV_COLUMNS = ("TYPECOM", "COM", "DEP", "LIBELLE", "COMPARENT")
CSV_CURRENT_TYPES = {"COM"}
CSV_CHILD_TYPES = {"COMD", "COMA"}  # Commune déléguée, commune associée.
CSV_IGNORED_TYPES = {"ARM"}  # Arrondissements municipaux (Paris, Lyon, Marseille).
JSON_CURRENT_TYPES = {"commune-actuelle"}
JSON_CHILD_TYPES = {"commune-deleguee", "commune-associee"}
JSON_IGNORED_TYPES = {"arrondissement-municipal"}
MERGERS_TITLE = "Fusions de communes"
NAME_MAX_LENGTH = Commune._meta.get_field("name").max_length


@dataclass
class CurrentCommune:
    where: str
    ref: str  # "à la ligne 12", "à l'enregistrement n° 3": where a duplicate was first seen.
    code: str
    name: str
    departement_code: str
    population: int | None = None


@dataclass
class OldCode:
    where: str
    old_code: str
    new_code: str


@dataclass
class ParsedCog:
    currents: list = field(default_factory=list)
    old_codes: list = field(default_factory=list)
    has_population: bool = False


def _where(prefix, code="", name=""):
    details = ", ".join(part for part in (f"code {code}" if code else "", name) if part)
    return f"{prefix} ({details})" if details else prefix


# --- Reading -----------------------------------------------------------------------------


def _is_json(path, text):
    return Path(path).suffix.lower() in (".json", ".geojson") or text.lstrip()[:1] in ("[", "{")


def parse_csv(text, path, departement, report, progress):
    records = csv_records(text, ",")
    try:
        _line, header = next(records)
    except StopIteration:
        raise ImportFileError(path, ["Le fichier est vide."], subject=SUBJECT) from None
    columns = {name: find_column(header, [name]) for name in CSV_COLUMNS}
    missing = [name for name, index in columns.items() if index is None]
    if missing:
        if len(header) == 1 and ";" in header[0]:
            raise ImportFileError(
                path,
                ["Ligne 1 (en-tête) : le fichier COG doit être séparé par des virgules, pas des points-virgules."],
                subject=SUBJECT,
            )
        raise ImportFileError(
            path, [missing_column_error(f"« {name} »", CSV_COLUMNS, header) for name in missing], subject=SUBJECT
        )

    parsed = ParsedCog()
    for line, cells in records:
        progress.step()

        def cell(name, cells=cells):
            index = columns[name]
            return cells[index] if index < len(cells) else ""

        kind, raw_code, name, parent = cell("TYPECOM").upper(), cell("COM"), cell("LIBELLE"), cell("COMPARENT")
        where = _where(f"Ligne {line}", raw_code, name)
        if kind in CSV_IGNORED_TYPES:
            continue
        if kind not in CSV_CURRENT_TYPES | CSV_CHILD_TYPES:
            report.rejected.append(
                _issue(where, f"type « {kind or '(vide)'} » inconnu (attendu : COM, COMD, COMA ou ARM).")
            )
            continue
        try:
            code = clean_insee_code(raw_code)
        except ValueError as error:
            report.rejected.append(_issue(where, str(error)))
            continue
        if kind in CSV_CURRENT_TYPES:
            dep = cell("DEP").upper() or departement_code_for(code)
            if departement and dep != departement:
                report.ignored += 1
                continue
            issue = _name_problem(name, "LIBELLE")
            if issue:
                report.rejected.append(_issue(where, issue))
                continue
            parsed.currents.append(CurrentCommune(where, f"à la ligne {line}", code, name, dep))
        else:
            try:
                parent_code = clean_insee_code(parent)
            except ValueError as error:
                report.rejected.append(_issue(where, f"commune parente (COMPARENT) : {error}"))
                continue
            if departement and departement_code_for(parent_code) != departement:
                report.ignored += 1
                continue
            parsed.old_codes.append(OldCode(where, code, parent_code))
    return parsed


def parse_json(text, path, departement, report, progress):
    data = load_json(text, path, SUBJECT)
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        raise ImportFileError(
            path,
            ["Ce fichier est un GeoJSON de contours : importez-le avec « manage.py import_communes »."],
            subject=SUBJECT,
        )
    if not isinstance(data, list) or not data:
        raise ImportFileError(
            path,
            [
                "Le fichier JSON doit contenir une liste non vide de communes "
                "(format communes.json de decoupage-administratif)."
            ],
            subject=SUBJECT,
        )
    parsed = ParsedCog(has_population=any(isinstance(r, dict) and "population" in r for r in data))
    for number, record in enumerate(data, start=1):
        progress.step()
        if not isinstance(record, dict):
            report.rejected.append(_issue(f"Enregistrement n° {number}", "un objet JSON est attendu."))
            continue
        raw_code, name = record.get("code"), record.get("nom")
        raw_code = str(raw_code) if isinstance(raw_code, str | int) and not isinstance(raw_code, bool) else ""
        name = name.strip() if isinstance(name, str) else ""
        where = _where(f"Enregistrement n° {number}", raw_code.strip(), name)
        kind = record.get("type")
        if kind in JSON_IGNORED_TYPES:
            continue
        if kind not in JSON_CURRENT_TYPES | JSON_CHILD_TYPES:
            report.rejected.append(
                _issue(
                    where,
                    f"type « {kind} » inconnu (attendu : commune-actuelle, commune-deleguee ou commune-associee).",
                )
            )
            continue
        try:
            code = clean_insee_code(raw_code)
        except ValueError as error:
            report.rejected.append(_issue(where, str(error)))
            continue
        dep = str(record.get("departement") or departement_code_for(code)).upper()
        if kind in JSON_CHILD_TYPES:
            try:
                parent_code = clean_insee_code(str(record.get("chefLieu") or ""))
            except ValueError as error:
                report.rejected.append(_issue(where, f"commune de rattachement (chefLieu) : {error}"))
                continue
            if departement and departement_code_for(parent_code) != departement:
                report.ignored += 1
                continue
            parsed.old_codes.append(OldCode(where, code, parent_code))
            continue
        if departement and dep != departement:
            report.ignored += 1
            continue
        problems = []
        issue = _name_problem(name, "nom")
        if issue:
            problems.append(issue)
        population = None
        if record.get("population") is not None:
            try:
                population = parse_count(str(record["population"]))
            except ValueError as error:
                problems.append(str(error))
        old_codes = record.get("anciensCodes") or []
        if not isinstance(old_codes, list):
            problems.append("« anciensCodes » doit être une liste de codes INSEE.")
            old_codes = []
        cleaned_old = []
        for old in old_codes:
            try:
                cleaned_old.append(clean_insee_code(str(old)))
            except ValueError as error:
                problems.append(f"ancien code : {error}")
        if problems:
            report.rejected.extend(_issue(where, problem) for problem in problems)
            continue
        parsed.currents.append(CurrentCommune(where, f"à l'enregistrement n° {number}", code, name, dep, population))
        parsed.old_codes.extend(OldCode(where, old, code) for old in cleaned_old)
    return parsed


def _issue(where, message):
    return RowIssue(where, message)


def _name_problem(name, column):
    if not name:
        return f"nom de la commune (« {column} ») absent."
    if len(name) > NAME_MAX_LENGTH:
        return f"nom de la commune trop long ({NAME_MAX_LENGTH} caractères au plus)."
    return None


def check_consistency(parsed, report):
    """Duplicate codes, mergers pointing nowhere, codes merged into two communes."""
    currents, first_seen = [], {}
    for item in parsed.currents:
        if item.code in first_seen:
            report.rejected.append(
                _issue(item.where, f"code INSEE {item.code} en double : déjà {first_seen[item.code]}.")
            )
            continue
        first_seen[item.code] = item.ref
        currents.append(item)
    parsed.currents = currents

    mergers = {}
    for old in parsed.old_codes:
        if old.old_code == old.new_code or old.old_code in first_seen:
            continue  # The chef-lieu's own delegated commune, or a code still current.
        if old.new_code not in first_seen:
            report.rejected.append(
                _issue(
                    old.where, f"commune de rattachement {old.new_code} absente du fichier (fusion de {old.old_code})."
                )
            )
            continue
        previous = mergers.get(old.old_code)
        if previous and previous.new_code != old.new_code:
            report.rejected.append(
                _issue(
                    old.where,
                    f"l'ancien code {old.old_code} est rattaché à deux communes "
                    f"({previous.new_code} et {old.new_code}).",
                )
            )
            continue
        mergers.setdefault(old.old_code, old)
    return currents, mergers


# --- Import ------------------------------------------------------------------------------


def import_cog_communes(path, *, departement=None, dry_run=False, skip_invalid=False, progress=None):
    """Create/update current communes and apply mergers; all or nothing. Returns ImportReport."""
    departement = (departement if departement is not None else settings.TERRITORY["code"]).strip().upper()
    raw = read_file_bytes(path, subject=SUBJECT)
    text, encoding = decode_text(raw)
    report = ImportReport("Communes", dry_run=dry_run, ignored_reason=f"hors département {departement or '—'}")
    counter = Progress(progress)
    is_json = _is_json(path, text)
    parse = parse_json if is_json else parse_csv
    parsed = parse(text, path, departement, report, counter)
    currents, mergers = check_consistency(parsed, report)
    if not is_json and encoding != UTF8:
        report.notes.append(encoding_note(encoding, UTF8))
    reject_or_fail(path, report, skip_invalid, SUBJECT)
    if not currents:
        raise ImportFileError(path, [f"Aucune commune du département {departement} dans le fichier."], subject=SUBJECT)

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

    names = {item.code: item.name for item in currents}
    olds = communes_by_code(list(mergers))
    plans = [
        MergePlan(old=old, new_code=mergers[code].new_code, new_name=names[mergers[code].new_code])
        for code, old in sorted(olds.items())
    ]
    for plan in plans:
        plan.counts = count_attached(plan.old)
        report.add_detail(MERGERS_TITLE, plan.describe())

    known = {item.code for item in currents} | set(olds)
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
            new_communes = communes_by_code({plan.new_code for plan in plans})
            moved, mapping = {}, {}
            for plan in plans:
                new = new_communes[plan.new_code]
                mapping[plan.old.pk] = new.pk
                for model, ids in apply_merge(plan.old, new).items():
                    moved.setdefault(model, set()).update(ids)
            rewrite_revisions(mapping)
            refresh_references(moved)
    forget_commune_boundaries()
    return report


# --- Mergers -----------------------------------------------------------------------------
# Relations are found generically from Commune's reverse relations, so a model added later
# with a foreign key or many-to-many link to Commune is handled too. Draft revisions of
# listings and pages are rewritten as well, so that publishing an older draft neither
# brings back nor fails on the deleted commune.

# Short labels for the summary ("2 annonces, 1 établissement déplacés").
RELATION_LABELS = {  # model label: (singular, plural, feminine)
    "listings.listing": ("annonce", "annonces", True),
    "reference.healthfacility": ("établissement", "établissements", False),
    "aides.aidpage": ("aide", "aides", True),
    "listings.organisation": ("structure", "structures", True),
}


@dataclass
class MergePlan:
    old: Commune
    new_code: str
    new_name: str
    counts: dict = field(default_factory=dict)  # label -> number of objects to move

    def describe(self):
        order = list(RELATION_LABELS)
        counts = sorted(
            ((label, count) for label, count in self.counts.items() if count),
            key=lambda pair: order.index(pair[0]) if pair[0] in order else len(order),
        )
        if not counts:
            what = "rien à déplacer"
        else:
            labels = [_label(label, count) for label, count in counts]
            total = sum(count for _label_, count in counts)
            feminine = all(label[2] for label in labels)
            agreement = ("e" if feminine else "") + ("s" if total > 1 else "")
            what = f"{', '.join(text for text, _plural, _feminine in labels)} déplacé{agreement}"
        return f"{self.old.insee_code} {self.old.name} → {self.new_code} {self.new_name} : {what}"


def _label(model_label, count):
    """(text, plural, feminine): '2 annonces'."""
    model = _model(model_label)
    singular, plural, feminine = RELATION_LABELS.get(
        model_label, (str(model._meta.verbose_name), str(model._meta.verbose_name_plural), False)
    )
    return f"{count} {singular if count == 1 else plural}", count > 1, feminine


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


def commune_relations():
    """(model label, relation) for every model pointing at Commune (FK or many-to-many)."""
    relations = []
    for relation in Commune._meta.related_objects:
        if relation.many_to_many or relation.one_to_many or relation.one_to_one:
            relations.append((relation.related_model._meta.label_lower, relation))
    return relations


def _m2m_names(relation):
    """Names of the through model's foreign keys to the owner and to the commune."""
    return relation.field.m2m_field_name(), relation.field.m2m_reverse_field_name()


def count_attached(old):
    counts = {}
    for label, relation in commune_relations():
        if relation.many_to_many:
            _owner_name, commune_name = _m2m_names(relation)
            number = relation.through._base_manager.filter(**{commune_name: old}).count()
        else:
            number = relation.related_model._base_manager.filter(**{relation.field.name: old}).count()
        counts[label] = counts.get(label, 0) + number
    return counts


def apply_merge(old, new):
    """Move every link from old to new, then delete old. Returns the moved objects by model."""
    moved = {}
    for _model_label, relation in commune_relations():
        model = relation.related_model
        if relation.many_to_many:
            owner_name, commune_name = _m2m_names(relation)
            through = relation.through._base_manager
            owner_attname = relation.through._meta.get_field(owner_name).attname
            owner_ids = set(through.filter(**{commune_name: old}).values_list(owner_attname, flat=True))
            if not owner_ids:
                continue
            already = set(
                through.filter(**{commune_name: new, f"{owner_attname}__in": owner_ids}).values_list(
                    owner_attname, flat=True
                )
            )
            through.filter(**{commune_name: old, f"{owner_attname}__in": already}).delete()
            through.filter(**{commune_name: old}).update(**{commune_name: new})
        else:
            objects = model._base_manager.filter(**{relation.field.name: old})
            owner_ids = set(objects.values_list("pk", flat=True))
            if not owner_ids:
                continue
            objects.update(**{relation.field.name: new})
        moved.setdefault(model, set()).update(owner_ids)
    old.delete()
    return moved


def rewrite_revisions(mapping):
    """Replace old commune ids by new ones in the stored revisions of listings and pages.

    ``mapping`` is {old pk: new pk}. Only models with revisions are scanned, and only
    their foreign keys / parental many-to-many fields pointing at Commune.
    """
    from wagtail.models import Revision

    if not mapping:
        return 0
    rewritten = 0
    for _model_label, relation in commune_relations():
        model = relation.related_model
        if not hasattr(model, "revisions"):
            continue
        key = relation.field.name
        content_type = ContentType.objects.get_for_model(model)
        for revision in Revision.objects.filter(content_type=content_type).only("pk", "content").iterator():
            content = revision.content
            if not isinstance(content, dict) or key not in content:
                continue
            value = content[key]
            if isinstance(value, list):
                new_value = []
                for item in value:
                    item = mapping.get(item, item)
                    if item not in new_value:
                        new_value.append(item)
            else:
                new_value = mapping.get(value, value)
            if new_value != value:
                content[key] = new_value
                Revision.objects.filter(pk=revision.pk).update(content=content)
                rewritten += 1
    return rewritten


def refresh_references(moved):
    """Keep Wagtail's reference index ("used by") in step for the moved objects."""
    from wagtail.models import ReferenceIndex

    for model, ids in moved.items():
        if not ReferenceIndex.is_indexed(model):
            continue
        for instance in model._base_manager.filter(pk__in=ids):
            ReferenceIndex.create_or_update_for_object(getattr(instance, "specific", instance))
