"""Two desks in one instance: what a desk's rows point to stays in the desk (issue 17).

The eligibility of aids is judged with the request's (or the case's) desk's zoning classes;
admin forms offer and accept only the rows of the edited row's desk; a desk's vocabularies
check its aids; search, open data and figures never mix or widen desks; a term used by a
pending revision is not deletable.
"""

import json

import pytest
from django.utils.html import escape

from reference.desks import OTHER_DESK_MESSAGE
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


# --- 2. Admin forms offer and accept only the desk's rows --------------------------------------


def form_data(response, form_id=None):
    """The data the browser would post back from the page's (main) form, as loaded."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content, "html.parser")
    forms = [soup.find("form", id=form_id)] if form_id else soup.find_all("form")
    form = max(forms, key=lambda form: len(form.find_all(["input", "select", "textarea"])))
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("disabled") is not None:
            continue
        if field.name == "select":
            chosen = [
                option.get("value", option.text) for option in field.find_all("option") if option.has_attr("selected")
            ]
            data.setdefault(name, []).extend(chosen)
        elif field.name == "textarea":
            data.setdefault(name, []).append(field.text)
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.get("type") not in ("submit", "button", "file"):
            data.setdefault(name, []).append(field.get("value", ""))
    return data


REFUSED = escape(OTHER_DESK_MESSAGE)


@pytest.fixture
def admin(client, django_user_model):
    user = django_user_model.objects.create_superuser("racine", "racine@example.test", "x")
    client.force_login(user)
    return client


@pytest.fixture
def desk_b_rows(two_desks):
    """Named rows of the vet desk that must never show in the health desk's forms."""
    from reference.models import Profession

    veto = two_desks.veto
    veto.professions["b"] = Profession.objects.create(site=veto.site, name="Profession B", slug="profession-b")
    veto.audience.name = "Public B"
    veto.audience.save()
    veto.organisation.name = "Structure B"
    veto.organisation.save()
    return veto


def snippet_url(model, action, *args):
    from django.urls import reverse

    return reverse(model.snippet_viewset.get_url_name(action), args=args)


def test_listing_form_refuses_another_desks_organisation(admin, two_desks, desk_b_rows):
    from listings.models import Listing

    listing = two_desks.sante.listings["public"]
    url = snippet_url(Listing, "edit", listing.pk)
    page = admin.get(url, HTTP_HOST=SANTE)
    assert page.status_code == 200
    assert "Profession B" not in page.content.decode()
    data = form_data(page)
    data["organisation"] = [str(desk_b_rows.organisation.pk)]
    data["professions"] = [str(desk_b_rows.professions["b"].pk)]
    response = admin.post(url, data, HTTP_HOST=SANTE)
    assert response.status_code == 200  # the form again, with its errors
    assert REFUSED in response.content.decode()
    listing.refresh_from_db()
    assert listing.organisation_id == two_desks.sante.organisation.pk
    assert list(listing.professions.all()) == [two_desks.sante.professions["main"]]


def test_aid_form_offers_and_accepts_only_the_desks_professions_and_audiences(admin, two_desks, desk_b_rows):
    from django.urls import reverse

    aid = two_desks.sante.aid
    url = reverse("wagtailadmin_pages:edit", args=[aid.pk])
    page = admin.get(url, HTTP_HOST=SANTE)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Profession B" not in content and "Public B" not in content
    assert two_desks.sante.professions["main"].name in content
    data = form_data(page, "page-edit-form")
    data["body-count"] = ["0"]  # a stream field's inputs are drawn by the browser's script
    data["professions"] = [str(desk_b_rows.professions["b"].pk)]
    data["audiences"] = [str(desk_b_rows.audience.pk)]
    response = admin.post(url, data, HTTP_HOST=SANTE)
    assert REFUSED in response.content.decode()
    aid.refresh_from_db()
    assert list(aid.professions.all()) == [two_desks.sante.professions["main"]]
    assert list(aid.audiences.all()) == [two_desks.sante.audience]
    assert aid.get_latest_revision().content["professions"] == [two_desks.sante.professions["main"].pk]


def test_zoning_of_the_vet_desk_can_be_recorded_and_not_with_anothers_profession(admin, two_desks):
    from reference.models import ProfessionZoning
    from reference.vocabularies import Term, Vocabulary, ZoningLevel

    Term.objects.create(
        site=two_desks.veto.site,
        vocabulary=Vocabulary.ZONING_CLASS,
        code="zone_veto",
        label="Zone vétérinaire fragile",
        level=ZoningLevel.PRIORITY,
    )
    url = snippet_url(ProfessionZoning, "add")
    page = admin.get(url, HTTP_HOST=VETO)
    content = page.content.decode()
    assert "Zone vétérinaire fragile" in content
    assert two_desks.sante.professions["main"].name not in content
    data = form_data(page)
    data.update(
        commune=[str(two_desks.veto.communes["vallon"].pk)],
        profession=[str(two_desks.sante.professions["main"].pk)],
        zone_class=["zone_veto"],
        source=["Arrêté test"],
    )
    refused = admin.post(url, data, HTTP_HOST=VETO)
    assert REFUSED in refused.content.decode()
    assert not ProfessionZoning.objects.exists()
    data["profession"] = [str(two_desks.veto.professions["main"].pk)]
    admin.post(url, data, HTTP_HOST=VETO)
    assert ProfessionZoning.objects.get().zone_class == "zone_veto"


def test_case_form_offers_and_accepts_only_the_desks_audiences_and_professions(admin, two_desks, desk_b_rows):
    from django.urls import reverse

    case = two_desks.sante.cases[0]
    url = reverse("accompaniment_cases:edit", args=[case.pk])
    page = admin.get(url, HTTP_HOST=SANTE)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Profession B" not in content and "Public B" not in content
    data = form_data(page)
    data["profession"] = [str(desk_b_rows.professions["b"].pk)]
    data["audience"] = [str(desk_b_rows.audience.pk)]
    response = admin.post(url, data, HTTP_HOST=SANTE)
    assert REFUSED in response.content.decode()
    case.refresh_from_db()
    assert case.profession_id == two_desks.sante.professions["main"].pk


@pytest.fixture
def accounts(two_desks, django_user_model):
    """An account of each kind the health desk's structures must or must not be offered."""
    from django.contrib.auth.models import Group

    from users.models import DeskRole, GroupDesk

    group = Group.objects.create(name="Éditeurs vétérinaires")
    GroupDesk.objects.create(group=group, site=two_desks.veto.site, role=DeskRole.EDITORS)
    staff_b = django_user_model.objects.create_user("agent-veto-b", "agent-veto-b@example.test", "x")
    staff_b.groups.add(group)
    contributor_b = django_user_model.objects.create_user("contrib-veto-b", "contrib-veto-b@example.test", "x")
    two_desks.veto.organisation.members.add(contributor_b)
    free = django_user_model.objects.create_user("compte-libre", "compte-libre@example.test", "x")
    django_user_model.objects.create_superuser("autre-racine", "autre-racine@example.test", "x")
    return {"staff_b": staff_b, "contributor_b": contributor_b, "free": free}


def test_organisation_members_are_the_desks_accounts(admin, two_desks, accounts):
    from listings.models import Organisation

    organisation = two_desks.sante.organisation
    url = snippet_url(Organisation, "edit", organisation.pk)
    page = admin.get(url, HTTP_HOST=SANTE)
    content = page.content.decode()
    assert "compte-libre" in content
    assert "agent-veto-b" not in content and "contrib-veto-b" not in content and "autre-racine" not in content
    data = form_data(page)
    data["members"] = [str(accounts["contributor_b"].pk)]
    data["managers"] = [str(accounts["staff_b"].pk)]
    response = admin.post(url, data, HTTP_HOST=SANTE)
    assert REFUSED in response.content.decode()
    assert not organisation.members.exists() and not organisation.managers.exists()


def test_case_suggests_only_its_desks_aids(admin, two_desks):
    from django.urls import reverse

    case = two_desks.veto.cases[0]
    case.profession = None  # every aid open to anyone would be suggested
    case.save()
    page = admin.get(reverse("accompaniment_cases:edit", args=[case.pk]), HTTP_HOST=VETO)
    assert page.status_code == 200
    content = page.content.decode()
    assert escape(two_desks.veto.aid.title) in content
    assert escape(two_desks.sante.aid.title) not in content
