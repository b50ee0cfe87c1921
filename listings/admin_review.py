"""« Relire l'annonce »: the screen a moderator decides from.

It shows the version under review (every field, the details of its kind, the photos, the
contact as moderators may see it), a banner when it answers a request for changes, its
differences with the version online (Wagtail's revision comparison, embedded, with a link
to the full comparison view), the organisation and its track record, the moderation
history, and the decisions the user may take on the current task. The decisions are
Wagtail's workflow action endpoint (ListingWorkflowActionView), driven by Wagtail's own
dashboard script, which opens the task's comment form in a modal when the decision needs one.

Moderators only (listings.publish_listing): 403 for everyone else. A fixed number of
queries whatever the length of the listing's or the organisation's history.
"""

from django.contrib.admin.utils import quote
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import Listing, ListingModerationTask
from .moderation_access import can_moderate
from .review import content_rows, moderation_history, moderation_state, organisation_record, with_images

THUMBNAIL = "fill-240x180"

# (action, needs the modal) → the button's label, in the order the buttons are shown.
DECISIONS = {
    (ListingModerationTask.APPROVE, False): "Approuver et publier",
    (ListingModerationTask.REQUEST_CHANGES, True): "Demander des modifications",
    (ListingModerationTask.REFUSE, True): "Refuser définitivement",
    (ListingModerationTask.APPROVE, True): "Approuver et publier avec un commentaire",
}


def _url(name, *args, **kwargs):
    return reverse(Listing.snippet_viewset.get_url_name(name), args=args or None, kwargs=kwargs or None)


class ListingReviewView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "listings/admin/review.html"
    page_title = "Relire l'annonce"
    header_icon = "doc-full"
    # What the desk check of the row's URL requires (reference.desk_admin): a moderator of
    # another desk gets a 404.
    permission_required = "publish"

    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            # A plain 403 (not Wagtail's redirect to the dashboard): the screen exists, but not for them.
            return TemplateResponse(request, "listings/admin/review_forbidden.html", status=403)
        return super().dispatch(request, *args, **kwargs)

    def setup(self, request, *args, pk, **kwargs):
        super().setup(request, *args, **kwargs)
        self.pk = pk

    def get_page_subtitle(self):
        return str(self.listing)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": _url("list"), "label": "Annonces"},
            {"url": _url("edit", quote(self.listing.pk)), "label": str(self.listing)},
            {"url": "", "label": self.page_title},
        ]

    def get(self, request, *args, **kwargs):
        self.listing = get_object_or_404(
            Listing.objects.select_related("commune", "organisation", "live_revision").annotate_status(),
            pk=self.pk,
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        listing = self.listing
        state = moderation_state(listing)
        current = state.current
        revision = current.revision if current else listing.latest_revision
        version = revision.as_object() if revision else listing
        if version.commune_id == listing.commune_id:
            version.commune = listing.commune  # no query for the same commune
        professions = list(version.professions.all())
        context.update(
            {
                "listing": listing,
                "version": version,
                "current": current,
                "submitted_by": self._submitted_by(current),
                "resubmission": state.resubmission,
                "photos": with_images(version, THUMBNAIL),
                "contact": next(iter(version.contacts.all()), None),
                "rows": content_rows(version, professions),
                "organisation": organisation_record(listing.organisation, listing.pk),
                "history": moderation_history(listing),
                "decisions": self._decisions(listing, current),
                "edit_url": _url("edit", quote(listing.pk)),
                "history_url": _url("history", quote(listing.pk)),
                "review_url_name": Listing.snippet_viewset.get_url_name("review"),
                **self._differences(listing, revision, version, state.resubmission),
            }
        )
        return context

    def _submitted_by(self, current):
        if current is None:
            return None
        return current.workflow_state.requested_by

    def _decisions(self, listing, current):
        if current is None:
            return []
        offered = {
            (name, bool(modal)) for name, _label, modal in current.task.specific.get_actions(listing, self.request.user)
        }
        return [
            {
                "label": label,
                "url": _url("workflow_action", quote(listing.pk), name, current.pk),
                "modal": modal,
                "primary": (name, modal) == (ListingModerationTask.APPROVE, False),
            }
            for (name, modal), label in DECISIONS.items()
            if (name, modal) in offered
        ]

    def _differences(self, listing, revision, version, resubmission):
        """The comparison with the last approved version, and links to Wagtail's view."""
        live_id = listing.live_revision_id
        result = {"live_revision": listing.live_revision, "comparison": None, "compare_url": None}
        if live_id and revision and revision.pk != live_id:
            live_version = listing.live_revision.as_object()
            result["comparison"] = self._compare(listing, live_version, version)
            result["compare_url"] = _url(
                "revisions_compare", pk=quote(listing.pk), revision_id_a=live_id, revision_id_b=revision.pk
            )
        if resubmission and revision and resubmission.previous_revision_id != revision.pk:
            result["changes_since_request_url"] = _url(
                "revisions_compare",
                pk=quote(listing.pk),
                revision_id_a=resubmission.previous_revision_id,
                revision_id_b=revision.pk,
            )
        return result

    def _compare(self, listing, version_a, version_b):
        panel = Listing.snippet_viewset.get_edit_handler()
        bound = panel.get_bound_panel(instance=listing, request=self.request, form=None)
        diffs = [comparison(version_a, version_b) for comparison in bound.get_comparison()]
        return [diff for diff in diffs if diff.has_changed()]
