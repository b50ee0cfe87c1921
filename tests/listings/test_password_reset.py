"""« Mot de passe oublié »: Django's reset views in French, the same answer whether or
not the address has an account, a quota per client, and a working link that also lifts
the login lockout of that account from that address (django-axes)."""

from html import unescape

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django_tasks import default_task_backend

from listings.account_forms import ResetPasswordForm
from listings.accounts import send_account_email
from listings.factories import ContributorFactory, OrganisationFactory

from .accounts_helpers import PASSWORD, choose_password, link_in

pytestmark = pytest.mark.django_db

URL = "/espace-contributeur/mot-de-passe/oublie/"
ADDRESS = "203.0.113.5"


@pytest.fixture
def member():
    user = ContributorFactory(username="agnes", email="agnes@example.org")
    OrganisationFactory(name="Maison de santé de Nyons", members=[user])
    return user


def ask(client, email, address=ADDRESS):
    return client.post(URL, {"email": email}, REMOTE_ADDR=address)


def login(client, password, address=ADDRESS):
    return client.post(reverse("contributions:login"), {"username": "agnes", "password": password}, REMOTE_ADDR=address)


def test_the_pages_are_in_french(client):
    html = client.get(URL).content.decode()
    assert "Mot de passe oublié" in html and '<label for="id_email">' in html


def test_no_enumeration_same_answer_for_known_and_unknown_addresses(client, member):
    known = ask(client, "agnes@example.org")
    unknown = ask(client, "personne@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("contributions:password_reset_done")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["agnes@example.org"]
    done = client.get(known["Location"]).content.decode()
    assert "Si cette adresse correspond à un compte" in done


def test_the_e_mail_is_french_plain_text_and_html(client, member):
    ask(client, "AGNES@example.org")
    [message] = mail.outbox
    assert "Choisir un nouveau mot de passe" in message.subject
    assert "Si vous n'avez rien demandé" in message.body
    assert message.alternatives[0][1] == "text/html"
    link_in(message)


def test_the_link_sets_the_password_once(client, member):
    ask(client, "agnes@example.org")
    path = link_in(mail.outbox[0])
    response = choose_password(client, path)
    assert response["Location"] == reverse("contributions:password_reset_complete")
    member.refresh_from_db()
    assert member.check_password(PASSWORD)
    assert login(client, PASSWORD).status_code == 302
    client.logout()
    again = client.get(path, follow=True)
    assert "Ce lien ne fonctionne plus" in again.content.decode()


def test_a_weak_password_is_refused_in_french(client, member):
    ask(client, "agnes@example.org")
    page = client.get(link_in(mail.outbox[0]), follow=True)
    response = client.post(page.redirect_chain[-1][0], {"new_password1": "123", "new_password2": "123"})
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Ce mot de passe est trop court" in html
    assert 'class="error-summary"' in html


def test_a_member_without_a_password_yet_can_ask_for_a_link(client, django_user_model):
    user = django_user_model.objects.create_user("nouveau", "nouveau@example.org")
    assert not user.has_usable_password()
    OrganisationFactory(name="Mairie de Dieulefit", members=[user])
    ask(client, "nouveau@example.org")
    assert [message.to for message in mail.outbox] == [["nouveau@example.org"]]


@pytest.mark.parametrize("kind", ["not_a_member", "is_staff", "superuser", "access_admin"])
def test_accounts_without_a_password_outside_a_structure_or_on_the_staff_get_nothing(kind, client, django_user_model):
    """An account with no password of its own (e.g. staff signing in another way) must not
    get one from whoever can read its mailbox, unless it is a contributor's new account."""
    user = django_user_model.objects.create_user("sans-mot-de-passe", "sans@example.org")
    if kind != "not_a_member":
        OrganisationFactory(name="Mairie de Dieulefit", members=[user])
    if kind == "is_staff":
        user.is_staff = True
    if kind == "superuser":
        user.is_superuser = True
    user.save()
    if kind == "access_admin":
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert ask(client, "sans@example.org").status_code == 302
    assert mail.outbox == []


def test_a_look_alike_unicode_address_gets_nothing(member, monkeypatch, django_user_model):
    """CVE-2019-19844: PostgreSQL's UPPER() turns « ı » (dotless i) into « I », so the
    database finds mike@ for mıke@; the e-mail must still not go to mike@. (The tests' SQLite
    folds ASCII only: its lookup is made as lenient as PostgreSQL's here.)"""
    manager = type(django_user_model._default_manager)
    real_filter = manager.filter

    def unicode_upper_filter(self, *args, **kwargs):
        if "email__iexact" in kwargs:
            kwargs["email__iexact"] = kwargs["email__iexact"].replace("ı", "i")
        return real_filter(self, *args, **kwargs)

    monkeypatch.setattr(manager, "filter", unicode_upper_filter)
    member.email = "mike@example.org"
    member.save()
    assert list(ResetPasswordForm().get_users("mike@example.org")) == [member]
    assert list(ResetPasswordForm().get_users("mıke@example.org")) == []


def test_the_e_mail_is_queued_not_sent_during_the_request(client, member, settings):
    """Known and unknown addresses answer alike and as fast: the request only enqueues."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    assert ask(client, "agnes@example.org").status_code == 302
    assert ask(client, "personne@example.org").status_code == 302
    assert mail.outbox == []
    [queued] = default_task_backend.results
    assert queued.task.name == "send_account_email" and queued.args[1] == ["agnes@example.org"]
    # The worker makes the link when it sends (no token waits in the queue).
    assert "token" not in str(queued.args)
    send_account_email.call(*queued.args)
    link_in(mail.outbox[0])


def test_inactive_accounts_get_nothing(client, member):
    member.is_active = False
    member.save()
    assert ask(client, "agnes@example.org").status_code == 302
    assert mail.outbox == []


def test_requests_are_limited_per_client(client, member):
    for _ in range(5):
        assert ask(client, "agnes@example.org").status_code == 302
    refused = ask(client, "agnes@example.org")
    assert refused.status_code == 429
    assert "Trop de demandes" in refused.content.decode()
    assert len(mail.outbox) == 5
    assert ask(client, "agnes@example.org", address="198.51.100.9").status_code == 302


def test_axes_still_locks_and_a_reset_lifts_the_lock_from_that_address(client, member):
    for _ in range(5):
        login(client, "mauvais")
    assert login(client, "motdepasse-de-test").status_code == 429  # locked, even with the right one
    ask(client, "agnes@example.org")
    choose_password(client, link_in(mail.outbox[0]), REMOTE_ADDR=ADDRESS)
    assert not AccessAttempt.objects.filter(username="agnes", ip_address=ADDRESS).exists()
    assert login(client, PASSWORD).status_code == 302
    client.logout()
    # Wrong passwords are still counted after the reset.
    for _ in range(5):
        login(client, "mauvais")
    assert login(client, PASSWORD).status_code == 429
