"""When a published listing is fresh, stale or about to expire: the periods and the queries.

A published listing is *fresh* while its organisation confirmed it (``last_confirmed_at``)
or a moderator published a version of it (``last_published_at``) within its desk's
confirmation period (``DeskSettings.listing_confirmation_months`` of the listing's site:
each desk of an instance has its own). Past that, it is *stale*. What is done about it is
in ``listings/freshness.py``.
"""

import calendar
from datetime import timedelta

from django.conf import settings
from django.db.models import DateTimeField, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from home.models import DeskSettings

from .desk import desk_settings
from .models import Listing, ListingStatus

# Audit log action of a listing withdrawn because nobody confirmed it.
WITHDRAW_ACTION = "listings.withdraw_stale"


def stale_cutoff_months(site=None):
    """The confirmation period of ``site``'s desk (the default desk when None)."""
    return desk_settings(site).listing_confirmation_months


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


def is_past_cutoff(now=None):
    """Q on ``fresh_since`` (freshness_reference()): older than the confirmation period of
    the listing's own desk. One condition per distinct period, however many desks."""
    now = now or timezone.now()
    months = dict(DeskSettings.objects.values_list("site_id", "listing_confirmation_months"))
    # A desk without settings yet has the model's default period (desk_settings' unsaved row).
    default = DeskSettings().listing_confirmation_months
    condition = Q(fresh_since__lt=add_months(now, -default))
    if months:
        condition &= ~Q(site_id__in=list(months))
    sites_by_period = {}
    for site_id, period in months.items():
        sites_by_period.setdefault(period, []).append(site_id)
    for period, site_ids in sorted(sites_by_period.items()):
        condition |= Q(site_id__in=site_ids, fresh_since__lt=add_months(now, -period))
    return condition


def stale_listings(now=None):
    """Public listings not confirmed within their desk's period, not awaiting moderation (a
    pending submission is the moderators' move). Annotated with ``fresh_since``."""
    return (
        Listing.objects.public()
        .annotate_status()
        .exclude(moderation_status=ListingStatus.PENDING)
        .annotate(fresh_since=freshness_reference())
        .filter(is_past_cutoff(now))
    )


def expiring_listings(now=None, days=None):
    now = now or timezone.now()
    days = settings.LISTING_EXPIRY_NOTICE_DAYS if days is None else days
    return Listing.objects.public().filter(expire_at__gt=now, expire_at__lte=now + timedelta(days=days))
