"""manage.py import_zonage PATH [--departement 26] [--dry-run] [--skip-invalid]"""

from django.conf import settings

from reference.importers.base import ImportCommand
from reference.importers.zonage import import_zonage


class Command(ImportCommand):
    help = (
        "Met à jour le zonage ARS des communes (ZIP, ZAC, hors zonage) depuis un fichier CSV : une colonne de "
        "code commune (code_commune, CODGEO, insee…) et une colonne de zonage (zonage, zone, categorie…). "
        "Le zonage importé est officiel : la case « zonage fictif » est décochée. Tout ou rien."
    )
    path_help = "Chemin du fichier CSV du zonage (séparateur « ; », « , » ou tabulation)."

    def add_import_arguments(self, parser):
        parser.add_argument(
            "--departement",
            default=settings.TERRITORY["code"],
            help="Code du département à importer (par défaut : celui du territoire, %(default)s).",
        )

    def run_import(self, path, *, dry_run, skip_invalid, progress, options):
        return import_zonage(
            path, departement=options["departement"], dry_run=dry_run, skip_invalid=skip_invalid, progress=progress
        )
