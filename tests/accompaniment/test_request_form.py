"""« Être accompagné(e) »: the public request form. Errors are said in French and listed at
the top, nothing is saved until everything is right; a valid request opens one case, given
to the référent of its territory, and tells the person (with a working private link) and
the desk (without the person's data). Robots, resent forms and floods are turned away."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accompaniment import links
from accompaniment.factories import (
    AssignmentRuleFactory,
    CaseFactory,
    InterestFactory,
    ReferentFactory,
    TimelineEntryFactory,
)
from accompaniment.models import Case, CaseSource, CaseState, EntryKind
from aides.factories import AidAudienceFactory
from core.content_version import bump_content_version, content_version
from home.models import DeskSettings
from listings.desk import default_site
from listings.factories import ListingFactory
from reference.factories import CommuneFactory, EpciFactory, ProfessionFactory

from ..frontend.axe import axe_violations, format_violations
from .person_helpers import everything_in, guard, links_in, mails_to

pytestmark = pytest.mark.django_db

URL = "/etre-accompagne/"


@pytest.fixture
def territory():
    epci = EpciFactory(name="Communauté de communes du Diois")
    die = CommuneFactory(name="Die", insee_code="26113", epci=epci)
    luc = CommuneFactory(name="Luc-en-Diois", insee_code="26168", epci=epci)
    return epci, die, luc


@pytest.fixture
def referent(territory):
    epci, _, _ = territory
    rule = AssignmentRuleFactory(referent=ReferentFactory(first_name="Claire", last_name="Ravel"), epcis=[epci])
    return rule.referent


@pytest.fixture
def data(territory):
    epci, die, luc = territory
    return {
        "first_name": "Inès",
        "last_name": "Durand-Lefort",
        "email": "ines.durand@example.org",
        "phone": "06 98 76 54 32",
        "preferred_contact": "either",
        "contact_notes": "le mardi après 18 h",
        "audience": AidAudienceFactory(code="interne", name="Interne").pk,
        "profession": ProfessionFactory(name="Médecin généraliste").pk,
        "training_stage": "Interne de médecine générale, 5e semestre",
        "available_from": (timezone.localdate() + datetime.timedelta(days=200)).isoformat(),
        "epci": epci.pk,
        "communes": [die.pk, luc.pk],
        "territory_notes": "Vallée de la Drôme",
        "practice_modes": ["liberal", "msp"],
        "timing": "1_year",
        "needs": ["premises", "spouse_job"],
        "needs_details": "Mon conjoint est enseignant.",
        "message": "Je voudrais visiter des maisons de santé.",
        "consent": "on",
        **guard(),
    }


def test_the_form_is_public_in_french_and_says_what_happens_to_the_data(client, territory):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Être accompagné(e) dans votre projet d'installation" in html
    assert '<label for="id_first_name">Prénom' in html
    assert "Vos données personnelles" in html
    assert "uniquement les chargés d'accompagnement du guichet" in html
    assert "2 ans après sa fin" in html and "anonymisées" in html
    assert "télécharger vos données" in html and "effacement" in html
    assert 'class="commune-checklist__box"' in html and "listings/js/commune-checklist" in html
    assert 'name="submission_key"' in html and 'name="website"' in html
    # The main navigation leads here, marked as the current page.
    assert f'<a href="{URL}" aria-current="page">Être accompagné(e)</a>' in html
    assert reverse("accompaniment:request") == URL


def test_an_empty_form_is_refused_in_french_with_a_summary_and_nothing_saved(client):
    response = client.post(URL, guard())
    html = response.content.decode()
    assert response.status_code == 400
    assert "Erreur – " in html
    assert 'class="error-summary"' in html and "autofocus" in html
    assert '<a href="#id_first_name">Prénom : Indiquez votre prénom.</a>' in html
    assert "Indiquez votre adresse e-mail" in html
    assert '<a href="#id_consent">' in html and "Cochez cette case pour envoyer la demande" in html
    assert "This field" not in html and "Ce champ est obligatoire" not in html
    assert Case.objects.count() == 0
    assert mail.outbox == []


def test_a_request_opens_one_case_for_the_referent_of_its_territory(
    client, data, referent, territory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("accompaniment:thanks")
    case = Case.objects.get()
    assert (case.source, case.state, case.referent) == (CaseSource.FORM, CaseState.ASSIGNED, referent)
    assert case.consent_at is not None
    assert (case.first_name, case.email, case.phone) == ("Inès", "ines.durand@example.org", "06 98 76 54 32")
    assert sorted(case.communes.values_list("name", flat=True)) == ["Die", "Luc-en-Diois"]
    assert (case.needs, case.practice_modes, case.timing) == (["premises", "spouse_job"], ["liberal", "msp"], "1_year")
    events = list(case.timeline.filter(kind=EntryKind.EVENT).values_list("text", flat=True))
    assert "Demande reçue par le formulaire « Être accompagné(e) »." in events
    assert "État : Attribuée à un référent" in events

    thanks = client.get(response["Location"])
    assert "Merci, votre demande a bien été envoyée" in thanks.content.decode()


def test_the_person_gets_a_working_link_and_the_desk_nothing_personal(
    client, data, referent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, data)
    case = Case.objects.get()
    [to_person] = mails_to("ines.durand@example.org")
    assert "bien arrivée" in to_person.subject
    assert "Claire Ravel" in to_person.body
    [status_path] = {path for path in links_in(to_person) if "nouveau-lien" not in path}
    page = client.get(status_path)
    assert page.status_code == 200
    assert "Claire Ravel" in page.content.decode()

    [to_desk] = mails_to(referent.email)
    text = everything_in(to_desk)
    assert f"dossier n° {case.pk}" in text
    assert "/admin/" in to_desk.body
    for personal in ("Inès", "Durand", "ines.durand", "06 98 76 54 32", "98 76", "conjoint", "maisons de santé"):
        assert personal not in text
    assert len(mail.outbox) == 2


def test_without_a_rule_the_case_waits_and_every_chargé_is_told(client, data, django_capture_on_commit_callbacks):
    first, second = ReferentFactory(), ReferentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {**data, "epci": "", "communes": []})
    case = Case.objects.get()
    assert (case.state, case.referent) == (CaseState.NEW, None)
    assert mails_to(first.email) and mails_to(second.email)
    [to_person] = mails_to("ines.durand@example.org")
    assert "va vous être attribué(e)" in to_person.body


@pytest.mark.parametrize(
    ("days", "message"),
    [(-1, "Cette date est passée"), (6 * 366, "dans plus de cinq ans")],
)
def test_an_availability_date_past_or_years_away_is_refused(client, data, days, message):
    value = timezone.localdate() + datetime.timedelta(days=days)
    response = client.post(URL, {**data, "available_from": value.isoformat()})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Case.objects.count() == 0


def test_asking_to_be_called_needs_a_phone_number(client, data):
    response = client.post(URL, {**data, "preferred_contact": "phone", "phone": ""})
    assert response.status_code == 400
    assert "Indiquez votre numéro pour que nous puissions vous appeler." in response.content.decode()
    response = client.post(URL, {**data, "phone": "appelez-moi"})
    assert "Saisissez un numéro de téléphone" in response.content.decode()
    assert Case.objects.count() == 0


def test_state_referent_and_source_in_the_input_are_ignored(client, data, django_capture_on_commit_callbacks):
    other = ReferentFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {**data, "state": "installed", "referent": other.pk, "source": "staff", "is_demo": "on"})
    case = Case.objects.get()
    assert case.state == CaseState.NEW and case.referent is None
    assert case.source == CaseSource.FORM and not case.is_demo


def test_invisible_characters_are_refused(client, data):
    response = client.post(URL, {**data, "last_name": "Durand\u202e"})
    assert response.status_code == 400
    assert "caractères invisibles" in response.content.decode()


def test_the_honeypot_saves_nothing_and_sends_nothing(client, data):
    response = client.post(URL, {**data, "website": "http://spam.example"})
    assert response.status_code == 302
    assert Case.objects.count() == 0 and mail.outbox == []


def test_a_form_sent_too_fast_is_refused_with_a_fresh_start(client, data):
    response = client.post(URL, {**data, **guard(seconds=1)})
    assert response.status_code == 400
    assert "trop vite" in response.content.decode()
    assert Case.objects.count() == 0


def test_a_resent_form_opens_one_case(client, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(URL, data)
        second = client.post(URL, data)
    assert first.status_code == second.status_code == 302
    assert Case.objects.count() == 1
    assert len(mails_to("ines.durand@example.org")) == 1


def test_more_requests_than_the_hourly_quota_get_a_french_429(client, data, settings):
    settings.ACCOMPANIMENT_MAX_REQUESTS_PER_HOUR = 2
    for _ in range(2):
        assert client.post(URL, {**data, **guard()}).status_code == 302
    response = client.post(URL, {**data, **guard()})
    assert response.status_code == 429
    assert "Trop de demandes" in response.content.decode()
    assert Case.objects.count() == 2


def test_one_address_gets_at_most_three_acknowledgements_a_day(
    client, data, settings, django_capture_on_commit_callbacks
):
    """Someone typing another person's address from many clients: the requests are kept for
    the desk, but the mailbox receives three acknowledgements, not one per request."""
    settings.ACCOMPANIMENT_MAX_REQUESTS_PER_HOUR = 100
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            assert client.post(URL, {**data, **guard()}).status_code == 302
    assert Case.objects.count() == 5
    assert len(mails_to("ines.durand@example.org")) == 3


def test_a_form_with_errors_does_not_use_the_quota(client, data, settings):
    settings.ACCOMPANIMENT_MAX_REQUESTS_PER_HOUR = 1
    for _ in range(3):
        assert client.post(URL, {**data, **guard(), "consent": ""}).status_code == 400
    assert client.post(URL, {**data, **guard()}).status_code == 302


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_persons_pages_have_no_serious_axe_violation_on_a_phone(browser_page, live_server):
    """The request form (empty, then with errors), the status page, the interest form, the
    new-link form and a dead link, at 375 px: no horizontal scrolling, no serious or critical
    axe violation, and the error summary takes the focus."""
    epci = EpciFactory(name="Communauté de communes du Diois")
    for name in ("Die", "Luc-en-Diois", "Châtillon-en-Diois"):
        CommuneFactory(name=name, epci=epci)
    listing = ListingFactory(title="Cabinet médical à Die")
    case = CaseFactory(referent=ReferentFactory(), state=CaseState.IN_PROGRESS, next_steps="Visiter la MSP.")
    TimelineEntryFactory(case=case, kind=EntryKind.MESSAGE_TO_PERSON, text="Bonjour,\nvoici les aides.")
    TimelineEntryFactory(case=case, kind=EntryKind.MESSAGE_FROM_PERSON, text="Merci !")
    InterestFactory(case=case, listing=listing)
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 812})
    base = live_server.url
    failures = {}

    def check(name, response, status=200):
        problems = [f"statut {response.status}"] if response.status != status else []
        if page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1"):
            problems.append("défilement horizontal à 375 px")
        if violations := axe_violations(page):
            problems.append(format_violations(violations))
        if problems:
            failures[name] = problems

    check("request", page.goto(f"{base}{URL}"))
    with page.expect_navigation() as sent:
        page.get_by_role("button", name="Envoyer ma demande").click()
    check("request-errors", sent.value, status=400)
    assert page.evaluate("() => document.activeElement.matches('.error-summary')")
    status = f"{base}/mon-accompagnement/{links.make_token(case)}/"
    check("status", page.goto(status))
    check("erase", page.goto(status + "effacer/"))
    check("interest", page.goto(f"{base}/etre-accompagne/annonce/{listing.slug}/"))
    check("new-link", page.goto(f"{base}/mon-accompagnement/nouveau-lien/"))
    check("dead-link", page.goto(f"{base}/mon-accompagnement/faux/"), status=404)
    assert not failures, "\n".join(f"{name} :\n  " + "\n  ".join(problems) for name, problems in failures.items())


def test_a_visitors_request_leaves_the_public_caches_alone(client, data, referent, django_capture_on_commit_callbacks):
    """The content version keys every public cache (API, pages, open data): anonymous forms
    must not empty them. The figures catch up when the cached answers expire."""
    DeskSettings.for_site(default_site())  # the desk's settings exist (their creation is a public change)
    before = bump_content_version()  # a settled version (a first one is renewed within seconds)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(URL, {**data, **guard()}).status_code == 302
    assert Case.objects.get().state == CaseState.ASSIGNED  # assigned by its territory's rule
    assert content_version() == before
