"""When a published listing is fresh, stale or about to expire: the periods and the queries.

A published listing is *fresh* while its organisation confirmed it (``last_confirmed_at``)
or a moderator published a version of it (``last_published_at``) within the desk's
confirmation period (``DeskSettings.listing_confirmation_months``). Past that, it is
*stale*. What is done about it is in ``listings/freshness.py``.
"""

import calendar
from datetime import timedelta

from django.conf import settings
from django.db.models import DateTimeField
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from .desk import desk_settings
from .models import Listing, ListingStatus

# Audit log action of a listing withdrawn because nobody confirmed it.
WITHDRAW_ACTION = "listings.withdraw_stale"


def stale_cutoff_months():
    return desk_settings().listing_confirmation_months


def add_months(moment, months):
    """``moment`` shifted by ``months`` calendar months (day clamped to the month's end)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def freshness_reference():
    """When the listing was last known to be current: confirmed or published."""
    published = Coalesce("last_published_at", "first_published_at", "created_at")
    return Greatest(Coalesce("last_confirmed_at", published), published, output_field=DateTimeField())


def stale_cutoff(now=None):
    return add_months(now or timezone.now(), -stale_cutoff_months())


def stale_listings(now=None):
    """Public listings not confirmed since the cutoff, not awaiting moderation (a pending
    submission is the moderators' move). Annotated with ``fresh_since``."""
    return (
        Listing.objects.public()
        .annotate_status()
        .exclude(moderation_status=ListingStatus.PENDING)
        .annotate(fresh_since=freshness_reference())
        .filter(fresh_since__lt=stale_cutoff(now))
    )


def expiring_listings(now=None, days=None):
    now = now or timezone.now()
    days = settings.LISTING_EXPIRY_NOTICE_DAYS if days is None else days
    return Listing.objects.public().filter(expire_at__gt=now, expire_at__lte=now + timedelta(days=days))
