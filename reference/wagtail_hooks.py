from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .desk_bulk_actions import DESK_SCOPED_BULK_ACTIONS
from .viewsets import ReferenceGroup
from .vocabularies import Term, usage_message

register_snippet(ReferenceGroup)


@hooks.register("before_delete_snippet")
def refuse_deleting_used_terms(request, instances):
    """Rows store a term's code, not a key: deleting a term still used would leave them with
    a code their desk no longer knows. Runs before the confirmation and before a bulk
    deletion; the editor is sent back to the list with how many rows use it."""
    refusals = [usage_message(term, usage) for term in instances if isinstance(term, Term) and (usage := term.usage())]
    if not refusals:
        return None
    for refusal in refusals:
        messages.error(request, refusal)
    return redirect(reverse(Term.snippet_viewset.get_url_name("list")))


@hooks.register("insert_global_admin_js")
def expose_boundaries_url():
    # The commune outlines' address, for scripts that draw an admin map without a tile server
    # (reference/js/map-field.js gets it in its own options).
    # A data attribute rather than an inline script, so that a strict CSP can apply.
    return format_html(
        '<span id="gus-map-config" data-boundaries-url="{}" hidden></span>',
        reverse("reference:commune_boundaries"),
    )


# After Wagtail's own (order 0), so that these replace them for the desk-scoped models.
for action_class in DESK_SCOPED_BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=100)
