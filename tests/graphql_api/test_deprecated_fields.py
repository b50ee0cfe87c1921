"""Issue 17: the enum-typed fields became codes. The deprecated fields keep answering as
before until the date they announce, and a code a desk added reads as OTHER there."""

import pytest

from aides.models import AidType
from listings.models import ListingKind
from reference.models import HealthFacility, HealthFacilityKind

from .conftest import make_aid, make_listing

pytestmark = pytest.mark.django_db

DESK_KIND = "clinique_veto"  # a kind a veterinary desk could add: outside the legacy enum


def with_desk_code(obj, field="kind", code=DESK_KIND):
    """Store a code outside the legacy list, as a desk's own vocabulary will (model validation
    still knows only the legacy choices here)."""
    type(obj).objects.filter(pk=obj.pk).update(**{field: code})
    return obj


def desk_listing(commune, **fields):
    return with_desk_code(make_listing(commune, kind="office", **fields))


def titles(body, root):
    return sorted(node["title"] for node in body["data"][root]["results"])


def test_every_legacy_listing_kind_answers_its_member_and_its_code(gql, places):
    for kind in ListingKind:
        make_listing(places["die"], kind=kind.value, title=kind.value)
    _, body = gql("{ listings(pagination: {limit: 20}) { results { title kind kindCode } } }")
    answers = {node["title"]: (node["kind"], node["kindCode"]) for node in body["data"]["listings"]["results"]}
    assert answers == {kind.value: (kind.name, kind.value) for kind in ListingKind}


def test_a_desk_kind_is_other_in_the_enum_and_itself_in_the_code(gql, places):
    make_listing(places["die"], kind="office", title="Cabinet")
    desk_listing(places["die"], title="Clinique")
    slug = desk_listing(places["die"]).slug
    _, body = gql(f'{{ listing(slug: "{slug}") {{ kind kindCode }} }}')
    assert body["data"]["listing"] == {"kind": "OTHER", "kindCode": DESK_KIND}

    query = "query($f: ListingFilter) { listings(filter: $f, pagination: {limit: 20}) { results { title } } }"
    _, by_other = gql(query, {"f": {"kinds": ["OTHER"]}})
    _, by_office = gql(query, {"f": {"kinds": ["OFFICE"]}})
    _, by_both = gql(query, {"f": {"kinds": ["OFFICE", "OTHER"]}})
    _, by_code = gql(query, {"f": {"kindCodes": [DESK_KIND]}})
    _, by_office_code = gql(query, {"f": {"kindCodes": ["office"]}})
    assert "Clinique" in titles(by_other, "listings") and "Cabinet" not in titles(by_other, "listings")
    assert titles(by_office, "listings") == ["Cabinet"] == titles(by_office_code, "listings")
    assert "Clinique" in titles(by_code, "listings") and "Cabinet" not in titles(by_code, "listings")
    assert len(titles(by_both, "listings")) == 3


def test_the_map_carries_the_code_and_the_deprecated_name(gql, places):
    make_listing(places["die"], kind="practice_takeover")
    desk_listing(places["die"])
    for query in ("{ listingMap }", '{ listingMap(filter: {commune: "26113"}) }'):
        _, body = gql(query)
        kinds = sorted(
            (f["properties"]["kind"], f["properties"]["kindCode"]) for f in body["data"]["listingMap"]["features"]
        )
        assert kinds == [("OTHER", DESK_KIND), ("PRACTICE_TAKEOVER", "practice_takeover")]


def test_former_listing_answers_both(gql, places):
    gone = desk_listing(places["die"], state="expired")
    _, body = gql(f'{{ formerListing(slug: "{gone.slug}") {{ kind kindCode }} }}')
    assert body["data"]["formerListing"] == {"kind": "OTHER", "kindCode": DESK_KIND}


def test_care_offer_kinds(gql, places):
    for kind in [*HealthFacilityKind, DESK_KIND]:
        code = getattr(kind, "value", kind)
        HealthFacility.objects.create(kind=code, name=code, commune=places["die"])
    _, body = gql("{ healthFacilities(pagination: {limit: 20}) { results { name kind kindCode } } }")
    answers = {node["name"]: (node["kind"], node["kindCode"]) for node in body["data"]["healthFacilities"]["results"]}
    assert answers == {kind.value: (kind.name, kind.value) for kind in HealthFacilityKind} | {
        DESK_KIND: ("OTHER", DESK_KIND)
    }

    query = "query($f: HealthFacilityFilter) { healthFacilities(filter: $f) { results { name } } }"
    _, by_other = gql(query, {"f": {"kinds": ["OTHER"]}})
    _, by_code = gql(query, {"f": {"kindCodes": ["msp", DESK_KIND]}})
    _, by_enum = gql(query, {"f": {"kinds": ["MSP"]}})
    assert [n["name"] for n in by_other["data"]["healthFacilities"]["results"]] == [DESK_KIND]
    assert sorted(n["name"] for n in by_code["data"]["healthFacilities"]["results"]) == sorted(["msp", DESK_KIND])
    assert [n["name"] for n in by_enum["data"]["healthFacilities"]["results"]] == ["msp"]


def test_aid_types(gql, aids_index):
    for aid_type in AidType:
        make_aid(aids_index, aid_type.value, aid_type=aid_type.value)
    with_desk_code(make_aid(aids_index, "Bourse vétérinaire"), "aid_type", "bourse_veto")
    _, body = gql("{ aids(pagination: {limit: 20}) { results { title aidType aidTypeCode } } }")
    answers = {node["title"]: (node["aidType"], node["aidTypeCode"]) for node in body["data"]["aids"]["results"]}
    assert answers == {t.value: (t.name, t.value) for t in AidType} | {"Bourse vétérinaire": ("OTHER", "bourse_veto")}

    query = "query($f: AidFilter) { aids(filter: $f) { results { title } } }"
    _, by_other = gql(query, {"f": {"aidTypes": ["OTHER"]}})
    _, by_code = gql(query, {"f": {"aidTypeCodes": ["bourse_veto"]}})
    _, by_enum = gql(query, {"f": {"aidTypes": ["PREMIUM"]}})
    assert titles(by_other, "aids") == ["Bourse vétérinaire"] == titles(by_code, "aids")
    assert titles(by_enum, "aids") == ["premium"]


def test_the_sites_own_documents_use_no_deprecated_field():
    """The public site reads codes and the desk's vocabularies, never the deprecated enums:
    it must keep working the day they are removed."""
    from graphql import build_schema, parse, validate
    from graphql.validation import NoDeprecatedCustomRule

    from frontend.api import QUERIES_DIR
    from graphql_api.management.commands.export_schema import current_sdl

    schema = build_schema(current_sdl())
    problems = {
        path.name: [error.message for error in errors]
        for path in sorted(QUERIES_DIR.glob("*.graphql"))
        if (errors := validate(schema, parse(path.read_text()), [NoDeprecatedCustomRule]))
    }
    assert problems == {}
