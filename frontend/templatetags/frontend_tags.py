"""Template helpers shared by the public site's templates and the Wagtail page templates."""

from datetime import date, datetime

from django import template
from django.conf import settings
from django.urls import reverse

from frontend import api
from frontend.desk import enum_labels, facility_symbols, site_settings
from frontend.formatting import euros as format_euros
from frontend.map_config import map_config

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_settings(context):
    """The desk settings: from the API on the public site's views, else Wagtail's settings."""
    desk = context.get("desk")
    if desk:
        return desk
    request = context.get("request")
    if request is None:
        return {}
    try:
        return site_settings(request)
    except api.ApiError:
        return {}


@register.simple_tag(takes_context=True)
def primary_navigation(context):
    request = context.get("request")
    current = request.path if request is not None else ""
    items = settings.FRONTEND_NAVIGATION  # (label, path) pairs
    # The longest matching prefix is the current section (/aides/trouver/ before /aides/).
    matches = [path for _, path in items if current.startswith(path)]
    active = max(matches, key=len) if matches else None
    return [
        {"label": label, "url": path, "current": "page" if current == path else ("true" if path == active else "")}
        for label, path in items
    ]


@register.simple_tag
def submit_listing_url():
    return settings.FRONTEND_SUBMIT_LISTING_PATH


@register.simple_tag(takes_context=True)
def api_query(context, name):
    """The data of frontend/queries/<name>.graphql, run as an anonymous visitor."""
    try:
        return api.execute(context["request"], name)
    except api.ApiError:
        return None


@register.filter
def get(mapping, key):
    """{{ labels.listingKind|get:listing.kind }}"""
    if not mapping:
        return ""
    return mapping.get(key, key)


@register.filter
def euros(value):
    return format_euros(value)


@register.filter
def km(value):
    if value is None:
        return ""
    return f"{value:.0f}\u00a0km" if value >= 10 else f"{value:.1f}\u00a0km".replace(".", ",")


@register.filter
def plural(count, forms):
    """{{ n|plural:"opportunité,opportunités" }} -> '1 opportunité', '3 opportunités'."""
    singular, _, many = forms.partition(",")
    return f"{count}\u00a0{singular if count in (0, 1) else many}"


@register.filter
def isodate(value):
    """An ISO date/datetime string from the API as a date object (for |date)."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    except ValueError:
        return None


@register.simple_tag
def url_for(name, *args):
    return reverse(name, args=args)


@register.simple_tag(takes_context=True)
def map_context(context):
    """map_config and labels for the map scripts on a Wagtail page (the views pass their own)."""
    request = context["request"]
    return {"map_config": map_config(request), "labels": enum_labels(request)}


@register.inclusion_tag("frontend/includes/map_legend.html", takes_context=True)
def map_legend(context):
    """The map's legend, with the care-offer symbols the desk defines (healthFacilityKinds)."""
    labels = context.get("labels") or enum_labels(context["request"])
    kind_colours = [
        (colour, labels["listingKind"].get(code, code)) for code, colour in labels["listingKindColour"].items()
    ]
    return {"facility_symbols": facility_symbols(labels), "kind_colours": kind_colours}
