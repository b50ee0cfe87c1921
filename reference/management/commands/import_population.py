"""manage.py import_population PATH [--departement 26] [--dry-run] [--skip-invalid]"""

from django.conf import settings

from reference.importers.base import ImportCommand
from reference.importers.population import import_population


class Command(ImportCommand):
    help = (
        "Met à jour la population municipale des communes depuis un fichier CSV de l'INSEE (colonnes CODGEO, "
        "COM ou code_insee et PMUN, PXX_POP ou population ; séparateur « ; » ; UTF-8 ou Latin-1). Les lignes "
        "d'autres départements sont ignorées. Tout ou rien."
    )
    path_help = "Chemin du fichier CSV de population (séparé par des points-virgules)."

    def add_import_arguments(self, parser):
        parser.add_argument(
            "--departement",
            default=settings.TERRITORY["code"],
            help="Code du département à importer (par défaut : celui du territoire, %(default)s).",
        )

    def run_import(self, path, *, dry_run, skip_invalid, progress, options):
        return import_population(
            path, departement=options["departement"], dry_run=dry_run, skip_invalid=skip_invalid, progress=progress
        )
