"""The listing forms guide the person who fills them (issue 15): a summary of the errors at
the top, a message that names each field, photos kept across an error round, dates and
positions checked, the quota counting accepted proposals only, the right form for a
signed-in member."""

import datetime
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from listings import held_photos
from listings.form_messages import control_id, kind_required_message
from listings.forms import ListingForm
from listings.models import Listing, Organisation
from media_library.models import CustomImage
from reference.vocabularies import Vocabulary, terms

from .conftest import jpeg_bytes, make_die_with_an_address, started_seconds_ago

pytestmark = pytest.mark.django_db

URL = "/proposer-une-annonce/"


@pytest.fixture
def submission(listing_data):
    return {**listing_data, "started": started_seconds_ago(60), "submission_key": str(uuid.uuid4()), "website": ""}


@pytest.fixture
def die(db):
    return make_die_with_an_address()


def page(response):
    return response.content.decode()


def test_an_empty_form_opens_on_a_summary_that_links_to_each_field(client):
    response = client.post(URL, {"started": started_seconds_ago(60), "submission_key": str(uuid.uuid4())})
    html = page(response)
    assert response.status_code == 400
    assert "<title>Erreur – Proposer une annonce" in html
    summary = html[html.index("data-error-summary") : html.index("</div>", html.index("data-error-summary"))]
    assert (
        "autofocus" in html[html.rindex("<div", 0, html.index("data-error-summary")) : html.index("data-error-summary")]
    )
    assert "erreurs empêchent l'envoi" in summary
    for anchor in ("#id_kind", "#id_title", "#id_summary", "#id_commune", "#id_latitude", "#id_contact-name"):
        assert f'href="{anchor}"' in summary, anchor
    # Each message names what to do; Django's generic one is gone.
    assert "Donnez un titre à l&#x27;annonce" in summary
    assert "Choisissez la commune où se trouve l&#x27;annonce" in summary
    assert "Indiquez le nom de la personne à contacter" in summary
    assert "Ce champ est obligatoire" not in html
    # The summary comes before the form, so a phone shows it first.
    assert html.index("data-error-summary") < html.index('<form method="post"')


def test_the_summary_reads_the_same_in_the_contributor_space(client, members, listing_data):
    client.force_login(members["alice"])
    response = client.post(reverse("contributions:create"), {**listing_data, "title": ""})
    html = page(response)
    assert 'href="#id_title"' in html
    assert "Une erreur empêche l'envoi" in html
    assert Listing.objects.count() == 0


def test_the_quota_counts_accepted_proposals_only(client, submission, settings):
    settings.PUBLIC_FORM_MAX_SUBMISSIONS_PER_HOUR = 2
    for _ in range(3):  # three rounds with a mistake cost nothing
        assert client.post(URL, {**submission, "title": "", "submission_key": str(uuid.uuid4())}).status_code == 400
    for _ in range(2):
        response = client.post(URL, {**submission, "submission_key": str(uuid.uuid4())})
        assert response.status_code == 302
    assert Listing.objects.count() == 2
    response = client.post(URL, {**submission, "submission_key": str(uuid.uuid4())})
    assert response.status_code == 429
    assert Listing.objects.count() == 2


def test_a_signed_in_member_is_sent_to_their_space_and_the_public_form_creates_nothing(client, members, submission):
    client.force_login(members["alice"])
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("contributions:create")
    response = client.post(URL, submission)
    assert response.status_code == 302
    assert Listing.objects.count() == 0
    follow = client.get(reverse("contributions:create"))
    assert "elle sera rattachée à votre structure" in page(follow)


def test_a_photo_is_kept_across_an_error_round_then_sent_with_the_listing(client, submission):
    photo = SimpleUploadedFile("facade-mairie.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client.post(URL, {**submission, "title": "", "photos": [photo]})
    html = page(response)
    assert response.status_code == 400
    assert "Photos déjà jointes" in html
    assert "facade-mairie.jpg" in html
    assert "photos comprises" in html
    token = response.context["form"].held_photos[0][0]
    assert 'name="kept_photos"' in html
    held_folder = Path(settings.PRIVATE_MEDIA_ROOT) / held_photos.FOLDER
    assert len(list(held_folder.glob("*.jpg"))) == 1
    assert CustomImage.objects.count() == 0  # nothing stored as an image before the form is accepted

    response = client.post(URL, {**submission, "kept_photos": [token]})
    assert response.status_code == 302
    listing = Listing.objects.get()
    assert listing.photos.count() == 1
    assert not list(held_folder.glob("*.jpg"))  # released, then removed


def test_a_forged_or_unchecked_kept_photo_is_not_sent(client, submission):
    photo = SimpleUploadedFile("facade.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client.post(URL, {**submission, "title": "", "photos": [photo]})
    token = response.context["form"].held_photos[0][0]
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    response = client.post(URL, {**submission, "kept_photos": [forged, "../../etc/passwd"]})
    assert response.status_code == 302
    assert Listing.objects.get().photos.count() == 0


def test_held_photos_expire(client, submission):
    photo = SimpleUploadedFile("facade.jpg", jpeg_bytes(), content_type="image/jpeg")
    client.post(URL, {**submission, "title": "", "photos": [photo]})
    later = timezone.now().timestamp() + (held_photos.HOLD_HOURS + 1) * 3600 + 60
    assert held_photos.purge_expired(now=later - 3600) == 0  # tokens just expired: file kept an hour more
    assert held_photos.purge_expired(now=later) == 1


def test_error_rounds_cannot_fill_the_disk(client, submission):
    """Error rounds do not count against the quota; holding photos has its own allowance."""
    held_folder = Path(settings.PRIVATE_MEDIA_ROOT) / held_photos.FOLDER
    for round_number in range(4):
        photos = [SimpleUploadedFile(f"p{n}.jpg", jpeg_bytes(), content_type="image/jpeg") for n in range(6)]
        response = client.post(URL, {**submission, "title": "", "photos": photos})
        assert response.status_code == 400
        kept = len(response.context["form"].held_photos)
        assert kept == (6 if round_number < 2 else 0), round_number
    assert len(list(held_folder.glob("*.jpg"))) == held_photos.HOLD_LIMIT_PER_HOUR


def test_kept_and_new_photos_together_respect_the_limit(client, submission):
    photos = [SimpleUploadedFile(f"p{n}.jpg", jpeg_bytes(), content_type="image/jpeg") for n in range(4)]
    response = client.post(URL, {**submission, "title": "", "photos": photos})
    tokens = [token for token, _ in response.context["form"].held_photos]
    more = [SimpleUploadedFile(f"q{n}.jpg", jpeg_bytes(), content_type="image/jpeg") for n in range(3)]
    response = client.post(URL, {**submission, "kept_photos": tokens, "photos": more})
    assert response.status_code == 400
    assert "4 déjà jointe(s), 3 ajoutée(s)" in page(response)
    assert Listing.objects.count() == 0


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2020-01-01", "La date de disponibilité est passée (01/01/2020)"),
        ("2099-01-01", "dans plus de trois ans"),
    ],
)
def test_an_implausible_start_date_is_refused(client, submission, value, message):
    response = client.post(URL, {**submission, "available_from": value})
    assert response.status_code == 400
    assert message in page(response)
    assert Listing.objects.count() == 0


def test_a_listing_keeps_its_approved_past_start_date_when_edited(client, members, listing_data):
    client.force_login(members["alice"])
    client.post(reverse("contributions:create"), listing_data)
    listing = Listing.objects.get()
    past = timezone.localdate() - datetime.timedelta(days=40)
    Listing.objects.filter(pk=listing.pk).update(available_from=past)
    listing.refresh_from_db()
    listing.save_revision()
    data = {**listing_data, "available_from": past.isoformat(), "summary": "Résumé revu."}
    response = client.post(reverse("contributions:edit", args=[listing.pk]), data)
    assert response.status_code == 302, page(response)


def test_a_point_outside_the_chosen_commune_is_refused(client, submission, die):
    data = {**submission, "commune": str(die.pk), "latitude": "44.9334", "longitude": "4.8924"}
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "Ce point est en dehors de la commune de Die" in page(response)
    # 100 m east of the border (5.45° E): accepted, outlines are simplified.
    data.update(latitude="44.75", longitude="5.4513", submission_key=str(uuid.uuid4()))
    assert client.post(URL, data).status_code == 302


def test_without_a_point_the_address_is_found_in_the_commune(client, submission, die):
    """Die's fixture holds « 12 Place de la République 26150 Die » at 44.7534, 5.3701."""
    data = {
        **submission,
        "commune": str(die.pk),
        "address": "12 place de la Republique",
        "latitude": "",
        "longitude": "",
    }
    response = client.post(URL, data)
    assert response.status_code == 302, page(response)
    listing = Listing.objects.get()
    assert (listing.latitude, listing.longitude) == (44.7534, 5.3701)


def test_an_address_not_found_asks_for_the_point(client, submission, die):
    data = {**submission, "commune": str(die.pk), "address": "Chemin inconnu", "latitude": "", "longitude": ""}
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "Nous n&#x27;avons pas trouvé « Chemin inconnu » à Die" in page(response)
    assert Listing.objects.count() == 0


def test_a_group_of_checkboxes_is_linked_through_its_first_box():
    form = ListingForm(data={})
    assert control_id(form["professions"]) == "id_professions_0"
    assert control_id(form["title"]) == "id_title"


def test_the_commune_options_carry_their_insee_code_for_the_map(client, die):
    assert f'value="{die.pk}" data-insee="26113"' in page(client.get(URL))


def test_the_contributor_sees_what_was_sent_and_the_history(client, members, listing_data):
    client.force_login(members["alice"])
    photo = SimpleUploadedFile("facade.jpg", jpeg_bytes(), content_type="image/jpeg")
    client.post(reverse("contributions:create"), {**listing_data, "photos": [photo]})
    listing = Listing.objects.get()
    html = page(client.get(reverse("contributions:detail", args=[listing.pk])))
    assert "Ce que vous avez envoyé" in html
    assert listing_data["summary"].replace("'", "&#x27;") in html
    assert "12 rue Madier-de-Montjau" in html
    assert "/medias-en-attente/" in html  # the pending photo, through the permission-checked view
    assert "claire.martin@example.org" in html  # their own contact, shown to them
    assert "Envoyée à l&#x27;équipe du guichet" in html
    assert "Historique" in html


def test_another_organisation_never_sees_the_listing(client, members, listing_data, django_user_model):
    client.force_login(members["alice"])
    client.post(reverse("contributions:create"), listing_data)
    listing = Listing.objects.get()
    outsider = django_user_model.objects.create_user("bruno", "bruno@example.org", "motdepasse")
    Organisation.objects.create(name="CPTS voisine", email="cpts@example.org").members.add(outsider)
    client.force_login(outsider)
    assert client.get(reverse("contributions:detail", args=[listing.pk])).status_code == 404


def test_the_contributor_page_costs_the_same_with_one_or_six_photos(client, members, listing_data):
    client.force_login(members["alice"])
    counts = []
    for number in (1, 6):
        photos = [SimpleUploadedFile(f"p{n}.jpg", jpeg_bytes(), content_type="image/jpeg") for n in range(number)]
        client.post(reverse("contributions:create"), {**listing_data, "photos": photos})
        url = reverse("contributions:detail", args=[Listing.objects.latest("pk").pk])
        client.get(url)  # the first view makes the thumbnails (one write per photo, once)
        with CaptureQueriesContext(connection) as queries:
            assert page(client.get(url)).count("<img") >= number
        counts.append(len(queries))
    # Rebuilding a version from its revision, Wagtail (modelcluster's check_fks) checks that
    # each photo's image and listing still exist: 2 queries a photo, and a listing has at
    # most 6 photos (10 in the admin). Everything else, the images included, is constant.
    assert counts[1] - counts[0] == 2 * (6 - 1), counts


def test_a_former_member_is_not_credited_as_the_desk(client, members, listing_data, django_user_model):
    former = django_user_model.objects.create_user("ancien", "ancien@example.org", "motdepasse")
    members["town"].members.add(former)
    client.force_login(former)
    client.post(reverse("contributions:create"), listing_data)
    members["town"].members.remove(former)
    client.force_login(members["alice"])
    html = page(client.get(reverse("contributions:detail", args=[Listing.objects.get().pk])))
    assert "Un ancien membre de la structure" in html
    assert "L&#x27;équipe du guichet" not in html.split("<h2>Historique</h2>")[1]


def test_an_unreadable_structure_choice_is_a_404_not_a_500(client, members):
    client.force_login(members["alice"])
    for value in ("abc", "١٢", "1 OR 1=1"):
        assert client.get(reverse("contributions:create"), {"organisation": value}).status_code == 404


def test_a_held_photo_purged_meanwhile_is_skipped(client, submission):
    photo = SimpleUploadedFile("facade.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client.post(URL, {**submission, "title": "", "photos": [photo]})
    token = response.context["form"].held_photos[0][0]
    for path in (Path(settings.PRIVATE_MEDIA_ROOT) / held_photos.FOLDER).glob("*.jpg"):
        path.unlink()
    assert client.post(URL, {**submission, "kept_photos": [token]}).status_code == 302
    assert Listing.objects.get().photos.count() == 0


def test_the_kind_message_gives_the_desks_own_kinds_as_examples(db):
    """Not the health desk's « local, cabinet à reprendre » on every desk: the desk's kinds."""
    labels = [term.label for term in terms(None, Vocabulary.LISTING_KIND)]
    form = ListingForm(data={})
    assert not form.is_valid()
    message = form.errors["kind"][0]
    assert message == f"Choisissez le type d'annonce : « {labels[0]} », « {labels[1]} », « {labels[2]} »…"


def test_the_kind_message_without_kinds_or_with_few():
    assert kind_required_message([]) == "Choisissez le type d'annonce dans la liste."
    assert (
        kind_required_message(["Local", "Remplacement"])
        == "Choisissez le type d'annonce : « Local », « Remplacement »."
    )
