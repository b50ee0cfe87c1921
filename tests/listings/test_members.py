"""« Membres de la structure »: a structure's managers add and remove its accounts; nobody
else can, and a removed person loses access at once while the listings stay."""

from html import unescape

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from listings.accounts import ADD_MEMBER_ACTION, REMOVE_MEMBER_ACTION
from listings.factories import ContributorFactory, ListingFactory, OrganisationFactory
from listings.models import Listing

from .accounts_helpers import PASSWORD, choose_password, link_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {
        name: ContributorFactory(username=name, first_name=name.capitalize()) for name in ("alice", "bruno", "chloe")
    }


@pytest.fixture
def structure(people):
    """Alice manages the structure, Bruno is a member."""
    organisation = OrganisationFactory(name="CPTS du Diois", members=[people["alice"], people["bruno"]])
    organisation.managers.add(people["alice"])
    return organisation


@pytest.fixture
def other_structure(people):
    """Chloé's structure, with a member of its own."""
    other = ContributorFactory(username="dominique", first_name="Dominique", last_name="Secret")
    organisation = OrganisationFactory(name="Mairie de Nyons", members=[people["chloe"], other])
    organisation.managers.add(people["chloe"])
    return organisation


def members_url(organisation):
    return reverse("contributions:members", args=[organisation.pk])


def remove_url(organisation, user):
    return reverse("contributions:remove_member", args=[organisation.pk, user.pk])


def test_the_manager_sees_the_members_and_the_nav_link(client, people, structure):
    client.force_login(people["alice"])
    dashboard = client.get(reverse("contributions:dashboard")).content.decode()
    assert 'href="/espace-contributeur/membres/"' in dashboard
    home = client.get(reverse("contributions:members_home"))
    assert home.status_code == 302 and home["Location"] == members_url(structure)
    html = client.get(members_url(structure)).content.decode()
    assert "Membres de la structure CPTS du Diois" in html
    assert "bruno@example.org" in html and "(vous) – responsable" in html


def test_a_plain_member_gets_403_and_no_nav_link(client, people, structure):
    client.force_login(people["bruno"])
    dashboard = client.get(reverse("contributions:dashboard")).content.decode()
    assert "/espace-contributeur/membres/" not in dashboard
    assert client.get(reverse("contributions:members_home")).status_code == 403
    assert client.get(members_url(structure)).status_code == 403
    response = client.post(members_url(structure), {"first_name": "E", "last_name": "F", "email": "e@example.org"})
    assert response.status_code == 403
    assert not structure.members.filter(email="e@example.org").exists()
    assert client.post(remove_url(structure, people["alice"])).status_code == 403
    assert structure.members.filter(pk=people["alice"].pk).exists()


def test_anonymous_visitors_are_sent_to_the_login(client, structure):
    response = client.get(members_url(structure))
    assert response.status_code == 302 and "/espace-contributeur/connexion/" in response["Location"]


def test_adding_a_new_person_creates_the_account_and_sends_the_link(
    client, people, structure, django_capture_on_commit_callbacks
):
    client.force_login(people["alice"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            members_url(structure), {"first_name": "Émile", "last_name": "Roux", "email": "emile.roux@example.org"}
        )
    assert response.status_code == 302
    emile = structure.members.get(email="emile.roux@example.org")
    assert (emile.username, emile.first_name, emile.has_usable_password()) == ("emile.roux@example.org", "Émile", False)
    assert not structure.managers.filter(pk=emile.pk).exists()
    entry = ModelLogEntry.objects.get(action=ADD_MEMBER_ACTION)
    assert entry.user == people["alice"] and entry.data == {"member": emile.pk, "account_created": True}
    assert "emile" not in str(entry.data)  # the log names accounts by id
    [message] = mail.outbox
    assert message.to == ["emile.roux@example.org"] and "CPTS du Diois" in message.subject
    page = client.get(members_url(structure)).content.decode()
    assert "Compte créé pour Émile Roux" in unescape(page)

    client.logout()
    choose_password(client, link_in(message))
    login = client.post(reverse("contributions:login"), {"username": emile.username, "password": PASSWORD})
    assert login.status_code == 302
    assert client.get(reverse("contributions:dashboard")).status_code == 200


def test_adding_an_existing_account_attaches_it_and_tells_them(
    client, people, structure, django_capture_on_commit_callbacks
):
    client.force_login(people["alice"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(members_url(structure), {"first_name": "X", "last_name": "Y", "email": "CHLOE@example.org"})
    assert structure.members.filter(pk=people["chloe"].pk).exists()
    people["chloe"].refresh_from_db()
    assert people["chloe"].first_name == "Chloe"  # an existing account keeps its own name
    [message] = mail.outbox
    assert message.to == ["chloe@example.org"]
    assert "/mot-de-passe/nouveau/" not in message.body  # she has a password already
    assert "Alice" in message.body


def test_adding_someone_twice_is_a_french_error(client, people, structure):
    client.force_login(people["alice"])
    response = client.post(members_url(structure), {"first_name": "B", "last_name": "B", "email": "bruno@example.org"})
    assert response.status_code == 400
    assert "est déjà membre de la structure" in unescape(response.content.decode())


def test_bad_input_is_a_french_error_and_creates_nothing(client, people, structure, django_user_model):
    client.force_login(people["alice"])
    before = django_user_model.objects.count()
    response = client.post(members_url(structure), {"first_name": "", "last_name": "Roux", "email": "pas-une-adresse"})
    html = unescape(response.content.decode())
    assert response.status_code == 400
    assert "Champ requis." in html and "Saisissez une adresse de courriel valide." in html
    assert django_user_model.objects.count() == before


def test_removing_a_member_keeps_the_listings_and_cuts_access_at_once(client, people, structure):
    listing = ListingFactory(organisation=structure)
    bruno_client = client.__class__()
    bruno_client.force_login(people["bruno"])
    assert bruno_client.get(reverse("contributions:detail", args=[listing.pk])).status_code == 200

    client.force_login(people["alice"])
    confirm = client.get(remove_url(structure, people["bruno"]))
    assert confirm.status_code == 200 and "Oui, retirer de la structure" in confirm.content.decode()
    assert structure.members.filter(pk=people["bruno"].pk).exists()  # GET changes nothing
    response = client.post(remove_url(structure, people["bruno"]))
    assert response.status_code == 302
    assert not structure.members.filter(pk=people["bruno"].pk).exists()
    assert Listing.objects.filter(pk=listing.pk, organisation=structure).exists()
    people["bruno"].refresh_from_db()
    assert people["bruno"].is_active  # the account is not deleted
    assert ModelLogEntry.objects.filter(action=REMOVE_MEMBER_ACTION, data__member=people["bruno"].pk).exists()

    # Bruno's open session no longer reaches the structure's listings.
    assert bruno_client.get(reverse("contributions:detail", args=[listing.pk])).status_code in (403, 404)
    assert bruno_client.get(reverse("contributions:dashboard")).status_code == 403


def test_the_last_manager_cannot_be_removed(client, people, structure):
    client.force_login(people["alice"])
    response = client.post(remove_url(structure, people["alice"]), follow=True)
    assert "dernier responsable" in unescape(response.content.decode())
    assert structure.managers.filter(pk=people["alice"].pk).exists()
    assert structure.members.filter(pk=people["alice"].pk).exists()


def test_a_manager_may_leave_when_another_manager_remains(client, people, structure):
    structure.managers.add(people["bruno"])
    client.force_login(people["alice"])
    client.post(remove_url(structure, people["alice"]))
    assert not structure.members.filter(pk=people["alice"].pk).exists()
    assert not structure.managers.filter(pk=people["alice"].pk).exists()
    assert list(structure.managers.all()) == [people["bruno"]]


def test_a_manager_cannot_touch_another_structure(client, people, structure, other_structure):
    client.force_login(people["alice"])
    page = client.get(members_url(other_structure))
    assert page.status_code == 403
    assert "dominique" not in page.content.decode().lower()
    assert "Secret" not in page.content.decode()
    added = client.post(
        members_url(other_structure), {"first_name": "I", "last_name": "N", "email": "intrus@example.org"}
    )
    assert added.status_code == 403
    assert not other_structure.members.filter(email="intrus@example.org").exists()
    dominique = other_structure.members.get(username="dominique")
    assert client.post(remove_url(other_structure, dominique)).status_code == 403
    assert other_structure.members.filter(pk=dominique.pk).exists()
    # Nor through her own structure's address: Dominique is not a member there.
    assert client.post(remove_url(structure, dominique)).status_code == 404
    assert other_structure.members.filter(pk=dominique.pk).exists()


def test_a_manager_of_two_structures_chooses_one(client, people, structure, other_structure):
    other_structure.managers.add(people["alice"])
    other_structure.members.add(people["alice"])
    client.force_login(people["alice"])
    html = client.get(reverse("contributions:members_home")).content.decode()
    assert members_url(structure) in html and members_url(other_structure) in html


def test_staff_set_managers_in_the_admin_and_managers_become_members(client, people, django_user_model):
    admin = django_user_model.objects.create_superuser("chef", "chef@example.org", "x")
    organisation = OrganisationFactory(name="Centre de santé de Die")
    client.force_login(admin)
    url = reverse("wagtailsnippets_listings_organisation:edit", args=[organisation.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="managers"' in page.content.decode()
    response = client.post(
        url, {"name": organisation.name, "kind": organisation.kind, "managers": [str(people["chloe"].pk)]}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(organisation.managers.all()) == [people["chloe"]]
    assert list(organisation.members.all()) == [people["chloe"]]


def test_staff_read_the_additions_and_removals_in_the_structure_history(client, people, structure, django_user_model):
    client.force_login(people["alice"])
    client.post(members_url(structure), {"first_name": "Émile", "last_name": "Roux", "email": "emile@example.org"})
    client.post(remove_url(structure, people["bruno"]))
    admin = django_user_model.objects.create_superuser("chef", "chef@example.org", "x")
    client.force_login(admin)
    history = client.get(reverse("wagtailsnippets_listings_organisation:history", args=[structure.pk]))
    html = unescape(history.content.decode())
    emile = django_user_model.objects.get(email="emile@example.org")
    assert f"Membre ajouté : Émile Roux (compte n° {emile.pk}) (compte créé)" in html
    bruno = people["bruno"]
    assert f"Membre retiré : {bruno.get_full_name()} (compte n° {bruno.pk})" in html
