"""A desk's territory, from its settings (home.DeskSettings), with settings.TERRITORY as the
fallback when there is no site; which pages are a desk's, and which desk a page is in."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from wagtail.models import Page, Site

from reference.territory import Territory, parse_bbox

from .models import DeskSettings


def desk_settings_of(site):
    """The desk's settings, read without writing: unsaved defaults when the site has none yet.
    (DeskSettings.for_site() saves a row on first use: on a public request that bumps the
    content version, emptying every public cache.)"""
    return DeskSettings.objects.filter(site=site).first() or DeskSettings(site=site)


def desk_territory(site, desk=None):
    """The territory of the desk served by ``site`` (a Wagtail Site), or the default desk's
    (settings.TERRITORY) when ``site`` is None. ``desk``: its settings, when already read."""
    if site is None:
        return Territory.from_settings()
    desk = desk if desk is not None else desk_settings_of(site)
    fallback = Territory.from_settings()
    try:
        bbox = parse_bbox(desk.territory_bbox)
    except ValidationError:
        # Written by hand in the database: the settings' box rather than an error page.
        bbox = fallback.bbox
    return Territory(
        code=desk.territory_code or fallback.code,
        name=desk.territory_name or fallback.name,
        bbox=bbox,
        center=(desk.map_center_latitude, desk.map_center_longitude),
        zoom=desk.map_zoom,
    )


def desk_pages(queryset, site):
    """The pages of ``queryset`` that belong to ``site``'s desk: those under its root page;
    for the default desk, every page outside the other desks' trees (pages made before
    there were several desks, or outside any site, stay the default desk's)."""
    if not site.is_default_site:
        return queryset.descendant_of(site.root_page, inclusive=True)
    for other in Site.objects.exclude(pk=site.pk).exclude(root_page_id=site.root_page_id).select_related("root_page"):
        queryset = queryset.not_descendant_of(other.root_page, inclusive=True)
    return queryset


def pages_of_desks(queryset, sites):
    """The pages of ``queryset`` that belong to one of ``sites``' desks (``desk_pages``)."""
    condition = Q(pk__in=[])
    for site in sites:
        condition |= Q(pk__in=desk_pages(Page.objects.all(), site).values("pk"))
    return queryset.filter(condition)


def page_site_id(page):
    """The id of the site whose tree holds ``page`` (the nearest root above it), even before the
    page is saved (add_child sets its tree path first); None when it has no place in the tree
    yet (a new page in its form) or no site holds it."""
    if not page.path:
        return None
    roots = Page.objects.ancestor_of(page, inclusive=True)
    return Site.objects.filter(root_page__in=roots).order_by("-root_page__depth").values_list("pk", flat=True).first()


def page_desk_id(page):
    """The id of the desk ``page`` belongs to, as ``desk_pages`` counts it: its site's, else
    (a page outside every site's tree) the default desk's. None for a page not in the tree
    yet."""
    if not page.path:
        return None
    return page_site_id(page) or Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()


def same_desk(page, other):
    """Whether ``other`` (a page picked for ``page``: a funder, a partner…) is in ``page``'s
    desk; True while ``page`` has no place in the tree yet (its form checks it then)."""
    desk_id = page_desk_id(page)
    return desk_id is None or page_desk_id(other) == desk_id
