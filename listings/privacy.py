"""Personal data of listings (RGPD): the contact person, stored in ``ListingContact`` rows
and, as Wagtail keeps every version, in the ``contacts`` of the listing's revisions.

- ``purge_personal_data``: contacts of listings refused, withdrawn or expired for more than
  ``LISTING_PURGE_AFTER_DAYS`` days (default 180) are deleted, rows and revisions alike;
- ``erase_contact_data(email)``: a person's request to be forgotten, on every listing;
- ``purge_refused_account_requests``: account requests refused more than
  ``LISTING_PURGE_AFTER_DAYS`` days ago are deleted (the structure's name stays in the log),
  and those accepted as long ago lose the applicant's phone, role and message (the account
  keeps the name and address it needs).
Each leaves an audit log entry that says what was removed, never whose data it was.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Case, CharField, DateTimeField, F, OuterRef, Q, Subquery, When
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Revision

from .freshness_rules import WITHDRAW_ACTION
from .models import AccountRequest, AccountRequestStatus, Listing, ListingContact, ListingStatus

PURGE_ACTION = "listings.purge_personal_data"
ERASE_ACTION = "listings.erase_contact_data"
ACCOUNT_REQUEST_PURGE_ACTION = "listings.account_request.purge"
ACCOUNT_REQUEST_SCRUB_ACTION = "listings.account_request.scrub"
# What an accepted request no longer needs once the account exists.
ACCEPTED_REQUEST_SCRUBBED = {"phone": "", "role": "", "message": ""}
PURGEABLE_STATUSES = (ListingStatus.REJECTED, ListingStatus.WITHDRAWN, ListingStatus.EXPIRED)


def _pk_as_text():
    return Cast(OuterRef("pk"), CharField())


def withdrawn_since():
    """The last time the listing went offline, from the audit log (or its last update)."""
    offline = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Listing),
        object_id=_pk_as_text(),
        action__in=["wagtail.unpublish", "wagtail.unpublish.scheduled", WITHDRAW_ACTION],
    )
    return Coalesce(Subquery(offline.order_by("-timestamp").values("timestamp")[:1]), F("updated_at"))


def offline_since():
    """When a rejected, withdrawn or expired listing went offline (for the purge)."""
    return Case(
        When(rejected_at__isnull=False, then=F("rejected_at")),
        When(Q(expired=True) | Q(expire_at__lte=timezone.now()), then=Coalesce("expire_at", withdrawn_since())),
        default=withdrawn_since(),
        output_field=DateTimeField(),
    )


@dataclass
class PurgeResult:
    listings: list = field(default_factory=list)
    contacts: int = 0
    revisions: int = 0


def _listing_revisions(listing_ids=None):
    revisions = Revision.objects.filter(base_content_type=ContentType.objects.get_for_model(Listing))
    if listing_ids is not None:
        revisions = revisions.filter(object_id__in=[str(pk) for pk in listing_ids])
    return revisions.only("pk", "object_id", "content").order_by("pk")


def _scrub_revisions(revisions, should_remove, dry_run=False):
    """Remove the contacts ``should_remove`` matches from the revisions' content.
    Returns {listing id: number of revisions changed}."""
    changed = {}
    for revision in revisions.iterator(chunk_size=200):
        content = revision.content or {}
        contacts = content.get("contacts")
        if not contacts:
            continue
        kept = [contact for contact in contacts if not should_remove(contact)]
        if len(kept) == len(contacts):
            continue
        if not dry_run:
            revision.content = {**content, "contacts": kept}
            revision.save(update_fields=["content"])
        listing_id = int(revision.object_id)
        changed[listing_id] = changed.get(listing_id, 0) + 1
    return changed


def purgeable_listings(days=None, now=None):
    """Listings refused, withdrawn or expired for more than ``days`` days."""
    days = settings.LISTING_PURGE_AFTER_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    return (
        Listing.objects.annotate_status()
        .filter(moderation_status__in=PURGEABLE_STATUSES)
        .annotate(offline_since=offline_since())
        .filter(offline_since__lte=cutoff)
    )


def purge_personal_data(days=None, now=None, dry_run=False):
    """Delete the contacts of listings offline for more than ``days`` days, from the
    database and from their revisions. Idempotent: a listing with nothing left to purge
    is skipped and not logged again."""
    days = settings.LISTING_PURGE_AFTER_DAYS if days is None else days
    result = PurgeResult()
    listings = {listing.pk: listing for listing in purgeable_listings(days, now)}
    if not listings:
        return result
    contact_counts = {}
    for listing_id in ListingContact.objects.filter(listing_id__in=list(listings)).values_list("listing_id", flat=True):
        contact_counts[listing_id] = contact_counts.get(listing_id, 0) + 1
    with transaction.atomic():
        revision_counts = _scrub_revisions(_listing_revisions(list(listings)), lambda contact: True, dry_run=dry_run)
        for listing_id, listing in listings.items():
            contacts, revisions = contact_counts.get(listing_id, 0), revision_counts.get(listing_id, 0)
            if not (contacts or revisions):
                continue
            result.listings.append(listing)
            result.contacts += contacts
            result.revisions += revisions
            if dry_run:
                continue
            ListingContact.objects.filter(listing_id=listing_id).delete()
            log(
                listing,
                PURGE_ACTION,
                data={
                    "contacts": contacts,
                    "revisions": revisions,
                    "status": str(listing.moderation_status),
                    "days": days,
                },
            )
    return result


def _same_email(email):
    email = email.strip().lower()

    def matches(contact):
        return isinstance(contact, dict) and str(contact.get("email", "")).strip().lower() == email

    return matches


def erase_contact_data(email, *, user=None, dry_run=False):
    """Remove every contact with this e-mail address (any listing, any status) from the
    database and from all revisions, and log it on each listing concerned (without the
    address)."""
    email = (email or "").strip()
    result = PurgeResult()
    if not email:
        return result
    with transaction.atomic():
        contact_counts = {}
        contacts = ListingContact.objects.filter(email__iexact=email)
        for listing_id in contacts.values_list("listing_id", flat=True):
            contact_counts[listing_id] = contact_counts.get(listing_id, 0) + 1
        revision_counts = _scrub_revisions(_listing_revisions(), _same_email(email), dry_run=dry_run)
        listing_ids = set(contact_counts) | set(revision_counts)
        if not dry_run:
            contacts.delete()
        for listing in Listing.objects.filter(pk__in=listing_ids).order_by("pk"):
            n_contacts, n_revisions = contact_counts.get(listing.pk, 0), revision_counts.get(listing.pk, 0)
            result.listings.append(listing)
            result.contacts += n_contacts
            result.revisions += n_revisions
            if not dry_run:
                log(listing, ERASE_ACTION, user=user, data={"contacts": n_contacts, "revisions": n_revisions})
    return result


def purge_refused_account_requests(days=None, now=None, dry_run=False):
    """Delete the account requests refused more than ``days`` days ago, and blank the
    contact details of those accepted as long ago; each is logged without the applicant's
    data. Returns the number deleted (or that would be)."""
    days = settings.LISTING_PURGE_AFTER_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    refused = AccountRequest.objects.filter(status=AccountRequestStatus.REFUSED, decided_at__lte=cutoff)
    if dry_run:
        return refused.count()
    count = 0
    with transaction.atomic():
        for account_request in refused.select_for_update():
            log(account_request, ACCOUNT_REQUEST_PURGE_ACTION, data={"days": days})
            account_request.delete()
            count += 1
        _scrub_accepted_requests(cutoff, days)
    return count


def _scrub_accepted_requests(cutoff, days):
    """Idempotent: a request already blank is left alone and not logged again."""
    not_blank = Q()
    for name in ACCEPTED_REQUEST_SCRUBBED:
        not_blank |= ~Q(**{name: ""})
    accepted = AccountRequest.objects.filter(not_blank, status=AccountRequestStatus.ACCEPTED, decided_at__lte=cutoff)
    for account_request in accepted.select_for_update():
        for name, blank in ACCEPTED_REQUEST_SCRUBBED.items():
            setattr(account_request, name, blank)
        account_request.save(update_fields=list(ACCEPTED_REQUEST_SCRUBBED))
        log(account_request, ACCOUNT_REQUEST_SCRUB_ACTION, data={"days": days})
