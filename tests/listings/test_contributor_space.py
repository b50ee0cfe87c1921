"""The contributor space: members of a structure see and update only its listings."""

import pytest
from django.urls import reverse

from listings.models import Listing, ListingStatus, Organisation
from reference.models import Commune

pytestmark = pytest.mark.django_db


@pytest.fixture
def crest():
    return Commune.objects.create(insee_code="26108", name="Crest")


@pytest.fixture
def members(django_user_model, valence, crest):
    town = Organisation.objects.create(name="Mairie de Valence", kind="municipality")
    town.communes.add(valence)
    cpts = Organisation.objects.create(name="CPTS Vallée de la Drôme", kind="cpts")
    cpts.communes.add(crest)
    alice = django_user_model.objects.create_user("alice", "alice@example.org", "motdepasse")
    bruno = django_user_model.objects.create_user("bruno", "bruno@example.org", "motdepasse")
    town.members.add(alice)
    cpts.members.add(bruno)
    return {"alice": alice, "bruno": bruno, "town": town, "cpts": cpts}


def create(client, user, data):
    client.force_login(user)
    return client.post(reverse("contributions:create"), data)


def approve(listing, moderator):
    task_state = listing.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("contributions:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("contributions:login"))


def test_a_user_without_a_structure_is_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("sans", "sans@example.org", "motdepasse"))
    assert client.get(reverse("contributions:dashboard")).status_code == 403


def test_a_contributor_creates_a_listing_that_enters_moderation(client, members, listing_data):
    response = create(client, members["alice"], listing_data)
    listing = Listing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("contributions:detail", args=[listing.pk])
    assert listing.organisation == members["town"]
    assert listing.status == ListingStatus.PENDING
    assert listing.current_workflow_state.requested_by == members["alice"]
    page = client.get(reverse("contributions:dashboard")).content.decode()
    assert "Local médical en centre-ville" in page
    assert "En attente de modération" in page


def test_a_commune_outside_the_structure_is_refused(client, members, listing_data, crest):
    response = create(client, members["alice"], {**listing_data, "commune": str(crest.pk)})
    assert response.status_code == 200
    assert "Votre structure ne publie que pour ses communes" in response.content.decode()
    assert Listing.objects.count() == 0


def test_contributor_b_cannot_reach_contributor_a_listing_by_any_url(client, members, listing_data):
    create(client, members["alice"], listing_data)
    listing = Listing.objects.get()
    client.force_login(members["bruno"])
    for name in ("contributions:detail", "contributions:edit"):
        assert client.get(reverse(name, args=[listing.pk])).status_code == 404
    response = client.post(reverse("contributions:edit", args=[listing.pk]), {**listing_data, "title": "Piraté"})
    assert response.status_code == 404
    assert "Local médical" not in client.get(reverse("contributions:dashboard")).content.decode()
    # Contributors have no admin access at all.
    assert client.get(reverse(Listing.snippet_viewset.get_url_name("edit"), args=[listing.pk])).status_code == 302
    assert Listing.objects.get().title == "Local médical en centre-ville"


def test_editing_a_published_listing_keeps_the_approved_version_public(client, members, listing_data, moderator):
    create(client, members["alice"], listing_data)
    listing = Listing.objects.get()
    approve(listing, moderator)
    response = client.post(
        reverse("contributions:edit", args=[listing.pk]), {**listing_data, "title": "Local rénové en centre-ville"}
    )
    assert response.status_code == 302
    listing = Listing.objects.get()
    assert listing.live
    assert listing.title == "Local médical en centre-ville"  # what the public still sees
    assert listing.status == ListingStatus.PENDING
    assert listing.get_latest_revision_as_object().title == "Local rénové en centre-ville"
    approve(listing, moderator)
    assert Listing.objects.get().title == "Local rénové en centre-ville"


def test_changes_requested_then_edited_goes_back_to_moderation(client, members, listing_data, moderator):
    create(client, members["alice"], listing_data)
    listing = Listing.objects.get()
    task_state = listing.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "reject", comment="Précisez le loyer.")
    detail = client.get(reverse("contributions:detail", args=[listing.pk])).content.decode()
    assert "Modifications demandées" in detail
    assert "Précisez le loyer." in detail
    client.post(reverse("contributions:edit", args=[listing.pk]), {**listing_data, "monthly_rent_eur": "400"})
    listing = Listing.objects.get()
    assert listing.status == ListingStatus.PENDING
    assert listing.monthly_rent_eur == 400


def test_a_refused_listing_can_no_longer_be_edited(client, members, listing_data, moderator):
    create(client, members["alice"], listing_data)
    listing = Listing.objects.get()
    listing.reject(user=moderator, reason="Doublon.")
    response = client.get(reverse("contributions:edit", args=[listing.pk]))
    assert response.status_code == 302
    assert "Doublon." in client.get(reverse("contributions:detail", args=[listing.pk])).content.decode()


def test_a_contributor_confirms_a_published_listing_in_one_click(client, members, listing_data, moderator):
    create(client, members["alice"], listing_data)
    listing = Listing.objects.get()
    approve(listing, moderator)
    response = client.post(reverse("contributions:confirm", args=[listing.pk]))
    assert response.status_code == 302
    assert Listing.objects.get().last_confirmed_at is not None
    client.force_login(members["bruno"])
    assert client.post(reverse("contributions:confirm", args=[listing.pk])).status_code == 404


def test_a_contributor_erases_their_contact_data(client, members, listing_data):
    create(client, members["alice"], {**listing_data, "contact-email": "alice@example.org"})
    assert Listing.objects.get().contacts.count() == 1
    response = client.post(reverse("contributions:erase_my_data"))
    assert response.status_code == 302
    assert Listing.objects.get().contacts.count() == 0
