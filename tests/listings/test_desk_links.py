"""listings/desk.py: which desk's settings and address an e-mail or a page uses (issue 17).
The default desk keeps WAGTAILADMIN_BASE_URL (an instance serving one desk sends the links it
always sent); another desk's public links are its Site's; the admin is everyone's."""

import pytest
from wagtail.models import Site

from home.models import DeskSettings
from listings.accounts import account_desk_id
from listings.desk import admin_url, default_site, desk_settings, public_base_url, public_url, site_of
from listings.factories import ContributorFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_site():
    default = Site.objects.get(is_default_site=True)
    return Site.objects.create(hostname="veto.example", port=80, root_page=default.root_page, site_name="Vétos")


def test_the_default_desk_keeps_the_configured_address(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://guichet.example.org/"
    assert public_url("/espace-contributeur/") == "https://guichet.example.org/espace-contributeur/"
    assert public_url("/x/", default_site()) == "https://guichet.example.org/x/"
    assert admin_url("/admin/") == "https://guichet.example.org/admin/"


@pytest.mark.parametrize(
    ("port", "ssl_redirect", "expected"),
    [
        (80, False, "http://veto.example"),
        (443, False, "https://veto.example"),
        (8000, False, "http://veto.example:8000"),
        (80, True, "https://veto.example"),  # production sends every http request on to https
    ],
)
def test_another_desk_is_reached_at_its_own_site(settings, other_site, port, ssl_redirect, expected):
    settings.WAGTAILADMIN_BASE_URL = "https://guichet.example.org"
    settings.SECURE_SSL_REDIRECT = ssl_redirect
    other_site.port = port
    assert public_base_url(other_site) == expected
    assert public_url("/mon-accompagnement/", other_site) == f"{expected}/mon-accompagnement/"
    assert admin_url("/admin/") == "https://guichet.example.org/admin/"  # one admin for every desk


def test_desk_settings_are_read_without_writing(other_site):
    assert not DeskSettings.objects.exists()
    assert desk_settings(other_site).site == other_site
    assert desk_settings().site == default_site()
    assert not DeskSettings.objects.exists()  # a saved row would bump the public content version
    DeskSettings.objects.create(site=other_site, desk_name="Guichet vétérinaire")
    assert desk_settings(other_site).desk_name == "Guichet vétérinaire"
    assert desk_settings().desk_name == "Guichet unique santé"


def test_a_task_finds_its_desk_by_id(other_site):
    assert site_of(other_site.pk) == other_site
    assert site_of(None) == default_site()
    assert site_of(other_site.pk + 1000) == default_site()  # a desk deleted since: the default one


def test_an_accounts_desk_is_where_it_asked_if_it_belongs_there(other_site):
    default = default_site()
    user = ContributorFactory(username="membre")
    assert account_desk_id(user.pk, other_site) == other_site.pk  # no structure yet: where it asked
    assert account_desk_id(user.pk) is None
    OrganisationFactory(site=other_site, name="Clinique", members=[user])
    assert account_desk_id(user.pk, default) == other_site.pk  # its structure's desk
    assert account_desk_id(user.pk) == other_site.pk
    OrganisationFactory(site=default, name="Mairie", members=[user])
    assert account_desk_id(user.pk, default) == default.pk  # member of both: where it asked
    assert account_desk_id(user.pk, other_site) == other_site.pk
