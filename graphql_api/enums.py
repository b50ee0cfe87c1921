"""GraphQL enums built from the domain's TextChoices, without touching the domain classes.

Two kinds:
- `enum_from_choices`: a closed vocabulary that is a rule of the product (contract types,
  verdicts...); its members are the GraphQL values, the stored codes the Python values.
- `legacy_enum`: a vocabulary that became data (listing kinds, facility kinds, aid types,
  issue 17): a desk may add codes of its own. The enum keeps the health desk's codes as they
  were, plus `OTHER` for any code outside them; the `...Code` fields and filters carry the
  code itself. Built from frozen code lists, so the schema never depends on the database.
"""

import enum

import strawberry
from django.db.models import Q

OTHER = "OTHER"
# The date until which the deprecated enum fields keep answering (docs/api.md, CHANGELOG.md).
DEPRECATED_UNTIL = "2027-06-30"


def enum_from_choices(name, choices, description):
    """A strawberry enum whose values are the stored choice values, described by their French labels."""
    members = {
        member.name: strawberry.enum_value(member.value, description=str(member.label))
        for member in choices
        if member.value
    }
    return strawberry.enum(enum.Enum(name, members), name=name, description=description)


def legacy_enum(name, choices, description):
    """`enum_from_choices` plus OTHER, whose value is no stored code (a code is a slug, never upper case)."""
    members = {member.name: strawberry.enum_value(member.value, description=str(member.label)) for member in choices}
    members[OTHER] = strawberry.enum_value(
        OTHER, description="A code outside this list, defined by the desk: read the matching `...Code` field."
    )
    return strawberry.enum(
        enum.Enum(name, members),
        name=name,
        description=f"{description} Deprecated with the fields that use it: read codes instead.",
    )


def legacy_member(legacy, code):
    """The member of a legacy enum for a stored code; OTHER for a code the enum never had."""
    try:
        return legacy(code)
    except ValueError:
        return legacy[OTHER]


def legacy_codes_q(field, legacy, members):
    """Rows whose `field` matches the given legacy members; OTHER matches every code outside the enum."""
    known = [member.value for member in legacy if member.name != OTHER]
    wanted = [member.value for member in members if member.name != OTHER]
    condition = Q(**{f"{field}__in": wanted})
    if any(member.name == OTHER for member in members):
        condition |= ~Q(**{f"{field}__in": known})
    return condition


def deprecated_for(code_field, labels_query):
    """The deprecation reason of an enum-typed field replaced by `code_field`."""
    return f"Use `{code_field}` (labels: query `{labels_query}`). Kept until {DEPRECATED_UNTIL}."
