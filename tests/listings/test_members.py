"""« Membres de la structure »: a structure's managers add and remove its accounts; nobody
else can, and a removed person loses access at once while the listings stay."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from listings.accounts import ADD_MEMBER_ACTION, INVITE_MEMBER_ACTION, REMOVE_MEMBER_ACTION
from listings.factories import ContributorFactory, ListingFactory, OrganisationFactory
from listings.models import Listing

from .accounts_helpers import PASSWORD, choose_password, link_in, make_moderator

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
    response = client.get(reverse("contributions:members_home"))
    assert response.status_code == 403
    assert "Seuls les responsables d" in response.content.decode()  # the reason, on the site's 403 page
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
    assert entry.user == people["alice"] and entry.data == {
        "member": emile.pk,
        "account_created": True,
        "desk": structure.site_id,
    }
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


INVITATION_LINK = re.compile(r"http://testserver(/espace-contributeur/invitation/[^/\s]+/)")


def invitation_link(message):
    [path] = INVITATION_LINK.findall(message.body)
    assert path in message.alternatives[0][0]
    return path


def invited_message(first_name, last_name, email):
    return (
        f"Invitation envoyée à {first_name} {last_name} ({email}) : la personne rejoindra la structure en suivant "
        "le lien reçu."
    )


def add(client, structure, email, first_name="Xavier", last_name="Yvon", capture=None):
    data = {"first_name": first_name, "last_name": last_name, "email": email}
    if capture is None:
        return client.post(members_url(structure), data, follow=True)
    with capture(execute=True):
        return client.post(members_url(structure), data, follow=True)


def test_an_existing_account_is_invited_not_attached_and_joins_through_the_link(
    client, people, structure, other_structure, django_capture_on_commit_callbacks
):
    """Chloé manages another structure: Alice's typing her address attaches nothing and
    tells Alice nothing about Chloé's account (neither that it exists nor its name)."""
    client.force_login(people["alice"])
    response = add(client, structure, "CHLOE@example.org", capture=django_capture_on_commit_callbacks)
    html = unescape(response.content.decode())
    assert invited_message("Xavier", "Yvon", "CHLOE@example.org") in html
    assert "Chloe" not in html and "avait déjà un compte" not in html
    assert not structure.members.filter(pk=people["chloe"].pk).exists()
    assert ModelLogEntry.objects.get(action=INVITE_MEMBER_ACTION).data == {
        "member": people["chloe"].pk,
        "desk": structure.site_id,
    }
    [message] = mail.outbox
    assert message.to == ["chloe@example.org"] and "CPTS du Diois" in message.subject
    assert "/mot-de-passe/nouveau/" not in message.body  # she has a password already
    assert "Alice" in message.body
    path = invitation_link(message)

    # Someone else signed in cannot use it; anonymous visitors are sent to the login.
    client.force_login(people["bruno"])
    assert client.post(path).status_code == 403
    assert not structure.members.filter(pk=people["chloe"].pk).exists()
    client.logout()
    assert "/espace-contributeur/connexion/" in client.get(path)["Location"]

    client.force_login(people["chloe"])
    page = client.get(path)
    assert page.status_code == 200 and "Rejoindre la structure CPTS du Diois" in unescape(page.content.decode())
    assert not structure.members.filter(pk=people["chloe"].pk).exists()  # GET changes nothing
    assert client.post(path).status_code == 302
    assert structure.members.filter(pk=people["chloe"].pk).exists()
    assert not structure.managers.filter(pk=people["chloe"].pk).exists()
    entry = ModelLogEntry.objects.get(action=ADD_MEMBER_ACTION)
    assert entry.user == people["chloe"] and entry.data["invitation"] is True
    assert client.post(path).status_code == 302  # once more: nothing new
    assert ModelLogEntry.objects.filter(action=ADD_MEMBER_ACTION).count() == 1


def test_a_forged_or_stale_invitation_attaches_nobody(client, people, structure, django_capture_on_commit_callbacks):
    client.force_login(people["alice"])
    add(client, structure, "chloe@example.org", capture=django_capture_on_commit_callbacks)
    path = invitation_link(mail.outbox[0])
    client.force_login(people["chloe"])
    assert client.post(path.replace("/invitation/", "/invitation/x")).status_code == 403
    # Alice no longer manages the structure: her invitations are void.
    structure.managers.set([people["bruno"]])
    response = client.post(path)
    assert response.status_code == 403 and "n'est plus valable" in unescape(response.content.decode())
    assert not structure.members.filter(pk=people["chloe"].pk).exists()


def test_an_invitation_does_not_survive_a_removal(client, people, structure, django_capture_on_commit_callbacks):
    client.force_login(people["alice"])
    add(client, structure, "chloe@example.org", capture=django_capture_on_commit_callbacks)
    path = invitation_link(mail.outbox[0])
    chloe = client.__class__()
    chloe.force_login(people["chloe"])
    chloe.post(path)
    client.post(remove_url(structure, people["chloe"]))
    assert chloe.post(path).status_code == 403
    assert not structure.members.filter(pk=people["chloe"].pk).exists()


def staff_accounts(django_user_model):
    group = Group.objects.create(name="Accès à l'administration seulement")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    admin_only = django_user_model.objects.create_user("admin-seul", "admin-seul@example.org", "x")
    admin_only.groups.add(group)
    return {
        "is_staff": django_user_model.objects.create_user("equipe", "equipe@example.org", "x", is_staff=True),
        "superuser": django_user_model.objects.create_superuser("chef", "chef@example.org", "x"),
        "access_admin": admin_only,
        "moderator": make_moderator(django_user_model),
    }


@pytest.mark.parametrize("kind", ["is_staff", "superuser", "access_admin", "moderator"])
def test_a_staff_account_is_never_attached_nor_told_and_the_answer_is_the_same(
    kind, client, people, structure, django_user_model, django_capture_on_commit_callbacks
):
    staff = staff_accounts(django_user_model)[kind]
    # A contributor account sharing the address must not be the way in either.
    ContributorFactory(username="double", email=staff.email.upper())
    client.force_login(people["alice"])
    users_before = django_user_model.objects.count()
    response = add(client, structure, staff.email, "Paul", "Durand", capture=django_capture_on_commit_callbacks)
    assert invited_message("Paul", "Durand", staff.email) in unescape(response.content.decode())
    assert not structure.members.filter(email__iexact=staff.email).exists()
    assert mail.outbox == []
    assert django_user_model.objects.count() == users_before
    assert not ModelLogEntry.objects.filter(action__in=[ADD_MEMBER_ACTION, INVITE_MEMBER_ACTION]).exists()


def test_a_deactivated_account_gets_the_same_answer_and_nothing_else(
    client, people, structure, django_capture_on_commit_callbacks
):
    people["chloe"].is_active = False
    people["chloe"].save()
    client.force_login(people["alice"])
    response = add(client, structure, "chloe@example.org", capture=django_capture_on_commit_callbacks)
    html = unescape(response.content.decode())
    assert invited_message("Xavier", "Yvon", "chloe@example.org") in html
    assert "désactivé" not in html
    assert mail.outbox == [] and not structure.members.filter(pk=people["chloe"].pk).exists()


def test_the_invitation_goes_to_the_contributor_account_when_several_share_the_address(
    client, people, structure, django_user_model, django_capture_on_commit_callbacks
):
    second = ContributorFactory(username="chloe-bis", email="Chloe@Example.org")
    client.force_login(people["alice"])
    add(client, structure, "chloe@example.org", capture=django_capture_on_commit_callbacks)
    path = invitation_link(mail.outbox[0])
    client.force_login(second)
    assert client.post(path).status_code == 403  # the oldest account was invited
    client.force_login(people["chloe"])
    assert client.post(path).status_code == 302


def test_adding_someone_twice_is_a_french_error(client, people, structure):
    client.force_login(people["alice"])
    response = client.post(members_url(structure), {"first_name": "B", "last_name": "B", "email": "bruno@example.org"})
    assert response.status_code == 400
    html = unescape(response.content.decode())
    # Named as the member list already shows the account.
    assert f"{people['bruno'].get_full_name()} est déjà membre de la structure." in html


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
    assert f"Membre ajouté : compte n° {emile.pk} (compte créé)" in html
    bruno = people["bruno"]
    assert f"Membre retiré : compte n° {bruno.pk}" in html


def test_reading_the_history_costs_no_query_per_entry(
    client, people, structure, django_capture_on_commit_callbacks, django_assert_num_queries
):
    client.force_login(people["alice"])
    for n in range(3):
        client.post(members_url(structure), {"first_name": "A", "last_name": "B", "email": f"p{n}@example.org"})
    add(client, structure, "chloe@example.org", capture=django_capture_on_commit_callbacks)
    client.post(remove_url(structure, people["bruno"]))
    entries = list(ModelLogEntry.objects.filter(object_id=str(structure.pk)))
    assert len(entries) == 5
    with django_assert_num_queries(0):
        messages = [entry.message for entry in entries]
    assert all("compte n° " in message for message in messages)
    assert not any("Bruno" in message or "Chloe" in message for message in messages)
