"""The listing's create and edit views in the admin, as moderators use them.

- When the user can act on the listing's current moderation task, the decision comes
  first: « Approuver et publier » is the primary button, « Demander des modifications » and
  « Refuser définitivement » stand next to it, and « Enregistrer le brouillon » moves into the
  dropdown. Everyone else keeps Wagtail's menu unchanged.
- A listing awaiting moderation shows a banner that leads to the review screen.
- Confirmations are specific French sentences (listings/admin_messages.py).

The menu items are Wagtail's own (workflow buttons, save, publish…): only their order and
the approve label change, so the workflow JavaScript, the comment modal and the task's
forms (including the refusal, listings.reject) work as before.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.utils import get_latest_str
from wagtail.snippets.action_menu import SnippetActionMenu, WorkflowMenuItem
from wagtail.snippets.views.snippets import CreateView, EditView, UnpublishView, WorkflowActionView

from reference.desks import default_site_id, desk_related_fields

from .admin_messages import ALREADY_DECIDED, UNPUBLISHED, decision_message, edit_message
from .models import Listing, ListingModerationTask
from .moderation_access import can_moderate

APPROVE = ListingModerationTask.APPROVE
NEXT_TO_APPROVE = (ListingModerationTask.REQUEST_CHANGES, ListingModerationTask.REFUSE)


def _workflow_item(items, name, *, modal):
    return next(
        (
            item
            for item in items
            if isinstance(item, WorkflowMenuItem) and item.name == name and bool(item.launch_modal) == modal
        ),
        None,
    )


class ListingActionMenu(SnippetActionMenu):
    """Wagtail's snippet action menu, with the moderator's decisions up front."""

    template = "listings/admin/action_menu.html"

    def __init__(self, request, **kwargs):
        super().__init__(request, **kwargs)
        self.leading_items = []
        items = [self.default_item, *self.menu_items] if self.default_item else []
        approve = _workflow_item(items, APPROVE, modal=False)
        if approve is None:
            return  # the user cannot act on the current task: Wagtail's menu, unchanged
        publishes = self._approval_publishes()
        approve.label = "Approuver et publier" if publishes else "Approuver"
        with_comment = _workflow_item(items, APPROVE, modal=True)
        if with_comment is not None:
            with_comment.label = (
                "Approuver et publier avec un commentaire" if publishes else "Approuver avec un commentaire"
            )
        leading = [item for name in NEXT_TO_APPROVE if (item := _workflow_item(items, name, modal=True))]
        self.default_item = approve
        self.leading_items = leading
        self.menu_items = [item for item in items if item is not approve and item not in leading]

    def _approval_publishes(self):
        # Wagtail publishes on the approval of a workflow's last task (as in SnippetActionMenu).
        state = self.context["instance"].current_workflow_state
        return bool(state and state.is_at_final_task)

    def render_html(self):
        if not self.default_item:
            return ""
        context = self.context
        return render_to_string(
            self.template,
            {
                "default_menu_item": self.default_item.render_html(context),
                "show_menu": bool(self.menu_items),
                "rendered_menu_items": [item.render_html(context) for item in self.menu_items],
                "rendered_leading_items": [item.render_html(context) for item in self.leading_items],
            },
            request=self.request,
        )

    @cached_property
    def media(self):
        media = super().media
        for item in self.leading_items:
            media += item.media
        return media


def review_url(listing):
    return reverse(Listing.snippet_viewset.get_url_name("review"), args=[listing.pk])


class DeskProfessionsMixin:
    """The professions to tick and the organisation to choose are the listing's desk's (never
    another desk's): offered, and accepted on saving (the chooser alone filters only its list)."""

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        site_id = form.instance.site_id or default_site_id()
        desk_related_fields(form, site_id, {"professions": "site", "organisation": "site"})
        return form


class ListingCreateView(DeskProfessionsMixin, CreateView):
    def get_success_message(self, instance=None):
        instance = instance or self.object
        return edit_message(self.action, get_latest_str(instance), creating=True, instance=instance)


class ListingEditView(DeskProfessionsMixin, EditView):
    def _get_action_menu(self):
        return ListingActionMenu(
            self.request, view=self.view_name, instance=self.object, locked_for_user=self.locked_for_user
        )

    def get_success_message(self, instance=None):
        instance = instance or self.object
        return edit_message(
            self.action,
            get_latest_str(instance),
            instance=instance,
            workflow_action=getattr(self, "workflow_action", None),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        awaiting = self.object.pk and self.current_workflow_task is not None
        context["review_url"] = review_url(self.object) if awaiting and can_moderate(self.request.user) else None
        return context


class ListingWorkflowActionView(WorkflowActionView):
    """Wagtail's workflow action endpoint (used by the review screen), with a French
    confirmation, and a French error instead of a silent redirect when the comment the
    decision needs is missing."""

    def post(self, request, *args, **kwargs):
        is_ajax = request.headers.get("x-requested-with") == "XMLHttpRequest"
        if self.form_class and not is_ajax:
            form = self.form_class(request.POST)
            if not form.is_valid():
                for errors in form.errors.values():
                    messages.error(request, errors[0])
                return redirect(self.redirect_url)
        started = timezone.now()
        response = super().post(request, *args, **kwargs)
        if is_ajax and self.form_class and not self.form_class(request.POST).is_valid():
            return response  # the modal shows the form's errors
        title = get_latest_str(self.object)
        if self._decided_here(started):
            messages.success(request, decision_message(self.action_name, title))
        else:
            messages.warning(request, ALREADY_DECIDED.format(title=title))
        return response

    def _decided_here(self, started):
        if self.action_name == ListingModerationTask.REFUSE:
            return Listing.objects.filter(pk=self.object.pk, rejected_at__gte=started).exists()
        state = self.task_state
        state.refresh_from_db()
        return state.finished_by_id == self.request.user.pk and bool(state.finished_at and state.finished_at >= started)


class ListingUnpublishView(UnpublishView):
    success_message = UNPUBLISHED
