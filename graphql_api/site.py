"""The Wagtail site a request is for: every page resolver stays inside it."""

from wagtail.models import Site


def current_site(info):
    request = getattr(info.context, "request", None)
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site


def public_pages(queryset, info):
    """Live, publicly viewable pages of the current site."""
    site = current_site(info)
    queryset = queryset.live().public()
    return queryset.in_site(site) if site is not None else queryset.none()
