"""One importer for files giving one value per commune (population, zonage...).

Such files differ only in which columns hold the code and the value, how the value is
read and which Commune fields it sets; population.py and zonage.py describe that in a
CommuneValueFile and this module does the rest:
- the header is searched among the first rows (files often start with a title);
- a three-character code is completed with the département column when there is one;
- rows of other départements are ignored, bad or duplicate rows are rejected with their
  line number, communes missing from the database too (communes are imported first);
- only the communes whose value changes are saved, in one transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from .columns import find_column, find_header
from .lookups import communes_by_code, unknown_commune_message
from .reading import UTF8, csv_records, decode_text, read_file_bytes, sniff_delimiter
from .report import ImportReport, Progress, RowIssue, reject_or_fail
from .values import clean_insee_code, departement_code_for, departement_or_territory


@dataclass(frozen=True)
class CommuneValueFile:
    """What distinguishes one 'code → value' file from another."""

    subject: str  # "des populations": completes « Import … impossible ».
    code_columns: tuple
    value_description: str  # "de la population": completes « colonne … introuvable ».
    value_columns: tuple  # Names shown when the value column is missing.
    find_value_column: Callable  # header cells -> index or None
    parse_value: Callable  # cell text -> value, or ValueError in French
    fields: tuple  # Commune fields read and written.
    is_current: Callable  # (commune, value) -> True when nothing needs saving
    apply: Callable  # (commune, value) -> None, sets the fields
    departement_columns: tuple = ()  # Completes a three-character commune code.


def import_commune_values(kind, path, *, departement=None, dry_run=False, skip_invalid=False, progress=None):
    """Set the value of each commune listed in the file; all or nothing. Returns ImportReport."""
    departement = departement_or_territory(departement)
    raw = read_file_bytes(path, subject=kind.subject)
    text, encoding = decode_text(raw)
    report = ImportReport("Communes", dry_run=dry_run, ignored_reason=f"hors département {departement or '—'}")
    counter = Progress(progress)
    records = csv_records(text, sniff_delimiter(text))

    header = find_header(
        records,
        path,
        subject=kind.subject,
        required=[
            ("du code commune", kind.code_columns, lambda cells: find_column(cells, kind.code_columns)),
            (kind.value_description, kind.value_columns, kind.find_value_column),
        ],
    )
    values = read_commune_values(
        records,
        code_index=find_column(header, kind.code_columns),
        value_index=kind.find_value_column(header),
        parse_value=kind.parse_value,
        departement=departement,
        report=report,
        counter=counter,
        dep_index=find_column(header, kind.departement_columns),
    )

    communes = communes_by_code(values, list(kind.fields))
    to_update = []
    for code, (where, value) in values.items():
        commune = communes.get(code)
        if commune is None:
            report.rejected.append(RowIssue(where, unknown_commune_message(code)))
        elif kind.is_current(commune, value):
            report.unchanged += 1
        else:
            kind.apply(commune, value)
            to_update.append(commune)
    report.sort_rejected_by_line()
    if encoding != UTF8:
        report.notes.append(f"Encodage détecté : {encoding}.")
    reject_or_fail(path, report, skip_invalid, kind.subject)
    report.updated = len(to_update)
    if not dry_run and to_update:
        with transaction.atomic():
            for commune in to_update:
                commune.save(update_fields=list(kind.fields))
    return report


def read_commune_values(records, *, code_index, value_index, parse_value, departement, report, counter, dep_index=None):
    """Read a 'commune code → value' file (population, zonage...): {code: (where, value)}.

    Rows of other départements are counted as ignored; a bad code, a bad value or a code
    seen twice is a rejected row naming its line."""
    values, first_seen = {}, {}
    for line, cells in records:
        counter.step()
        raw_code = cells[code_index] if code_index < len(cells) else ""
        if len(raw_code) == 3 and dep_index is not None and dep_index < len(cells):
            raw_code = cells[dep_index] + raw_code  # 'COM' holding the code within the département.
        where = f"Ligne {line}" + (f" (code {raw_code})" if raw_code else "")
        try:
            code = clean_insee_code(raw_code, pad=True)
        except ValueError as error:
            report.rejected.append(RowIssue(where, str(error)))
            continue
        if departement and departement_code_for(code) != departement:
            report.ignored += 1
            continue
        try:
            value = parse_value(cells[value_index] if value_index < len(cells) else "")
        except ValueError as error:
            report.rejected.append(RowIssue(where, str(error)))
            continue
        if code in first_seen:
            report.rejected.append(
                RowIssue(where, f"code INSEE {code} en double : déjà à la ligne {first_seen[code]}.")
            )
            continue
        first_seen[code] = line
        values[code] = (where, value)
    return values
