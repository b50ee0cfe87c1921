"""The contract: the committed SDL matches the code, and everything is described."""

import datetime

from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType, build_schema

from graphql_api.management.commands.export_schema import SCHEMA_PATH, current_sdl
from graphql_api.management.commands.schema_breaking_changes import (
    compare,
    deprecated_elements,
    find_deprecations,
    overdue,
)

# Types provided by strawberry-django itself (their fields are not ours to describe).
LIBRARY_TYPES = {"OffsetPaginationInfo", "OffsetPaginationInput"}


def test_committed_schema_matches_code():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == current_sdl(), (
        "schema.graphql is out of date: run `python manage.py schema_breaking_changes`, record breaking "
        "changes in CHANGELOG.md, then `python manage.py export_schema` and commit the file."
    )


def test_every_type_and_field_is_described():
    schema = build_schema(current_sdl())
    missing = []
    for name, graphql_type in schema.type_map.items():
        if name.startswith("__") or name in LIBRARY_TYPES or name in {"String", "Int", "Float", "Boolean", "ID"}:
            continue
        generic = name.endswith("OffsetPaginated")  # strawberry-django's generic page type
        if not graphql_type.description and not generic:
            missing.append(name)
        if isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for field_name, field in graphql_type.fields.items():
                if not field.description and not (generic and field_name == "pageInfo"):
                    missing.append(f"{name}.{field_name}")
        if isinstance(graphql_type, GraphQLEnumType):
            missing.extend(f"{name}.{v}" for v, value in graphql_type.values.items() if not value.description)
    assert missing == []


def test_breaking_change_detection():
    old = "type Query { listings: [String!]! aids: Int }"
    new = "type Query { aids: Int }"
    breaking, _ = compare(old, new)
    assert [change.type.name for change in breaking] == ["FIELD_REMOVED"]


def test_committed_contributions_schema_matches_code():
    from graphql_api.management.commands.export_schema import CONTRIBUTIONS_SCHEMA_PATH, current_contributions_sdl

    assert CONTRIBUTIONS_SCHEMA_PATH.read_text(encoding="utf-8") == current_contributions_sdl(), (
        "schema-contributions.graphql is out of date: run `python manage.py export_schema` and commit it."
    )


def test_every_content_type_filters_in_get_queryset():
    """Content with a publication state filters itself wherever it is reached; the other
    types are public reference data (communes, professions, care offer...) or reached only
    through a filtered parent."""
    from graphql_api import aides, listings, pages, partners

    filtered = [
        listings.ListingType,
        listings.ListingPhotoType,
        listings.ListingContactType,
        aides.AidPageType,
        partners.PartnerPageType,
        pages.HomePageType,
        pages.ContentPageType,
    ]
    for strawberry_type in filtered:
        assert "get_queryset" in vars(strawberry_type), strawberry_type.__name__


def test_deprecations_are_reported_with_their_removal_date():
    old = "type Query { kind: String code: String }"
    new = 'type Query { kind: String @deprecated(reason: "Use `code`. Kept until 2027-06-30.") code: String }'
    assert find_deprecations(old, new) == [("Query.kind", "Use `code`. Kept until 2027-06-30.")]
    assert find_deprecations(new, new) == []
    assert overdue(new, datetime.date(2027, 6, 30)) == []
    assert overdue(new, datetime.date(2027, 7, 1)) == [("Query.kind", "2027-06-30")]


def test_every_deprecation_in_the_schema_promises_a_date_still_ahead():
    """A deprecated field keeps answering until the date its reason gives (CHANGELOG.md,
    docs/api.md); a reason without a date would let it vanish unannounced."""
    deprecated = deprecated_elements(build_schema(current_sdl()))
    assert deprecated, "the legacy enum fields of issue 17 are deprecated"
    undated = [element for element, reason in deprecated.items() if "Kept until 20" not in reason]
    assert undated == []
    assert overdue(current_sdl(), datetime.date.today()) == []


def test_the_command_lists_deprecations(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    committed = tmp_path / "schema.graphql"
    committed.write_text(_without_deprecations(current_sdl()))
    out = StringIO()
    call_command("schema_breaking_changes", committed=str(committed), stdout=out)
    assert "DEPRECATED Listing.kind: Use `kindCode`" in out.getvalue()
    assert "retrait prévu : 2027-06-30" in out.getvalue()


def _without_deprecations(sdl):
    import re

    return re.sub(r' @deprecated\(reason: "[^"]*"\)', "", sdl)
