"""The daily freshness run (``manage.py check_listing_freshness``): expiring and stale
listings are told, stale ones withdrawn once the grace period is over.

A stale listing (see ``listings/freshness_rules.py``) has its submitter told once per
period and, if still unconfirmed ``LISTING_WITHDRAW_GRACE_DAYS`` days after the notice, it
is withdrawn (unpublished, logged "listings.withdraw_stale"). Nothing is deleted. The
submitter confirms with the one-click link in the e-mail (``listings/confirmation.py``).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.actions.unpublish import UnpublishAction
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from .freshness_rules import WITHDRAW_ACTION, expiring_listings, stale_cutoff_months, stale_listings
from .models import Listing
from .notifications import EXPIRING, NOTIFY_ACTION, STALE, already_notified, notify_expiring, notify_stale


@dataclass
class FreshnessReport:
    expiring_notified: list
    stale_notified: list
    withdrawn: list
    waiting: list


def stale_notices(listing_ids):
    """{listing id: [timestamps of stale notices]} in one query."""
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Listing),
        object_id__in=[str(pk) for pk in listing_ids],
        action=NOTIFY_ACTION,
        data__kind=STALE,
    ).values_list("object_id", "timestamp")
    notices = {}
    for object_id, timestamp in entries:
        notices.setdefault(int(object_id), []).append(timestamp)
    return notices


def run_freshness_check(now=None, dry_run=False):
    """Notify expiring and stale listings, withdraw those stale past the grace period.
    Idempotent: notices are remembered in the audit log."""
    now = now or timezone.now()
    report = FreshnessReport([], [], [], [])
    for listing in expiring_listings(now).select_related("organisation", "commune"):
        if already_notified(listing, EXPIRING, f"expire_at:{listing.expire_at.isoformat()}"):
            continue
        if dry_run or notify_expiring(listing):
            report.expiring_notified.append(listing)

    stale = list(stale_listings(now).select_related("organisation", "commune"))
    notices = stale_notices([listing.pk for listing in stale])
    grace = timedelta(days=settings.LISTING_WITHDRAW_GRACE_DAYS)
    for listing in stale:
        # Only notices sent since the listing was last fresh count for this period.
        current = sorted(t for t in notices.get(listing.pk, []) if t > listing.fresh_since)
        if not current:
            if dry_run or notify_stale(listing, key=f"fresh_since:{listing.fresh_since.isoformat()}"):
                report.stale_notified.append(listing)
        elif current[0] <= now - grace:
            if not dry_run:
                withdraw_stale(listing, notified_at=current[0])
            report.withdrawn.append(listing)
        else:
            report.waiting.append(listing)
    return report


def withdraw_stale(listing, *, notified_at=None):
    with transaction.atomic():
        listing = Listing.objects.select_for_update().get(pk=listing.pk)
        if not listing.live:
            return False
        UnpublishAction(listing, user=None, log_action=False).execute(skip_permission_checks=True)
        log(
            listing,
            WITHDRAW_ACTION,
            data={
                "notified_at": notified_at.isoformat() if notified_at else None,
                "months": stale_cutoff_months(listing.site),
                "grace_days": settings.LISTING_WITHDRAW_GRACE_DAYS,
            },
        )
    return True
