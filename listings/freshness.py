"""Freshness of published listings: confirmation in one click, stale listings, expiry.

A published listing is *fresh* while its organisation confirmed it (``last_confirmed_at``)
or a moderator published a version of it (``last_published_at``) within the desk's
confirmation period (``DeskSettings.listing_confirmation_months``). Past that, it is
*stale*: the submitter is told (once per period) and, if still unconfirmed after
``LISTING_WITHDRAW_GRACE_DAYS`` more days, it is withdrawn (unpublished, logged
"listings.withdraw_stale"). Nothing is deleted. ``manage.py check_listing_freshness``
applies these rules daily.

The confirmation link carries a signed, expiring token (the token is the authorisation,
no login needed). Opening it (GET) only shows a button: mail scanners follow links, so
only the POST confirms.
"""

import calendar
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Case, CharField, DateTimeField, F, OuterRef, Q, Subquery, When
from django.db.models.functions import Cast, Coalesce, Greatest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from wagtail.actions.unpublish import UnpublishAction
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Revision

from .models import Listing, ListingStatus
from .notifications import (
    EXPIRING,
    NOTIFY_ACTION,
    STALE,
    absolute_url,
    already_notified,
    desk_settings,
    notify_expiring,
    notify_stale,
)

CONFIRM_SALT = "listings.freshness.confirm"
CONFIRM_ACTION = "listings.confirm"
WITHDRAW_ACTION = "listings.withdraw_stale"
# A second confirmation within this delay changes nothing (double click, link opened twice).
CONFIRM_IDEMPOTENCE = timedelta(hours=24)


# --- Settings --------------------------------------------------------------------------------


def withdraw_grace_days():
    return int(getattr(settings, "LISTING_WITHDRAW_GRACE_DAYS", 30))


def expiry_notice_days():
    return int(getattr(settings, "LISTING_EXPIRY_NOTICE_DAYS", 14))


def confirmation_link_max_age():
    return timedelta(days=int(getattr(settings, "LISTING_CONFIRMATION_LINK_DAYS", 60)))


def stale_cutoff_months():
    return desk_settings().listing_confirmation_months


def add_months(moment, months):
    """``moment`` shifted by ``months`` calendar months (day clamped to the month's end)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


# --- Queries ---------------------------------------------------------------------------------


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
    days = expiry_notice_days() if days is None else days
    return Listing.objects.public().filter(expire_at__gt=now, expire_at__lte=now + timedelta(days=days))


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
    """When a rejected, withdrawn or expired listing went offline (for the RGPD purge)."""
    return Case(
        When(rejected_at__isnull=False, then=F("rejected_at")),
        When(Q(expired=True) | Q(expire_at__lte=timezone.now()), then=Coalesce("expire_at", withdrawn_since())),
        default=withdrawn_since(),
        output_field=DateTimeField(),
    )


# --- Freshness run -----------------------------------------------------------------------------


@dataclass
class FreshnessReport:
    expiring_notified: list
    stale_notified: list
    withdrawn: list
    waiting: list


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
    grace = timedelta(days=withdraw_grace_days())
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
                "months": stale_cutoff_months(),
                "grace_days": withdraw_grace_days(),
            },
        )
    return True


# --- Confirmation --------------------------------------------------------------------------


class ConfirmationError(Exception):
    """A confirmation link or request that cannot be honoured; the message is for the user."""


def make_confirmation_token(listing):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object({"listing": listing.pk})


def read_confirmation_token(token):
    """The listing id in a valid token; ConfirmationError with a French message otherwise."""
    try:
        data = signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(token, max_age=confirmation_link_max_age())
    except signing.SignatureExpired as error:
        raise ConfirmationError(
            "Ce lien de confirmation a expiré. Connectez-vous à votre espace contributeur "
            "ou contactez le guichet pour confirmer votre annonce."
        ) from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise ConfirmationError(
            "Ce lien de confirmation n'est pas valide. Vérifiez que vous avez copié l'adresse complète "
            "reçue par e-mail."
        ) from error
    if not isinstance(data, dict) or not isinstance(data.get("listing"), int):
        raise ConfirmationError("Ce lien de confirmation n'est pas valide.")
    return data["listing"]


def confirmation_url(listing):
    return absolute_url(reverse("listings_freshness:confirm", args=[make_confirmation_token(listing)]))


def check_confirmation_url(app_configs=None, **kwargs):
    """System check: the confirmation links e-mailed to submitters must resolve."""
    from django.core.checks import Warning
    from django.urls import NoReverseMatch

    try:
        reverse("listings_freshness:confirm", args=["token"])
    except NoReverseMatch:
        return [
            Warning(
                "The listing confirmation URL is not routed: freshness e-mails cannot be sent.",
                hint='Add path("", include("listings.freshness_urls")) to the project\'s URLconf.',
                id="listings.W001",
            )
        ]
    return []


def is_confirmable(listing):
    return Listing.objects.public().filter(pk=listing.pk).exists()


def _patch_revisions(listing, fields):
    """Carry the confirmation into the live and latest revisions, so that publishing one of
    them later does not bring back the old dates."""
    encoded = {name: DjangoJSONEncoder().default(value) if value else None for name, value in fields.items()}
    ids = {pk for pk in (listing.live_revision_id, listing.latest_revision_id) if pk}
    for revision in Revision.objects.filter(pk__in=ids):
        revision.content = {**(revision.content or {}), **encoded}
        revision.save(update_fields=["content"])


def confirm_listing(listing, *, user=None, now=None):
    """Record that the listing is still valid: ``last_confirmed_at`` = now, expiry pushed to
    at least one confirmation period ahead. Returns True if something changed, False if it
    was already confirmed in the last 24 hours. ConfirmationError if it is not online."""
    now = now or timezone.now()
    with transaction.atomic():
        listing = Listing.objects.select_for_update().get(pk=listing.pk)
        if not is_confirmable(listing):
            raise ConfirmationError(
                "Cette annonce n'est plus en ligne (expirée, retirée ou refusée) : elle ne peut pas être "
                "confirmée. Proposez-en une nouvelle version depuis votre espace ou contactez le guichet."
            )
        if listing.last_confirmed_at and listing.last_confirmed_at > now - CONFIRM_IDEMPOTENCE:
            return False
        months = stale_cutoff_months()
        previous_expiry = listing.expire_at
        new_expiry = previous_expiry
        if previous_expiry is not None and previous_expiry < add_months(now, months):
            new_expiry = add_months(now, months)
        Listing.objects.filter(pk=listing.pk).update(last_confirmed_at=now, expire_at=new_expiry)
        _patch_revisions(listing, {"last_confirmed_at": now, "expire_at": new_expiry})
        listing.last_confirmed_at, listing.expire_at = now, new_expiry
        log(
            listing,
            CONFIRM_ACTION,
            user=user,
            data={
                "expire_at_before": previous_expiry.isoformat() if previous_expiry else None,
                "expire_at": new_expiry.isoformat() if new_expiry else None,
            },
        )
    return True


@method_decorator(never_cache, name="dispatch")
class ConfirmListingView(View):
    """GET shows the listing and a button; POST confirms. No login: the token decides."""

    template_name = "listings/freshness/confirm.html"

    def get_listing(self, token):
        listing_id = read_confirmation_token(token)
        listing = Listing.objects.select_related("commune").filter(pk=listing_id).first()
        if listing is None:
            raise ConfirmationError("Cette annonce n'existe plus.")
        return listing

    def render(self, request, status=200, **context):
        context.setdefault("desk", desk_settings())
        return render(request, self.template_name, context, status=status)

    def get(self, request, token):
        try:
            listing = self.get_listing(token)
        except ConfirmationError as error:
            return self.render(request, status=400, error=str(error))
        return self.render(request, listing=listing, confirmable=is_confirmable(listing))

    def post(self, request, token):
        try:
            listing = self.get_listing(token)
            changed = confirm_listing(listing)
        except ConfirmationError as error:
            return self.render(request, status=400, error=str(error))
        listing.refresh_from_db()
        return self.render(request, listing=listing, confirmed=True, changed=changed)


confirm_listing_view = ConfirmListingView.as_view()
