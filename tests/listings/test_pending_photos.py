"""Photos of a listing awaiting moderation are private files until it is approved."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from listings.models import Listing, Organisation
from media_library.models import CustomImage

from .conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(django_user_model, valence):
    town = Organisation.objects.create(name="Mairie de Valence", kind="municipality")
    town.communes.add(valence)
    alice = django_user_model.objects.create_user("alice", "alice@example.org", "motdepasse")
    town.members.add(alice)
    bruno = django_user_model.objects.create_user("bruno", "bruno@example.org", "motdepasse")
    Organisation.objects.create(name="CPTS", kind="cpts").members.add(bruno)
    moderator = django_user_model.objects.create_user("moderatrice", "m@example.org", "motdepasse")
    moderator.groups.add(Group.objects.get(name="Modérateurs"))
    return {"alice": alice, "bruno": bruno, "moderator": moderator}


def client_for(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def pending_photo(people, listing_data, settings):
    client_for(people["alice"]).post(
        "/espace-contributeur/annonces/nouvelle/",
        {**listing_data, "photos": [SimpleUploadedFile("facade.jpg", jpeg_bytes())]},
    )
    return CustomImage.objects.get()


def test_a_pending_photo_is_stored_outside_the_public_media(pending_photo, settings):
    name = pending_photo.file.name
    assert name.startswith("pending/original_images/annonce-")
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / name).exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("annonce-*"))
    assert pending_photo.file.url.startswith("/medias-en-attente/")


def test_only_moderators_and_the_submitting_organisation_can_see_it(pending_photo, people):
    url = pending_photo.file.url
    assert client_for().get(url).status_code == 404
    assert client_for(people["bruno"]).get(url).status_code == 404
    for user in (people["alice"], people["moderator"]):
        response = client_for(user).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "private, no-store"
    # Renditions made for the admin's thumbnails stay private too.
    rendition = pending_photo.get_rendition("fill-100x100")
    assert rendition.file.name.startswith("pending/images/")
    assert client_for().get(rendition.url).status_code == 404
    assert client_for(people["moderator"]).get(rendition.url).status_code == 200


def test_approval_moves_the_photo_to_the_public_media(pending_photo, people, settings):
    private_path = Path(settings.PRIVATE_MEDIA_ROOT) / pending_photo.file.name
    pending_photo.get_rendition("fill-100x100")
    listing = Listing.objects.get()
    task_state = listing.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, people["moderator"], "approve")
    image = CustomImage.objects.get()
    assert image.file.name.startswith("original_images/annonce-")
    assert (Path(settings.MEDIA_ROOT) / image.file.name).exists()
    assert not private_path.exists()
    assert not list(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.jpg"))
    assert image.file.url.startswith(settings.MEDIA_URL)
    assert all(not rendition.file.name.startswith("pending/") for rendition in image.renditions.all())


def test_the_organisation_sees_the_new_photo_of_its_pending_edit(pending_photo, people, listing_data):
    """A published listing edited with a new photo: the photo lives in the pending revision
    only (not in the live listing's rows) until a moderator publishes it."""
    listing = Listing.objects.get()
    task_state = listing.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, people["moderator"], "approve")
    response = client_for(people["alice"]).post(
        f"/espace-contributeur/annonces/{listing.pk}/modifier/",
        {**listing_data, "title": "Cabinet rénové", "photos": [SimpleUploadedFile("salle.jpg", jpeg_bytes())]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    new_photo = CustomImage.objects.exclude(pk=pending_photo.pk).get()
    assert new_photo.file.name.startswith("pending/")
    assert not listing.photos.filter(image=new_photo).exists()  # only in the revision
    assert client_for(people["alice"]).get(new_photo.file.url).status_code == 200
    assert client_for(people["bruno"]).get(new_photo.file.url).status_code == 404
    assert client_for().get(new_photo.file.url).status_code == 404
