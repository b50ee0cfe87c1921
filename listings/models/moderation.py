"""The moderation step every listing goes through.

Wagtail's group approval task offers "approve" and "request changes"; the desk also
needs a final refusal with a reason, and transitions that stay single under
concurrency (two moderators, a double click): a task state is claimed with one
conditional UPDATE before anything changes, which works on PostgreSQL and SQLite.
"""

from django import forms
from django.db import transaction
from django.db.models import CharField
from django.db.models.functions import Cast
from django.dispatch import Signal
from django.utils import timezone
from wagtail.models import AbstractGroupApprovalTask, TaskState

from ..moderation_access import moderated_desk_ids
from .listings import Listing

# Sent (keyword arguments ``listing``, ``comment``, ``user``) when a moderator refuses a
# listing for good from its moderation task. Wagtail sends no workflow signal for this
# decision: listings/signals.py connects the submitter's e-mail to this one, as it does to
# Wagtail's signals for the other decisions.
listing_refused = Signal()


class RefusalForm(forms.Form):
    comment = forms.CharField(
        label="Motif du refus",
        widget=forms.Textarea({"rows": 3}),
        max_length=2_000,
        error_messages={"required": "Indiquez le motif du refus : il est transmis à la structure."},
    )


class ChangeRequestForm(forms.Form):
    comment = forms.CharField(
        label="Modifications demandées",
        widget=forms.Textarea({"rows": 3}),
        max_length=2_000,
        error_messages={"required": "Expliquez les modifications attendues."},
    )


class ListingModerationTask(AbstractGroupApprovalTask):
    REQUEST_CHANGES = "reject"  # Wagtail's name for "send back for changes"
    REFUSE = "refuse"
    APPROVE = "approve"

    class Meta:
        verbose_name = "modération d'annonce"
        verbose_name_plural = "modérations d'annonces"

    @classmethod
    def get_description(cls):
        return "Les membres des groupes choisis approuvent, font corriger ou refusent les annonces."

    # Wagtail asks a group approval task whether the user is in its groups; a moderator of one
    # desk must also get nothing of another desk's listings (no decision, no editor during
    # moderation, nothing awaiting their review): the listing's desk must be one they moderate.

    def _moderates(self, obj, user):
        if user.is_superuser:
            return True
        return self._user_in_groups(user) and getattr(obj, "site_id", None) in moderated_desk_ids(user)

    def user_can_access_editor(self, obj, user):
        return self._moderates(obj, user)

    def locked_for_user(self, obj, user):
        return not self._moderates(obj, user)

    def user_can_lock(self, obj, user):
        return self._moderates(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_superuser:
            return states
        listings = Listing.objects.filter(site__in=moderated_desk_ids(user)).annotate(key=Cast("pk", CharField()))
        return states.filter(workflow_state__object_id__in=listings.values("key"))

    def get_actions(self, obj, user):
        if not self._moderates(obj, user):
            return []
        return [
            (self.REQUEST_CHANGES, "Demander des modifications", True),
            (self.REFUSE, "Refuser définitivement", True),
            # Wagtail appends "et Publier" to approvals of a workflow's last task.
            (self.APPROVE, "Approuver", False),
            (self.APPROVE, "Approuver avec un commentaire", True),
        ]

    def get_form_for_action(self, action):
        if action == self.REFUSE:
            return RefusalForm
        if action == self.REQUEST_CHANGES:
            return ChangeRequestForm
        return super().get_form_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if not claim_task_state(task_state):
            return None  # already decided by someone else (or a double click): nothing to do
        comment = kwargs.get("comment", "")
        if action_name == self.REFUSE:
            listing = task_state.workflow_state.content_object
            if listing.reject(user=user, reason=comment):
                listing_refused.send(sender=type(listing), listing=listing, comment=comment, user=user)
            return None
        return super().on_action(task_state, user, action_name, **kwargs)


def claim_task_state(task_state):
    """Atomically mark an in-progress task state as being decided; False if it was not
    (any more) in progress. Only one of several concurrent decisions gets True."""
    claimed = TaskState.objects.filter(
        pk=task_state.pk, status=TaskState.STATUS_IN_PROGRESS, finished_at__isnull=True
    ).update(finished_at=timezone.now())
    if claimed:
        task_state.refresh_from_db()
    return bool(claimed)
