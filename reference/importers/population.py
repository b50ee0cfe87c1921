"""Import of the population of communes from an INSEE CSV file (one row per commune).

Accepted layouts: a header with a commune code column (``CODGEO``, ``COM`` or
``code_insee``; a three-character ``COM`` is completed with the ``DEP`` column) and a
population column (``PMUN``, ``PXX_POP`` such as ``P21_POP`` — the most recent year wins
when several are present — or ``population``). Separator ``;`` (``,`` and tabs are
recognised too), UTF-8 with or without BOM or Latin-1. Title lines above the header
are skipped. Only the population is written; rows of other départements are ignored.
"""

import re

from django.conf import settings
from django.db import transaction

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
    parse_count,
    read_commune_values,
    read_file_bytes,
    reject_or_fail,
    sniff_delimiter,
)

SUBJECT = "des populations"
CODE_COLUMNS = ("CODGEO", "COM", "code_insee", "DEPCOM", "code_commune", "code_commune_insee")
DEPARTEMENT_COLUMNS = ("DEP", "CODDEP")
POPULATION_COLUMNS = ("PMUN", "PXX_POP (par exemple P21_POP)", "population", "population_municipale")
YEAR_POPULATION = re.compile(r"^p(\d{2})_pop$")


def _population_column(header):
    index = find_column(header, ["PMUN"])
    if index is not None:
        return index
    years = [
        (int(match[1]), position)
        for position, cell in enumerate(header)
        if (match := YEAR_POPULATION.match(normalize_label(cell)))
    ]
    if years:
        return max(years)[1]
    return find_column(header, ["population", "population_municipale"])


def import_population(path, *, departement=None, dry_run=False, skip_invalid=False, progress=None):
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
            ("de la population", POPULATION_COLUMNS, _population_column),
        ],
    )
    code_index = find_column(header, CODE_COLUMNS)
    dep_index = find_column(header, DEPARTEMENT_COLUMNS)
    population_index = _population_column(header)

    values = read_commune_values(
        records,
        code_index=code_index,
        value_index=population_index,
        parse_value=parse_count,
        departement=departement,
        report=report,
        counter=counter,
        dep_index=dep_index,
    )

    communes = communes_by_code(values, ["population"])
    to_update = []
    for code, (where, population) in values.items():
        commune = communes.get(code)
        if commune is None:
            report.rejected.append(
                RowIssue(where, f"commune {code} inconnue : importez d'abord les communes (import_cog_communes).")
            )
        elif commune.population == population:
            report.unchanged += 1
        else:
            commune.population = population
            to_update.append(commune)
    report.rejected.sort(key=lambda issue: int(issue.where.split()[1]))
    if encoding != UTF8:
        report.notes.append(f"Encodage détecté : {encoding}.")
    reject_or_fail(path, report, skip_invalid, SUBJECT)
    report.updated = len(to_update)
    if not dry_run and to_update:
        with transaction.atomic():
            for commune in to_update:
                commune.save(update_fields=["population"])
    return report
