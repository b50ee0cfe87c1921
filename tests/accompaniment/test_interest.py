"""« Je suis intéressé(e) » on a listing. A new address opens a case with its interest; an
address that already has an open case gets a confirmation link instead (anyone may type
anyone's address), and nothing is attached until it is confirmed — once, however many times
it is pressed. Only public listings take interests; the listing's structure never receives
the person's address from here, and the visitor's answer is the same whatever the address."""

import pytest
from django.core import mail

from accompaniment.factories import AssignmentRuleFactory, CaseFactory, ReferentFactory
from accompaniment.links import revoke_links
from accompaniment.models import Case, CaseSource, CaseState, EntryKind, Interest
from listings.factories import ListingContactFactory, ListingFactory, OrganisationFactory
from listings.models import ListingStatus
from reference.factories import CommuneFactory, EpciFactory

from .person_helpers import everything_in, guard, links_in, mails_to, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing():
    commune = CommuneFactory(name="Die", epci=EpciFactory(name="Communauté de communes du Diois"))
    listing = ListingFactory(title="Cabinet médical à Die", commune=commune, organisation=OrganisationFactory())
    ListingContactFactory(listing=listing, email="mairie@die.example")
    return listing


@pytest.fixture
def referent(listing):
    return AssignmentRuleFactory(referent=ReferentFactory(), epcis=[listing.commune.epci]).referent


@pytest.fixture
def data():
    return {
        "first_name": "Inès",
        "last_name": "Durand",
        "email": "ines.durand@example.org",
        "phone": "",
        "message": "Le cabinet est-il accessible en fauteuil ?",
        "share_contact": "on",
        "consent": "on",
        **guard(),
    }


def url(listing):
    return f"/etre-accompagne/annonce/{listing.slug}/"


def test_the_listing_page_offers_it(client, listing):
    html = client.get(f"/annonces/{listing.slug}/").content.decode()
    assert "Intéressé(e) par cette annonce ?" in html
    assert f'href="{url(listing)}"' in html


def test_the_form_names_the_listing_and_asks_before_sharing_the_contact(client, listing):
    html = page_text(client.get(url(listing)))
    assert "Cabinet médical à Die" in html
    assert "J'accepte que le guichet transmette mes coordonnées à la structure qui publie l'annonce" in html
    assert "Vos données personnelles" in html


@pytest.mark.parametrize("status", [ListingStatus.PENDING, ListingStatus.WITHDRAWN, ListingStatus.REJECTED])
def test_a_listing_that_is_not_public_takes_no_interest(client, status, data):
    hidden = ListingFactory(status=status)
    assert client.get(url(hidden)).status_code == 404
    assert client.post(url(hidden), data).status_code == 404
    assert client.get("/etre-accompagne/annonce/n-existe-pas/").status_code == 404
    assert Case.objects.count() == 0


def test_a_new_address_opens_a_case_with_the_interest(
    client, listing, referent, data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(listing), data)
    assert response.status_code == 302 and response["Location"] == "/etre-accompagne/merci/"
    case = Case.objects.get()
    assert (case.source, case.state, case.referent) == (CaseSource.INTEREST, CaseState.ASSIGNED, referent)
    assert list(case.communes.all()) == [listing.commune]
    interest = case.interests.get()
    assert (interest.listing, interest.share_contact) == (listing, True)
    assert interest.message == "Le cabinet est-il accessible en fauteuil ?"
    assert case.timeline.filter(kind=EntryKind.EVENT, text__contains="Cabinet médical à Die").exists()
    [to_person] = mails_to("ines.durand@example.org")
    assert links_in(to_person)
    to_desk = mails_to(referent.email)
    assert len(to_desk) == 2  # the new case, the interest
    for message in to_desk:
        assert "Inès" not in everything_in(message) and "fauteuil" not in everything_in(message)
    # The structure and its contact hear nothing from here: the desk makes the introduction.
    structure = {"mairie@die.example", listing.organisation.email}
    assert not any(structure & set(message.to) for message in mail.outbox)
    assert len(mail.outbox) == 3


def test_without_sharing_the_contact_the_interest_says_so(client, listing, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(listing), {**data, "share_contact": ""})
    assert Interest.objects.get().share_contact is False


def test_an_empty_form_is_refused_in_french(client, listing):
    response = client.post(url(listing), guard())
    html = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_email">' in html and "Indiquez votre adresse e-mail" in html
    assert "Cochez cette case pour envoyer la demande" in html
    assert Case.objects.count() == 0


def test_an_existing_address_must_confirm_before_anything_is_attached(
    client, listing, data, django_capture_on_commit_callbacks
):
    case = CaseFactory(email="ines.durand@example.org", referent=ReferentFactory(), state=CaseState.IN_PROGRESS)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(listing), {**data, "email": "Ines.Durand@example.org"})
    assert response["Location"] == "/etre-accompagne/merci/"  # the same answer as for a new address
    assert Case.objects.count() == 1
    assert not Interest.objects.exists()
    [confirm_mail] = mail.outbox
    assert confirm_mail.to == ["ines.durand@example.org"]
    assert "Cabinet médical à Die" in confirm_mail.subject
    [confirm_path] = links_in(confirm_mail, "/etre-accompagne/confirmer-interet/")

    page = client.get(confirm_path)
    assert page.status_code == 200 and "Confirmer mon intérêt" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    assert not Interest.objects.exists()  # opening the link (a mail scanner does) attaches nothing

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(confirm_path)
        second = client.post(confirm_path)
    assert first.status_code == second.status_code == 200
    assert "C'est transmis" in second.content.decode()
    interest = Interest.objects.get()
    assert (interest.case, interest.listing, interest.share_contact) == (case, listing, True)
    assert interest.message == "Le cabinet est-il accessible en fauteuil ?"
    assert case.timeline.filter(kind=EntryKind.EVENT).count() == 1
    assert len(mails_to(case.referent.email)) == 1


def test_the_confirmation_email_is_sent_once_a_day_per_listing(
    client, listing, data, django_capture_on_commit_callbacks
):
    CaseFactory(email="ines.durand@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(listing), {**data, **guard()})
        client.post(url(listing), {**data, **guard()})
    assert len(mail.outbox) == 1


def test_a_forged_or_revoked_confirmation_link_attaches_nothing(
    client, listing, data, django_capture_on_commit_callbacks
):
    case = CaseFactory(email="ines.durand@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(listing), data)
    [confirm_path] = links_in(mail.outbox[0], "/etre-accompagne/confirmer-interet/")
    forged = confirm_path.replace("/confirmer-interet/", "/confirmer-interet/x")
    assert client.post(forged).status_code == 404
    revoke_links(case)
    response = client.post(confirm_path)
    assert response.status_code == 404 and "Ce lien ne fonctionne plus" in response.content.decode()
    assert not Interest.objects.exists()


def test_the_quota_covers_interests_too(client, listing, data, settings):
    settings.ACCOMPANIMENT_MAX_REQUESTS_PER_HOUR = 1
    assert client.post(url(listing), {**data, **guard()}).status_code == 302
    assert client.post(url(listing), {**data, **guard(), "email": "autre@example.org"}).status_code == 429
    assert Case.objects.count() == 1


def test_the_honeypot_saves_nothing(client, listing, data):
    assert client.post(url(listing), {**data, "website": "x"}).status_code == 302
    assert Case.objects.count() == 0 and mail.outbox == []
