"""E-mail notifications about listings, sent through Django's task framework (django-tasks).

Who is told what:
- moderators (``moderation_access.moderator_users``: who may publish listings, plus the desk's
  contact address) when a listing is submitted for moderation, new or edited;
- the submitter (the organisation's members, else the listing's contact, else the
  organisation's address) when a moderator approves, requests changes or refuses;
- the same people when a listing is about to expire or has not been confirmed for long,
  with a one-click confirmation link (see listings/freshness.py).

Each ``notify_*`` function records the notification in Wagtail's audit log
("listings.notify", without any address) and sends the e-mails once the current
transaction commits. The log entry carries a key (task state, revision, expiry date...) so
that the same notification is never sent twice, whichever code path asks for it.
Moderators' e-mails never carry the contact's personal data.
"""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django_tasks import task
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from core.mail import clean_addresses, one_line, send_rendered

from .confirmation_tokens import confirmation_url
from .desk import admin_url, desk_settings, public_url
from .freshness_rules import stale_cutoff_months
from .models import Listing, ListingContact
from .moderation_access import moderator_addresses

logger = logging.getLogger(__name__)

NOTIFY_ACTION = "listings.notify"

SUBMISSION = "submission"
APPROVED = "approved"
CHANGES_REQUESTED = "changes_requested"
REJECTED = "rejected"
EXPIRING = "expiring"
STALE = "stale"
DECISIONS = (APPROVED, CHANGES_REQUESTED, REJECTED)

# What each notification is called in the audit log (French, shown to staff).
KIND_LABELS = {
    SUBMISSION: "nouvelle soumission (modérateurs)",
    APPROVED: "annonce approuvée (structure)",
    CHANGES_REQUESTED: "modifications demandées (structure)",
    REJECTED: "annonce refusée (structure)",
    EXPIRING: "expiration prochaine (structure)",
    STALE: "annonce à confirmer (structure)",
}

# Where a submitter manages their listing: the first URL name that resolves wins
# (the contributor space), else the site's root.
CONTRIBUTOR_LISTING_URL_NAMES = ("contributions:detail",)
CONTRIBUTOR_HOME_URL_NAMES = ("contributions:dashboard",)


# --- Recipients ------------------------------------------------------------------------------


def _revision_contact_emails(listing):
    revision = listing.latest_revision
    contacts = (revision.content or {}).get("contacts", []) if revision else []
    return [c.get("email", "") for c in contacts if isinstance(c, dict)]


def submitter_addresses(listing):
    """The organisation's members if any, else the listing's contact (occasional submitter
    without an account), else the organisation's own address."""
    if listing.organisation_id:
        members = listing.organisation.members.filter(is_active=True).exclude(email="")
        addresses = clean_addresses(members.order_by("pk").values_list("email", flat=True))
        if addresses:
            return addresses
    addresses = clean_addresses(ListingContact.objects.filter(listing_id=listing.pk).values_list("email", flat=True))
    if not addresses:
        # A submission not yet saved to the listing's row keeps its contact in the revision.
        addresses = clean_addresses(_revision_contact_emails(listing))
    if not addresses and listing.organisation_id:
        addresses = clean_addresses([listing.organisation.email])
    return addresses


# --- Scheduling ------------------------------------------------------------------------------


def already_notified(listing, kind, key):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(listing, for_concrete_model=False),
        object_id=str(listing.pk),
        action=NOTIFY_ACTION,
        data__kind=kind,
        data__key=key,
    ).exists()


def _schedule(listing, kind, recipients, *, key=None, user=None, extra=None):
    """Log the notification and send it after commit. Returns False when there is nobody
    to tell or when the same notification (kind + key) was already sent."""
    if not recipients:
        logger.warning("Notification %s for listing %s: no recipient.", kind, listing.pk)
        return False
    if key is not None and already_notified(listing, kind, key):
        return False
    log(
        listing,
        NOTIFY_ACTION,
        user=user,
        data={"kind": kind, "key": key, "recipients": len(recipients)},
    )
    payload = dict(extra or {})
    transaction.on_commit(lambda: send_listing_email.enqueue(kind, listing.pk, list(recipients), payload))
    return True


def notify_submission(listing, *, task_state=None, user=None):
    """Tell moderators that a listing awaits moderation (new or edited)."""
    if task_state is None:
        task_state = listing.current_workflow_task_state
    key = f"task_state:{task_state.pk}" if task_state is not None else None
    return _schedule(listing, SUBMISSION, moderator_addresses(exclude_user=user, site=listing.site), key=key, user=user)


def notify_decision(listing, decision, comment="", *, key=None, user=None):
    """Tell the submitter about a moderator's decision, with the comment or reason.

    ``decision`` is "approved", "changes_requested" or "rejected".
    """
    if decision not in DECISIONS:
        raise ValueError(f"Unknown decision: {decision}")
    if key is None:
        key = _default_decision_key(listing, decision)
    return _schedule(
        listing,
        decision,
        submitter_addresses(listing),
        key=key,
        user=user,
        extra={"comment": (comment or "").strip()},
    )


def _default_decision_key(listing, decision):
    if decision == APPROVED and listing.live_revision_id:
        return f"revision:{listing.live_revision_id}"
    if decision == REJECTED and listing.rejected_at:
        return f"rejected_at:{listing.rejected_at.isoformat()}"
    if decision == CHANGES_REQUESTED:
        state = listing.current_workflow_state
        if state is not None and state.current_task_state_id:
            return f"task_state:{state.current_task_state_id}"
    return None


def notify_expiring(listing):
    """Tell the submitter that the listing expires soon, with the one-click confirmation link.
    Sent once per expiry date."""
    if listing.expire_at is None:
        return False
    return _schedule(listing, EXPIRING, submitter_addresses(listing), key=f"expire_at:{listing.expire_at.isoformat()}")


def notify_stale(listing, *, key=None):
    """Tell the submitter that the listing has not been confirmed for long and will be
    withdrawn after the grace period unless confirmed."""
    return _schedule(listing, STALE, submitter_addresses(listing), key=key)


# --- Sending ---------------------------------------------------------------------------------


def _reverse_first(names, *args):
    for name in names:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return None


def admin_edit_url(listing):
    return admin_url(reverse(listing.snippet_viewset.get_url_name("edit"), args=[listing.pk]))


def submitter_url(listing):
    """Where the submitter follows their listing: the contributor space if it exists, on
    the listing's desk."""
    path = None
    if listing.organisation_id:
        path = _reverse_first(CONTRIBUTOR_LISTING_URL_NAMES, listing.pk) or _reverse_first(CONTRIBUTOR_HOME_URL_NAMES)
    return public_url(path or "/", listing.site)


def build_context(kind, listing, extra):
    """What every listing e-mail says, in the name of the listing's desk."""
    desk = desk_settings(listing.site)
    context = {
        "kind": kind,
        "listing": listing,
        "title": one_line(listing.title, 200),
        "commune": listing.commune.name if listing.commune_id else "",
        "kind_label": listing.kind_label,
        "organisation": listing.organisation.name if listing.organisation_id else "",
        "is_edit": bool(listing.first_published_at),
        "desk_name": desk.desk_name,
        "desk_email": desk.contact_email,
        "desk_phone": desk.contact_phone,
        "comment": extra.get("comment", ""),
        "now": timezone.now(),
    }
    if kind == SUBMISSION:
        context["admin_url"] = admin_edit_url(listing)
    else:
        context["listing_url"] = submitter_url(listing)
    if kind in (EXPIRING, STALE):
        context["confirm_url"] = confirmation_url(listing)
        context["confirmation_months"] = stale_cutoff_months(listing.site)
        context["grace_days"] = settings.LISTING_WITHDRAW_GRACE_DAYS
    return context


@task()
def send_listing_email(kind, listing_id, recipients, extra):
    """Render and send one notification, one message per recipient (nobody sees the
    others' addresses). Returns the number of messages sent."""
    listing = Listing.objects.select_related("commune", "organisation", "site").filter(pk=listing_id).first()
    if listing is None:
        return 0
    try:
        with translation.override(settings.LANGUAGE_CODE):
            return _send(kind, listing, recipients, extra or {})
    except Exception:
        logger.exception("Sending notification %s for listing %s failed", kind, listing_id)
        raise


def _send(kind, listing, recipients, extra):
    context = build_context(kind, listing, extra)
    # Moderators answer in the admin; submitters may reply to the desk.
    reply_to = [context["desk_email"]] if kind != SUBMISSION else []
    return send_rendered(
        f"listings/emails/{kind}", context, recipients, subject_prefix=context["desk_name"], reply_to=reply_to
    )
