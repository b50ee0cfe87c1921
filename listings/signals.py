"""Moderation e-mails for listings, driven by signals, and the other connections listings
makes to Django, Wagtail and media_library (``connect``, called once by the app's ready()).

- ``task_submitted`` (a listing enters a moderation task: first submission, edit of a
  published listing, resubmission after changes) → ``notify_submission`` (moderators);
- ``workflow_approved`` (the listing was approved and published) → ``notify_decision(approved)``;
- ``workflow_rejected`` (Wagtail's "reject" on a task = the desk's "request changes")
  → ``notify_decision(changes_requested)`` with the moderator's comment;
- ``listing_refused`` (the final refusal from the moderation task, ``Listing.reject``,
  "listings.reject": it cancels the workflow, so Wagtail sends no workflow signal)
  → ``notify_decision(rejected)`` with the reason.

Wagtail also e-mails moderators and the requesting user on these events. For listings the
desk's own French e-mails replace them: ``silence_wagtail_listing_emails`` wraps Wagtail's
notifiers so that they skip listings and keep working for pages.
"""

from django.contrib.contenttypes.models import ContentType
from django.core import checks
from wagtail.admin import signal_handlers as wagtail_handlers
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import published, task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from media_library.storage import make_public
from media_library.views import register_pending_image_viewer

from . import notifications
from .checks import check_confirmation_url
from .models import Listing, listing_refused
from .photo_access import organisation_members_may_see


def _listing_id(workflow_state):
    if workflow_state.base_content_type_id != ContentType.objects.get_for_model(Listing).pk:
        return None
    return int(workflow_state.object_id)


def _listing(workflow_state):
    listing_id = _listing_id(workflow_state)
    if listing_id is None:
        return None
    return Listing.objects.select_related("organisation", "commune").filter(pk=listing_id).first()


def on_task_submitted(sender, instance, user=None, **kwargs):
    listing = _listing(instance.workflow_state)
    if listing is not None:
        notifications.notify_submission(listing, task_state=instance, user=user)


def on_workflow_approved(sender, instance, user=None, **kwargs):
    listing = _listing(instance)
    if listing is None:
        return
    task_state = instance.current_task_state
    notifications.notify_decision(
        listing,
        notifications.APPROVED,
        task_state.comment if task_state else "",
        key=f"workflow_state:{instance.pk}",
        user=user,
    )


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    listing = _listing(instance)
    if listing is None:
        return
    task_state = instance.current_task_state
    notifications.notify_decision(
        listing,
        notifications.CHANGES_REQUESTED,
        task_state.comment if task_state else "",
        key=f"task_state:{task_state.pk}" if task_state else None,
        user=user,
    )


def on_listing_refused(sender, listing, comment="", user=None, **kwargs):
    notifications.notify_decision(listing, notifications.REJECTED, comment, user=user)


def _is_about_listing(instance):
    if isinstance(instance, TaskState):
        instance = instance.workflow_state
    return isinstance(instance, WorkflowState) and _listing_id(instance) is not None


def _skipping_listings(notifier):
    def receiver(sender, instance=None, **kwargs):
        if _is_about_listing(instance):
            return False
        return notifier(instance=instance, sender=sender, **kwargs)

    return receiver


def silence_wagtail_listing_emails():
    """Replace Wagtail's workflow e-mail receivers by versions that skip listings.

    Same ``dispatch_uid`` and sender: whether wagtail.admin's ready() ran before or after
    this one, the wrapped receiver is the one connected (Django ignores a second connect
    with an existing uid)."""
    receivers = [
        (
            task_submitted,
            TaskState,
            "group_approval_task_submitted_email_notification",
            wagtail_handlers.task_submission_email_notifier,
        ),
        (
            workflow_submitted,
            WorkflowState,
            "workflow_state_submitted_email_notification",
            wagtail_handlers.workflow_submission_email_notifier,
        ),
        (
            workflow_rejected,
            WorkflowState,
            "workflow_state_rejected_email_notification",
            wagtail_handlers.workflow_rejection_email_notifier,
        ),
        (
            workflow_approved,
            WorkflowState,
            "workflow_state_approved_email_notification",
            wagtail_handlers.workflow_approval_email_notifier,
        ),
    ]
    for signal, sender, uid, notifier in receivers:
        signal.disconnect(sender=sender, dispatch_uid=uid)
        signal.connect(_skipping_listings(notifier), sender=sender, dispatch_uid=uid, weak=False)


def publish_photos(sender, instance, **kwargs):
    """Photos of an approved listing leave the private area (media_library/storage.py).
    Connected before graphql_api's receiver (app order), so public renditions are then
    generated from the public files."""
    for photo in instance.photos.select_related("image"):
        make_public(photo.image)


def connect():
    checks.register(check_confirmation_url, checks.Tags.urls)
    # task_submitted is sent with the specific task state class: no sender filter.
    task_submitted.connect(on_task_submitted, dispatch_uid="listings_notify_submission")
    workflow_approved.connect(on_workflow_approved, sender=WorkflowState, dispatch_uid="listings_notify_approved")
    workflow_rejected.connect(
        on_workflow_rejected, sender=WorkflowState, dispatch_uid="listings_notify_changes_requested"
    )
    listing_refused.connect(on_listing_refused, sender=Listing, dispatch_uid="listings_notify_rejected")
    published.connect(publish_photos, sender=Listing, dispatch_uid="listings_publish_photos")
    silence_wagtail_listing_emails()
    register_pending_image_viewer(organisation_members_may_see)
