"""A desk's territory, as the reference layer finds it: for a Wagtail site, or for the site a
request's host serves.

A desk's territory is in its settings (home.DeskSettings), which this layer may not import:
home registers how to read them at start-up (home/apps.py), as the project's lower layers
offer registries to the upper ones. Until then, and for no site at all, it is the default
desk's (settings.TERRITORY).
"""

from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Site

from core.content_version import content_version

from .territory import Territory

_site_territory = None
# A request's territory is read once per host and content version (a desk's settings and
# sites bump the version): public JSON views answer from the cache without a query.
CACHE_SECONDS = 60 * 60


def register_site_territory(function):
    """``function(site) -> Territory``: how a desk's territory is read (home registers it)."""
    global _site_territory  # noqa: PLW0603 - a start-up registration, once
    _site_territory = function


def territory_of_site(site):
    """The territory of the desk served by ``site`` (the default desk's for None)."""
    if site is None or _site_territory is None:
        return Territory.from_settings()
    return _site_territory(site)


def request_territory(request):
    """The territory of the desk the request's host serves (the default site's for an unknown host)."""
    if hasattr(request, "_desk_territory"):
        return request._desk_territory
    hostname = split_domain_port(request._get_raw_host())[0]
    key = f"reference:desk-territory:{content_version()}:{hostname}:{request.get_port()}"
    territory = cache.get(key)
    if territory is None:
        territory = territory_of_site(Site.find_for_request(request))
        cache.set(key, territory, CACHE_SECONDS)
    request._desk_territory = territory
    return territory
