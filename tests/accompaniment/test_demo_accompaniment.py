"""The demo accompaniment (seed_demo): référents who can log in, rules by intercommunality,
fifteen fictitious cases in every state whose public figures show, idempotent."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from accompaniment.figures import public_figures
from accompaniment.models import AssignmentRule, Case, CaseState, EntryKind, Interest, TimelineEntry
from provisioning.demo.accompaniment import seed_accompaniment
from provisioning.demo.content.accompaniment import CASES, REFERENTS
from provisioning.demo.content.organisations import DEMO_PASSWORD
from provisioning.demo.context import SeedContext
from provisioning.reference_lists import PROFESSIONS
from provisioning.vocabularies import ensure_audiences
from reference.models import Commune, Epci, Profession
from users.roles import ACCOMPANIMENT_GROUP, ACCOMPANIMENT_MANAGERS_GROUP

pytestmark = pytest.mark.django_db

EPCIS = {
    "242600534": "CC du Diois",
    "200040509": "CC du Crestois et de Pays de Saillans Coeur de Drôme",
    "242600252": "CC du Val de Drôme en Biovallée",
    "242600492": "CC Dieulefit-Bourdeaux",
    "200068781": "CA Valence Romans Agglo",
    "200040459": "CA Montélimar Agglomération",
    "200067767": "CC du Royans-Vercors",
    "200068229": "CC des Baronnies en Drôme Provençale",
}
COMMUNES = {
    "26113": ("Die", "242600534"),
    "26167": ("Luc-en-Diois", "242600534"),
    "26289": ("Saillans", "200040509"),
    "26108": ("Crest", "242600252"),
    "26281": ("Romans-sur-Isère", "200068781"),
    "26362": ("Valence", "200068781"),
    "26198": ("Montélimar", "200040459"),
    "26307": ("Saint-Jean-en-Royans", "200067767"),
    "26220": ("Nyons", "200068229"),
}


def seeded():
    """The demo accompaniment on just the reference data it reads (no pages, no listings)."""
    epcis = {siren: Epci.objects.create(siren=siren, name=name) for siren, name in EPCIS.items()}
    for code, (name, siren) in COMMUNES.items():
        Commune.objects.create(insee_code=code, name=name, epci=epcis[siren])
    ctx = SeedContext()
    for slug, name, rpps, order in PROFESSIONS:
        ctx.professions[slug] = Profession.objects.create(slug=slug, name=name, rpps_code=rpps, sort_order=order)
    ctx.audiences.update(ensure_audiences(ctx))
    seed_accompaniment(ctx)
    return ctx


def by_key(key):
    return Case.objects.get(email=f"{key}.demo@example.org")


def test_fifteen_fictitious_cases_in_every_state():
    ctx = seeded()
    cases = Case.objects.all()
    assert cases.count() == len(CASES) == 15 and ctx.created["dossiers d'accompagnement"] == 15
    assert all(case.is_demo and case.last_name.endswith("(démo)") for case in cases)
    assert all(case.email.endswith("@example.org") and case.phone.startswith("04 65 71") for case in cases)
    states = {state: cases.filter(state=state).count() for state in CaseState}
    assert states[CaseState.INSTALLED] >= 6
    assert states[CaseState.PAUSED] == 1 and states[CaseState.CLOSED] == 1 and states[CaseState.NEW] == 1
    assert states[CaseState.IN_PROGRESS] >= 2
    figures = public_figures()
    assert figures.includes_demo
    assert (figures.candidates, figures.underway, figures.installed) == (15, 5, 7)
    # Without the listing and the partners (not built here), a warning, no interest.
    assert not Interest.objects.exists() and any("die-cabinet" in warning for warning in ctx.warnings)


def test_referents_rules_and_assignment():
    seeded()
    User = get_user_model()
    diois, valence, manager = (User.objects.get(username=username) for username, *_ in REFERENTS)
    assert diois.groups.filter(name=ACCOMPANIMENT_GROUP).exists()
    assert manager.groups.filter(name=ACCOMPANIMENT_MANAGERS_GROUP).exists()
    assert all(user.check_password(DEMO_PASSWORD) for user in (diois, valence, manager))
    assert set(AssignmentRule.objects.get(referent=diois).epcis.values_list("siren", flat=True)) >= {"242600534"}
    assert AssignmentRule.objects.get(referent=valence).is_default
    assert not AssignmentRule.objects.filter(referent=manager).exists()
    assert by_key("chevalier").referent == diois  # CC du Diois
    assert by_key("lambert").referent == valence  # Valence Romans Agglo
    assert by_key("noel").referent == valence  # Royans-Vercors: nobody's, so the default
    assert by_key("barbier").referent is None and by_key("barbier").state == CaseState.NEW


def test_cases_under_way_have_a_timeline():
    seeded()
    chevalier = by_key("chevalier")
    kinds = set(chevalier.timeline.values_list("kind", flat=True))
    assert {EntryKind.NOTE, EntryKind.CALL, EntryKind.REFERRAL, EntryKind.MESSAGE_TO_PERSON, EntryKind.TASK} <= kinds
    message = chevalier.timeline.get(kind=EntryKind.MESSAGE_TO_PERSON)
    assert message.sent_at is not None  # written as sent: nothing goes out
    assert TimelineEntry.objects.filter(kind=EntryKind.TASK, done=False, case__referent=chevalier.referent).exists()
    assert by_key("robin").state_note and by_key("faure").closing_reason == "abandoned"
    assert by_key("girard").epci is None and by_key("girard").installed_commune.insee_code == "26220"


def test_a_second_run_creates_nothing():
    seeded()
    counts = (Case.objects.count(), TimelineEntry.objects.count(), get_user_model().objects.count())
    ctx = SeedContext()
    seed_accompaniment(ctx)
    assert (Case.objects.count(), TimelineEntry.objects.count(), get_user_model().objects.count()) == counts
    assert not ctx.created


def test_a_referent_logs_in_and_sees_their_cases(client):
    seeded()
    # Through the admin's login form, as a tester would (django-axes watches it).
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "demo-referente-diois", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="accompaniment-figures' in html and "dossiers ouverts que vous suivez" in html


@pytest.mark.slow  # the whole demo (about 30 s)
def test_the_whole_demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    output = StringIO()
    call_command("seed_demo", stdout=output)
    text = output.getvalue()
    assert "dossiers d'accompagnement de démonstration : 15" in text
    assert "demo-referente-diois" in text and "demo-referent-valence" in text and DEMO_PASSWORD in text
    interest = Interest.objects.select_related("listing").get()
    assert interest.listing.live and interest.case.is_demo
    assert TimelineEntry.objects.filter(kind=EntryKind.REFERRAL, partner__slug="cpam-drome").exists()
    assert by_key("garnier").audience.code == "docteur-junior"
    assert Case.objects.filter(is_demo=True, epci__isnull=False).count() >= 12
    call_command("seed_demo", "--reset", stdout=StringIO())
    assert Case.objects.count() == 15
