"""manage.py import_ban_addresses PATH [--dry-run] [--skip-invalid]"""

from reference.importers.ban import import_ban_addresses
from reference.importers.command import FileImportCommand, add_skip_invalid_argument


class Command(FileImportCommand):
    help = (
        "Crée, met à jour et supprime les adresses de la Base Adresse Nationale (BAN) des communes du territoire "
        "depuis le fichier « adresses-26.csv.gz » d'adresse.data.gouv.fr (CSV « ; », UTF-8, compressé ou non). "
        "Les voies et lieux-dits sont déduits des adresses. Les adresses des communes du fichier qui n'y figurent "
        "plus sont supprimées. Tout ou rien, sauf avec --skip-invalid."
    )
    path_help = "Chemin du fichier des adresses BAN (adresses-26.csv.gz ou .csv)."

    def add_tolerance_arguments(self, parser):
        add_skip_invalid_argument(parser)

    def run_import(self, path, *, dry_run, progress, options):
        return import_ban_addresses(path, dry_run=dry_run, skip_invalid=options["skip_invalid"], progress=progress)
