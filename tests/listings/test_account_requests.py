"""« Demander un compte »: the public request, its anti-spam and quota, and the staff's
decision in the admin (accept: structure, account, manager, set-password e-mail; refuse:
reason by e-mail), its audit log and the purge of refused requests."""

import uuid
from datetime import timedelta
from html import unescape

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from listings.accounts import ACCEPT_ACTION, REFUSE_ACTION, SUBMIT_ACTION, AccountError, accept_request
from listings.factories import ContributorFactory, OrganisationFactory
from listings.models import AccountRequest, AccountRequestStatus, Organisation, validate_siret
from listings.privacy import purge_refused_account_requests
from reference.models import Commune

from .accounts_helpers import PASSWORD, choose_password, link_in, make_moderator
from .conftest import started_seconds_ago

pytestmark = pytest.mark.django_db

URL = "/espace-contributeur/demander-un-compte/"
VALID_SIRET = "732 829 320 00074"  # INSEE's own example: Luhn-valid


@pytest.fixture
def crest(db):
    return Commune.objects.create(insee_code="26108", name="Crest")


@pytest.fixture
def request_data(crest):
    return {
        "organisation_name": "Mairie de Crest",
        "organisation_kind": "municipality",
        "siret": VALID_SIRET,
        "communes": [str(crest.pk)],
        "first_name": "Claire",
        "last_name": "Martin",
        "role": "Adjointe à la santé",
        "email": "claire.martin@mairie-crest.example.org",
        "phone": "04 75 00 00 00",
        "message": "Nous avons un cabinet à proposer.",
        "consent": "on",
        "started": started_seconds_ago(60),
        "submission_key": str(uuid.uuid4()),
        "website": "",
    }


@pytest.fixture
def moderator(django_user_model):
    return make_moderator(django_user_model)


def fresh(data):
    return {**data, "submission_key": str(uuid.uuid4())}


def test_the_login_page_links_to_the_request_and_to_the_password_reset(client):
    html = client.get(reverse("contributions:login")).content.decode()
    assert f'href="{URL}"' in html
    assert 'href="/espace-contributeur/mot-de-passe/oublie/"' in html


def test_the_form_is_in_french_with_the_retention_notice(client, settings):
    settings.LISTING_PURGE_AFTER_DAYS = 120
    html = client.get(URL).content.decode()
    assert "Demander un compte contributeur" in html
    assert '<label for="id_organisation_name">Nom de la structure' in html
    assert "supprimée 120 jours après la décision" in html
    assert 'autocomplete="email"' in html


def test_a_valid_request_is_saved_and_staff_are_told(
    client, request_data, moderator, crest, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, request_data)
    assert response.status_code == 302
    assert response["Location"] == reverse("contributions:account_request_thanks")
    saved = AccountRequest.objects.get()
    assert (saved.organisation_name, saved.siret, saved.status) == ("Mairie de Crest", "73282932000074", "pending")
    assert list(saved.communes.all()) == [crest]
    assert ModelLogEntry.objects.filter(action=SUBMIT_ACTION, object_id=str(saved.pk)).exists()
    [message] = mail.outbox
    assert message.to == [moderator.email]
    assert "Mairie de Crest" in message.subject
    assert f"http://testserver{admin_url('inspect', saved)}" in message.body
    # Staff's e-mail does not carry the applicant's personal data.
    assert "claire.martin" not in message.body and "04 75" not in message.body


def test_errors_are_in_french_and_nothing_is_saved(client, request_data):
    data = {**request_data, "siret": "73282932000075", "email": "pas-une-adresse", "organisation_name": ""}
    del data["consent"]
    response = client.post(URL, data)
    html = unescape(response.content.decode())
    assert response.status_code == 400
    assert "Ce SIRET n'existe pas" in html
    assert "Saisissez une adresse de courriel valide." in html
    assert "Champ requis." in html
    assert "Cochez cette case pour envoyer la demande." in html
    assert 'class="error-summary"' in html and 'href="#id_siret"' in html
    assert AccountRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("siret", "valid"),
    [
        ("73282932000074", True),
        ("732 829 320 00074", True),
        ("35600000000048", True),  # La Poste's head office (Luhn)
        ("35600000049837", True),  # a La Poste establishment: digits add up to a multiple of 5
        ("73282932000075", False),
        ("7328293200007", False),
        ("7328293200007A", False),
    ],
)
def test_siret_validation(siret, valid):
    if valid:
        validate_siret(siret)
    else:
        with pytest.raises(ValidationError):
            validate_siret(siret)


def test_a_filled_honeypot_saves_nothing_and_says_thanks(client, request_data):
    response = client.post(URL, {**request_data, "website": "http://spam.example"})
    assert response.status_code == 302
    assert AccountRequest.objects.count() == 0
    assert mail.outbox == []


def test_a_form_sent_too_fast_is_refused_with_a_french_reason(client, request_data):
    response = client.post(URL, {**request_data, "started": started_seconds_ago(1)})
    assert response.status_code == 400
    assert AccountRequest.objects.count() == 0


def test_a_resent_form_creates_one_request(client, request_data):
    client.post(URL, request_data)
    client.post(URL, request_data)
    assert AccountRequest.objects.count() == 1


def test_the_quota_counts_accepted_requests_only(client, request_data, settings):
    settings.PUBLIC_FORM_MAX_SUBMISSIONS_PER_HOUR = 2
    for _ in range(5):  # mistakes do not count …
        assert client.post(URL, fresh({**request_data, "email": "faux"})).status_code == 400
    for _ in range(2):  # … requests saved do
        assert client.post(URL, fresh(request_data)).status_code == 302
    refused = client.post(URL, fresh(request_data))
    assert refused.status_code == 429
    assert "Trop de demandes" in refused.content.decode()
    assert AccountRequest.objects.count() == 2
    # Another client is not affected.
    assert client.post(URL, fresh(request_data), REMOTE_ADDR="198.51.100.7").status_code == 302


# --- Staff's decision -----------------------------------------------------------------------------


@pytest.fixture
def pending(client, request_data):
    client.post(URL, request_data)
    return AccountRequest.objects.get()


def admin_url(name, account_request):
    return reverse(f"wagtailsnippets_listings_accountrequest:{name}", args=[account_request.pk])


def test_staff_see_the_request_with_its_actions(client, pending, moderator):
    client.force_login(moderator)
    index = client.get(reverse("wagtailsnippets_listings_accountrequest:list"))
    assert index.status_code == 200
    assert "Mairie de Crest" in index.content.decode()
    assert admin_url("accept", pending) in index.content.decode()
    inspect = client.get(admin_url("inspect", pending))
    assert inspect.status_code == 200
    assert admin_url("refuse", pending) in inspect.content.decode()


def test_accepting_creates_the_structure_the_account_and_its_manager(
    client, pending, moderator, crest, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    assert client.get(admin_url("accept", pending)).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(admin_url("accept", pending), {"organisation": ""})
    assert response.status_code == 302
    pending.refresh_from_db()
    organisation = Organisation.objects.get(name="Mairie de Crest")
    user = pending.user
    assert pending.status == AccountRequestStatus.ACCEPTED and pending.organisation == organisation
    assert pending.decided_by == moderator
    assert (user.username, user.email, user.first_name) == (
        "claire.martin@mairie-crest.example.org",
        "claire.martin@mairie-crest.example.org",
        "Claire",
    )
    assert not user.has_usable_password()
    assert list(organisation.members.all()) == [user]
    assert list(organisation.managers.all()) == [user]
    assert list(organisation.communes.all()) == [crest]
    assert ModelLogEntry.objects.filter(action=ACCEPT_ACTION, object_id=str(pending.pk), user=moderator).exists()

    [message] = mail.outbox
    assert message.to == [user.email]
    assert "Votre identifiant : claire.martin@mairie-crest.example.org" in message.body
    client.logout()
    choose_password(client, link_in(message))
    # The new password works on the contributor login (django-axes in front).
    login = client.post(reverse("contributions:login"), {"username": user.username, "password": PASSWORD})
    assert login.status_code == 302
    assert client.get(reverse("contributions:dashboard")).status_code == 200
    assert client.get(reverse("contributions:members", args=[organisation.pk])).status_code == 200


def test_accepting_into_an_existing_structure_and_account(
    client, pending, moderator, django_capture_on_commit_callbacks
):
    existing_user = ContributorFactory(email="Claire.Martin@mairie-crest.example.org")
    structure = OrganisationFactory(name="Commune de Crest")
    client.force_login(moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(admin_url("accept", pending), {"organisation": str(structure.pk)})
    assert Organisation.objects.count() == 1
    assert list(structure.managers.all()) == [existing_user]
    assert list(structure.members.all()) == [existing_user]
    [message] = mail.outbox
    # An account that already has a password gets no set-password link.
    assert "/mot-de-passe/nouveau/" not in message.body
    assert "/espace-contributeur/connexion/" in message.body


def test_a_new_structure_with_a_taken_name_is_refused_in_french(client, pending, moderator):
    OrganisationFactory(name="MAIRIE DE CREST")
    client.force_login(moderator)
    response = client.post(admin_url("accept", pending), {"organisation": ""})
    assert response.status_code == 200
    assert "Une structure s'appelle déjà" in unescape(response.content.decode())
    pending.refresh_from_db()
    assert pending.is_pending and pending.user is None


def test_refusing_sends_the_reason(client, pending, moderator, django_capture_on_commit_callbacks):
    client.force_login(moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(admin_url("refuse", pending), {"reason": "Structure hors du département."})
    pending.refresh_from_db()
    assert pending.status == AccountRequestStatus.REFUSED
    assert pending.refusal_reason == "Structure hors du département."
    assert ModelLogEntry.objects.filter(action=REFUSE_ACTION, object_id=str(pending.pk)).exists()
    [message] = mail.outbox
    assert message.to == ["claire.martin@mairie-crest.example.org"]
    assert "Structure hors du département." in message.body
    assert Organisation.objects.count() == 0
    # Decided once: a second decision is not possible.
    again = client.post(admin_url("accept", pending), {"organisation": ""})
    assert again.status_code == 302 and Organisation.objects.count() == 0


def test_a_refusal_needs_a_reason(client, pending, moderator):
    client.force_login(moderator)
    response = client.post(admin_url("refuse", pending), {"reason": ""})
    assert response.status_code == 200
    assert "Champ requis." in response.content.decode()  # Wagtail's own wording
    pending.refresh_from_db()
    assert pending.is_pending


def test_a_contributor_cannot_decide(client, pending):
    contributor = ContributorFactory()
    client.force_login(contributor)
    response = client.post(admin_url("accept", pending), {"organisation": ""})
    assert response.status_code in (302, 403)
    pending.refresh_from_db()
    assert pending.is_pending and Organisation.objects.count() == 0


def test_refused_requests_are_purged_after_the_delay(pending, settings):
    settings.LISTING_PURGE_AFTER_DAYS = 30
    AccountRequest.objects.filter(pk=pending.pk).update(
        status=AccountRequestStatus.REFUSED, decided_at=timezone.now() - timedelta(days=10)
    )
    assert purge_refused_account_requests() == 0
    AccountRequest.objects.filter(pk=pending.pk).update(decided_at=timezone.now() - timedelta(days=31))
    assert purge_refused_account_requests(dry_run=True) == 1
    assert purge_refused_account_requests() == 1
    assert AccountRequest.objects.count() == 0
    entry = ModelLogEntry.objects.get(action="listings.account_request.purge")
    assert entry.label == "Mairie de Crest"  # the structure, not the person


def test_the_purge_command_deletes_old_refused_requests(pending, capsys):
    AccountRequest.objects.filter(pk=pending.pk).update(
        status=AccountRequestStatus.REFUSED, decided_at=timezone.now() - timedelta(days=400)
    )
    call_command("purge_listing_personal_data", "--days", "180")
    assert "Demandes de compte refusées depuis plus de 180 jours supprimées : 1." in capsys.readouterr().out
    assert AccountRequest.objects.count() == 0


def test_accepted_requests_lose_phone_role_and_message_after_the_delay(pending, moderator, settings):
    settings.LISTING_PURGE_AFTER_DAYS = 30
    accept_request(pending, by=moderator)
    AccountRequest.objects.filter(pk=pending.pk).update(decided_at=timezone.now() - timedelta(days=10))
    purge_refused_account_requests()
    pending.refresh_from_db()
    assert (pending.phone, pending.role) == ("04 75 00 00 00", "Adjointe à la santé")
    AccountRequest.objects.filter(pk=pending.pk).update(decided_at=timezone.now() - timedelta(days=31))
    assert purge_refused_account_requests(dry_run=True) == 0
    pending.refresh_from_db()
    assert pending.phone  # a dry run changes nothing
    assert purge_refused_account_requests() == 0  # nothing deleted: the request stays, blanked
    pending.refresh_from_db()
    assert (pending.phone, pending.role, pending.message) == ("", "", "")
    assert pending.status == AccountRequestStatus.ACCEPTED and pending.user is not None
    [entry] = ModelLogEntry.objects.filter(action="listings.account_request.scrub")
    assert entry.label == "Mairie de Crest" and entry.data == {"days": 30, "desk": pending.site_id}
    purge_refused_account_requests()  # idempotent: not logged again
    assert ModelLogEntry.objects.filter(action="listings.account_request.scrub").count() == 1


def test_the_purge_command_also_blanks_old_accepted_requests(pending, moderator):
    accept_request(pending, by=moderator)
    AccountRequest.objects.filter(pk=pending.pk).update(decided_at=timezone.now() - timedelta(days=400))
    call_command("purge_listing_personal_data", "--days", "180")
    pending.refresh_from_db()
    assert (pending.phone, pending.role, pending.message) == ("", "", "")


def test_two_structures_cannot_share_a_name_whatever_the_case(pending, moderator):
    """The database refuses it, so two staff accepting at once cannot both create it."""
    Organisation.objects.create(name="Mairie de Crest", kind="municipality")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="MAIRIE DE CREST", kind="municipality")
    with pytest.raises(AccountError, match="Une structure s'appelle déjà"):
        accept_request(pending, by=moderator)
    assert Organisation.objects.count() == 1


def test_the_race_between_two_acceptances_is_a_french_error(pending, moderator, monkeypatch):
    """Another acceptance created the structure between the check and the insert."""
    real_create = Organisation.objects.create

    def create_after_the_other(**kwargs):
        with transaction.atomic():
            real_create(**{**kwargs, "name": kwargs["name"].upper()})
        return real_create(**kwargs)

    monkeypatch.setattr(Organisation.objects, "create", create_after_the_other)
    with pytest.raises(AccountError, match="Une structure s'appelle déjà"):
        accept_request(pending, by=moderator)


def test_a_staff_address_never_becomes_a_contributor_account(pending, moderator, django_user_model):
    django_user_model.objects.create_user("equipe", pending.email.upper(), "x", is_staff=True)
    with pytest.raises(AccountError, match="compte de l'équipe du guichet"):
        accept_request(pending, by=moderator)
    assert django_user_model.objects.filter(email__iexact=pending.email).count() == 1
