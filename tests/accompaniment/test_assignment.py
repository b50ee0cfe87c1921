"""Who gets a case: the référent of its intercommunality (its own, else its first commune's),
else the référent by default; an account that left or a rule switched off is skipped. The
rules are managed in the admin by the responsables; a case entered by the desk follows them."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from accompaniment.assignment import assign, referent_for
from accompaniment.factories import AssignmentRuleFactory, CaseFactory, ReferentFactory
from accompaniment.models import Case, CaseState
from reference.factories import CommuneFactory, EpciFactory
from users.roles import ACCOMPANIMENT_GROUP

from .admin_fixtures import *  # noqa: F403 - fixtures
from .admin_helpers import PERSON, edit_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def territory():
    diois, royans = EpciFactory(name="Diois"), EpciFactory(name="Royans-Vercors")
    die = CommuneFactory(name="Die", epci=diois)
    alice, bruno, default = ReferentFactory(), ReferentFactory(), ReferentFactory()
    AssignmentRuleFactory(referent=alice, epcis=[diois])
    AssignmentRuleFactory(referent=bruno, epcis=[royans])
    AssignmentRuleFactory(referent=default, is_default=True)
    return {"diois": diois, "royans": royans, "die": die, "alice": alice, "bruno": bruno, "default": default}


def test_the_rule_of_the_case_s_intercommunality_wins(territory):
    assert referent_for(CaseFactory(epci=territory["royans"])) == territory["bruno"]


def test_without_an_intercommunality_the_first_commune_s_one_counts(territory):
    case = CaseFactory()
    case.communes.set([territory["die"]])
    case.save()
    assert referent_for(case) == territory["alice"]


def test_a_territory_nobody_follows_goes_to_the_référent_by_default(territory):
    assert referent_for(CaseFactory(epci=EpciFactory(name="Baronnies"))) == territory["default"]
    assert referent_for(CaseFactory()) == territory["default"]


def test_an_inactive_référent_or_rule_is_skipped(territory):
    case = CaseFactory(epci=territory["diois"])
    territory["alice"].is_active = False
    territory["alice"].save()
    assert referent_for(case) == territory["default"]
    territory["alice"].is_active = True
    territory["alice"].save()
    territory["alice"].groups.remove(Group.objects.get(name=ACCOMPANIMENT_GROUP))  # left the team
    assert referent_for(case) == territory["default"]
    territory["alice"].groups.add(Group.objects.get(name=ACCOMPANIMENT_GROUP))
    territory["alice"].accompaniment_rules.update(active=False)
    assert referent_for(case) == territory["default"]


def test_assign_moves_a_new_case_only(territory):
    new = CaseFactory(epci=territory["diois"], state=CaseState.NEW)
    assert assign(new) == territory["alice"] and new.state == CaseState.ASSIGNED
    under_way = CaseFactory(epci=territory["diois"], state=CaseState.IN_PROGRESS)
    assign(under_way)
    assert under_way.state == CaseState.IN_PROGRESS


def test_a_case_entered_by_the_desk_is_assigned_by_the_rules(
    client, territory, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    data = edit_data(CaseFactory(), **PERSON, state=CaseState.NEW, referent="", source="staff")
    data["epci"] = str(territory["royans"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/accompagnement/dossiers/new/", data)
    assert response.status_code == 302
    case = Case.objects.get(last_name=PERSON["last_name"])
    assert (case.referent, case.state) == (territory["bruno"], CaseState.ASSIGNED)
    assert sorted(tuple(m.to) for m in mail.outbox) == sorted([(PERSON["email"],), (territory["bruno"].email,)])


def test_the_rules_are_read_by_the_chargés_and_written_by_the_responsables(client, territory, charge, manager):
    client.force_login(charge)
    assert client.get("/admin/accompagnement/regles/").status_code == 200
    assert client.get("/admin/accompagnement/regles/new/").status_code == 302  # refused
    client.force_login(manager)
    page = client.get("/admin/accompagnement/regles/new/")
    assert page.status_code == 200
    choices = {str(user.pk) for user in page.context["form"].fields["referent"].queryset}
    assert str(territory["alice"].pk) in choices and str(manager.pk) not in choices
    response = client.post(
        "/admin/accompagnement/regles/new/",
        {"referent": str(charge.pk), "epcis": [str(EpciFactory(name="Val de Drôme").pk)], "active": "on"},
    )
    assert response.status_code == 302
    assert charge.accompaniment_rules.get().epcis.get().name == "Val de Drôme"
