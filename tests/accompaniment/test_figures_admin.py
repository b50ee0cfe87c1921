"""The figures in the admin: the home page panel and the exports (exact, aggregates only)."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accompaniment.models import CaseState, EntryKind, TimelineEntry
from accompaniment.wagtail_hooks.figures import EXPORT_URL_NAME
from reference.models import Profession
from users.roles import ACCOMPANIMENT_GROUP, ACCOMPANIMENT_MANAGERS_GROUP, MODERATORS_GROUP

from .figures_helpers import make_case, make_cases, reference_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def ref():
    return reference_data()


def member(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "motdepasse")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def referent(django_user_model):
    return member(django_user_model, "referente", ACCOMPANIMENT_GROUP)


@pytest.fixture
def moderator(django_user_model):
    return member(django_user_model, "moderatrice", MODERATORS_GROUP)


def test_the_panel_gives_the_exact_figures_and_the_referents_own_work(client, ref, referent):
    make_cases(3, CaseState.INSTALLED, profession=ref["gp"])
    mine = make_cases(2, CaseState.IN_PROGRESS, referent=referent)
    make_case(CaseState.INSTALLED, referent=referent)  # ended: not an open case
    make_case(CaseState.ASSIGNED)  # someone else's
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    TimelineEntry.objects.create(case=mine[0], kind=EntryKind.TASK, text="Rappeler", due_on=yesterday)
    TimelineEntry.objects.create(case=mine[1], kind=EntryKind.TASK, text="Relancer", due_on=timezone.localdate())
    TimelineEntry.objects.create(
        case=mine[1], kind=EntryKind.TASK, text="Plus tard", due_on=yesterday.replace(year=2999)
    )
    TimelineEntry.objects.create(case=mine[1], kind=EntryKind.TASK, text="Fait", due_on=yesterday, done=True)
    client.force_login(referent)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="accompaniment-figures' in html
    assert "<td>7</td><td>3</td><td>4</td>" in html  # exact, even under 5
    assert "<strong>2</strong> dossiers ouverts que vous suivez" in html
    assert "<strong>2</strong> tâches à faire" in html
    assert reverse("accompaniment_cases:index") in html
    assert reverse(EXPORT_URL_NAME, args=["csv"]) in html and reverse(EXPORT_URL_NAME, args=["xlsx"]) in html
    for forbidden in ("Nom-Secret", "personne1@", "Rappeler"):
        assert forbidden not in html


def test_staff_without_the_case_permission_see_no_panel_nor_export(client, ref, moderator):
    make_cases(6, CaseState.INSTALLED)
    client.force_login(moderator)
    assert 'id="accompaniment-figures' not in client.get(reverse("wagtailadmin_home")).content.decode()
    # Wagtail answers a refusal inside the admin with a redirection and its message.
    response = client.get(reverse(EXPORT_URL_NAME, args=["csv"]))
    assert response.status_code == 302 and "attachment" not in response.get("Content-Disposition", "")


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse(EXPORT_URL_NAME, args=["csv"]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_csv_export_is_exact_safe_and_impersonal(client, ref, django_user_model):
    manager = member(django_user_model, "responsable", ACCOMPANIMENT_MANAGERS_GROUP)
    odd = Profession.objects.create(slug="formule", name='=HYPERLINK("http://example.com")')
    make_cases(3, CaseState.INSTALLED, profession=ref["gp"], epci=ref["diois"])
    make_case(CaseState.ASSIGNED, profession=odd)
    client.force_login(manager)
    response = client.get(reverse(EXPORT_URL_NAME, args=["csv"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffVentilation;Libellé;Code;")
    lines = text.splitlines()
    assert "Ensemble;Total;;4;1;3" in lines
    assert "Par profession;Médecin généraliste;medecin-generaliste;3;0;3" in lines
    assert "Par territoire;CC du Diois;242600534;3;0;3" in lines
    assert "Par profession;\"'=HYPERLINK" in text and ";=" not in text and ';"=' not in text
    assert sum(line.startswith("Par mois de la demande;") for line in lines) == 24
    for forbidden in ("Nom-Secret", "Prénom", "example.org", "Message privé"):
        assert forbidden not in text


def test_the_xlsx_export(client, ref, referent):
    Profession.objects.create(slug="formule", name="=1+1")
    make_cases(2, CaseState.INSTALLED, profession=Profession.objects.get(slug="formule"), is_demo=True)
    client.force_login(referent)
    response = client.get(reverse(EXPORT_URL_NAME, args=["xlsx"]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Ensemble",
        "Par profession",
        "Par territoire",
        "Par mois de la demande",
        "Par mois d'installation",
    ]
    overview = list(workbook["Ensemble"].values)
    assert overview[1] == ("Total (dont dossiers de démonstration)", 2, 0, 2)
    professions = list(workbook["Par profession"].values)
    assert professions[1][0] == "=1+1" and workbook["Par profession"]["A2"].data_type == "s"
    assert len(list(workbook["Par mois d'installation"].values)) == 25


def test_an_unknown_format_is_a_404(client, referent):
    client.force_login(referent)
    assert client.get(reverse(EXPORT_URL_NAME, args=["pdf"])).status_code == 404
