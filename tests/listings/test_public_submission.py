"""The public form: anyone proposes a listing; it enters moderation; bad input and
robots are refused with nothing saved."""

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from listings.models import Listing, ListingContact, ListingStatus
from media_library.models import CustomImage

from .conftest import jpeg_bytes, started_seconds_ago

pytestmark = pytest.mark.django_db

URL = "/proposer-une-annonce/"


@pytest.fixture
def submission(listing_data):
    return {**listing_data, "started": started_seconds_ago(60), "submission_key": str(uuid.uuid4()), "website": ""}


def assert_nothing_saved():
    assert Listing.objects.count() == 0
    assert ListingContact.objects.count() == 0
    assert CustomImage.objects.count() == 0


def test_the_form_is_in_french_with_labels(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Proposer une annonce d'installation" in html
    assert '<label for="id_title">' in html
    assert 'name="submission_key"' in html


def test_a_submission_enters_moderation_and_keeps_the_contact_private(client, submission):
    photo = SimpleUploadedFile("facade.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client.post(URL, {**submission, "photos": [photo]})
    assert response.status_code == 302
    assert response["Location"] == reverse("contributions:thanks")
    listing = Listing.objects.get()
    assert not listing.live
    assert listing.status == ListingStatus.PENDING
    assert listing.organisation is None
    assert list(listing.professions.values_list("slug", flat=True)) == ["medecin-generaliste"]
    assert (listing.latitude, listing.longitude) == (44.9334, 4.8924)
    contact = listing.contacts.get()
    assert (contact.email, contact.consent_to_publish) == ("claire.martin@example.org", False)
    assert listing.photos.count() == 1
    assert not Listing.objects.public().exists()


def test_status_owner_and_live_flags_in_the_input_are_ignored(client, submission):
    client.post(URL, {**submission, "live": "on", "status": "published", "organisation": "1", "owner": "1"})
    listing = Listing.objects.get()
    assert not listing.live
    assert listing.organisation is None


def test_a_double_submission_creates_one_listing(client, submission):
    first = client.post(URL, submission)
    second = client.post(URL, submission)
    assert first.status_code == second.status_code == 302
    assert Listing.objects.count() == 1


def test_the_honeypot_saves_nothing(client, submission):
    response = client.post(URL, {**submission, "website": "http://spam.example"})
    assert response.status_code == 302
    assert_nothing_saved()


def test_a_form_sent_too_fast_is_refused(client, submission):
    response = client.post(URL, {**submission, "started": started_seconds_ago(1)})
    assert response.status_code == 400
    assert "envoyé trop vite" in response.content.decode()
    assert_nothing_saved()


def test_a_forged_timestamp_is_refused(client, submission):
    response = client.post(URL, {**submission, "started": "1700000000:forged"})
    assert response.status_code == 400
    assert "rechargez la page" in response.content.decode()
    assert_nothing_saved()


def test_rate_limit_per_address_is_not_fooled_by_x_forwarded_for(client, submission, settings):
    settings.PUBLIC_FORM_MAX_SUBMISSIONS_PER_HOUR = 2
    for n in range(2):
        client.post(URL, {**submission, "submission_key": str(uuid.uuid4())}, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    response = client.post(URL, {**submission, "submission_key": str(uuid.uuid4())}, HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert response.status_code == 429
    assert "Trop d'envois" in response.content.decode()
    assert Listing.objects.count() == 2


def test_a_trusted_proxy_address_is_used_when_configured(client, submission, settings):
    settings.PUBLIC_FORM_MAX_SUBMISSIONS_PER_HOUR = 1
    settings.PUBLIC_FORM_TRUSTED_PROXIES = 1
    for client_ip in ("203.0.113.1", "203.0.113.2"):
        response = client.post(URL, {**submission, "submission_key": str(uuid.uuid4())}, HTTP_X_FORWARDED_FOR=client_ip)
        assert response.status_code == 302
    assert Listing.objects.count() == 2


def png_bytes(size):
    output = io.BytesIO()
    Image.new("L", size).save(output, format="PNG")
    return output.getvalue()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"latitude": "48.8566", "longitude": "2.3522"}, "latitude", "en dehors du territoire"),
        ({"latitude": "nan", "longitude": "4.89"}, "latitude", "La latitude est un nombre décimal"),
        ({"latitude": "95", "longitude": "4.89"}, "latitude", "inférieure ou égale à 90"),
        ({"description": "x" * 1_000_000}, "description", "au plus 10000 caractères"),
        ({"title": "Local\x00caché"}, "title", "caractère nul n’est pas autorisé"),
        ({"title": "Local\u200bmédical"}, "title", "caractères invisibles"),
        ({"summary": "\u202eevil"}, "summary", "caractères invisibles"),
        ({"contact-email": "a@example.org\r\nBcc: x@example.org"}, "contact-email", "adresse e-mail complète"),
        ({"surface_m2": "-3"}, "surface_m2", "ne peut pas être négative"),
    ],
)
def test_bad_input_gets_a_french_error_and_saves_nothing(client, submission, changes, field, message):
    response = client.post(URL, {**submission, **changes})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert_nothing_saved()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("grande.png", png_bytes((20_000, 20_000)), "image trop grande"),
        ("coupee.jpg", jpeg_bytes()[:2700], "endommagée"),
        ("page.jpg", b"<html><script>alert(1)</script></html>", "pas une image lisible"),
        ("enorme.jpg", b"\xff\xd8" + b"0" * (30 * 1024 * 1024), "dépasse 10 Mo"),
    ],
)
def test_bad_photos_are_refused_and_nothing_is_stored(client, submission, name, content, message):
    response = client.post(URL, {**submission, "photos": [SimpleUploadedFile(name, content)]})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert_nothing_saved()


def test_too_many_photos_are_refused(client, submission):
    photos = [SimpleUploadedFile(f"p{n}.jpg", jpeg_bytes()) for n in range(7)]
    response = client.post(URL, {**submission, "photos": photos})
    assert response.status_code == 400
    assert "6 photos au maximum" in response.content.decode()
    assert_nothing_saved()


def test_photos_are_reencoded_without_gps_metadata(client, submission):
    exif = Image.Exif()
    exif[0x010F] = "Appareil"  # Make
    exif[0x8825] = {2: (44.0, 56.0, 0.0)}  # GPSInfo: latitude
    photo = SimpleUploadedFile("gps.jpg", jpeg_bytes(exif=exif.tobytes()), content_type="image/jpeg")
    client.post(URL, {**submission, "photos": [photo]})
    image = CustomImage.objects.get()
    with image.open_file() as stored, Image.open(stored) as reopened:
        assert not reopened.getexif()
        assert reopened.format == "JPEG"


def test_photos_of_a_pending_listing_are_not_publicly_reachable(client, submission):
    """The photo exists (for moderators, in the private area) but no public answer points
    to it, and its file name is a 128-bit random token that cannot be guessed."""
    import json
    import re

    client.post(URL, {**submission, "photos": [SimpleUploadedFile("facade.jpg", jpeg_bytes())]})
    image = CustomImage.objects.get()
    token = re.fullmatch(r"pending/original_images/annonce-([0-9a-f]{32})\.jpg", image.file.name)
    assert token, image.file.name
    name = token.group(1)
    public_answers = [
        client.get("/graphql/", {"query": "{ listingMap }"}).content,
        client.get(
            "/graphql/", {"query": "{ listings { results { photos { image { rendition(size: CARD) { url } } } } } }"}
        ).content,
        client.get("/donnees-ouvertes/annonces.geojson").content,
        client.get("/donnees-ouvertes/annonces.csv").content,
    ]
    for answer in public_answers:
        assert name.encode() not in answer
    assert json.loads(public_answers[0])["data"]["listingMap"]["features"] == []
    assert json.loads(public_answers[1])["data"]["listings"]["results"] == []


def test_a_resent_form_with_photos_leaves_no_orphan_file(client, submission, settings):
    from pathlib import Path

    photo = jpeg_bytes()
    client.post(URL, {**submission, "photos": [SimpleUploadedFile("a.jpg", photo)]})
    client.post(URL, {**submission, "photos": [SimpleUploadedFile("a.jpg", photo)]})
    assert Listing.objects.count() == 1
    stored = list((Path(settings.PRIVATE_MEDIA_ROOT) / "pending" / "original_images").glob("annonce-*.jpg"))
    assert len(stored) == CustomImage.objects.count() == 1
