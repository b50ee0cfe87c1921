"""manage.py import_population PATH [--departement 26] [--dry-run] [--skip-invalid]"""

from reference.importers.command import DepartementImportCommand
from reference.importers.population import import_population


class Command(DepartementImportCommand):
    help = (
        "Met à jour la population municipale des communes depuis un fichier CSV de l'INSEE (colonnes CODGEO, "
        "COM ou code_insee et PMUN, PXX_POP ou population ; séparateur « ; » ; UTF-8 ou Latin-1). Les lignes "
        "d'autres départements sont ignorées. Tout ou rien."
    )
    path_help = "Chemin du fichier CSV de population (séparé par des points-virgules)."
    importer = staticmethod(import_population)
