"""What a hostile review of the accompaniment found, each fixed and kept fixed:

- an anonymised case kept the person's situation, needs and project (audience, timing,
  needs, practice modes, preferred contact), and its audit log the listing an introduction
  or a confirmation was about (a place, with a date);
- a crafted id in a chooser of the case's form (« abc » for the profession, a commune) and a
  search of thousands of words or a 30-digit number answered 500;
- aliased copies of the public ``keyFigures`` ran the four aggregate queries each;
- and, kept as regressions, the screens the isolation tests did not try: a staff account
  with nothing but admin access, the rules' screens and the figures' exports."""

import html
import json

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from accompaniment import emails, privacy
from accompaniment.factories import AssignmentRuleFactory, CaseFactory, InterestFactory
from accompaniment.interest import ask_confirmation
from accompaniment.introductions import INTRODUCE_ACTION, introduce
from accompaniment.models import Case, CaseState, PreferredContact, Timing
from aides.factories import AidAudienceFactory
from listings.factories import ContributorFactory, ListingContactFactory, ListingFactory, OrganisationFactory

from .admin_fixtures import *  # noqa: F403 - fixtures
from .admin_helpers import edit_data, edit_url, leaks

pytestmark = pytest.mark.django_db

BASE = "/admin/accompagnement/dossiers"
RULES = "/admin/accompagnement/regles"


# --- Anonymisation ------------------------------------------------------------------------------


def test_an_anonymised_case_keeps_neither_the_persons_project_nor_the_listings_in_its_log(
    client, case, charge, django_capture_on_commit_callbacks
):
    Case.objects.filter(pk=case.pk).update(
        audience=AidAudienceFactory(),
        timing=Timing.WITHIN_6_MONTHS,
        needs=["spouse_job", "childcare_school"],
        practice_modes=["msp"],
        preferred_contact=PreferredContact.PHONE,
    )
    case.refresh_from_db()
    listing = ListingFactory(organisation=OrganisationFactory())
    ListingContactFactory(listing=listing, email="cabinet@example.org")
    other_listing = ListingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        introduce(InterestFactory(case=case, listing=listing, share_contact=True), charge)
        ask_confirmation(case, other_listing, {"share_contact": False, "message": ""})
    entries = ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Case), object_id=str(case.pk))
    assert entries.get(action=INTRODUCE_ACTION).data["listing"] == listing.pk  # the test can fail

    privacy.anonymise(Case.objects.get(pk=case.pk))

    case = Case.objects.get(pk=case.pk)
    assert case.audience_id is None and case.needs == [] and case.practice_modes == []
    assert (case.timing, case.preferred_contact) == (Timing.UNKNOWN, PreferredContact.EMAIL)
    introduction = entries.get(action=INTRODUCE_ACTION)
    assert "listing" not in introduction.data and introduction.data["contact_shared"] is True
    confirmation = entries.get(action=emails.NOTIFY_ACTION, data__kind=emails.INTEREST_CONFIRM)
    assert confirmation.data["key"] == "" and confirmation.data["recipients"] == 1
    client.force_login(charge)
    history = html.unescape(client.get(f"{BASE}/history/{case.pk}/").content.decode())
    assert "Mise en relation avec la structure de l'annonce (coordonnées de la personne transmises" in history
    assert "annonce n°" not in history


# --- Bad input in the admin -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("audience", "abc"),
        ("profession", "1e10"),
        ("epci", "abc"),
        ("installed_commune", "abc"),
        ("communes", ["abc", "²"]),
    ],
)
def test_a_crafted_id_in_the_case_form_gets_a_french_error_not_a_500(client, case, charge, field, value):
    client.force_login(charge)
    response = client.post(edit_url(case), edit_data(case, **{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert any(word in " ".join(response.context["form"].errors[field]) for word in ("valide", "correcte"))
    assert Case.objects.get(pk=case.pk).first_name == case.first_name


@pytest.mark.parametrize("query", [" ".join(["marie"] * 2000), "n° " + "9" * 30, "²", "n°"])
def test_any_search_of_the_case_list_is_answered(client, case, charge, query):
    client.force_login(charge)
    response = client.get(f"{BASE}/", {"q": query, "referent": "all"})
    assert response.status_code == 200


def test_a_case_is_still_found_by_its_number_or_several_words(client, case, charge):
    client.force_login(charge)
    assert case.last_name in client.get(f"{BASE}/", {"q": f"n° {case.pk}", "referent": "all"}).content.decode()
    words = f"{case.first_name} {case.last_name}"
    assert case.last_name in client.get(f"{BASE}/", {"q": words, "referent": "all"}).content.decode()


# --- Cost of the public figures -----------------------------------------------------------------


def test_aliased_key_figures_cost_what_one_does(client):
    for _ in range(6):
        CaseFactory(state=CaseState.INSTALLED, installed_on="2025-01-01")
    selection = "{ candidates byProfession { key candidates } byTerritory { key } installationsByMonth { month } }"

    def queries(aliases, salt):
        # A new document each time: the API's response cache does not answer it.
        document = "{" + " ".join(f"{salt}{n}: keyFigures {selection}" for n in range(aliases)) + "}"
        with CaptureQueriesContext(connection) as captured:
            response = client.post("/graphql/", json.dumps({"query": document}), content_type="application/json")
        assert response.status_code == 200 and "errors" not in response.json()
        return len(captured)

    queries(1, "warm")  # content types, the content version
    assert queries(15, "many") == queries(1, "one")


# --- Outsiders, on the screens the isolation tests did not try ---------------------------------


@pytest.fixture
def admin_only(db):
    """A staff account that may open the admin and nothing else."""
    user = ContributorFactory(username="acces-admin-seul")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.mark.parametrize("who", ["anonymous", "contributor", "editor", "moderator", "admin_only"])
def test_outsiders_reach_no_rule_no_export_and_no_case_list_export(client, case, charge, who, request):
    rule = AssignmentRuleFactory(referent=charge)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    urls = [
        f"{BASE}/?export=csv",
        f"{BASE}/?export=xlsx",
        f"{BASE}/history/{case.pk}/",
        f"{BASE}/usage/{case.pk}/",
        edit_url(case),
        f"{RULES}/",
        f"{RULES}/new/",
        f"{RULES}/edit/{rule.pk}/",
        f"{RULES}/history/{rule.pk}/",
        f"{RULES}/usage/{rule.pk}/",
        f"{RULES}/delete/{rule.pk}/",
        "/admin/accompagnement/chiffres/export.csv",
        "/admin/accompagnement/chiffres/export.xlsx",
        f"/admin/bulk/accompaniment/case/delete/?id={case.pk}",
        "/admin/reports/site-history/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), url
        body = response.content.decode(errors="replace")
        assert not leaks(response) and "Dossier n°" not in body and "Candidats" not in body, url
    assert client.post(f"{RULES}/delete/{rule.pk}/").status_code in (302, 403, 404)
    assert client.post(f"{BASE}/delete/{case.pk}/").status_code in (302, 403, 404)
    assert Case.objects.filter(pk=case.pk).exists() and rule.__class__.objects.filter(pk=rule.pk).exists()
