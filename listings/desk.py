"""The desk as listings see it: its settings and its public address."""

from django.conf import settings
from wagtail.models import Site

from home.models import DeskSettings


def desk_settings():
    """The desk's settings for the default site (unsaved defaults if there is none yet)."""
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return DeskSettings.for_site(site) if site else DeskSettings()


def request_site(request):
    """The desk (Wagtail site) the request's host serves: the default site for an unknown host.
    What a visitor sends from it (a listing, an account request, a case) is that desk's."""
    return Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
