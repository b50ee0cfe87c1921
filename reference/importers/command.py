"""The management-command shell around an importer: options, progress, printing the report.

Commands hold no import logic: they turn options into arguments of an importer function,
print its ImportReport (first line in colour) and turn an ImportFileError into a
CommandError, so that every importer fails and reports the same way.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.content_version import bump_content_version

from .report import ImportFileError


class FileImportCommand(BaseCommand):
    """A command importing one file, with --dry-run; subclasses say how to run the import.

    Options are added around --dry-run by two hooks so that each command's help lists
    them in the same order as before the commands shared this class.
    """

    path_help = "Chemin du fichier."

    def add_arguments(self, parser):
        parser.add_argument("path", help=self.path_help)
        self.add_selection_arguments(parser)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Vérifie le fichier et affiche les changements prévus sans rien enregistrer.",
        )
        self.add_tolerance_arguments(parser)

    def add_selection_arguments(self, parser):
        """Options choosing what to take from the file (listed before --dry-run)."""

    def add_tolerance_arguments(self, parser):
        """Options deciding what to do with invalid rows (listed after --dry-run)."""

    def run_import(self, path, *, dry_run, progress, options):
        """Call the importer; return its ImportReport."""
        raise NotImplementedError

    def write_progress(self, count):
        self.stderr.write(f"… {count:_} lignes lues".replace("_", "\u202f"))

    def write_report(self, report, options):
        first, *rest = report.summary().split("\n")
        self.stdout.write(self.style.WARNING(first) if report.rejected else self.style.SUCCESS(first))
        for line in rest:
            self.stdout.write(line)

    def handle(self, *args, path, dry_run, **options):
        progress = self.write_progress if options["verbosity"] >= 1 else None
        try:
            report = self.run_import(path, dry_run=dry_run, progress=progress, options=options)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        if not dry_run:
            # Importers write in bulk, without the signals that renew the public content
            # version: renew it here, or the API and the site would answer from stale caches.
            bump_content_version()
        self.write_report(report, options)


class DepartementImportCommand(FileImportCommand):
    """A command importing an official file (national or regional) for one département.

    Such files hold every département, so the one to keep is an option, and a file of
    thousands of rows may be imported without its few invalid ones (--skip-invalid).
    """

    importer = None  # staticmethod(import_…)(path, *, departement, dry_run, skip_invalid, progress)

    def add_selection_arguments(self, parser):
        parser.add_argument(
            "--departement",
            default=settings.TERRITORY["code"],
            help="Code du département à importer (par défaut : celui du territoire, %(default)s).",
        )

    def add_tolerance_arguments(self, parser):
        add_skip_invalid_argument(parser)

    def run_import(self, path, *, dry_run, progress, options):
        return self.importer(
            path,
            departement=options["departement"],
            dry_run=dry_run,
            skip_invalid=options["skip_invalid"],
            progress=progress,
        )


def add_skip_invalid_argument(parser):
    """--skip-invalid: for large official files, import the valid rows and list the others."""
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help=(
            "Importe les lignes valides et liste les lignes rejetées avec leur motif "
            "(par défaut, une seule ligne invalide annule tout l'import)."
        ),
    )
