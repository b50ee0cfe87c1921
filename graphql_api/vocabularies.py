"""The desk's vocabularies (issue 17): listing kinds, care-offer kinds, aid types and zoning
classes are data each desk edits (reference.vocabularies.Term). These root fields give their
codes and French labels, so a client reads `kindCode` / `aidTypeCode` and labels them.

The terms come from reference.vocabularies.terms(): one query per desk and vocabulary until
the content version changes, none once it is in memory. The types are plain strawberry
types over that memo: the schema never depends on what a desk defines.
"""

import strawberry
from strawberry.utils.str_converters import to_camel_case

from reference.vocabularies import Vocabulary, ZoningLevel, terms

from .enums import enum_from_choices
from .site import current_site

# A desk has a handful of terms per vocabulary; the cap bounds a misconfigured one.
MAX_TERMS = 100

ZoningLevelEnum = enum_from_choices(
    "ZoningLevel", ZoningLevel, "What a zoning class is worth for the zoning conditions of aids."
)


@strawberry.type(name="VocabularyTerm", description="A term of one of the desk's vocabularies.")
class VocabularyTermType:
    code: str = strawberry.field(description="Stable code, as the `...Code` fields and filters give it.")
    label: str = strawberry.field(description="French label.")
    sort_order: int = strawberry.field(description="Position in lists (the lists are already in this order).")
    colour: str | None = strawberry.field(
        description="Named colour of map pins and badges (blue, green, orange, purple, red, teal, brown, "
        "grey); null when none is set."
    )
    symbol: str | None = strawberry.field(
        description="Care-offer kinds: short symbol on the map (H, CMS, MSP…); null when the kind is not mapped."
    )


@strawberry.type(name="ListingKindTerm", description="A kind of listing of the desk.")
class ListingKindTermType(VocabularyTermType):
    detail_fields: list[str] = strawberry.field(
        description="Names of the `Listing` detail fields this kind takes (e.g. `internPlaces`); the others "
        "are always null for it."
    )


@strawberry.type(name="ZoningClassTerm", description="A zoning class of the desk (ARS zoning of a profession).")
class ZoningClassTermType:
    code: str = strawberry.field(description="Stable code.")
    label: str = strawberry.field(description="French label.")
    sort_order: int = strawberry.field(description="Position in lists.")
    level: ZoningLevelEnum = strawberry.field(description="What the class is worth for aids' zoning conditions.")


def _terms(info, vocabulary):
    site = current_site(info)
    return terms(site.pk, vocabulary)[:MAX_TERMS] if site is not None else ()


def _common(entry):
    return {
        "code": entry.code,
        "label": entry.label,
        "sort_order": entry.sort_order,
        "colour": entry.colour or None,
        "symbol": entry.symbol or None,
    }


def listing_kinds(info):
    return [
        ListingKindTermType(**_common(entry), detail_fields=[to_camel_case(name) for name in entry.detail_fields])
        for entry in _terms(info, Vocabulary.LISTING_KIND)
    ]


def simple_terms(info, vocabulary):
    return [VocabularyTermType(**_common(entry)) for entry in _terms(info, vocabulary)]


def zoning_classes(info):
    return [
        ZoningClassTermType(
            code=entry.code, label=entry.label, sort_order=entry.sort_order, level=ZoningLevelEnum(entry.level)
        )
        for entry in _terms(info, Vocabulary.ZONING_CLASS)
    ]
