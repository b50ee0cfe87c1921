"""manage.py import_zonage PATH [--departement 26] [--dry-run] [--skip-invalid]"""

from reference.importers.command import DepartementImportCommand
from reference.importers.zonage import import_zonage


class Command(DepartementImportCommand):
    help = (
        "Met à jour le zonage ARS des communes (ZIP, ZAC, hors zonage) depuis un fichier CSV : une colonne de "
        "code commune (code_commune, CODGEO, insee…) et une colonne de zonage (zonage, zone, categorie…). "
        "Le zonage importé est officiel : la case « zonage fictif » est décochée. Tout ou rien."
    )
    path_help = "Chemin du fichier CSV du zonage (séparateur « ; », « , » ou tabulation)."
    importer = staticmethod(import_zonage)
