"""Put a saved listing in a moderation state through Wagtail's own APIs.

No flag is set by hand: revisions, workflow states, task states and log entries are those
Wagtail (and Listing.reject for a final refusal) write when a contributor submits and a
moderator acts in the admin, so that the demo exercises the same code paths as real use.
Used by ListingFactory(status=...) and by ``manage.py seed_demo`` (provisioning.demo).
"""

from datetime import timedelta

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from wagtail.actions.unpublish import UnpublishAction

from listings.models import ListingStatus

CHANGES_COMMENT = "Merci de préciser le loyer, la surface et la date de disponibilité avant une nouvelle soumission."
REJECTION_REASON = (
    "Annonce trop imprécise (lieu, conditions et contact manquants) : merci d'en déposer une nouvelle, "
    "complète. (démonstration)"
)


def _workflow(listing):
    workflow = listing.get_workflow()
    if workflow is None:
        raise ImproperlyConfigured(
            "Aucun circuit de modération n'est associé aux annonces : "
            "appliquez les migrations (listings 0003) avant de créer des annonces."
        )
    return workflow


def publish(listing, user=None):
    """Save a revision and publish it, as a moderator publishing directly would."""
    revision = listing.save_revision(user=user, log_action=True)
    listing.publish(revision, user=user, skip_permission_checks=True)
    # Publishing works on a copy rebuilt from the revision: reload the caller's instance.
    listing.refresh_from_db()
    return revision


def submit(listing, submitter=None):
    """Save a revision and start the listing's workflow: the listing awaits moderation."""
    listing.save_revision(user=submitter, log_action=True)
    return _workflow(listing).start(listing, submitter)


def request_changes(listing, moderator=None, comment=CHANGES_COMMENT):
    """Reject the current workflow task with a comment: Wagtail's "request changes", after
    which the contributor edits and resubmits."""
    task_state = listing.current_workflow_task_state
    if task_state is None:
        raise ValueError(f"L'annonce « {listing} » n'est pas en cours de modération.")
    task_state.task.specific.on_action(task_state, moderator, "reject", comment=comment)
    return task_state


def reject(listing, moderator=None, reason=REJECTION_REASON):
    """Final refusal by a moderator (Listing.reject ends the workflow and keeps the reason)."""
    return listing.reject(user=moderator, reason=reason)


def submit_edit(listing, submitter=None, **changes):
    """Propose an edit of a published listing: the live version stays, the edit awaits moderation."""
    for name, value in changes.items():
        setattr(listing, name, value)
    return submit(listing, submitter)


def withdraw(listing, moderator=None):
    """Unpublish a published listing (withdrawn by its organisation or by a moderator)."""
    # The action class, because DraftStateMixin.unpublish() offers no way to skip the
    # permission check: the demo moderator need not hold the publish permission.
    UnpublishAction(listing, user=moderator).execute(skip_permission_checks=True)


def expire(listing, *, days_ago=10):
    """Publish the listing with an expiry date in the past, then expire it as the
    ``publish_scheduled`` command does."""
    listing.expire_at = timezone.now() - timedelta(days=days_ago)
    publish(listing)
    listing.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")


def apply_status(listing, status, *, submitter=None, moderator=None):
    """Bring a freshly saved, never published listing (``live=False``) to ``status``."""
    status = ListingStatus(status)
    if status == ListingStatus.PUBLISHED:
        publish(listing, user=moderator)
    elif status == ListingStatus.PENDING:
        submit(listing, submitter)
    elif status == ListingStatus.DRAFT:
        listing.save_revision(user=submitter, log_action=True)
    elif status == ListingStatus.CHANGES_REQUESTED:
        submit(listing, submitter)
        request_changes(listing, moderator)
    elif status == ListingStatus.REJECTED:
        submit(listing, submitter)
        reject(listing, moderator)
    elif status == ListingStatus.EXPIRED:
        expire(listing)
    elif status == ListingStatus.WITHDRAWN:
        publish(listing, user=moderator)
        withdraw(listing, moderator)
    else:
        raise ValueError(f"Statut d'annonce non géré par la démonstration : {status}")
    return listing
