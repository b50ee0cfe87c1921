"""The desk as listings see it: its settings and its public address.

Several desks (Wagtail sites) may share an instance: what a desk sends or shows carries that
desk's name, contact and address, so every helper here takes the desk (a Site; None is the
default desk). Links into the admin (/admin/…) all go to WAGTAILADMIN_BASE_URL, the one
address of the shared admin; public links (contributor space, listing confirmation, the
accompaniment's status page) go to the desk's own address.
"""

from django.conf import settings
from wagtail.models import Site

from home.desks import desk_settings_of
from home.models import DeskSettings


def default_site():
    return Site.objects.filter(is_default_site=True).first() or Site.objects.first()


def site_of(site_id):
    """The Site of an id carried by a queued task (None: the default desk's)."""
    return (Site.objects.filter(pk=site_id).first() if site_id else None) or default_site()


def desk_settings(site=None):
    """The settings of ``site``'s desk (the default desk when None), read without writing:
    unsaved defaults when it has none yet (home.desks.desk_settings_of)."""
    site = site or default_site()
    return desk_settings_of(site) if site is not None else DeskSettings()


def request_site(request):
    """The desk (Wagtail site) the request's host serves: the default site for an unknown host.
    What a visitor sends from it (a listing, an account request, a case) is that desk's."""
    return Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()


def public_base_url(site=None):
    """Where the public reaches ``site``'s desk, without a trailing slash. The default desk
    keeps WAGTAILADMIN_BASE_URL, so that an instance serving one desk (the usual deployment)
    sends exactly the links it always sent; another desk is its Site's root URL (its host
    name and port). Behind SECURE_SSL_REDIRECT every http address is sent on to https: the
    link says https at once rather than count on the redirect (a Site on port 80 is the
    usual record of a desk served over https by the web server)."""
    if site is None or site.is_default_site:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    if site.port == 80 and settings.SECURE_SSL_REDIRECT:
        return f"https://{site.hostname}"
    return site.root_url.rstrip("/")


def public_url(path, site=None):
    """An absolute public link of ``site``'s desk (the default desk when None)."""
    return public_base_url(site) + path


def admin_url(path):
    """An absolute link into the admin, which every desk of the instance shares."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
