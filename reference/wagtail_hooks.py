from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .viewsets import ReferenceGroup

register_snippet(ReferenceGroup)


@hooks.register("insert_global_admin_js")
def expose_boundaries_url():
    # The commune outlines' address, for scripts that draw an admin map without a tile server
    # (reference/js/map-field.js gets it in its own options).
    # A data attribute rather than an inline script, so that a strict CSP can apply.
    return format_html(
        '<span id="gus-map-config" data-boundaries-url="{}" hidden></span>',
        reverse("reference:commune_boundaries"),
    )
