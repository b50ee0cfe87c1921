"""Write the schemas' SDL to the committed files (replicating sectors diff them):
schema.graphql for the public API, schema-contributions.graphql for the submission API."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from graphql_api.contributions import contributions_schema
from graphql_api.schema import schema

SCHEMA_PATH = Path(settings.BASE_DIR) / "schema.graphql"
CONTRIBUTIONS_SCHEMA_PATH = Path(settings.BASE_DIR) / "schema-contributions.graphql"


def current_sdl():
    return schema.as_str().rstrip() + "\n"


def current_contributions_sdl():
    return contributions_schema.as_str().rstrip() + "\n"


class Command(BaseCommand):
    help = "Exporte les schémas GraphQL (public et contributions) dans les fichiers versionnés."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(SCHEMA_PATH), help="Fichier du schéma public.")
        parser.add_argument(
            "--contributions-output", default=str(CONTRIBUTIONS_SCHEMA_PATH), help="Fichier du schéma de contribution."
        )

    def handle(self, *args, output, contributions_output, **options):
        Path(output).write_text(current_sdl(), encoding="utf-8")
        Path(contributions_output).write_text(current_contributions_sdl(), encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Schémas écrits dans {output} et {contributions_output}"))
