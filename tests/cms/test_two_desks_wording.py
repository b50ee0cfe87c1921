"""Two desks in one instance, in what they send and show (issue 17): every e-mail and every
page a desk sends or serves carries that desk's name, contact and public address — never
the other desk's.

On the default desk (« sante.test ») public links keep WAGTAILADMIN_BASE_URL, so that an
instance serving one desk sends the links it always sent; on « veto.test » they start with
that site's root URL. Links into the admin, shared by the desks, always go to
WAGTAILADMIN_BASE_URL.
"""

import re
import uuid

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from accompaniment import emails, links
from home.models import DeskSettings
from listings import accounts, notifications
from listings.confirmation_tokens import confirmation_url
from listings.factories import ContributorFactory
from listings.models import AccountRequest, Listing, OrganisationKind
from tests.desks import HOSTS, SANTE, VETO
from tests.listings.conftest import started_seconds_ago

pytestmark = pytest.mark.django_db

CONTACT = {
    SANTE: ("guichet@sante.test", "04 75 00 00 26", "Hôtel du Département\n26000 Valence"),
    VETO: ("guichet@veto.test", "04 75 00 00 07", "Maison de l'élevage\n07000 Privas"),
}
# The confirmation period of each desk: the other desk's must not leak into reminders.
MONTHS = {SANTE: 6, VETO: 9}
URL = re.compile(r"https?://[^\s\"'<>]+")


def public_base(host):
    return settings.WAGTAILADMIN_BASE_URL if host == SANTE else f"http://{host}"


@pytest.fixture
def desks(two_desks):
    for host in HOSTS:
        desk = DeskSettings.objects.get(site=two_desks[host].site)
        desk.contact_email, desk.contact_phone, desk.contact_address = CONTACT[host]
        desk.listing_confirmation_months = MONTHS[host]
        desk.save()
    return two_desks


def assert_speaks_for(text, own, other, host):
    """``text`` names ``own`` desk and its contact, and nothing of ``other``."""
    assert own.desk_name in text
    assert CONTACT[host][0] in text
    assert other.desk_name not in text
    for detail in CONTACT[other.host]:
        assert detail.splitlines()[0] not in text


def message_text(message):
    return "\n".join([message.subject, message.body, *(content for content, _ in message.alternatives)])


def assert_mail_speaks_for(message, own, other, host, *, public=(), admin=()):
    """The e-mail is ``own`` desk's (subject, text and HTML) and says its contact; its links are
    the desk's public address (paths starting with one of ``public``) or the shared admin's."""
    text = message_text(message)
    assert message.subject.startswith(f"[{own.desk_name}]")
    assert_speaks_for(text, own, other, host)
    found = set(URL.findall(message.body))
    for url in found:
        in_admin = url.startswith(f"{settings.WAGTAILADMIN_BASE_URL}/admin/")
        assert url.startswith(f"{public_base(host)}/") or in_admin, url
        if in_admin:
            assert admin, f"an admin link in a public e-mail: {url}"
    for path in public:
        assert any(url.startswith(public_base(host) + path) for url in found), (path, found)
    for path in admin:
        assert any(url.startswith(settings.WAGTAILADMIN_BASE_URL + path) for url in found), (path, found)
    # The other desk's address appears nowhere, not even in the HTML.
    if host == SANTE:
        assert f"http://{VETO}" not in text
    else:
        assert f"{settings.WAGTAILADMIN_BASE_URL}/espace" not in text


def only(to):
    found = [message for message in mail.outbox if to in message.to]
    assert len(found) == 1, [(message.to, message.subject) for message in mail.outbox]
    return found[0]


# --- Listings ------------------------------------------------------------------------------------


def proposal(desk):
    commune = next(iter(desk.communes.values()))
    return {
        "kind": "office",
        "title": "Local à reprendre au centre du bourg",
        "summary": "Local de 60 m² en rez-de-chaussée, libre à la rentrée.",
        "professions": [str(desk.professions["main"].pk)],
        "commune": str(commune.pk),
        "latitude": str(commune.centroid_latitude),
        "longitude": str(commune.centroid_longitude),
        "contact-name": "Camille Durand",
        "contact-email": "camille.durand@example.org",
        "started": started_seconds_ago(60),
        "submission_key": str(uuid.uuid4()),
        "website": "",
    }


@pytest.mark.parametrize("host", HOSTS)
def test_a_listing_proposed_on_a_desk_is_mailed_in_that_desks_name(
    client, desks, host, django_capture_on_commit_callbacks
):
    own, other = desks[host], desks.other(host)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/proposer-une-annonce/", proposal(own), HTTP_HOST=host)
    assert response.status_code == 302, response.content.decode()[:2000]
    listing = Listing.objects.get(title="Local à reprendre au centre du bourg")
    assert listing.site == own.site

    # The moderators' e-mail (its desk's contact address is among them): an admin link.
    assert_mail_speaks_for(only(CONTACT[host][0]), own, other, host, admin=["/admin/"])

    # The submitter's: the desk's name, contact and public address.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify_decision(listing, notifications.CHANGES_REQUESTED, "Précisez la surface.", key="a")
        notifications.notify_decision(listing, notifications.APPROVED, key="b")
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert message.to == ["camille.durand@example.org"]
        assert message.reply_to == [CONTACT[host][0]]
        assert_mail_speaks_for(message, own, other, host)
    # « Suivre votre annonce »: the desk's home (a proposal without an account).
    approved = next(message for message in mail.outbox if "publiée" in message.subject)
    assert_mail_speaks_for(approved, own, other, host, public=["/"])


@pytest.mark.parametrize("host", HOSTS)
def test_a_desks_listing_reminders_carry_its_period_and_its_confirmation_link(
    desks, host, django_capture_on_commit_callbacks
):
    own, other = desks[host], desks.other(host)
    listing = own.listings["public"]
    own.organisation.members.add(ContributorFactory(username=f"membre-{host}", email=f"membre@{host}"))
    Listing.objects.filter(pk=listing.pk).update(expire_at=timezone.now() + timezone.timedelta(days=10))
    listing.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.notify_expiring(listing)
        assert notifications.notify_stale(listing, key="test")
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert_mail_speaks_for(message, own, other, host, public=["/annonces/confirmer/"])
    stale = next(message for message in mail.outbox if "toujours d'actualité" in message.subject)
    assert f"depuis plus de {MONTHS[host]} mois" in stale.body


@pytest.mark.parametrize("host", HOSTS)
def test_the_confirmation_page_shows_the_desks_contact(client, desks, host):
    own, other = desks[host], desks.other(host)
    link = confirmation_url(own.listings["public"])
    assert link.startswith(f"{public_base(host)}/annonces/confirmer/")
    page = client.get(link.removeprefix(public_base(host)), HTTP_HOST=host)
    assert page.status_code == 200
    assert_speaks_for(page.content.decode(), own, other, host)
    # A broken link says whom to write to: the desk's address.
    broken = client.get("/annonces/confirmer/abimé/", HTTP_HOST=host)
    assert broken.status_code == 400
    assert_speaks_for(broken.content.decode(), own, other, host)


# --- Accounts ------------------------------------------------------------------------------------


@pytest.mark.parametrize("host", HOSTS)
def test_an_account_request_on_a_desk_is_answered_in_its_name(client, desks, host, django_capture_on_commit_callbacks):
    own, other = desks[host], desks.other(host)
    page = client.get("/espace-contributeur/demander-un-compte/", HTTP_HOST=host).content.decode()
    assert CONTACT[host][0] in page and CONTACT[other.host][0] not in page
    assert own.desk_name in page and other.desk_name not in page

    request = AccountRequest.objects.create(
        site=own.site,
        organisation_name="Mairie demandeuse",
        organisation_kind=OrganisationKind.MUNICIPALITY,
        first_name="Inès",
        last_name="Demandeuse",
        role="Secrétaire de mairie",
        email="ines@example.org",
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        accounts.record_request(request)
    assert_mail_speaks_for(only(CONTACT[host][0]), own, other, host, admin=["/admin/"])

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        accounts.accept_request(request)
    accepted = only("ines@example.org")
    assert accepted.reply_to == [CONTACT[host][0]]
    assert_mail_speaks_for(
        accepted, own, other, host, public=["/espace-contributeur/mot-de-passe/", "/espace-contributeur/"]
    )

    # « Mot de passe oublié » asked on the desk: its name and its address.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/espace-contributeur/mot-de-passe/oublie/", {"email": "ines@example.org"}, HTTP_HOST=host
        )
    assert response.status_code == 302
    assert_mail_speaks_for(only("ines@example.org"), own, other, host, public=["/espace-contributeur/mot-de-passe/"])


def test_a_password_reset_asked_on_another_desk_speaks_for_the_accounts_desk(
    client, desks, django_capture_on_commit_callbacks
):
    """The account belongs to the veterinary desk's structure only: the e-mail is that desk's,
    wherever the form was sent from."""
    veto, sante = desks.veto, desks.sante
    member = ContributorFactory(username="veto-membre", email="membre@veto.example")
    veto.organisation.members.add(member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/espace-contributeur/mot-de-passe/oublie/", {"email": "membre@veto.example"}, HTTP_HOST=SANTE)
    assert_mail_speaks_for(only("membre@veto.example"), veto, sante, VETO, public=["/espace-contributeur/"])


def test_a_member_added_by_a_manager_is_mailed_in_the_structures_desk(desks, django_capture_on_commit_callbacks):
    veto, sante = desks.veto, desks.sante
    manager = ContributorFactory(username="veto-responsable", email="responsable@veto.example")
    veto.organisation.members.add(manager)
    veto.organisation.managers.add(manager)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        accounts.add_member(veto.organisation, first_name="Jo", last_name="Nouveau", email="jo@example.org", by=manager)
    assert_mail_speaks_for(only("jo@example.org"), veto, sante, VETO, public=["/espace-contributeur/mot-de-passe/"])


# --- Accompaniment -------------------------------------------------------------------------------


@pytest.mark.parametrize("host", HOSTS)
def test_a_case_email_speaks_for_the_cases_desk(desks, host, django_capture_on_commit_callbacks):
    own, other = desks[host], desks.other(host)
    case = own.cases[0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert emails.notify_person(case, emails.RECEIVED)
    message = only(case.email)
    assert message.reply_to == [CONTACT[host][0]]
    assert_mail_speaks_for(
        message, own, other, host, public=["/mon-accompagnement/", "/mon-accompagnement/nouveau-lien/"]
    )


@pytest.mark.parametrize("host", HOSTS)
def test_the_privacy_notice_names_the_desks_contact(client, desks, host):
    own, other = desks[host], desks.other(host)
    for path in ("/etre-accompagne/", "/mon-accompagnement/nouveau-lien/"):
        page = client.get(path, HTTP_HOST=host)
        assert page.status_code == 200, path
        assert_speaks_for(page.content.decode(), own, other, host)
    # The status page: the notice of the desk that holds the case.
    status = links.status_url(own.cases[0])
    assert status.startswith(f"{public_base(host)}/mon-accompagnement/")
    page = client.get(status.removeprefix(public_base(host)), HTTP_HOST=host)
    assert page.status_code == 200
    assert_speaks_for(page.content.decode(), own, other, host)
