"""Write the public schema's SDL to schema.graphql (committed; replicating sectors diff it)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

SCHEMA_PATH = Path(settings.BASE_DIR) / "schema.graphql"


def current_sdl():
    from graphql_api.schema import schema

    return schema.as_str().rstrip() + "\n"


class Command(BaseCommand):
    help = "Exporte le schéma GraphQL public dans schema.graphql (à committer)."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(SCHEMA_PATH), help="Fichier de sortie.")

    def handle(self, *args, output, **options):
        Path(output).write_text(current_sdl(), encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Schéma écrit dans {output}"))
