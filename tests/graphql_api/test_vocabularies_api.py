"""The desk's vocabularies in the public API (issue 17): each desk answers its own terms,
with the codes the `...Code` fields carry, in a constant number of queries."""

import uuid

import pytest
from wagtail.models import Page, Site

from aides.models import AidType
from graphql_api.cache import bump_content_version
from home.models import HomePage
from listings.models import ListingKind
from reference.models import HealthFacilityKind
from reference.vocabularies import Term, Vocabulary, ZoningLevel

pytestmark = pytest.mark.django_db

VOCABULARIES = """{
  listingKinds { code label sortOrder colour symbol detailFields }
  healthFacilityKinds { code label symbol }
  aidTypes { code label }
  zoningClasses { code label level }
}"""


@pytest.fixture
def veto_site(db):
    """A second desk in the same instance, with a vocabulary of its own."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Vétérinaires", slug=f"veto-{uuid.uuid4().hex[:6]}"))
    site = Site.objects.create(hostname="veto.test", port=80, root_page=home, site_name="Guichet vétérinaire")
    for order, (code, label, extra) in enumerate(
        [
            ("clientele", "Clientèle à reprendre", {"colour": "green", "detail_fields": ["shared_secretariat"]}),
            ("remplacement", "Remplacement", {"detail_fields": ["replacement_rhythm", "available_until"]}),
        ],
        start=1,
    ):
        Term.objects.create(
            site=site, vocabulary=Vocabulary.LISTING_KIND, code=code, label=label, sort_order=order, **extra
        )
    Term.objects.create(
        site=site, vocabulary=Vocabulary.FACILITY_KIND, code="clinique", label="Clinique vétérinaire", symbol="CV"
    )
    Term.objects.create(site=site, vocabulary=Vocabulary.AID_TYPE, code="bourse", label="Bourse d'études")
    Term.objects.create(
        site=site,
        vocabulary=Vocabulary.ZONING_CLASS,
        code="sous_dotee_veto",
        label="Zone sous-dotée",
        level=ZoningLevel.PRIORITY,
    )
    bump_content_version()
    return site


def test_the_health_desk_answers_its_seeded_vocabularies(gql):
    _, body = gql(VOCABULARIES)
    data = body["data"]
    assert [(t["code"], t["label"]) for t in data["listingKinds"]] == [(k.value, k.label) for k in ListingKind]
    intern_housing = next(t for t in data["listingKinds"] if t["code"] == "intern_housing")
    assert set(intern_housing["detailFields"]) == {"availableUntil", "internPlaces", "internMonthlyPriceEur"}
    assert {t["code"] for t in data["healthFacilityKinds"]} == set(HealthFacilityKind.values)
    assert {t["code"]: t["symbol"] for t in data["healthFacilityKinds"]}["msp"] == "MSP"
    assert {t["code"] for t in data["aidTypes"]} == set(AidType.values)
    levels = {t["code"]: t["level"] for t in data["zoningClasses"]}
    assert levels["zip"] == "PRIORITY" and levels["zac"] == "UNDERSERVED" and levels["hz"] == "OTHER"


def test_each_desk_answers_its_own_terms(gql, veto_site):
    _, health = gql(VOCABULARIES, HTTP_HOST="localhost")
    _, veto = gql(VOCABULARIES, HTTP_HOST="veto.test")
    assert veto["data"] == {
        "listingKinds": [
            {
                "code": "clientele",
                "label": "Clientèle à reprendre",
                "sortOrder": 1,
                "colour": "green",
                "symbol": None,
                "detailFields": ["sharedSecretariat"],
            },
            {
                "code": "remplacement",
                "label": "Remplacement",
                "sortOrder": 2,
                "colour": None,
                "symbol": None,
                "detailFields": ["replacementRhythm", "availableUntil"],
            },
        ],
        "healthFacilityKinds": [{"code": "clinique", "label": "Clinique vétérinaire", "symbol": "CV"}],
        "aidTypes": [{"code": "bourse", "label": "Bourse d'études"}],
        "zoningClasses": [{"code": "sous_dotee_veto", "label": "Zone sous-dotée", "level": "PRIORITY"}],
    }
    health_codes = {t["code"] for t in health["data"]["listingKinds"]}
    assert "clientele" not in health_codes and "office" in health_codes


def test_vocabularies_cost_constant_queries(gql, veto_site, count_queries):
    def queries_for(n_terms):
        Term.objects.filter(site=veto_site, vocabulary=Vocabulary.AID_TYPE).delete()
        for i in range(n_terms):
            Term.objects.create(site=veto_site, vocabulary=Vocabulary.AID_TYPE, code=f"aide-{i}", label=f"Aide {i}")
        bump_content_version()
        with count_queries() as context:
            status, body = gql(VOCABULARIES, HTTP_HOST="veto.test")
        assert status == 200 and len(body["data"]["aidTypes"]) == n_terms
        return len(context.captured_queries)

    assert queries_for(2) == queries_for(30)
