"""Brute force on the login forms: 5 wrong passwords lock that account from that address,
whatever the password tried next; a French 429; staff unlock it (django-axes, cms/lockout.py)."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGINS = {
    "admin": ("wagtailadmin_login", "username", "password"),
    "contributor": ("contributions:login", "username", "password"),
}


@pytest.fixture
def person(django_user_model):
    return django_user_model.objects.create_superuser("agent", "agent@example.org", "le-bon-mot-de-passe")


def attempt(client, login, password, address="203.0.113.5"):
    url_name, username_field, password_field = LOGINS[login]
    return client.post(reverse(url_name), {username_field: "agent", password_field: password}, REMOTE_ADDR=address)


@pytest.mark.parametrize("login", list(LOGINS))
def test_five_wrong_passwords_lock_the_account_from_that_address(client, person, login):
    for _ in range(4):
        assert attempt(client, login, "mauvais").status_code == 200  # the form again, with its error
    locked = attempt(client, login, "mauvais")
    assert locked.status_code == 429
    assert "Trop de tentatives de connexion" in locked.content.decode()
    assert int(locked["Retry-After"]) > 0
    # The right password changes nothing while locked …
    assert attempt(client, login, "le-bon-mot-de-passe").status_code == 429
    # … and the same account from another address is not locked out by the attacker.
    assert attempt(client, login, "le-bon-mot-de-passe", address="198.51.100.9").status_code == 302


def test_a_forged_forwarded_for_does_not_reset_the_count(client, person):
    for i in range(5):
        url_name, user_field, password_field = LOGINS["admin"]
        client.post(
            reverse(url_name),
            {user_field: "agent", password_field: "mauvais"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{i}",
        )
    assert attempt(client, "admin", "le-bon-mot-de-passe").status_code == 429


def test_staff_unlock_from_the_admin(client, person, django_user_model):
    for _ in range(5):
        attempt(client, "contributor", "mauvais")
    assert attempt(client, "contributor", "le-bon-mot-de-passe").status_code == 429
    staff = django_user_model.objects.create_superuser("chef", "chef@example.org", "x")
    client.force_login(staff)
    listing = client.get(reverse("connexions-bloquees:index"))
    assert listing.status_code == 200 and "agent" in listing.content.decode()
    locked = AccessAttempt.objects.get(username="agent")
    assert client.post(reverse("connexions-bloquees:delete", args=[locked.pk])).status_code == 302
    client.logout()
    assert attempt(client, "contributor", "le-bon-mot-de-passe").status_code == 302
