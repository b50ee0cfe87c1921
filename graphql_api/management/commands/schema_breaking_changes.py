"""Report breaking, dangerous and deprecation changes between the committed schema.graphql and the code.

Exit status 1 when a breaking change is found, so that CI can require a CHANGELOG entry, and
when a deprecated element has outlived the date its reason promises ("Kept until YYYY-MM-DD"),
so that its removal is a conscious, changelogged breaking change rather than a surprise.
graphql-core's own comparison ignores deprecations: `find_deprecations` fills that gap.
"""

import datetime
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    build_schema,
    find_breaking_changes,
    find_dangerous_changes,
)

from .export_schema import SCHEMA_PATH, current_sdl

KEPT_UNTIL = re.compile(r"until (\d{4}-\d{2}-\d{2})")


def compare(old_sdl, new_sdl):
    old, new = build_schema(old_sdl), build_schema(new_sdl)
    return find_breaking_changes(old, new), find_dangerous_changes(old, new)


def deprecated_elements(schema):
    """{"Type.field" (or "Type.field(argument)", "Enum.VALUE"): reason} for every deprecated element."""
    found = {}
    for type_name, graphql_type in schema.type_map.items():
        if type_name.startswith("__"):
            continue
        if isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in graphql_type.fields.items():
                if field.deprecation_reason:
                    found[f"{type_name}.{field_name}"] = field.deprecation_reason
                for arg_name, arg in field.args.items():
                    if arg.deprecation_reason:
                        found[f"{type_name}.{field_name}({arg_name})"] = arg.deprecation_reason
        elif isinstance(graphql_type, GraphQLInputObjectType):
            for field_name, field in graphql_type.fields.items():
                if field.deprecation_reason:
                    found[f"{type_name}.{field_name}"] = field.deprecation_reason
        elif isinstance(graphql_type, GraphQLEnumType):
            for value_name, value in graphql_type.values.items():
                if value.deprecation_reason:
                    found[f"{type_name}.{value_name}"] = value.deprecation_reason
    return found


def find_deprecations(old_sdl, new_sdl):
    """Elements deprecated in the new schema that the old one did not deprecate: [(element, reason)]."""
    before = deprecated_elements(build_schema(old_sdl))
    now = deprecated_elements(build_schema(new_sdl))
    return sorted((element, reason) for element, reason in now.items() if element not in before)


def overdue(sdl, today):
    """Deprecated elements whose promised date has passed: [(element, date)]."""
    late = []
    for element, reason in deprecated_elements(build_schema(sdl)).items():
        match = KEPT_UNTIL.search(reason)
        if match and datetime.date.fromisoformat(match.group(1)) < today:
            late.append((element, match.group(1)))
    return sorted(late)


class Command(BaseCommand):
    help = "Compare schema.graphql (committé) au schéma du code : changements cassants, risqués et dépréciations."

    def add_arguments(self, parser):
        parser.add_argument("--committed", default=str(SCHEMA_PATH), help="Schéma de référence.")

    def handle(self, *args, committed, **options):
        path = Path(committed)
        if not path.exists():
            raise CommandError(f"Schéma de référence introuvable : {path}")
        old_sdl, new_sdl = path.read_text(encoding="utf-8"), current_sdl()
        breaking, dangerous = compare(old_sdl, new_sdl)
        deprecations = find_deprecations(old_sdl, new_sdl)
        for change in breaking:
            self.stdout.write(f"BREAKING {change.type.name}: {change.description}")
        for change in dangerous:
            self.stdout.write(f"DANGEROUS {change.type.name}: {change.description}")
        for element, reason in deprecations:
            self.stdout.write(f"DEPRECATED {element}: {reason}")
        if not breaking and not dangerous and not deprecations:
            self.stdout.write("Aucun changement cassant.")
        current = deprecated_elements(build_schema(new_sdl))
        if current:
            dates = sorted({match.group(1) for reason in current.values() if (match := KEPT_UNTIL.search(reason))})
            removal = ", ".join(dates) or "non daté"
            self.stdout.write(f"{len(current)} élément(s) déprécié(s) dans le schéma ; retrait prévu : {removal}.")
        if breaking:
            raise CommandError(f"{len(breaking)} changement(s) cassant(s) : notez-les dans CHANGELOG.md.")
        late = overdue(new_sdl, datetime.date.today())
        if late:
            listed = ", ".join(f"{element} (jusqu'au {date})" for element, date in late)
            raise CommandError(
                f"Date de retrait dépassée : {listed}. Retirez-les (changement cassant, à noter dans CHANGELOG.md) "
                "ou repoussez la date annoncée."
            )
