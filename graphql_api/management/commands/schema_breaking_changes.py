"""Report breaking and dangerous changes between the committed schema.graphql and the code.

Exit status 1 when a breaking change is found, so that CI can require a CHANGELOG entry.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from graphql import build_schema, find_breaking_changes, find_dangerous_changes

from .export_schema import SCHEMA_PATH, current_sdl


def compare(old_sdl, new_sdl):
    old, new = build_schema(old_sdl), build_schema(new_sdl)
    return find_breaking_changes(old, new), find_dangerous_changes(old, new)


class Command(BaseCommand):
    help = "Compare schema.graphql (committé) au schéma du code et liste les changements cassants."

    def add_arguments(self, parser):
        parser.add_argument("--committed", default=str(SCHEMA_PATH), help="Schéma de référence.")

    def handle(self, *args, committed, **options):
        path = Path(committed)
        if not path.exists():
            raise CommandError(f"Schéma de référence introuvable : {path}")
        breaking, dangerous = compare(path.read_text(encoding="utf-8"), current_sdl())
        for change in breaking:
            self.stdout.write(f"BREAKING {change.type.name}: {change.description}")
        for change in dangerous:
            self.stdout.write(f"DANGEROUS {change.type.name}: {change.description}")
        if not breaking and not dangerous:
            self.stdout.write("Aucun changement cassant.")
        if breaking:
            raise CommandError(f"{len(breaking)} changement(s) cassant(s) : notez-les dans CHANGELOG.md.")
