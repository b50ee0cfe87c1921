"""Reading the INSEE Code officiel géographique into current communes and old codes.

Two formats are accepted (cog.py tells them apart):
- the INSEE CSV ``v_commune_YYYY.csv`` (``TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,
  LIBELLE,CAN,COMPARENT``, comma-separated, UTF-8): ``COM`` rows are current communes,
  ``COMD``/``COMA`` rows (delegated/associated communes) whose code differs from their
  ``COMPARENT`` describe a merger; ``ARM`` rows (municipal arrondissements) are ignored;
- the etalab ``decoupage-administratif`` JSON (``communes.json``): ``commune-actuelle``
  records (with ``population`` and ``anciensCodes``) and ``commune-deleguee`` /
  ``commune-associee`` records (with ``chefLieu``).

Both give a ParsedCog; check_consistency() then keeps one row per current code and one
new commune per old code. Nothing here touches the database.
"""

from dataclasses import dataclass, field

from ..models import Commune
from .columns import find_column, missing_column_error
from .reading import csv_records, load_json
from .report import ImportFileError, RowIssue
from .values import clean_insee_code, departement_code_for, parse_count

SUBJECT = "des communes (COG)"
CSV_COLUMNS = ("TYPECOM", "COM", "DEP", "LIBELLE", "COMPARENT")
CSV_CURRENT_TYPES = {"COM"}
CSV_CHILD_TYPES = {"COMD", "COMA"}  # Commune déléguée, commune associée.
CSV_IGNORED_TYPES = {"ARM"}  # Arrondissements municipaux (Paris, Lyon, Marseille).
JSON_CURRENT_TYPES = {"commune-actuelle"}
JSON_CHILD_TYPES = {"commune-deleguee", "commune-associee"}
JSON_IGNORED_TYPES = {"arrondissement-municipal"}
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
                RowIssue(where, f"type « {kind or '(vide)'} » inconnu (attendu : COM, COMD, COMA ou ARM).")
            )
            continue
        try:
            code = clean_insee_code(raw_code)
        except ValueError as error:
            report.rejected.append(RowIssue(where, str(error)))
            continue
        if kind in CSV_CURRENT_TYPES:
            dep = cell("DEP").upper() or departement_code_for(code)
            if departement and dep != departement:
                report.ignored += 1
                continue
            issue = _name_problem(name, "LIBELLE")
            if issue:
                report.rejected.append(RowIssue(where, issue))
                continue
            parsed.currents.append(CurrentCommune(where, f"à la ligne {line}", code, name, dep))
        else:
            try:
                parent_code = clean_insee_code(parent)
            except ValueError as error:
                report.rejected.append(RowIssue(where, f"commune parente (COMPARENT) : {error}"))
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
            report.rejected.append(RowIssue(f"Enregistrement n° {number}", "un objet JSON est attendu."))
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
                RowIssue(
                    where,
                    f"type « {kind} » inconnu (attendu : commune-actuelle, commune-deleguee ou commune-associee).",
                )
            )
            continue
        try:
            code = clean_insee_code(raw_code)
        except ValueError as error:
            report.rejected.append(RowIssue(where, str(error)))
            continue
        dep = str(record.get("departement") or departement_code_for(code)).upper()
        if kind in JSON_CHILD_TYPES:
            try:
                parent_code = clean_insee_code(str(record.get("chefLieu") or ""))
            except ValueError as error:
                report.rejected.append(RowIssue(where, f"commune de rattachement (chefLieu) : {error}"))
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
            report.rejected.extend(RowIssue(where, problem) for problem in problems)
            continue
        parsed.currents.append(CurrentCommune(where, f"à l'enregistrement n° {number}", code, name, dep, population))
        parsed.old_codes.extend(OldCode(where, old, code) for old in cleaned_old)
    return parsed


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
                RowIssue(item.where, f"code INSEE {item.code} en double : déjà {first_seen[item.code]}.")
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
                RowIssue(
                    old.where, f"commune de rattachement {old.new_code} absente du fichier (fusion de {old.old_code})."
                )
            )
            continue
        previous = mergers.get(old.old_code)
        if previous and previous.new_code != old.new_code:
            report.rejected.append(
                RowIssue(
                    old.where,
                    f"l'ancien code {old.old_code} est rattaché à deux communes "
                    f"({previous.new_code} et {old.new_code}).",
                )
            )
            continue
        mergers.setdefault(old.old_code, old)
    return currents, mergers
