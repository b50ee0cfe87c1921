"""manage.py import_communes PATH [--code-property code] [--name-property nom] [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError

from reference.importers.communes import CommuneImportError, import_communes


class Command(BaseCommand):
    help = (
        "Crée ou met à jour les communes (nom, département, contour, centre) depuis un fichier GeoJSON "
        "FeatureCollection en WGS84, une entité Polygon ou MultiPolygon par commune. Tout ou rien : "
        "le fichier est entièrement vérifié avant toute écriture. La population, l'EPCI et le zonage "
        "des communes existantes ne sont jamais modifiés."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Chemin du fichier GeoJSON (UTF-8).")
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
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Vérifie le fichier et affiche les changements prévus sans rien enregistrer.",
        )

    def handle(self, *args, path, code_property, name_property, dry_run, **options):
        try:
            result = import_communes(path, code_property=code_property, name_property=name_property, dry_run=dry_run)
        except CommuneImportError as error:
            raise CommandError(str(error)) from error

        if options["verbosity"] >= 2:
            for label, codes in (("Créées", result.created_codes), ("Mises à jour", result.updated_codes)):
                if codes:
                    self.stdout.write(f"{label} : {', '.join(codes)}")
        self.stdout.write(self.style.SUCCESS(result.summary()))
