"""manage.py import_communes PATH [--code-property code] [--name-property nom] [--dry-run]"""

from reference.importers.command import FileImportCommand
from reference.importers.communes import import_communes


class Command(FileImportCommand):
    help = (
        "Crée ou met à jour les communes (nom, département, contour, centre) depuis un fichier GeoJSON "
        "FeatureCollection en WGS84, une entité Polygon ou MultiPolygon par commune. Tout ou rien : "
        "le fichier est entièrement vérifié avant toute écriture. La population, l'EPCI et le zonage "
        "des communes existantes ne sont jamais modifiés."
    )
    path_help = "Chemin du fichier GeoJSON (UTF-8)."

    def add_selection_arguments(self, parser):
        parser.add_argument(
            "--code-property",
            default="code",
            help="Propriété des entités qui porte le code INSEE (par défaut : code).",
        )
        parser.add_argument(
            "--name-property",
            default="nom",
            help="Propriété des entités qui porte le nom de la commune (par défaut : nom).",
        )

    def run_import(self, path, *, dry_run, progress, options):
        # A GeoJSON file holds a few hundred features: no progress lines.
        return import_communes(
            path, code_property=options["code_property"], name_property=options["name_property"], dry_run=dry_run
        )

    def write_report(self, report, options):
        if options["verbosity"] >= 2:
            for label, codes in (("Créées", report.created_codes), ("Mises à jour", report.updated_codes)):
                if codes:
                    self.stdout.write(f"{label} : {', '.join(codes)}")
        super().write_report(report, options)
