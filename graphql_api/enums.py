"""GraphQL enums built from the domain's TextChoices, without touching the domain classes."""

import enum

import strawberry


def enum_from_choices(name, choices, description):
    """A strawberry enum whose values are the stored choice values, described by their French labels."""
    members = {
        member.name: strawberry.enum_value(member.value, description=str(member.label))
        for member in choices
        if member.value
    }
    return strawberry.enum(enum.Enum(name, members), name=name, description=description)
