"""The details per kind in the public API (public listings only) and in the contributions API."""

import datetime
from decimal import Decimal

import pytest

from listings.models import Listing

from .conftest import make_listing
from .test_contributions_api import SUBMIT, call, listing_input, town  # noqa: F401

pytestmark = pytest.mark.django_db

DETAILS = """
  kind availableFrom availableUntil housingIncluded replacementRhythm contractType workingTime
  workingTimeDetails monthlyPayMinEur monthlyPayMaxEur sharedSecretariat internPlaces internMonthlyPriceEur expireAt
"""
POST = {
    "kind": "salaried_post",
    "available_from": datetime.date(2027, 9, 1),
    "available_until": datetime.date(2028, 8, 31),
    "contract_type": "fixed_term",
    "working_time": "part_time",
    "working_time_details": "0,8 ETP",
    "monthly_pay_min_eur": 6500,
    "monthly_pay_max_eur": 7800,
    "housing_included": True,
}


def test_anonymous_callers_read_the_details_of_a_public_listing(gql, places):
    post = make_listing(places["die"], title="Poste salarié", **POST)
    housing = make_listing(
        places["die"], kind="intern_housing", intern_places=3, intern_monthly_price_eur=Decimal("150.50")
    )
    replacement = make_listing(places["die"], kind="replacement", replacement_rhythm="long_term")
    office = make_listing(places["die"], kind="office", shared_secretariat=False)
    _, body = gql(f"{{ listings(pagination: {{limit: 10}}) {{ results {{ id {DETAILS} }} }} }}")
    results = {row["id"]: row for row in body["data"]["listings"]["results"]}
    assert results[str(post.pk)] == {
        "id": str(post.pk),
        "kind": "SALARIED_POST",
        "availableFrom": "2027-09-01",
        "availableUntil": "2028-08-31",
        "housingIncluded": True,
        "replacementRhythm": None,
        "contractType": "FIXED_TERM",
        "workingTime": "PART_TIME",
        "workingTimeDetails": "0,8 ETP",
        "monthlyPayMinEur": 6500,
        "monthlyPayMaxEur": 7800,
        "sharedSecretariat": None,
        "internPlaces": None,
        "internMonthlyPriceEur": None,
        "expireAt": None,
    }
    assert (results[str(housing.pk)]["internPlaces"], results[str(housing.pk)]["internMonthlyPriceEur"]) == (3, 150.5)
    assert results[str(replacement.pk)]["replacementRhythm"] == "LONG_TERM"
    assert results[str(office.pk)]["sharedSecretariat"] is False


def test_the_enums_carry_their_french_labels(gql, db):
    _, body = gql('{ t: __type(name: "ContractType") { enumValues { name description } } }')
    labels = {value["name"]: value["description"] for value in body["data"]["t"]["enumValues"]}
    assert labels["PERMANENT"] == "CDI" and labels["SESSIONAL"] == "Vacations (praticien attaché, vacataire)"


@pytest.mark.parametrize("state", ["draft", "pending", "rejected", "expired", "expired_date", "withdrawn"])
def test_an_unpublished_listing_with_details_is_absent(gql, places, state):
    hidden = make_listing(places["die"], state=state, title="Poste caché", **POST)
    _, body = gql(f"query ($id: ID!) {{ listing(id: $id) {{ {DETAILS} }} }}", {"id": str(hidden.pk)})
    assert body["data"]["listing"] is None
    _, body = gql(f"{{ listings {{ totalCount results {{ {DETAILS} }} }} }}")
    assert body["data"]["listings"] == {"totalCount": 0, "results": []}


def test_a_pending_edit_of_the_details_is_not_served(gql, places):
    listing = make_listing(places["die"], **POST)
    listing.monthly_pay_max_eur = 9900
    listing.save_revision()
    _, body = gql("query ($id: ID!) { listing(id: $id) { monthlyPayMaxEur } }", {"id": str(listing.pk)})
    assert body["data"]["listing"]["monthlyPayMaxEur"] == 7800


def contribution(**changes):
    return {"listing": listing_input(kind="salaried_post", **changes)}


def test_the_contributions_api_accepts_the_details(town):  # noqa: F811
    variables = contribution(
        availableFrom="2027-09-01",
        availableUntil="2028-08-31",
        contractType="PUBLIC_SERVICE",
        workingTime="EITHER",
        workingTimeDetails="35 h",
        monthlyPayMinEur=6800,
        monthlyPayMaxEur=8900,
        housingIncluded=False,
    )
    result = call(SUBMIT, variables, town["token"]).json()["data"]["submitListing"]
    assert result["errors"] == []
    listing = Listing.objects.get()
    assert (listing.contract_type, listing.working_time, listing.working_time_details) == (
        "public_service",
        "either",
        "35 h",
    )
    assert (listing.monthly_pay_min_eur, listing.monthly_pay_max_eur, listing.housing_included) == (6800, 8900, False)
    assert listing.available_until == datetime.date(2028, 8, 31)
    assert listing.shared_secretariat is None


def test_the_contributions_api_accepts_intern_housing_and_replacement_details(town):  # noqa: F811
    for changes in (
        {"kind": "intern_housing", "internPlaces": 2, "internMonthlyPriceEur": "0"},
        {"kind": "replacement", "replacementRhythm": "REGULAR", "housingIncluded": True},
        {"kind": "office", "sharedSecretariat": True},
    ):
        result = call(SUBMIT, {"listing": listing_input(**changes)}, town["token"]).json()["data"]["submitListing"]
        assert result["errors"] == [], changes
    kinds = dict(Listing.objects.values_list("kind", "pk"))
    assert Listing.objects.get(pk=kinds["intern_housing"]).intern_places == 2
    assert Listing.objects.get(pk=kinds["replacement"]).replacement_rhythm == "regular"
    assert Listing.objects.get(pk=kinds["office"]).shared_secretariat is True


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"monthlyPayMinEur": 8000, "monthlyPayMaxEur": 6000},
            "monthly_pay_max_eur",
            "Le salaire maximum ne peut pas être inférieur au salaire minimum.",
        ),
        (
            {"internPlaces": 2},
            "intern_places",
            "Ce champ ne concerne pas une annonce de type « Poste salarié » : videz-le ou changez le type d'annonce.",
        ),
        (
            {"availableFrom": "2027-09-01", "availableUntil": "2027-01-01"},
            "available_until",
            "La date de fin ne peut pas précéder la date de début.",
        ),
    ],
)
def test_the_contributions_api_explains_bad_details_in_french(town, changes, field, message):  # noqa: F811
    result = call(SUBMIT, contribution(**changes), town["token"]).json()["data"]["submitListing"]
    assert result["listing"] is None
    assert {"field": field, "messages": [message]} in result["errors"]
    assert Listing.objects.count() == 0


def test_an_unknown_enum_value_is_refused_by_the_schema(town):  # noqa: F811
    response = call(SUBMIT, contribution(contractType="INTERIM"), town["token"])
    assert response.json()["errors"]
    assert Listing.objects.count() == 0
