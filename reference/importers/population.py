"""Import of the population of communes from an INSEE CSV file (one row per commune).

Accepted layouts: a header with a commune code column (``CODGEO``, ``COM`` or
``code_insee``; a three-character ``COM`` is completed with the ``DEP`` column) and a
population column (``PMUN``, ``PXX_POP`` such as ``P21_POP`` — the most recent year wins
when several are present — or ``population``). Separator ``;`` (``,`` and tabs are
recognised too), UTF-8 with or without BOM or Latin-1. Title lines above the header
are skipped. Only the population is written; rows of other départements are ignored.
"""

import re

from .columns import find_column, normalize_label
from .commune_values import CommuneValueFile, import_commune_values
from .values import parse_count

YEAR_POPULATION = re.compile(r"^p(\d{2})_pop$")


def population_column(header):
    """PMUN first, else the most recent PXX_POP, else a column named population."""
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


def _set_population(commune, population):
    commune.population = population


POPULATION_FILE = CommuneValueFile(
    subject="des populations",
    code_columns=("CODGEO", "COM", "code_insee", "DEPCOM", "code_commune", "code_commune_insee"),
    departement_columns=("DEP", "CODDEP"),
    value_description="de la population",
    value_columns=("PMUN", "PXX_POP (par exemple P21_POP)", "population", "population_municipale"),
    find_value_column=population_column,
    parse_value=parse_count,
    fields=("population",),
    is_current=lambda commune, population: commune.population == population,
    apply=_set_population,
)


def import_population(path, *, departement=None, dry_run=False, skip_invalid=False, progress=None):
    return import_commune_values(
        POPULATION_FILE, path, departement=departement, dry_run=dry_run, skip_invalid=skip_invalid, progress=progress
    )
