"""Two desks in one instance: what a desk's rows point to stays in the desk (issue 17).

The eligibility of aids is judged with the request's (or the case's) desk's zoning classes;
admin forms offer and accept only the rows of the edited row's desk; a desk's vocabularies
check its aids; search, open data and figures never mix or widen desks; a term used by a
pending revision is not deletable.
"""

import json

import pytest

from tests.desks import SANTE, VETO

pytestmark = pytest.mark.django_db


def gql(client, host, query, variables=None):
    body = {"query": query, **({"variables": variables} if variables else {})}
    response = client.post("/graphql/", data=json.dumps(body), content_type="application/json", HTTP_HOST=host)
    assert response.status_code == 200, response.content
    payload = response.json()
    assert "errors" not in payload, payload
    return payload["data"]


# --- 1. Eligibility uses the desk's zoning classes ---------------------------------------------


@pytest.fixture
def vet_zoning(two_desks):
    """The vet desk calls « zac » its priority class; the health desk keeps it underserved,
    under labels that would show if the vet desk's answer read the health desk's terms."""
    from aides.conditions import ZonageRequirement
    from reference.models import ZonageCategory
    from reference.vocabularies import Term, Vocabulary, ZoningLevel

    for term in Term.objects.filter(vocabulary=Vocabulary.ZONING_CLASS):
        if term.site_id == two_desks.veto.site.pk and term.code == "zac":
            term.level, term.label = ZoningLevel.PRIORITY, "Zone vétérinaire prioritaire"
        elif term.site_id == two_desks.sante.site.pk:
            term.label = f"Classe santé {term.code}"
        term.save()
    vallon = two_desks.veto.communes["vallon"]
    vallon.zonage = ZonageCategory.ZAC
    vallon.save()
    aid = two_desks.veto.aid
    aid.zonage_requirement = ZonageRequirement.ZIP
    # Open to anyone: only the zoning decides, and no profession names the desk.
    aid.audiences.set([])
    aid.professions.set([])
    aid.save_revision().publish()
    return aid


FINDER = """query($situation: AidSituation!) { aidFinder(situation: $situation) {
  eligible { title } notApplicable { title } assessments { reasons conditions } } }"""


def test_aid_finder_judges_with_the_desks_zoning_classes(client, two_desks, vet_zoning):
    answer = gql(client, VETO, FINDER, {"situation": {"commune": two_desks.veto.communes["vallon"].insee_code}})
    assert [aid["title"] for aid in answer["aidFinder"]["eligible"]] == [vet_zoning.title]
    assert "Classe santé" not in json.dumps(answer, ensure_ascii=False)


def test_aid_filter_judges_with_the_desks_zoning_classes(client, two_desks, vet_zoning):
    query = "query($c: String) { aids(filter: {commune: $c}) { results { title } } }"
    answer = gql(client, VETO, query, {"c": two_desks.veto.communes["vallon"].insee_code})
    assert [aid["title"] for aid in answer["aids"]["results"]] == [vet_zoning.title]


def test_case_suggestions_judge_with_the_cases_desk(two_desks, vet_zoning):
    from accompaniment.admin_panels import situation_of
    from aides.eligibility import answer
    from aides.models import AidPage

    case = two_desks.veto.cases[0]
    case.profession = None  # nothing else names the desk
    case.save()
    case.communes.set([two_desks.veto.communes["vallon"]])
    result = answer(AidPage.objects.filter(pk=vet_zoning.pk), situation_of(case))
    assert [assessment.aid.pk for assessment in result.eligible] == [vet_zoning.pk]


# --- 4. Listing search stays in the desk before its cut ----------------------------------------


@pytest.mark.parametrize(("host", "key"), [(SANTE, "public"), (VETO, "stray")])
def test_listing_search_is_cut_after_the_desk(client, two_desks, monkeypatch, host, key):
    from graphql_api import listings

    # « Cabinet » is in one public listing of each desk: whichever the search meets first,
    # each desk must find its own.
    monkeypatch.setattr(listings, "MAX_SEARCH_RESULTS", 1)
    query = '{ listings(filter: {search: "cabinet"}) { results { slug } } }'
    found = gql(client, host, query)["listings"]["results"]
    assert [row["slug"] for row in found] == [two_desks[host].listings[key].slug]


# --- 5. A host that is no desk gets nothing, never every desk ---------------------------------

NO_DESK = "inconnu.test"


@pytest.fixture
def no_default_site(two_desks, settings):
    from wagtail.models import Site

    from core.content_version import bump_content_version

    Site.objects.filter(is_default_site=True).update(is_default_site=False)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, NO_DESK]
    bump_content_version()  # no file cached for the host when there was a default site


def test_open_data_of_no_desk_has_no_rows(client, no_default_site):
    for path in ("/donnees-ouvertes/annonces.csv", "/donnees-ouvertes/offre-de-soins.csv"):
        response = client.get(path, HTTP_HOST=NO_DESK)
        assert response.status_code == 200, path
        assert response.content.decode("utf-8-sig").strip().count("\n") == 0, path  # the header only


def test_key_figures_of_no_desk_count_nothing(client, no_default_site, settings):
    settings.ACCOMPANIMENT_PUBLIC_MIN_COUNT = 1
    figures = gql(client, NO_DESK, "{ keyFigures { candidates byProfession { key } } }")["keyFigures"]
    assert figures == {"candidates": None, "byProfession": []}


def test_superuser_figures_still_count_every_desk(rf, two_desks, django_user_model):
    from accompaniment.figures import staff_totals
    from accompaniment.wagtail_hooks.figures import figures_desk

    request = rf.get("/admin/", HTTP_HOST=SANTE)
    request.user = django_user_model.objects.create_superuser("racine", "racine@example.test", "x")
    every = staff_totals(figures_desk(request, "accompaniment.view_case")).candidates
    each = [staff_totals(desk.site.pk).candidates for desk in (two_desks.sante, two_desks.veto)]
    assert every == sum(each) and all(each)


# --- 3. An aid's type is a term of its own desk ------------------------------------------------


def test_aid_type_must_be_a_term_of_the_aids_desk(two_desks):
    from django.core.exceptions import ValidationError

    from reference.vocabularies import Term, Vocabulary

    Term.objects.create(site=two_desks.sante.site, vocabulary=Vocabulary.AID_TYPE, code="sante_seule", label="Santé")
    health_aid, vet_aid = two_desks.sante.aid, two_desks.veto.aid
    health_aid.aid_type = vet_aid.aid_type = "sante_seule"
    health_aid.full_clean()
    with pytest.raises(ValidationError) as refused:
        vet_aid.full_clean()
    assert refused.value.message_dict["aid_type"] == ["Type d'aide inconnu pour ce guichet."]
    with pytest.raises(ValidationError):
        vet_aid.save_revision()


# --- 6. A term used by a pending revision is in use --------------------------------------------


def test_term_used_by_a_pending_listing_revision_is_in_use(two_desks):
    from reference.vocabularies import Term, Vocabulary

    term = Term.objects.create(
        site=two_desks.veto.site, vocabulary=Vocabulary.LISTING_KIND, code="cabinet_rural", label="Cabinet rural"
    )
    listing = two_desks.veto.listings["public"]
    listing.kind = term.code
    listing.save_revision()  # awaiting moderation: the row keeps its published kind
    assert term.usage() == [(1, "annonce(s)")]
    twin = Term.objects.create(
        site=two_desks.sante.site, vocabulary=Vocabulary.LISTING_KIND, code="cabinet_rural", label="Cabinet rural"
    )
    assert twin.usage() == []  # the other desk's term of the same code is free


def test_term_used_by_an_aid_draft_is_in_use(two_desks):
    from reference.vocabularies import Term, Vocabulary

    term = Term.objects.create(site=two_desks.veto.site, vocabulary=Vocabulary.AID_TYPE, code="pret", label="Prêt")
    aid = two_desks.veto.aid
    aid.aid_type = term.code
    aid.save_revision()
    assert term.usage() == [(1, "fiche(s) d'aide")]
