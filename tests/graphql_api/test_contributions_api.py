"""The authenticated submission API: same validation and moderation as the forms."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import APIToken

from listings.models import Listing, ListingStatus, Organisation
from reference.models import Commune, Profession

pytestmark = pytest.mark.django_db

URL = "/graphql/contributions/"

SUBMIT = """
mutation Submit($listing: ListingInput!) {
  submitListing(listing: $listing) {
    listing { id title status statusLabel }
    errors { field messages }
  }
}
"""

UPDATE = """
mutation Update($id: ID!, $listing: ListingInput!) {
  updateListing(id: $id, listing: $listing) { listing { id title status } errors { field messages } }
}
"""


@pytest.fixture
def town(django_user_model):
    valence = Commune.objects.create(insee_code="26362", name="Valence")
    Commune.objects.create(insee_code="26108", name="Crest")
    Profession.objects.create(name="Médecin généraliste", slug="medecin-generaliste")
    organisation = Organisation.objects.create(name="Mairie de Valence", kind="municipality")
    organisation.communes.add(valence)
    user = django_user_model.objects.create_user("valence", "valence@example.org", "motdepasse")
    organisation.members.add(user)
    _, token = APIToken.create_token(user=user, name="Logiciel de la mairie")
    return {"organisation": organisation, "user": user, "token": token}


def listing_input(**changes):
    return {
        "kind": "office",
        "title": "Local médical en centre-ville",
        "summary": "Local de 45 m².",
        "communeInseeCode": "26362",
        "latitude": 44.9334,
        "longitude": 4.8924,
        "professionSlugs": ["medecin-generaliste"],
        "contact": {"name": "Claire Martin", "email": "claire.martin@example.org"},
        **changes,
    }


def submitted_id(token):
    return call(SUBMIT, {"listing": listing_input()}, token).json()["data"]["submitListing"]["listing"]["id"]


def call(query, variables, token=None, client=None):
    client = client or Client(enforce_csrf_checks=True)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(URL, {"query": query, "variables": variables}, content_type="application/json", headers=headers)


def test_a_contributor_submits_a_listing_into_moderation(town):
    response = call(SUBMIT, {"listing": listing_input()}, town["token"])
    result = response.json()["data"]["submitListing"]
    assert response["Cache-Control"] == "no-store"
    assert result["errors"] == []
    assert result["listing"]["status"] == "pending"
    listing = Listing.objects.get()
    assert listing.organisation == town["organisation"]
    assert listing.status == ListingStatus.PENDING
    assert not listing.live
    assert listing.contacts.get().consent_to_publish is False


def test_validation_errors_are_french_and_save_nothing(town):
    bad = listing_input(latitude=48.85, longitude=2.35, communeInseeCode="26108", title="A\u200bB")
    result = call(SUBMIT, {"listing": bad}, town["token"]).json()["data"]["submitListing"]
    fields = {error["field"]: error["messages"] for error in result["errors"]}
    assert result["listing"] is None
    assert "commune" in fields  # not a commune this organisation publishes for
    assert "caractères invisibles" in fields["title"][0]
    assert Listing.objects.count() == 0


def test_the_api_says_what_the_forms_say(town):
    """Same forms, same messages (listings/form_messages.py): a field's own message, not
    « Ce champ est obligatoire. »."""
    bad = listing_input(title="", contact={"name": "Claire Martin", "email": "pas-une-adresse"})
    result = call(SUBMIT, {"listing": bad}, town["token"]).json()["data"]["submitListing"]
    fields = {error["field"]: error["messages"] for error in result["errors"]}
    assert fields["title"] == ["Donnez un titre à l'annonce, par exemple « Cabinet médical à louer à Die »."]
    assert "adresse e-mail complète" in fields["email"][0]
    assert Listing.objects.count() == 0


def test_status_or_owner_inputs_do_not_exist(town):
    response = call(SUBMIT, {"listing": listing_input(status="published", live=True)}, town["token"])
    assert "errors" in response.json()
    assert Listing.objects.count() == 0


@pytest.mark.parametrize("token", [None, "wagtail_notavalidtoken", "Basic abc"])
def test_no_valid_token_no_access(town, token):
    response = call(SUBMIT, {"listing": listing_input()}, token)
    assert response.status_code == 401
    assert "jeton" in response.json()["errors"][0]["message"]
    assert Listing.objects.count() == 0


def test_a_revoked_token_is_refused(town):
    APIToken.objects.get(user=town["user"]).revoke()
    assert call(SUBMIT, {"listing": listing_input()}, town["token"]).status_code == 401


def test_a_session_cookie_is_not_enough(town):
    client = Client(enforce_csrf_checks=True)
    client.force_login(town["user"])
    assert call(SUBMIT, {"listing": listing_input()}, client=client).status_code == 401


def test_get_is_refused(town):
    headers = {"Authorization": f"Bearer {town['token']}"}
    response = Client().get(URL, {"query": "{ myListings { id } }"}, headers=headers)
    assert response.status_code == 405


def test_update_sends_a_new_version_while_the_public_keeps_the_approved_one(town, django_user_model):
    listing_id = submitted_id(town["token"])
    moderator = django_user_model.objects.create_user("moderatrice", "moderatrice@example.org", "motdepasse")
    moderator.groups.add(Group.objects.get(name="Modérateurs"))
    listing = Listing.objects.get(pk=listing_id)
    task_state = listing.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")

    result = call(UPDATE, {"id": listing_id, "listing": listing_input(title="Local rénové")}, town["token"]).json()
    expected = {"id": listing_id, "title": "Local rénové", "status": "pending"}
    assert result["data"]["updateListing"]["listing"] == expected
    assert Listing.objects.get(pk=listing_id).title == "Local médical en centre-ville"
    mine = call("{ myListings { id title status } }", {}, town["token"]).json()["data"]["myListings"]
    assert mine == [{"id": listing_id, "title": "Local rénové", "status": "pending"}]


def test_another_organisation_listing_cannot_be_updated(town, django_user_model):
    listing_id = submitted_id(town["token"])
    other = django_user_model.objects.create_user("autre", "autre@example.org", "motdepasse")
    Organisation.objects.create(name="CPTS", kind="cpts").members.add(other)
    _, other_token = APIToken.create_token(user=other, name="CPTS")
    result = call(UPDATE, {"id": listing_id, "listing": listing_input(title="Piraté")}, other_token).json()
    assert result["errors"][0]["message"] == "Annonce introuvable parmi celles de votre structure."
    assert call("{ myListings { id } }", {}, other_token).json()["data"]["myListings"] == []


def test_the_public_endpoint_still_has_no_mutation(town):
    response = Client().post(
        "/graphql/", {"query": SUBMIT, "variables": {"listing": listing_input()}}, content_type="application/json"
    )
    assert response.status_code in (200, 400)
    assert "errors" in response.json()
    assert Listing.objects.count() == 0


def multipart(token, variables, files):
    """A GraphQL multipart request (operations, map, files) as a contributor's software sends it."""
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    operations = {
        "query": (
            "mutation ($listing: ListingInput!, $photos: [Upload!]) { submitListing(listing: $listing, "
            "photos: $photos) { listing { id status } errors { field messages } } }"
        ),
        "variables": {**variables, "photos": [None] * len(files)},
    }
    data = {
        "operations": json.dumps(operations),
        "map": json.dumps({str(n): [f"variables.photos.{n}"] for n in range(len(files))}),
    }
    data.update({str(n): SimpleUploadedFile(name, content) for n, (name, content) in enumerate(files)})
    return Client(enforce_csrf_checks=True).post(URL, data, headers={"Authorization": f"Bearer {token}"})


def test_photos_are_accepted_checked_and_kept_private(town):
    from listings.models import ListingPhoto
    from media_library.models import CustomImage

    from ..listings.conftest import jpeg_bytes

    response = multipart(town["token"], {"listing": listing_input()}, [("facade.jpg", jpeg_bytes())])
    result = response.json()["data"]["submitListing"]
    assert result["errors"] == []
    photo = ListingPhoto.objects.get()
    assert photo.image.file.name.startswith("pending/")

    bad = multipart(town["token"], {"listing": listing_input(title="Autre")}, [("page.jpg", b"<html></html>")])
    errors = bad.json()["data"]["submitListing"]["errors"]
    assert errors[0]["field"] == "photos"
    assert "pas une image lisible" in errors[0]["messages"][0]
    assert Listing.objects.count() == CustomImage.objects.count() == 1


@pytest.mark.parametrize("closed_by", ["expire_at in the past", "expired flag", "final refusal"])
def test_a_closed_listing_cannot_be_updated_through_the_api_either(town, closed_by):
    """One rule (Listing.can_be_edited_by_contributor) for the API and the contributor space."""
    from django.utils import timezone

    listing_id = submitted_id(town["token"])
    closing = {
        "expire_at in the past": {"expire_at": timezone.now() - timezone.timedelta(days=1)},
        "expired flag": {"expired": True},
        "final refusal": {"rejected_at": timezone.now(), "live": False},
    }[closed_by]
    Listing.objects.filter(pk=listing_id).update(**closing)
    assert not Listing.objects.get(pk=listing_id).can_be_edited_by_contributor
    result = call(UPDATE, {"id": listing_id, "listing": listing_input(title="Encore")}, town["token"]).json()
    assert result["errors"][0]["message"] == "Cette annonce ne peut plus être modifiée."
    assert Listing.objects.get(pk=listing_id).title == "Local médical en centre-ville"
