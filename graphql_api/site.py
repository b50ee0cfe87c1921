"""The desk a request is for: its Wagtail site (by host) and its territory. Every public
answer stays inside it: pages by tree (``public_pages``), rows by their ``site`` key
(reference.desks.DeskOwned), communes by the desk's territory."""

from functools import cached_property

from wagtail.models import Site

from home.desks import desk_settings_of, desk_territory


class Desk:
    """The request's desk; its settings and territory are read when first asked for."""

    def __init__(self, site):
        self.site = site

    @property
    def site_id(self):
        return self.site.pk if self.site is not None else None

    @cached_property
    def settings(self):
        return desk_settings_of(self.site) if self.site is not None else None

    @cached_property
    def territory(self):
        return desk_territory(self.site, desk=self.settings)


def _find_site(info):
    request = getattr(info.context, "request", None)
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site


def current_desk(info):
    """The request's desk, memoised on the context: the nested lists of one answer (each
    filtering by the desk in its get_queryset) add no query."""
    memo = getattr(info.context, "__dict__", None)
    if memo is None:  # no context when a test executes the schema directly
        return Desk(_find_site(info))
    if "desk" not in memo:
        memo["desk"] = Desk(_find_site(info))
    return memo["desk"]


def current_site(info):
    return current_desk(info).site


def public_pages(queryset, info):
    """Live, publicly viewable pages of the current site."""
    site = current_site(info)
    queryset = queryset.live().public()
    return queryset.in_site(site) if site is not None else queryset.none()


def desk_rows(queryset, info):
    """The rows of ``queryset`` (a DeskOwned model) that belong to the request's desk."""
    site_id = current_desk(info).site_id
    return queryset.filter(site_id=site_id) if site_id is not None else queryset.none()


def territory_communes(queryset, info):
    """The communes of ``queryset`` in the request's desk's territory (communes are shared)."""
    return queryset.filter(departement_code=current_desk(info).territory.code)
